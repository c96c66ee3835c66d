/**
 * Methods of a counsel's desk (法律顾问端, docs/EXCHANGE.md), merged into the contract (no
 * service code here, so the renderer may import it). They serve only a desk: the router refuses
 * them at the office, and the office's methods at a desk (electron/domain/ends.ts). The desk
 * has one account, its owner, with the admin role of its own database.
 *
 *   desk.setup {username, displayName, password} → first start: the owner's account and the desk's keys (public)
 *   desk.status                         → the desk's key, the paired office key, and the counts of 我的待办
 *   desk.exportKey                      → the desk's public key file, saved where the owner chooses
 *   desk.pairOffice {keyFileText, confirmFingerprint} → pair (or replace) the office's key
 *   desk.choosePackage                  → a 送审包 picked in the open dialog; the renderer gets a token, never a path
 *   desk.openPackage {token, password}  → the package checked, decrypted, its items added or updated
 *   desk.list                           → 我的待办: every item packages brought
 *   desk.get {id}                       → one item: materials, earlier rounds, the opinions written here
 *   desk.addOpinion {itemId, conclusion, text, issuedOn, files} → an opinion, waiting for the next 回复包
 *   desk.openFile / desk.saveFile {id}  → a material or an attachment, opened or saved as at the office
 *   desk.makeReply {password}           → 回复包 of every opinion not yet sent, saved where the owner chooses
 */
import { z } from 'zod';
import { MAX_DESK_OPINION_FILES } from '../domain/ends';
import { LIMITS } from '../domain/limits';
import type { Secrecy } from '../domain/secrecy';
import { CONCLUSIONS, ROLES, type AuthStatus, type Conclusion, type Role } from '../domain/types';
import { day, firstAccountInput, method, required, uploadData, uploadFileName, type MethodDef } from './define';
import { fingerprintInput } from './exchange-contract';

/** the desk's one account, its owner */
const OWNER: readonly Role[] = ['admin'];
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** the owner's password, which also seals the desk's keys (never stored, never logged) */
const ownerPassword = z.string().min(1, { message: '请输入您的登录密码（它也保护本机的交换密钥）' }).max(128);
/** a .clkey is a few hundred bytes (electron/services/exchange/keys.ts) */
const KEY_FILE_MAX = 4096;
/** 32 random bytes, base64url (services/exchange/reply-files.ts) */
const packageToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: '送审包已失效，请重新选择文件' });

export const deskOpinionInput = z.strictObject({
  itemId: id,
  conclusion: z.enum(CONCLUSIONS),
  text: required(LIMITS.opinionText, '意见内容', true),
  issuedOn: day,
  files: z
    .array(
      z.strictObject({ fileName: uploadFileName, dataBase64: uploadData }),
    )
    .max(MAX_DESK_OPINION_FILES, { message: `一份意见最多 ${MAX_DESK_OPINION_FILES} 个附件` })
    .default([]),
});

// ---- what the methods return ----

export interface DeskFileView {
  id: number;
  fileName: string;
  size: number;
}

export interface DeskOpinionView {
  id: number;
  conclusion: Conclusion;
  text: string;
  issuedOn: string;
  /** null: not sent yet (it goes with the next 回复包) */
  sentPackageId: string | null;
  files: DeskFileView[];
}

/** where an item stands at the desk */
export type DeskItemState = 'todo' | 'drafted' | 'replied';

export interface DeskItemRow {
  id: number;
  serialNo: string;
  title: string;
  category: string;
  department: string;
  secrecy: Secrecy;
  receivedOn: string;
  dueOn: string | null;
  receivedAt: string;
  repliedAt: string | null;
  state: DeskItemState;
}

export interface DeskItemDetail extends DeskItemRow {
  description: string;
  requester: string;
  assignedOn: string | null;
  itemCount: number;
  officeVersion: number;
  rounds: { round: number; conclusion: Conclusion; text: string; issuedOn: string; counselName: string }[];
  materials: DeskFileView[];
  opinions: DeskOpinionView[];
}

export interface DeskKeyView {
  name: string;
  fingerprint: string;
}

export interface DeskStatus {
  own: DeskKeyView;
  /** the paired office key; null until the owner pairs it */
  office: (DeskKeyView & { addedAt: string }) | null;
  counts: { todo: number; drafted: number; replied: number };
}

export interface DeskPackageFile {
  token: string;
  fileName: string;
  size: number;
  expiresAt: string;
}

/** 打开送审包's answer */
export interface OpenedPackageView {
  packageId: string;
  office: string;
  items: { id: number; serialNo: string; title: string; version: number; status: 'new' | 'updated' | 'unchanged' }[];
}

export const deskContract = {
  'desk.setup': method<AuthStatus>()(firstAccountInput, ROLES, 'public'),
  'desk.status': method<DeskStatus>()(z.strictObject({}), OWNER),
  /** null: the save dialog was cancelled */
  'desk.exportKey': method<{ path: string; fingerprint: string } | null>()(z.strictObject({}), OWNER),
  'desk.pairOffice': method<DeskKeyView>()(
    z.strictObject({
      keyFileText: z.string().min(1, { message: '请选择机关端的公钥文件' }).max(KEY_FILE_MAX, { message: '公钥文件过大，不是本软件导出的公钥文件' }),
      confirmFingerprint: fingerprintInput,
    }),
    OWNER,
  ),
  /** null: the open dialog was cancelled */
  'desk.choosePackage': method<DeskPackageFile | null>()(z.strictObject({}), OWNER),
  'desk.openPackage': method<OpenedPackageView>()(z.strictObject({ token: packageToken, password: ownerPassword }), OWNER),
  'desk.list': method<DeskItemRow[]>()(z.strictObject({}), OWNER),
  'desk.get': method<DeskItemDetail>()(z.strictObject({ id }), OWNER),
  'desk.addOpinion': method<DeskOpinionView>()(deskOpinionInput, OWNER),
  'desk.openFile': method<{ opened: boolean }>()(z.strictObject({ id }), OWNER),
  'desk.saveFile': method<{ saved: boolean }>()(z.strictObject({ id }), OWNER),
  /** null: the save dialog was cancelled */
  'desk.makeReply': method<{ packageId: string; file: string; opinions: number } | null>()(z.strictObject({ password: ownerPassword }), OWNER),
} as const satisfies Record<string, MethodDef>;
