/**
 * Runs one call from either transport: own-property lookup of the method,
 * input validation, role check, service, and an envelope with a stable code.
 * Nothing the caller sends is trusted: not the name, not the input.
 */
import { z } from 'zod';
import type { Ledger } from '../../db/open';
import { AppError } from '../services/errors';
import type { Caller, HostServices, ServiceContext } from '../services/context';
import { contract, type MethodDef, type MethodName } from './contract';
import type { Envelope } from './envelope';
import { handlers } from './handlers';

export interface RouterDeps {
  /** the open database, or a getter when it can be swapped (restore) */
  ledger: Ledger | (() => Ledger);
  host?: HostServices;
  /** who is signed in now (asked on every call) */
  caller: () => Caller;
  now?: () => Date;
  /** for logging unexpected errors; defaults to console.error */
  onInternalError?: (error: unknown, method: string) => void;
}

export interface Router {
  call(method: unknown, input: unknown): Promise<Envelope<unknown>>;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

function fail(code: AppError['code'], message: string, issues?: AppError['issues']): Envelope<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

export function validationEnvelope(error: z.ZodError): Envelope<never> {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const message = first ? (first.path ? `输入有误（${first.path}）：${first.message}` : `输入有误：${first.message}`) : '输入有误';
  return fail('VALIDATION', message, issues);
}

export function createRouter(deps: RouterDeps): Router {
  const now = deps.now ?? (() => new Date());
  const onInternalError = deps.onInternalError ?? ((error, method) => console.error(`[router] ${method}:`, error));
  return {
    async call(method, input) {
      if (!isMethodName(method)) return fail('NOT_FOUND', '未知的操作');
      const def: MethodDef = contract[method];
      const caller = deps.caller();
      if (!def.roles.some((role) => caller.roles.includes(role))) {
        return fail('FORBIDDEN', '您的账号无权执行此操作');
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) return validationEnvelope(parsed.error);
      const ledger = typeof deps.ledger === 'function' ? deps.ledger() : deps.ledger;
      const ctx: ServiceContext = { ledger, caller, now, ...(deps.host ? { host: deps.host } : {}) };
      try {
        const handler = handlers[method] as (ctx: ServiceContext, input: unknown) => unknown;
        const value = await handler(ctx, parsed.data);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof AppError) return fail(error.code, error.message, error.issues);
        onInternalError(error, method);
        return fail('INTERNAL', '操作未完成：程序内部错误，数据未被修改。请重试，若仍失败请联系系统管理员。');
      }
    },
  };
}
