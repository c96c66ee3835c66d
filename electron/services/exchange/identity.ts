/**
 * This end's exchange keys and the paired keys of the other ends, in the database
 * (exchange_identity, exchange_peers). Every change is audited; a key is never deleted,
 * only revoked (docs/EXCHANGE.md).
 */
import type Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, notFound } from '../errors';
import { generateIdentity, keyFileText, parseKeyFile, signingKeyOf, unlockIdentity, type ExchangeEnd, type Identity, type PublicIdentity, type UnlockedKeys } from './keys';

export interface PeerKey extends PublicIdentity {
  id: number;
  counselId: number | null;
  addedAt: string;
  addedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

const PEER_SELECT = `SELECT id, end, counsel_id AS counselId, name, encryption_key AS encryptionKey, signing_key AS signingKey, fingerprint,
  added_at AS addedAt, added_by AS addedBy, revoked_at AS revokedAt, revoked_by AS revokedBy FROM exchange_peers`;

export function ownIdentity(sqlite: Database.Database): Identity | null {
  const row = sqlite
    .prepare('SELECT end, name, encryption_key AS encryptionKey, signing_key AS signingKey, fingerprint, sealed_private AS sealed FROM exchange_identity WHERE id = 1')
    .get() as (PublicIdentity & { sealed: string }) | undefined;
  if (!row) return null;
  const { sealed, ...pub } = row;
  return { public: pub, sealed };
}

/** This end's identity of the expected end, or a message saying what is missing. */
export function requireIdentity(sqlite: Database.Database, end: ExchangeEnd): Identity {
  const id = ownIdentity(sqlite);
  if (!id) throw new AppError('INVALID_TRANSITION', '本机还没有交换密钥：请先生成密钥并与对方交换公钥');
  if (id.public.end !== end) {
    throw new AppError('INVALID_TRANSITION', end === 'office' ? '本机是法律顾问端，不能执行机关端的操作' : '本机是机关端，不能执行法律顾问端的操作');
  }
  return id;
}

export function unlockOwn(sqlite: Database.Database, end: ExchangeEnd, password: string): UnlockedKeys {
  return unlockIdentity(requireIdentity(sqlite, end), password);
}

/** Make this end's key pairs, once (first start). The password is the owner's. */
export function setUpIdentity(ctx: ServiceContext, input: { end: ExchangeEnd; name: string; password: string }): PublicIdentity {
  const { sqlite } = ctx.ledger;
  if (ownIdentity(sqlite)) throw new AppError('CONFLICT', '本机已有交换密钥，不能重复生成');
  const identity = generateIdentity(input.end, input.name, input.password);
  return inWriteTransaction(sqlite, () => {
    if (ownIdentity(sqlite)) throw new AppError('CONFLICT', '本机已有交换密钥，不能重复生成');
    const p = identity.public;
    sqlite
      .prepare(
        `INSERT INTO exchange_identity (id, end, name, encryption_key, signing_key, fingerprint, sealed_private, created_at, created_by)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.end, p.name, p.encryptionKey, p.signingKey, p.fingerprint, identity.sealed, ctx.now().toISOString(), ctx.caller.username);
    appendAudit(ctx, { action: 'exchange.setUpKeys', entity: 'exchange_key', entityId: p.fingerprint, after: p });
    return p;
  });
}

/** The .clkey text of this end's public keys (to hand to the other end). */
export function exportPublicKey(ctx: ServiceContext): { text: string; fingerprint: string } {
  const id = ownIdentity(ctx.ledger.sqlite);
  if (!id) throw new AppError('INVALID_TRANSITION', '本机还没有交换密钥');
  return { text: keyFileText(id.public), fingerprint: id.public.fingerprint };
}

export function listPeers(sqlite: Database.Database): PeerKey[] {
  return sqlite.prepare(`${PEER_SELECT} ORDER BY id`).all() as PeerKey[];
}

/** The unrevoked key paired for this counsel (office side) or for the office (counsel side: counselId null). */
export function activePeer(sqlite: Database.Database, counselId: number | null): PeerKey | null {
  const row = sqlite.prepare(`${PEER_SELECT} WHERE revoked_at IS NULL AND counsel_id IS ? ORDER BY id DESC LIMIT 1`).get(counselId) as PeerKey | undefined;
  return row ?? null;
}

/** The unrevoked peer key with this fingerprint (its signing key), for checking a package's signer. */
export function pairedSigner(sqlite: Database.Database, end: ExchangeEnd, fingerprint: string): { peer: PeerKey; key: KeyObject } | null {
  const row = sqlite.prepare(`${PEER_SELECT} WHERE revoked_at IS NULL AND end = ? AND fingerprint = ?`).get(end, fingerprint) as PeerKey | undefined;
  return row ? { peer: row, key: signingKeyOf(row) } : null;
}

/**
 * Pair the other end's public key: at the office a counsel's key on that counsel's record
 * (the earlier key of that counsel, if any, is revoked in the same transaction: a change),
 * at a counsel's desk the office's key. The fingerprint the admin read out on the phone
 * must be typed back (`confirmFingerprint`) and match.
 */
export function addPeer(ctx: ServiceContext, input: { keyFileText: string; counselId: number | null; confirmFingerprint: string }): PeerKey {
  const { sqlite } = ctx.ledger;
  const own = ownIdentity(sqlite);
  if (!own) throw new AppError('INVALID_TRANSITION', '本机还没有交换密钥：请先生成本机的密钥');
  const key = parseKeyFile(input.keyFileText);
  const wantEnd: ExchangeEnd = own.public.end === 'office' ? 'counsel' : 'office';
  if (key.end !== wantEnd) throw new AppError('VALIDATION', wantEnd === 'counsel' ? '这是机关端的公钥，这里要添加的是法律顾问的公钥' : '这是法律顾问的公钥，这里要添加的是机关端的公钥');
  if (input.confirmFingerprint.trim().toUpperCase() !== key.fingerprint) {
    throw new AppError('VALIDATION', `核对的指纹与公钥文件的指纹（${key.fingerprint}）不一致：请与对方电话核对后再添加`);
  }
  if (key.fingerprint === own.public.fingerprint) throw new AppError('VALIDATION', '这是本机自己的公钥');
  if (wantEnd === 'counsel' && input.counselId === null) throw new AppError('VALIDATION', '请选择这把公钥所属的法律顾问');
  if (wantEnd === 'office' && input.counselId !== null) throw new AppError('VALIDATION', '法律顾问端只添加机关端的公钥');
  return inWriteTransaction(sqlite, () => {
    if (input.counselId !== null && !sqlite.prepare('SELECT 1 FROM counsels WHERE id = ?').get(input.counselId)) throw notFound('法律顾问');
    const other = sqlite.prepare('SELECT counsel_id AS counselId FROM exchange_peers WHERE revoked_at IS NULL AND fingerprint = ?').get(key.fingerprint) as
      | { counselId: number | null }
      | undefined;
    if (other) throw new AppError('CONFLICT', other.counselId === input.counselId ? '这把公钥已经添加过了' : '这把公钥已属于另一位法律顾问');
    const at = ctx.now().toISOString();
    const before = activePeer(sqlite, input.counselId);
    if (before) sqlite.prepare('UPDATE exchange_peers SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(at, ctx.caller.username, before.id);
    const { lastInsertRowid } = sqlite
      .prepare(
        `INSERT INTO exchange_peers (end, counsel_id, name, encryption_key, signing_key, fingerprint, added_at, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(key.end, input.counselId, key.name, key.encryptionKey, key.signingKey, key.fingerprint, at, ctx.caller.username);
    const after = sqlite.prepare(`${PEER_SELECT} WHERE id = ?`).get(lastInsertRowid) as PeerKey;
    appendAudit(ctx, {
      action: before ? 'exchange.changePeerKey' : 'exchange.addPeerKey',
      entity: input.counselId === null ? 'exchange_key' : 'counsel',
      entityId: input.counselId ?? key.fingerprint,
      before: before ?? undefined,
      after,
    });
    return after;
  });
}

/** Revoke a paired key: packages it signs are refused from now on. */
export function revokePeer(ctx: ServiceContext, input: { id: number; reason: string }): PeerKey {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const before = sqlite.prepare(`${PEER_SELECT} WHERE id = ?`).get(input.id) as PeerKey | undefined;
    if (!before) throw notFound('公钥');
    if (before.revokedAt) throw new AppError('INVALID_TRANSITION', '这把公钥已经撤销');
    sqlite.prepare('UPDATE exchange_peers SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(ctx.now().toISOString(), ctx.caller.username, input.id);
    const after = sqlite.prepare(`${PEER_SELECT} WHERE id = ?`).get(input.id) as PeerKey;
    appendAudit(ctx, {
      action: 'exchange.revokePeerKey',
      entity: before.counselId === null ? 'exchange_key' : 'counsel',
      entityId: before.counselId ?? before.fingerprint,
      before,
      after: { ...after, reason: input.reason },
    });
    return after;
  });
}
