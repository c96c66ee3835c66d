/**
 * A counsel's desk (法律顾问端): its own database holds only what 送审包 brought — the items,
 * their materials and earlier rounds — and the opinions written here, which go back to the
 * office in a 回复包 (docs/EXCHANGE.md).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Conclusion } from '#domain/types';
import { MAX_ATTACHMENT_BYTES } from '#domain/types';
import { appendAudit } from '../audit';
import { cleanAttachmentName } from '../attachments/file-name';
import { inWriteTransaction, type ServiceContext } from '../context';
import { refuseFuture } from '../consultations/not-future';
import { AppError, invalidField, notFound } from '../errors';
import { reviewContentSchema, type ReplyOpinion, type ReviewItem } from './content';
import { decryptPackage, fileSha256, verifyPackage, type FileSource } from './format';
import { activePeer, pairedSigner, requireIdentity, unlockOwn } from './identity';
import { addBlobFile, collectFile, recordOrRemove, recordPackage, refuseReplay, sealFor, validContent } from './package-io';

export interface DeskFile {
  id: number;
  fileName: string;
  size: number;
  sha256: string;
}
export interface DeskOpinion {
  id: number;
  conclusion: Conclusion;
  text: string;
  issuedOn: string;
  sentPackageId: string | null;
  files: DeskFile[];
}
export interface DeskItem extends ReviewItem {
  officeVersion: number;
  receivedAt: string;
  repliedAt: string | null;
  materials: DeskFile[];
  opinions: DeskOpinion[];
}

export interface OpenedReview {
  packageId: string;
  office: string;
  items: { id: number; serialNo: string; title: string; version: number; status: 'new' | 'updated' | 'unchanged' }[];
}

/** 打开送审包: verified against the paired office key, decrypted, the items added (a later package updates them). */
export function openReviewPackage(ctx: ServiceContext, input: { file: string; password: string }): OpenedReview {
  const { sqlite } = ctx.ledger;
  const keys = unlockOwn(sqlite, 'counsel', input.password);
  let officeFp = '';
  const { opened, digest } = verifyPackage(input.file, {
    kind: 'review',
    signerKey: (fp) => {
      officeFp = fp;
      return pairedSigner(sqlite, 'office', fp)?.key ?? null;
    },
    myFingerprint: keys.fingerprint,
  });
  refuseReplay(sqlite, 'review', opened.header.packageId);
  const first = decryptPackage(input.file, opened, { decryptionKey: keys.decryptionKey, expectDigest: digest });
  const review = validContent(reviewContentSchema, first.content, first.files, (c) => c.items.flatMap((i) => i.files));
  const itemOf = new Map(review.items.flatMap((i) => i.files.map((r) => [r, i.id] as const)));
  const fileSha = fileSha256(input.file);
  return inWriteTransaction(sqlite, () => {
    refuseReplay(sqlite, 'review', opened.header.packageId);
    const at = ctx.now().toISOString();
    const result: OpenedReview['items'] = [];
    for (const item of review.items) {
      const before = sqlite.prepare('SELECT office_version AS v FROM desk_items WHERE item_id = ?').get(item.id) as { v: number } | undefined;
      const { files: _refs, ...data } = item;
      if (!before) {
        sqlite.prepare('INSERT INTO desk_items (item_id, office_version, data, package_id, received_at) VALUES (?, ?, ?, ?, ?)').run(item.id, item.version, JSON.stringify(data), opened.header.packageId, at);
      } else if (item.version > before.v) {
        sqlite
          .prepare('UPDATE desk_items SET office_version = ?, data = ?, package_id = ?, received_at = ?, replied_at = NULL WHERE item_id = ?')
          .run(item.version, JSON.stringify(data), opened.header.packageId, at, item.id);
      }
      result.push({ id: item.id, serialNo: item.serialNo, title: item.title, version: item.version, status: !before ? 'new' : item.version > before.v ? 'updated' : 'unchanged' });
    }
    decryptPackage(input.file, opened, {
      decryptionKey: keys.decryptionKey,
      expectDigest: digest,
      onFile: (entry) => {
        const itemId = itemOf.get(entry.ref);
        if (itemId === undefined) return null;
        const fileName = cleanAttachmentName(entry.name);
        if (sqlite.prepare('SELECT 1 FROM desk_files WHERE item_id = ? AND desk_opinion_id IS NULL AND sha256 = ? AND file_name = ?').get(itemId, entry.sha256, fileName)) return null;
        return collectFile(entry, (data) => {
          sqlite.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?)').run(entry.sha256, data.length, data);
          sqlite.prepare('INSERT INTO desk_files (item_id, file_name, size, sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(itemId, fileName, data.length, entry.sha256, at);
        });
      },
    });
    recordPackage(sqlite, {
      packageId: opened.header.packageId,
      direction: 'received',
      kind: 'review',
      counselId: null,
      peerFingerprint: officeFp,
      fileSha256: fileSha,
      items: result.map(({ id, version, status }) => ({ id, version, status })),
      at,
      actor: ctx.caller.username,
    });
    appendAudit(ctx, { action: 'exchange.openReview', entity: 'exchange_package', entityId: opened.header.packageId, after: { office: review.office.name, items: result } });
    return { packageId: opened.header.packageId, office: review.office.name, items: result };
  });
}

