/**
 * Methods of the exchange packages with counsel (数据交换, docs/EXCHANGE.md), the office's
 * end, merged into the contract (no service code here, so the renderer may import it).
 *
 *   exchange.status                     → this end's key (or null) and the paired counsel keys
 *   exchange.setup {name, password}     → make the office's key pairs, once (admin)
 *   exchange.exportKey                  → the office's public key file, saved where the admin chooses
 *   exchange.addPeer {counselId, keyFileText, confirmFingerprint} → pair (or replace) a counsel's key
 *   exchange.revokePeer {id, reason}    → revoke a paired key
 *   exchange.packable {counselId}         → the counsel's items a 送审包 may carry, with their 密级
 *   exchange.makePackage {counselId, itemIds?, password, confirmWorkSecret} → 送审包, saved where the registrar chooses
 *   exchange.chooseReply                → a 回复包 picked in the open dialog; the renderer gets a token, never a path
 *   exchange.receiveReply {token, password, commit, resolutions} → the preview (dry run) or the import
 */
import { z } from 'zod';
import { method, required, type MethodDef } from './define';
import type { Conclusion, Role } from '../domain/types';
import type { Secrecy } from '../domain/secrecy';

const ADMIN: readonly Role[] = ['admin'];
const REGISTRAR: readonly Role[] = ['registrar'];
/** the admin pairs keys, the registrar needs to see who is paired before packing */
const KEEPERS: readonly Role[] = ['admin', 'registrar'];

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** the password that seals the office's private keys (never stored, never logged) */
const keyPassword = z.string().min(1, { message: '请输入机关端密钥的口令' }).max(200, { message: '口令不能超过 200 个字符' });
/** the public key file's text (a .clkey is a few hundred bytes; electron/services/exchange/keys.ts reads it) */
const KEY_FILE_MAX = 4096;
export const fingerprintInput = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, { message: '指纹的格式应为 XXXX-XXXX-XXXX-XXXX' });
/** 32 random bytes, base64url */
export const replyToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: '回复包已失效，请重新选择文件' });

export const exchangeSetupInput = z.strictObject({
  name: required(100, '机关名称'),
  password: z.string().min(8, { message: '保护密钥的口令至少 8 个字符' }).max(200, { message: '口令不能超过 200 个字符' }),
});
export const addPeerInput = z.strictObject({
  counselId: id,
  keyFileText: z.string().min(1, { message: '请选择法律顾问的公钥文件' }).max(KEY_FILE_MAX, { message: '公钥文件过大，不是本软件导出的公钥文件' }),
  confirmFingerprint: fingerprintInput,
});
export const revokePeerInput = z.strictObject({ id, reason: required(200, '撤销原因') });
export const makePackageInput = z.strictObject({
  counselId: id,
  /** default: every item of the counsel still waiting for an opinion */
  itemIds: z.array(id).min(1, { message: '请至少选择一个事项' }).max(500, { message: '一个送审包最多 500 个事项' }).optional(),
  password: keyPassword,
  /** the registrar confirmed that the items marked 工作秘密 may go to the counsel */
  confirmWorkSecret: z.boolean().default(false),
});
export const RESOLUTIONS = ['import', 'skip'] as const;
export const receiveReplyInput = z.strictObject({
  token: replyToken,
  password: keyPassword,
  /** false: check and preview only, nothing written */
  commit: z.boolean().default(false),
  /** for each item changed at the office since the 送审包: import the reply, or leave it out */
  resolutions: z
    .array(z.strictObject({ itemId: id, resolution: z.enum(RESOLUTIONS) }))
    .max(500)
    .default([]),
});

// ---- what the methods return ----

export interface ExchangeKeyView {
  end: 'office' | 'counsel';
  name: string;
  fingerprint: string;
}

export interface PeerKeyView extends ExchangeKeyView {
  id: number;
  counselId: number | null;
  counselName: string | null;
  addedAt: string;
  addedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface ExchangeStatus {
  /** this end's key; null until the admin makes it */
  own: ExchangeKeyView | null;
  /** every paired key, the revoked ones too (a key is never deleted), newest first */
  peers: PeerKeyView[];
}

/** an item a 送审包 may carry (assigned to the counsel, not in the trash, waiting for or given an opinion) */
export interface PackableItem {
  id: number;
  serialNo: string;
  title: string;
  status: 'assigned' | 'answered';
  receivedOn: string;
  dueOn: string | null;
  secrecy: Secrecy;
  /** materials (attachments not in the trash) */
  files: number;
  /** opinions given so far */
  rounds: number;
}

/** 生成送审包's answer */
export interface MadeReviewPackage {
  packageId: string;
  file: string;
  size: number;
  sha256: string;
  counsel: { id: number; name: string; fingerprint: string };
  items: { id: number; serialNo: string; title: string; version: number; secrecy: Secrecy; files: number }[];
}

export interface ReplyFileView {
  token: string;
  fileName: string;
  size: number;
  expiresAt: string;
}

export interface ReplyPreviewRow {
  itemId: number;
  serialNo: string;
  title: string;
  conclusion: Conclusion;
  issuedOn: string;
  text: string;
  files: { name: string; size: number }[];
  /** the item changed at the office after the 送审包 was made */
  conflict: null | { packagedVersion: number; currentVersion: number; roundsSeen: number; roundsNow: number };
  /** what the import does: a new round; correct the round the office entered meanwhile (its text kept in the history); leave it out; or wait for a choice */
  action: 'addRound' | 'replaceOfficeRound' | 'skip' | 'unresolved';
}

/** 导入回复包's answer: the preview (committed false) or what was imported */
export interface ReplyPreview {
  packageId: string;
  createdAt: string;
  counsel: { id: number; name: string; fingerprint: string };
  rows: ReplyPreviewRow[];
  conflicts: number;
  committed: boolean;
}

export const exchangeContract = {
  'exchange.status': method<ExchangeStatus>()(z.strictObject({}), KEEPERS),
  'exchange.setup': method<ExchangeKeyView>()(exchangeSetupInput, ADMIN),
  /** null: the save dialog was cancelled */
  'exchange.exportKey': method<{ path: string; fingerprint: string } | null>()(z.strictObject({}), ADMIN),
  'exchange.addPeer': method<PeerKeyView>()(addPeerInput, ADMIN),
  'exchange.revokePeer': method<PeerKeyView>()(revokePeerInput, ADMIN),
  'exchange.packable': method<PackableItem[]>()(z.strictObject({ counselId: id }), REGISTRAR),
  /** null: the save dialog was cancelled */
  'exchange.makePackage': method<MadeReviewPackage | null>()(makePackageInput, REGISTRAR),
  /** null: the open dialog was cancelled */
  'exchange.chooseReply': method<ReplyFileView | null>()(z.strictObject({}), REGISTRAR),
  'exchange.receiveReply': method<ReplyPreview>()(receiveReplyInput, REGISTRAR),
} as const satisfies Record<string, MethodDef>;
