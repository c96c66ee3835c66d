/**
 * The office's end: 送审包 for one counsel, and 回复包 taken in — verified, previewed (which
 * opinion lands on which item, conflicts), and imported in one transaction (docs/EXCHANGE.md).
 */
import path from 'node:path';
import type { MadeReviewPackage, PackableItem, ReplyPreview, ReplyPreviewRow, RESOLUTIONS } from '#contract/exchange-contract';
import { SECRECY_ZH } from '#domain/secrecy';
import type { ConsultationDetail } from '#domain/types';
import { serialNoSql } from '../../../db/queries/people';
import { appendAudit } from '../audit';
import { cleanAttachmentName } from '../attachments/file-name';
import { judgeFileType } from '../attachments/file-type';
import { storeAttachment } from '../attachments/attachments';
import { inWriteTransaction, type ServiceContext } from '../context';
import { loadDetail } from '../consultations/read';
import { addOpinion, correctOpinion } from '../consultations/write';
import { AppError, invalidField, notFound } from '../errors';
import { readSettings } from '../settings';
import { replyContentSchema, type ReplyOpinion, type ReviewItem } from './content';
import { decryptPackage, fileSha256, PackageRefused, verifyPackage, type FileEntry, type FileSource } from './format';
import { activePeer, pairedSigner, unlockOwn, type PeerKey } from './identity';
import { addBlobFile, collectFile, recordOrRemove, recordPackage, refuseReplay, sealFor, validContent } from './package-io';

/** Items a 送审包 may carry: assigned to the counsel and waiting for (or given) an opinion. */
const PACKABLE = ['assigned', 'answered'] as const;

/** The items of a counsel that a 送审包 may carry, oldest first, with their 密级 (the 生成送审包 form lists them). */
export function packableItems(ctx: ServiceContext, counselId: number): PackableItem[] {
  const { sqlite } = ctx.ledger;
  if (!sqlite.prepare('SELECT 1 FROM counsels WHERE id = ?').get(counselId)) throw notFound('法律顾问');
  return sqlite
    .prepare(
      `SELECT c.id, ${serialNoSql('c')} AS serialNo, c.title, c.status, c.received_on AS receivedOn, c.due_on AS dueOn, c.secrecy,
              (SELECT count(*) FROM attachments a WHERE a.consultation_id = c.id AND a.trashed_at IS NULL) AS files,
              (SELECT count(*) FROM opinions o WHERE o.consultation_id = c.id) AS rounds
         FROM consultations c
        WHERE c.counsel_id = ? AND c.trashed_at IS NULL AND c.status IN (${PACKABLE.map(() => '?').join(', ')})
        ORDER BY c.received_on, c.id`,
    )
    .all(counselId, ...PACKABLE) as PackableItem[];
}

function chosenItems(ctx: ServiceContext, counselId: number, counselName: string, itemIds: readonly number[] | undefined): ConsultationDetail[] {
  const { sqlite } = ctx.ledger;
  const ids =
    itemIds ??
    (sqlite.prepare("SELECT id FROM consultations WHERE counsel_id = ? AND status = 'assigned' AND trashed_at IS NULL ORDER BY id").pluck().all(counselId) as number[]);
  if (ids.length === 0) throw invalidField('items', `${counselName}名下没有待出具意见的事项，没有可打包的内容`);
  return [...new Set(ids)].map((id) => {
    const row = sqlite.prepare('SELECT id FROM consultations WHERE id = ?').get(id);
    if (!row) throw invalidField('items', `事项 #${id} 不存在`);
    const d = loadDetail(ctx, id);
    if (d.trashedAt) throw invalidField('items', `事项 ${d.serialNo} 在回收站中，不能打包`);
    if (d.counselId !== counselId) throw invalidField('items', `事项 ${d.serialNo} 没有分派给${counselName}，不能放进给${counselName}的送审包`);
    if (!(PACKABLE as readonly string[]).includes(d.status)) throw invalidField('items', `事项 ${d.serialNo} 当前状态不需要法律顾问审查，不能打包`);
    return d;
  });
}