const FILE_SELECT = 'SELECT id, file_name AS fileName, size, sha256 FROM desk_files';

/** 我的待办 at the desk: every item packages brought, with materials, earlier rounds and the opinions written here. */
export function listDesk(ctx: ServiceContext): DeskItem[] {
  const { sqlite } = ctx.ledger;
  const rows = sqlite
    .prepare('SELECT item_id AS itemId, office_version AS officeVersion, data, received_at AS receivedAt, replied_at AS repliedAt FROM desk_items ORDER BY item_id')
    .all() as { itemId: number; officeVersion: number; data: string; receivedAt: string; repliedAt: string | null }[];
  return rows.map((r) => {
    const opinions = (
      sqlite
        .prepare('SELECT id, conclusion, text, issued_on AS issuedOn, sent_package_id AS sentPackageId FROM desk_opinions WHERE item_id = ? ORDER BY id')
        .all(r.itemId) as Omit<DeskOpinion, 'files'>[]
    ).map((o) => ({ ...o, files: sqlite.prepare(`${FILE_SELECT} WHERE desk_opinion_id = ? ORDER BY id`).all(o.id) as DeskFile[] }));
    return {
      ...(JSON.parse(r.data) as Omit<ReviewItem, 'files'>),
      files: [],
      officeVersion: r.officeVersion,
      receivedAt: r.receivedAt,
      repliedAt: r.repliedAt,
      materials: sqlite.prepare(`${FILE_SELECT} WHERE item_id = ? AND desk_opinion_id IS NULL ORDER BY id`).all(r.itemId) as DeskFile[],
      opinions,
    };
  });
}

/** The bytes of a file at the desk (a material or an opinion's attachment), checked against its SHA-256. */
export function deskFileBytes(ctx: ServiceContext, id: number): { fileName: string; data: Buffer } {
  const f = ctx.ledger.sqlite.prepare(`${FILE_SELECT} WHERE id = ?`).get(id) as DeskFile | undefined;
  if (!f) throw notFound('文件');
  const data = ctx.ledger.sqlite.prepare('SELECT data FROM attachment_blobs WHERE sha256 = ?').pluck().get(f.sha256) as Buffer;
  if (createHash('sha256').update(data).digest('hex') !== f.sha256) throw new AppError('INTERNAL', `文件“${f.fileName}”已损坏`);
  return { fileName: f.fileName, data };
}

