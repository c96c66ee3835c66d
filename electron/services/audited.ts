/**
 * The frame of a service's write of one record: one write transaction, the
 * record read before (its version checked where the caller sent one) and after
 * the change, and the audit record with both. Each service writes only its change.
 */
import { appendAudit } from './audit';
import { inWriteTransaction, type ServiceContext } from './context';
import { conflict } from './errors';

interface AuditOf<T> {
  action: string;
  entity: string;
  /** what the audit record keeps of the record (default: all of it) */
  view?: (record: T) => unknown;
}

/** Runs the insert (which checks and returns the new id), reads the record back and audits it. */
export function auditedCreate<T>(ctx: ServiceContext, audit: AuditOf<T>, insert: () => number, read: (id: number) => T): T {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const id = insert();
    const created = read(id);
    appendAudit(ctx, { action: audit.action, entity: audit.entity, entityId: id, after: (audit.view ?? same)(created) });
    return created;
  });
}

/**
 * Changes a record given its state before; a `version` in the target must be the
 * record's (else CONFLICT: someone changed it since the caller read it).
 */
export function auditedUpdate<T extends object>(
  ctx: ServiceContext,
  audit: AuditOf<T>,
  target: { id: number; version?: number },
  read: (id: number) => T,
  change: (before: T) => void,
): T {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = read(target.id);
    if (target.version !== undefined && 'version' in before && before.version !== target.version) throw conflict();
    change(before);
    const after = read(target.id);
    const view = audit.view ?? same;
    appendAudit(ctx, { action: audit.action, entity: audit.entity, entityId: target.id, before: view(before), after: view(after) });
    return after;
  });
}

const same = (record: unknown) => record;