/**
 * 生成送审包: the items (default: every item of the counsel still waiting for an opinion),
 * their earlier rounds and materials, encrypted to the counsel's paired key, signed by the
 * office. Items marked 工作秘密 need `confirmWorkSecret`.
 */
export function makeReviewPackage(
  ctx: ServiceContext,
  input: { counselId: number; itemIds?: readonly number[]; out: string; password: string; confirmWorkSecret?: boolean },
): MadeReviewPackage {
  const { sqlite } = ctx.ledger;
  const counsel = sqlite.prepare('SELECT id, name FROM counsels WHERE id = ?').get(input.counselId) as { id: number; name: string } | undefined;
  if (!counsel) throw notFound('法律顾问');
  const peer = activePeer(sqlite, counsel.id);
  if (!peer) throw new AppError('INVALID_TRANSITION', `${counsel.name}还没有配对的公钥：请先在法律顾问的记录中添加其公钥（核对指纹）`);
  const details = chosenItems(ctx, counsel.id, counsel.name, input.itemIds);
  const secret = details.filter((d) => d.secrecy === 'workSecret');
  if (secret.length > 0 && !input.confirmWorkSecret) {
    throw new AppError('VALIDATION', `以下事项的密级为${SECRECY_ZH.workSecret}，请确认后再打包：${secret.map((d) => d.serialNo).join('、')}`, [
      { path: 'confirmWorkSecret', message: '请确认工作秘密事项可以交给法律顾问' },
    ]);
  }
  const keys = unlockOwn(sqlite, 'office', input.password);
  const files: FileSource[] = [];
  const items: ReviewItem[] = details.map((d) => {
    const attachments = sqlite
      .prepare('SELECT file_name AS fileName, size, sha256 FROM attachments WHERE consultation_id = ? AND trashed_at IS NULL ORDER BY id')
      .all(d.id) as { fileName: string; size: number; sha256: string }[];
    const refs = attachments.map((a) => addBlobFile(sqlite, files, a));
    return {
      id: d.id,
      version: d.version,
      serialNo: d.serialNo,
      title: d.title,
      description: d.description,
      category: d.categoryName,
      department: d.departmentName,
      requester: d.requester,
      receivedOn: d.receivedOn,
      dueOn: d.dueOn,
      assignedOn: d.assignedOn,
      itemCount: d.itemCount,
      secrecy: d.secrecy,
      rounds: d.opinions.map((o) => ({ round: o.round, conclusion: o.conclusion, text: o.text, issuedOn: o.issuedOn, counselName: o.counselName ?? '' })),
      files: refs,
    };
  });
  const content = { office: { name: readSettings(ctx.ledger.db).officeName || '机关' }, counsel: { id: counsel.id, name: counsel.name }, items };
  const written = sealFor(ctx.now(), 'review', input.out, keys, peer, content, files);
  const { packageId, file } = written;
  const summary = details.map((d, i) => ({ id: d.id, serialNo: d.serialNo, title: d.title, version: d.version, secrecy: items[i]!.secrecy, files: items[i]!.files.length }));
  recordOrRemove(file, () => inWriteTransaction(sqlite, () => {
    const at = ctx.now().toISOString();
    recordPackage(sqlite, {
      packageId,
      direction: 'sent',
      kind: 'review',
      counselId: counsel.id,
      peerFingerprint: peer.fingerprint,
      fileSha256: written.sha256,
      items: summary.map(({ id, version }) => ({ id, version })),
      at,
      actor: ctx.caller.username,
    });
    appendAudit(ctx, {
      action: 'exchange.sendReview',
      entity: 'counsel',
      entityId: counsel.id,
      after: { packageId, file: path.basename(file), sha256: written.sha256, recipientFingerprint: peer.fingerprint, items: summary },
    });
  }));
  return { packageId, file, size: written.size, sha256: written.sha256, counsel: { id: counsel.id, name: counsel.name, fingerprint: peer.fingerprint }, items: summary };
}