/** An opinion written at the desk, with its attachments (such as a signed PDF); it waits for the next 回复包. */
export function addDeskOpinion(
  ctx: ServiceContext,
  input: { itemId: number; conclusion: Conclusion; text: string; issuedOn: string; files: readonly { fileName: string; data: Buffer }[] },
): DeskOpinion {
  const { sqlite } = ctx.ledger;
  requireIdentity(sqlite, 'counsel');
  refuseFuture(ctx, 'issuedOn', input.issuedOn, '出具日期');
  for (const f of input.files) {
    if (f.data.length === 0) throw invalidField('files', `文件“${f.fileName}”是空文件`);
    if (f.data.length > MAX_ATTACHMENT_BYTES) throw invalidField('files', `文件“${f.fileName}”超过单个附件的大小上限`);
  }
  return inWriteTransaction(sqlite, () => {
    const item = sqlite.prepare('SELECT office_version AS v, data FROM desk_items WHERE item_id = ?').get(input.itemId) as { v: number; data: string } | undefined;
    if (!item) throw notFound('事项');
    const assignedOn = (JSON.parse(item.data) as ReviewItem).assignedOn;
    if (assignedOn && input.issuedOn < assignedOn) throw invalidField('issuedOn', `出具日期（${input.issuedOn}）不能早于分派日期（${assignedOn}）`);
    if (sqlite.prepare('SELECT 1 FROM desk_opinions WHERE item_id = ? AND sent_package_id IS NULL').get(input.itemId)) {
      throw new AppError('CONFLICT', '这个事项已有一份尚未发出的意见：请先生成回复包');
    }
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = sqlite
      .prepare('INSERT INTO desk_opinions (item_id, conclusion, text, issued_on, based_on_version, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.itemId, input.conclusion, input.text, input.issuedOn, item.v, at);
    const opinionId = Number(lastInsertRowid);
    for (const f of input.files) {
      const sha256 = createHash('sha256').update(f.data).digest('hex');
      sqlite.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha256, f.data.length, f.data);
      sqlite
        .prepare('INSERT INTO desk_files (item_id, desk_opinion_id, file_name, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.itemId, opinionId, cleanAttachmentName(f.fileName), f.data.length, sha256, at);
    }
    const opinion = listDesk(ctx)
      .find((i) => i.id === input.itemId)!
      .opinions.find((o) => o.id === opinionId)!;
    appendAudit(ctx, { action: 'exchange.deskOpinion', entity: 'desk_item', entityId: input.itemId, after: { ...opinion, files: opinion.files.map((f) => f.fileName) } });
    return opinion;
  });
}

/** 生成回复包: every opinion not yet sent, encrypted to the paired office key, signed by this desk. */
export function makeReplyPackage(ctx: ServiceContext, input: { out: string; password: string }): { packageId: string; file: string; opinions: number } {
  const { sqlite } = ctx.ledger;
  const identity = requireIdentity(sqlite, 'counsel');
  const office = activePeer(sqlite, null);
  if (!office) throw new AppError('INVALID_TRANSITION', '还没有添加机关端的公钥：请先添加并核对指纹');
  const pending = listDesk(ctx).flatMap((item) => item.opinions.filter((o) => o.sentPackageId === null).map((o) => ({ item, o })));
  if (pending.length === 0) throw new AppError('INVALID_TRANSITION', '没有尚未发出的意见，无需生成回复包');
  const keys = unlockOwn(sqlite, 'counsel', input.password);
  const files: FileSource[] = [];
  const opinions: ReplyOpinion[] = pending.map(({ item, o }) => ({
    itemId: item.id,
    basedOnVersion: item.officeVersion,
    roundsSeen: item.rounds.length,
    conclusion: o.conclusion,
    text: o.text,
    issuedOn: o.issuedOn,
    files: o.files.map((f) => addBlobFile(sqlite, files, f)),
  }));
  const written = sealFor(ctx.now(), 'reply', input.out, keys, office, { counsel: { name: identity.public.name }, opinions }, files);
  const { packageId, file } = written;
  recordOrRemove(file, () => inWriteTransaction(sqlite, () => {
    const at = ctx.now().toISOString();
    for (const { item, o } of pending) {
      sqlite.prepare('UPDATE desk_opinions SET sent_package_id = ? WHERE id = ?').run(packageId, o.id);
      sqlite.prepare('UPDATE desk_items SET replied_at = ? WHERE item_id = ?').run(at, item.id);
    }
    recordPackage(sqlite, {
      packageId,
      direction: 'sent',
      kind: 'reply',
      counselId: null,
      peerFingerprint: office.fingerprint,
      fileSha256: written.sha256,
      items: opinions.map((o) => ({ itemId: o.itemId, basedOnVersion: o.basedOnVersion })),
      at,
      actor: ctx.caller.username,
    });
    appendAudit(ctx, { action: 'exchange.sendReply', entity: 'exchange_package', entityId: packageId, after: { file: path.basename(file), sha256: written.sha256, opinions: opinions.length } });
  }));
  return { packageId, file, opinions: opinions.length };
}
