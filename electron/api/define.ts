import { z } from 'zod';
import { isCalendarDay } from '../domain/dates';
import { LIMITS } from '../domain/limits';
import { MAX_ATTACHMENT_BASE64, MAX_ATTACHMENT_BYTES } from '../domain/types';
import { isBlankText, normaliseName, textProblem, textProblemZh } from '../domain/text';
import type { Role } from '../domain/types';

/**
 * Who may reach a method before the role check:
 * - 'session' (default): signed in, not locked, no password change pending;
 * - 'anySession': signed in, also while locked or with a password change pending (unlock, change password, sign out);
 * - 'public': nobody needs to be signed in (first start, sign-in, recovery).
 */
export type Access = 'session' | 'anySession' | 'public';

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  roles: readonly Role[];
  access?: Access;
  /** phantom: the output type, never set at run time */
  readonly output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(input: I, roles: readonly Role[], access: Access = 'session'): MethodDef<I, O> => ({ input, roles, access });

/** The id a page makes up for a long call, to read its progress with `jobs.progress` (electron/services/jobs.ts). */
export const jobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

export const day = z
  .string()
  .refine(isCalendarDay, { message: '日期格式应为 YYYY-MM-DD，且须为真实存在的日期' });

/** The contract's text sanitiser as a zod check (rules: electron/domain/text.ts). */
const sane = (multiline: boolean) => (s: string, ctx: z.RefinementCtx) => {
  const p = textProblem(s, multiline);
  if (p) ctx.addIssue({ code: 'custom', message: textProblemZh(p) });
};

/** One line of free text, trimmed, refused over `max` (never cut) and when it holds control, bidi or broken characters. */
export const text = (max: number) => z.string().trim().max(max, { message: `不能超过 ${max} 个字符` }).superRefine(sane(false));
/** Free text with lines (\n and \t allowed), otherwise as `text`. */
export const block = (max: number) => z.string().trim().max(max, { message: `不能超过 ${max} 个字符` }).superRefine(sane(true));
/** A field that must hold something visible: only spaces or zero-width characters count as empty. */
export const required = (max: number, what: string, multiline = false) =>
  (multiline ? block(max) : text(max)).refine((s) => !isBlankText(s), { message: `请填写${what}` });
/** A name (处室, 类别, 顾问): required, stored with its spaces normalised (odd spaces plain, runs made one, trimmed). */
export const name = (max: number, what: string) => required(max, what).transform(normaliseName);

/** An account's user name: letters, digits, Chinese characters and _ . - */
export const username = z
  .string()
  .trim()
  .min(2, { message: '用户名至少 2 个字符' })
  .max(30, { message: '用户名不能超过 30 个字符' })
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/, { message: '用户名只能包含字母、数字、汉字和 _ . -' });

/** The first start's account (the office's administrator, or a desk's owner); the password rules are the accounts service's. */
export const firstAccountInput = z.strictObject({
  username,
  displayName: required(LIMITS.displayName, '姓名'),
  password: z.string().min(1, { message: '请填写密码' }).max(128),
});

/** An uploaded file's own name from the system, cleaned by the service that stores it: not typed text. */
export const uploadFileName = z
  .string()
  .trim()
  .min(1, { message: '请填写文件名' })
  .max(255, { message: '不能超过 255 个字符' })
  .refine((n) => !n.includes('/') && !n.includes('\\') && !n.includes('\0'), { message: '文件名不能包含路径' });
/** An uploaded file's bytes as base64: the size limit on the encoded text, before anything is decoded. */
export const uploadData = z
  .string()
  .max(MAX_ATTACHMENT_BASE64, { message: `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB 上限` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容编码有误' });