export type Resolution = (typeof RESOLUTIONS)[number];
export type { MadeReviewPackage, ReplyPreview, ReplyPreviewRow };



interface CheckedReply {
  preview: ReplyPreview;
  opinions: ReplyOpinion[];
  files: FileEntry[];
  peer: PeerKey;
  file: string;
  digest: Buffer;
  opened: ReturnType<typeof verifyPackage>['opened'];
  decryptionKey: ReturnType<typeof unlockOwn>['decryptionKey'];
}

function checkReply(ctx: ServiceContext, file: string, password: string, resolutions: Readonly<Record<number, Resolution>>): CheckedReply {
  const { sqlite } = ctx.ledger;
  const keys = unlockOwn(sqlite, 'office', password);
  let signer: ReturnType<typeof pairedSigner> = null;
  const { opened, digest } = verifyPackage(file, {
    kind: 'reply',
    signerKey: (fp) => (signer = pairedSigner(sqlite, 'counsel', fp))?.key ?? null,
    myFingerprint: keys.fingerprint,
  });
  const peer = (signer as ReturnType<typeof pairedSigner>)!.peer;
  refuseReplay(sqlite, 'reply', opened.header.packageId);
  const { files, content } = decryptPackage(file, opened, { decryptionKey: keys.decryptionKey, expectDigest: digest });
  const reply = validContent(replyContentSchema, content, files, (c) => c.opinions.flatMap((o) => o.files));
  const counsel = sqlite.prepare('SELECT id, name FROM counsels WHERE id = ?').get(peer.counselId) as { id: number; name: string };
  const byRef = new Map(files.map((f) => [f.ref, f]));
  const seen = new Set<number>();
  const rows = reply.opinions.map((o): ReplyPreviewRow => {
    if (seen.has(o.itemId)) throw new PackageRefused('damaged', '回复包中同一事项出现了两次，未导入任何内容。');
    seen.add(o.itemId);
    const item = sqlite
      .prepare('SELECT counsel_id AS counselId, trashed_at AS trashedAt, version, (SELECT count(*) FROM opinions WHERE consultation_id = c.id) AS rounds FROM consultations c WHERE id = ?')
      .get(o.itemId) as { counselId: number | null; trashedAt: string | null; version: number; rounds: number } | undefined;
    if (!item || item.counselId !== counsel.id) {
      throw new PackageRefused(
        'foreign',
        `回复包中的事项（#${o.itemId}）没有分派给签名的法律顾问${counsel.name}（指纹 ${peer.fingerprint}），不能由其回复，未导入任何内容。`,
      );
    }
    const d = loadDetail(ctx, o.itemId);
    const conflict = item.version !== o.basedOnVersion ? { packagedVersion: o.basedOnVersion, currentVersion: item.version, roundsSeen: o.roundsSeen, roundsNow: item.rounds } : null;
    const chosen = resolutions[o.itemId];
    const action: ReplyPreviewRow['action'] = !conflict
      ? 'addRound'
      : chosen === undefined
        ? 'unresolved'
        : chosen === 'skip'
          ? 'skip'
          : item.rounds > o.roundsSeen
            ? 'replaceOfficeRound'
            : 'addRound';
    return {
      itemId: o.itemId,
      serialNo: d.serialNo,
      title: d.title,
      conclusion: o.conclusion,
      issuedOn: o.issuedOn,
      text: o.text,
      files: o.files.map((r) => ({ name: byRef.get(r)!.name, size: byRef.get(r)!.size })),
      conflict,
      action,
    };
  });
  return {
    preview: {
      packageId: opened.header.packageId,
      createdAt: opened.header.createdAt,
      counsel: { id: counsel.id, name: counsel.name, fingerprint: peer.fingerprint },
      rows,
      conflicts: rows.filter((r) => r.conflict).length,
      committed: false,
    },
    opinions: reply.opinions,
    files,
    peer,
    file,
    digest,
    opened,
    decryptionKey: keys.decryptionKey,
  };
}

