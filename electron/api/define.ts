import { z } from 'zod';
import { isCalendarDay } from '../domain/dates';
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

export const day = z
  .string()
  .refine(isCalendarDay, { message: '日期格式应为 YYYY-MM-DD，且须为真实存在的日期' });
