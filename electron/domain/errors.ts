/** The stable codes of every refusal (docs/DOMAIN.md, "Error codes"), and the per-field detail of a VALIDATION. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'IN_USE',
  'FORBIDDEN',
  /** the step is allowed only when the request says yes to a question (e.g. assigning outside the firm's engagement) */
  'NEEDS_CONFIRMATION',
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
