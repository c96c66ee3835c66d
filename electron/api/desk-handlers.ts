/** Handlers of a counsel's desk (desk-contract.ts), merged into the router's handler map. */
import type { z } from 'zod';
import type { ServiceContext } from '../services/context';
import { openCopy, saveCopyAs, writeFileAtomic } from '../services/attachments/attachments';
import { AppError, notFound } from '../services/errors';
import { addDeskOpinion, deskFileBytes, listDesk, makeReplyPackage, openReviewPackage, type DeskFile, type DeskItem, type DeskOpinion } from '../services/exchange/desk';
import { setUpDesk } from '../services/exchange/desk-setup';
import { activePeer, addPeer, exportPublicKey, requireIdentity } from '../services/exchange/identity';
import { chooseReplyFile, forgetReplyFile, replyFileOf } from '../services/exchange/reply-files';
import type { MethodDef } from './define';
import { deskContract, type DeskFileView, type DeskItemDetail, type DeskItemRow, type DeskItemState, type DeskOpinionView } from './desk-contract';

type DeskContract = typeof deskContract;
type Output<M extends keyof DeskContract> = DeskContract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

function platform(ctx: ServiceContext) {
  if (!ctx.host) throw new AppError('VALIDATION', '当前运行环境不能打开文件选择窗口');
  return ctx.host.platform;
}

const fileView = (f: DeskFile): DeskFileView => ({ id: f.id, fileName: f.fileName, size: f.size });
const opinionView = (o: DeskOpinion): DeskOpinionView => ({ ...o, files: o.files.map(fileView) });

/** 待回复 (no opinion yet, or only one already sent for an older version), 待发送 (written, not in a 回复包 yet), 已回复 */
function stateOf(item: DeskItem): DeskItemState {
  if (item.opinions.some((o) => o.sentPackageId === null)) return 'drafted';
  return item.repliedAt ? 'replied' : 'todo';
}

function row(item: DeskItem): DeskItemRow {
  return {
    id: item.id,
    serialNo: item.serialNo,
    title: item.title,
    category: item.category,
    department: item.department,
    secrecy: item.secrecy,
    receivedOn: item.receivedOn,
    dueOn: item.dueOn,
    receivedAt: item.receivedAt,
    repliedAt: item.repliedAt,
    state: stateOf(item),
  };
}

function detail(ctx: ServiceContext, id: number): DeskItemDetail {
  const item = listDesk(ctx).find((i) => i.id === id);
  if (!item) throw notFound('事项');
  return {
    ...row(item),
    description: item.description,
    requester: item.requester,
    assignedOn: item.assignedOn,
    itemCount: item.itemCount,
    officeVersion: item.officeVersion,
    rounds: item.rounds,
    materials: item.materials.map(fileView),
    opinions: item.opinions.map(opinionView),
  };
}

export const deskHandlers: {
  [M in keyof DeskContract]: (ctx: ServiceContext, input: z.output<DeskContract[M]['input']>) => Output<M> | Promise<Output<M>>;
} = {
  'desk.setup': (ctx, input) => setUpDesk(ctx, input),
  'desk.status': (ctx) => {
    const own = requireIdentity(ctx.ledger.sqlite, 'counsel').public;
    const office = activePeer(ctx.ledger.sqlite, null);
    const counts = { todo: 0, drafted: 0, replied: 0 };
    for (const item of listDesk(ctx)) counts[stateOf(item)] += 1;
    return {
      own: { name: own.name, fingerprint: own.fingerprint },
      office: office ? { name: office.name, fingerprint: office.fingerprint, addedAt: office.addedAt } : null,
      counts,
    };
  },
  'desk.exportKey': async (ctx) => {
    requireIdentity(ctx.ledger.sqlite, 'counsel');
    const key = exportPublicKey(ctx);
    const target = await platform(ctx).chooseSavePath({ defaultName: `法律顾问公钥-${key.fingerprint}.clkey`, filters: [{ name: '公钥文件', extensions: ['clkey'] }] });
    if (!target) return null;
    writeFileAtomic(target, Buffer.from(key.text, 'utf8'));
    return { path: target, fingerprint: key.fingerprint };
  },
  'desk.pairOffice': (ctx, input) => {
    requireIdentity(ctx.ledger.sqlite, 'counsel');
    const p = addPeer(ctx, { keyFileText: input.keyFileText, counselId: null, confirmFingerprint: input.confirmFingerprint });
    return { name: p.name, fingerprint: p.fingerprint };
  },
  'desk.choosePackage': (ctx) => chooseReplyFile(ctx, '送审包'),
  'desk.openPackage': (ctx, input) => {
    const opened = openReviewPackage(ctx, { file: replyFileOf(ctx, input.token, '送审包'), password: input.password });
    forgetReplyFile(input.token);
    return opened;
  },
  'desk.list': (ctx) => listDesk(ctx).map(row),
  'desk.get': (ctx, input) => detail(ctx, input.id),
  'desk.addOpinion': (ctx, input) =>
    opinionView(addDeskOpinion(ctx, { ...input, files: input.files.map((f) => ({ fileName: f.fileName, data: Buffer.from(f.dataBase64, 'base64') })) })),
  'desk.openFile': (ctx, input) => {
    const f = deskFileBytes(ctx, input.id);
    return openCopy(ctx, f.fileName, null, f.data);
  },
  'desk.saveFile': (ctx, input) => {
    const f = deskFileBytes(ctx, input.id);
    return saveCopyAs(ctx, f.fileName, f.data);
  },
  'desk.makeReply': async (ctx, input) => {
    requireIdentity(ctx.ledger.sqlite, 'counsel');
    if (!activePeer(ctx.ledger.sqlite, null)) throw new AppError('INVALID_TRANSITION', '还没有添加机关端的公钥：请先添加并核对指纹');
    // asked before the save dialog, so nobody chooses a file for nothing (makeReplyPackage checks again)
    if (!listDesk(ctx).some((i) => stateOf(i) === 'drafted')) throw new AppError('INVALID_TRANSITION', '没有尚未发出的意见，无需生成回复包');
    const day = ctx.now().toISOString().slice(0, 10);
    const out = await platform(ctx).chooseSavePath({ defaultName: `回复包-${day}.clpkg`, filters: [{ name: '回复包', extensions: ['clpkg'] }] });
    if (!out) return null;
    return makeReplyPackage(ctx, { out, password: input.password });
  },
};
