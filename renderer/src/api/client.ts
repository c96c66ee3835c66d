/**
 * The typed client over window.ledger (the preload in the app, the harness shim
 * in a browser): one call per contract method, unwrapping the envelope and
 * throwing an ApiError with the server's code, message and field issues.
 */
import type { InputOf, MethodName, OutputOf } from '#contract/contract';
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '#domain/errors';
import type { Envelope } from '#contract/envelope';
import { i18n } from '../i18n';
import { passesTheLock, reportUnauthenticated, reportUnavailable, whenUnlocked } from './session';

export interface LedgerBridge {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
}

declare global {
  interface Window {
    ledger?: LedgerBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** true when the call never reached the service (bridge missing, transport failed, malformed answer) */
  readonly transport: boolean;

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = [], transport = false) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
    this.transport = transport;
  }
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

function transportError(): ApiError {
  return new ApiError('INTERNAL', i18n.t('errors.transport'), [], true);
}

function toIssues(raw: unknown): FieldIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((i: unknown) => {
    if (typeof i !== 'object' || i === null) return [];
    const { path, message } = i as Record<string, unknown>;
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

/** The value of an envelope, or an ApiError for a refusal or anything that is not an envelope. */
export function unwrap<T>(envelope: unknown): T {
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) throw transportError();
  const env = envelope as { ok: unknown; value?: unknown; error?: unknown };
  if (env.ok === true) return env.value as T;
  const error = (env.error ?? {}) as Record<string, unknown>;
  const code = typeof error.code === 'string' && KNOWN_CODES.has(error.code) ? (error.code as ErrorCode) : 'INTERNAL';
  const message = typeof error.message === 'string' && error.message ? error.message : i18n.t(`errors.${code}`);
  throw new ApiError(code, message, toIssues(error.issues));
}

async function send<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const bridge = globalThis.window?.ledger;
  if (!bridge || typeof bridge.call !== 'function') throw transportError();
  let envelope: unknown;
  try {
    envelope = await bridge.call(method, input);
  } catch {
    throw transportError();
  }
  return unwrap<OutputOf<M>>(envelope);
}

/**
 * One call. While the session is locked it waits for the unlock; a call the main
 * process refuses because the session locked itself (idle) waits for the unlock
 * too and is sent once more, so nothing behind the lock screen fails.
 */
export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  if (passesTheLock(method)) return send(method, input);
  await whenUnlocked();
  try {
    return await send(method, input);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAVAILABLE') reportUnavailable();
    if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
    if ((await reportUnauthenticated()) !== 'locked') throw error;
    await whenUnlocked();
    return send(method, input);
  }
}
