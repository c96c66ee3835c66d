/**
 * The wire shape of every call, in both transports (Electron IPC and the
 * browser harness). Errors travel as data because Electron keeps only the
 * message of a thrown error.
 */
import type { ErrorCode, FieldIssue } from '../domain/errors';

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The one IPC channel. */
export const IPC_CHANNEL = 'counsel-ledger:call';
/** renderer → main, one boolean: whether a form holds unsaved changes (asked about before the window closes) */
export const UNSAVED_CHANNEL = 'counsel-ledger:unsaved';