const REPLACE_REASON = '经回复包导入：法律顾问的回复与机关端在送审包生成后录入的意见冲突，以回复为准，机关端录入的原文保留在历史中';

/**
 * 导入回复包. A dry run (commit false) answers the preview and writes nothing. Commit imports
 * every opinion in one transaction (the counsel as author, channel 经回复包导入, the
 * attachments, audit records); an item changed since the 送审包 needs a resolution first.
 */
export function receiveReply(
  ctx: ServiceContext,
  input: { file: string; password: string; commit: boolean; resolutions?: Readonly<Record<number, Resolution>> },
): ReplyPreview {
  const checked = checkReply(ctx, input.file, input.password, input.resolutions ?? {});
  if (!input.commit) return checked.preview;
  const unresolved = checked.preview.rows.filter((r) => r.action === 'unresolved');
  if (unresolved.length > 0) {
    throw new AppError(
      'CONFLICT',
      `${unresolved.map((r) => r.serialNo).join('、')} 在送审包生成后被改动过，请逐项选择：导入回复（两段文字都保留在历史中）或不导入`,
    );
  }
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    refuseReplay(sqlite, 'reply', checked.preview.packageId);
    const opinionOf = new Map<string, { consultationId: number; opinionId: number }>();
    const done: { itemId: number; action: ReplyPreviewRow['action']; opinionId: number | null; skipped?: ReplyOpinion }[] = [];
    for (const [i, o] of checked.opinions.entries()) {
      const row = checked.preview.rows[i]!;
      if (row.action === 'skip') {
        done.push({ itemId: o.itemId, action: 'skip', opinionId: null, skipped: o });
        continue;
      }
      const before = loadDetail(ctx, o.itemId);
      let after: ConsultationDetail;
      let opinionId: number;
      if (row.action === 'replaceOfficeRound') {
        const latest = before.opinions.at(-1)!;
        after = correctOpinion(ctx, { id: o.itemId, version: before.version, opinionId: latest.id, conclusion: o.conclusion, text: o.text, issuedOn: o.issuedOn, reason: REPLACE_REASON });
        opinionId = latest.id;
      } else {
        after = addOpinion(ctx, { id: o.itemId, version: before.version, conclusion: o.conclusion, text: o.text, issuedOn: o.issuedOn, counselId: checked.preview.counsel.id });
        opinionId = after.opinions.at(-1)!.id;
      }
      sqlite.prepare("UPDATE opinions SET channel = 'replyPackage' WHERE id = ?").run(opinionId);
      for (const ref of o.files) opinionOf.set(ref, { consultationId: o.itemId, opinionId });
      done.push({ itemId: o.itemId, action: row.action, opinionId });
    }
    // the attachments, one file at a time, from a second pass over the same signed bytes
    decryptPackage(checked.file, checked.opened, {
      decryptionKey: checked.decryptionKey,
      expectDigest: checked.digest,
      onFile: (entry) => {
        const target = opinionOf.get(entry.ref);
        if (!target) return null;
        return collectFile(entry, (data) => {
          const fileName = cleanAttachmentName(entry.name);
          storeAttachment(ctx, { ...target, fileName, mimeType: judgeFileType(fileName, data), data, sha256: entry.sha256, text: null });
        });
      },
    });
    const at = ctx.now().toISOString();
    recordPackage(sqlite, {
      packageId: checked.preview.packageId,
      direction: 'received',
      kind: 'reply',
      counselId: checked.preview.counsel.id,
      peerFingerprint: checked.peer.fingerprint,
      fileSha256: fileSha256(checked.file),
      items: done.map(({ itemId, action, opinionId }) => ({ itemId, action, opinionId })),
      at,
      actor: ctx.caller.username,
    });
    appendAudit(ctx, {
      action: 'exchange.receiveReply',
      entity: 'counsel',
      entityId: checked.preview.counsel.id,
      after: { packageId: checked.preview.packageId, signerFingerprint: checked.peer.fingerprint, channel: '经回复包导入', opinions: done },
    });
    return { ...checked.preview, committed: true };
  });
}
