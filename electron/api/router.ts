/**
 * Runs one call from either transport: own-property lookup of the method, the
 * end check (a method of the other end is refused: electron/domain/ends.ts), the
 * session check, the role check, input validation, the service, and an envelope
 * with a stable code. Nothing the caller sends is trusted: not the name, not the
 * input, not who they say they are (that comes from the main process's session).
 * Refused calls are recorded in the audit log. A full disk is told as such, calmly.
 */
import { z } from 'zod';
import type { Ledger } from '../../db/open';
import { appendAudit } from '../services/audit';
import { reloadSessionAccount } from '../services/accounts/accounts';
import type { Session } from '../services/accounts/session';
import { AppError, DISK_FULL_MESSAGE, isDiskFull } from '../services/errors';
import { ANONYMOUS, type Caller, type HostServices, type ServiceContext } from '../services/context';
import { appEnd } from '../services/exchange/desk-setup';
import { otherEndMessage, servesEnd } from '../domain/ends';
import { contract, type MethodDef, type MethodName } from './contract';
import type { Envelope } from './envelope';
import { handlers } from './handlers';

export interface RouterDeps {
  /** the open database, or a getter when it can be swapped (restore) */
  ledger: Ledger | (() => Ledger);
  /** who is calling now, asked on every call; null when nobody is signed in */
  caller: () => Caller | null;
  /** the app's sign-in session, for the auth methods and activity tracking */
  session?: Session;
  host?: HostServices;
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

/** Why this caller may not reach this method at all, or null. */
function refusal(def: MethodDef, caller: Caller | null): Envelope<never> | null {
  if (def.access === 'public') return null;
  if (!caller) return fail('UNAUTHENTICATED', '请先登录');
  if (def.access !== 'anySession') {
    if (caller.locked) return fail('UNAUTHENTICATED', '已锁定：请输入密码解锁');
    if (caller.mustChangePassword) return fail('UNAUTHENTICATED', '请先修改密码');
  }
  if (!def.roles.some((role) => caller.roles.includes(role))) return fail('FORBIDDEN', '您的账号无权执行此操作');
  return null;
}

export function createRouter(deps: RouterDeps): Router {
  const now = deps.now ?? (() => new Date());
  const onInternalError = deps.onInternalError ?? ((error, method) => console.error(`[router] ${method}:`, error));
  const ledgerNow = () => (typeof deps.ledger === 'function' ? deps.ledger() : deps.ledger);

  const recordRefusal = (ledger: Ledger, caller: Caller | null, method: string, error: { code: string; message: string }) => {
    try {
      ledger.sqlite
        .transaction(() =>
          appendAudit(
            { ledger, caller: caller ?? ANONYMOUS, now },
            { action: method, entity: 'call', result: 'refused', after: { code: error.code, message: error.message } },
          ),
        )
        .immediate();
    } catch (e) {
      onInternalError(e, `${method} (audit of a refusal)`);
    }
  };

  return {
    async call(method, input) {
      if (!isMethodName(method)) return fail('NOT_FOUND', '未知的操作');
      const def: MethodDef = contract[method];
      const ledger = ledgerNow();
      const before = deps.caller();
      // a method of the other end (the office's at a counsel's desk, the desk's at the office): refused whoever calls
      const end = appEnd(ledger.sqlite);
      if (!servesEnd(method, end)) {
        const otherEnd = fail('FORBIDDEN', otherEndMessage(end!));
        if (!otherEnd.ok) recordRefusal(ledger, before, method, otherEnd.error);
        return otherEnd;
      }
      // the account as it is now: a demoted or disabled account loses its rights at once
      if (deps.session && reloadSessionAccount(deps.session, ledger.sqlite) === 'ended' && def.access !== 'public') {
        const ended = fail('UNAUTHENTICATED', '该账号已停用或已删除，请联系系统管理员');
        if (!ended.ok) recordRefusal(ledger, before, method, ended.error);
        return ended;
      }
      const caller = deps.caller();
      const refused = refusal(def, caller);
      if (refused) {
        if (!refused.ok) recordRefusal(ledger, caller, method, refused.error);
        return refused;
      }
      if (def.access !== 'public' && !caller?.locked) deps.session?.touch();
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) return validationEnvelope(parsed.error);
      const ctx: ServiceContext = {
        ledger,
        caller: caller ?? ANONYMOUS,
        now,
        ...(deps.host ? { host: deps.host } : {}),
        ...(deps.session ? { session: deps.session } : {}),
      };
      try {
        const handler = handlers[method] as (ctx: ServiceContext, input: unknown) => unknown;
        const value = await handler(ctx, parsed.data);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof AppError) return fail(error.code, error.message, error.issues);
        onInternalError(error, method);
        // A full disk (SQLITE_FULL, ENOSPC) is not a bug: say so plainly. SQLite rolled the
        // transaction back and file writers remove their temp files, so nothing is half-saved.
        if (isDiskFull(error)) return fail('DISK_FULL', DISK_FULL_MESSAGE);
        return fail('INTERNAL', '操作未完成：程序内部错误，数据未被修改。请重试，若仍失败请联系系统管理员。');
      }
    },
  };
}
