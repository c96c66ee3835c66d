/** Handlers of the exchange methods (the office's end), merged into the router's handler map. */
import type { z } from 'zod';
import type { ServiceContext } from '../services/context';
import { writeFileAtomic } from '../services/attachments/attachments';
import { cleanAttachmentName } from '../services/attachments/file-name';
import { AppError, notFound } from '../services/errors';
import { addPeer, exportPublicKey, listPeers, ownIdentity, revokePeer, setUpIdentity, type PeerKey } from '../services/exchange/identity';
import { makeReviewPackage, packableItems, receiveReply } from '../services/exchange/office';
import { chooseReplyFile, forgetReplyFile, replyFileOf } from '../services/exchange/reply-files';
import type { MethodDef } from './define';
import { exchangeContract, type PeerKeyView } from './exchange-contract';

type ExchangeContract = typeof exchangeContract;
type Output<M extends keyof ExchangeContract> = ExchangeContract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

function platform(ctx: ServiceContext) {
  if (!ctx.host) throw new AppError('VALIDATION', '当前运行环境不能打开文件选择窗口');
  return ctx.host.platform;
}

function peerView(ctx: ServiceContext, p: PeerKey): PeerKeyView {
  const counselName =
    p.counselId === null ? null : ((ctx.ledger.sqlite.prepare('SELECT name FROM counsels WHERE id = ?').pluck().get(p.counselId) as string | undefined) ?? null);
  return {
    id: p.id,
    end: p.end,
    name: p.name,
    fingerprint: p.fingerprint,
    counselId: p.counselId,
    counselName,
    addedAt: p.addedAt,
    addedBy: p.addedBy,
    revokedAt: p.revokedAt,
    revokedBy: p.revokedBy,
  };
}

export const exchangeHandlers: {
  [M in keyof ExchangeContract]: (
    ctx: ServiceContext,
    input: z.output<ExchangeContract[M]['input']>,
  ) => Output<M> | Promise<Output<M>>;
} = {
  'exchange.status': (ctx) => {
    const own = ownIdentity(ctx.ledger.sqlite);
    return {
      own: own ? { end: own.public.end, name: own.public.name, fingerprint: own.public.fingerprint } : null,
      peers: listPeers(ctx.ledger.sqlite)
        .reverse()
        .map((p) => peerView(ctx, p)),
    };
  },
  'exchange.setup': (ctx, input) => {
    const p = setUpIdentity(ctx, { end: 'office', name: input.name, password: input.password });
    return { end: p.end, name: p.name, fingerprint: p.fingerprint };
  },
  'exchange.exportKey': async (ctx) => {
    const key = exportPublicKey(ctx);
    const target = await platform(ctx).chooseSavePath({
      defaultName: `机关端公钥-${key.fingerprint}.clkey`,
      filters: [{ name: '公钥文件', extensions: ['clkey'] }],
    });
    if (!target) return null;
    try {
      writeFileAtomic(target, Buffer.from(key.text, 'utf8'));
    } catch (e) {
      throw new AppError('VALIDATION', `公钥文件未能保存：${(e as Error).message}`);
    }
    return { path: target, fingerprint: key.fingerprint };
  },
  'exchange.addPeer': (ctx, input) => peerView(ctx, addPeer(ctx, input)),
  'exchange.revokePeer': (ctx, input) => peerView(ctx, revokePeer(ctx, input)),
  'exchange.packable': (ctx, input) => packableItems(ctx, input.counselId),
  'exchange.makePackage': async (ctx, input) => {
    const counsel = ctx.ledger.sqlite.prepare('SELECT name FROM counsels WHERE id = ?').pluck().get(input.counselId) as string | undefined;
    if (counsel === undefined) throw notFound('法律顾问');
    const day = ctx.now().toISOString().slice(0, 10);
    const out = await platform(ctx).chooseSavePath({ defaultName: cleanAttachmentName(`送审包-${counsel}-${day}.clpkg`), filters: [{ name: '送审包', extensions: ['clpkg'] }] });
    if (!out) return null;
    return makeReviewPackage(ctx, { ...input, out });
  },
  'exchange.chooseReply': (ctx) => chooseReplyFile(ctx),
  'exchange.receiveReply': (ctx, input) => {
    const file = replyFileOf(ctx, input.token);
    const resolutions = Object.fromEntries(input.resolutions.map((r) => [r.itemId, r.resolution]));
    const preview = receiveReply(ctx, { file, password: input.password, commit: input.commit, resolutions });
    if (preview.committed) forgetReplyFile(input.token);
    return preview;
  },
};
