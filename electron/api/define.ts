import { z } from 'zod';
import { isCalendarDay } from './dates';
import type { Role } from './types';

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  roles: readonly Role[];
  /** phantom: the output type, never set at run time */
  readonly output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(input: I, roles: readonly Role[]): MethodDef<I, O> => ({ input, roles });

export const day = z
  .string()
  .refine(isCalendarDay, { message: '日期格式应为 YYYY-MM-DD，且须为真实存在的日期' });
