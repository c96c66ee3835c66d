/**
 * The wire shape of every call, in both transports (Electron IPC and the
 * browser harness). Errors travel as data because Electron keeps only the
 * message of a thrown error.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'IN_USE',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  /** the database is damaged: only the recovery methods answer */
  'UNAVAILABLE',
  /** a write did not fit on the disk: rolled back, nothing half-saved; free space and retry */
  'DISK_FULL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** dotted path into the input, e.g. "itemCount" */
  path: string;
  message: string;
}

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
