/**
 * Undoing a batch: its consultations are DELETED (with their status history,
 * opinions and search index rows), not trashed, because
 * - the batch is taken back as if it had never been imported: a corrected file
 *   can then be imported again with the same serial numbers (trashed items
 *   would still hold them), and thousands of rows do not flood the trash;
 * - it is allowed only while every item is exactly as imported (version 1, not
 *   trashed, no attachment): nobody's work is deleted;
 * - the audit log keeps everything: the batch record and one record per item
 *   with its full content before deletion ('consultations.importUndo').
 * Serial counters stay where they are (numbers are never reused by new
 * registrations); divisions and counsel the import created stay in the lists
 * (they may be in use since; an admin can deactivate them).
 */
import type Database from 'better-sqlite3';
import type { ImportUndoResult } from '#contract/import-contract';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, notFound } from '../errors';
import { batchView, loadBatch, undoBlocker } from './batches';
import type { Progress } from './grid';
import { withImportJob } from './jobs';

const OF_BATCH = 'SELECT id FROM consultations WHERE import_batch_id = @batchId';

const ITEM_COLUMNS = `id, serial_prefix || '〔' || serial_year || '〕' || serial_seq || '号' AS serialNo, title, description,
  category_id AS categoryId, department_id AS departmentId, requester, received_on AS receivedOn, due_on AS dueOn,
  item_count AS itemCount, counsel_id AS counselId, assigned_on AS assignedOn, status, outcome, outcome_reason AS outcomeReason,
  outcome_on AS outcomeOn, closed_on AS closedOn, note, trashed_at AS trashedAt, version, created_at AS createdAt,
  created_by AS createdBy, updated_at AS updatedAt, updated_by AS updatedBy, import_batch_id AS importBatchId`;

/** Each item of the batch as stored, with its opinions and history: what the audit keeps of it. Three queries, not three per item. */
function snapshots(sqlite: Database.Database, batchId: number): Map<number, Record<string, unknown>> {
  const items = new Map<number, Record<string, unknown>>();
  for (const row of sqlite.prepare(`SELECT ${ITEM_COLUMNS} FROM consultations WHERE import_batch_id = @batchId ORDER BY id`).all({ batchId }) as { id: number }[]) {
    items.set(row.id, { ...row, opinions: [], history: [] });
  }
  const attach = (key: 'opinions' | 'history', sql: string): void => {
    for (const { consultationId, ...r } of sqlite.prepare(sql).all({ batchId }) as { consultationId: number }[]) {
      (items.get(consultationId)?.[key] as unknown[] | undefined)?.push(r);
    }
  };
  attach(
    'opinions',
    `SELECT consultation_id AS consultationId, id, round, counsel_id AS counselId, conclusion, text, issued_on AS issuedOn,
       created_at AS createdAt, created_by AS createdBy
     FROM opinions WHERE consultation_id IN (${OF_BATCH}) ORDER BY consultation_id, round`,
  );
  attach(
    'history',
    `SELECT consultation_id AS consultationId, id, from_status AS fromStatus, to_status AS toStatus, at, actor, reason
     FROM status_history WHERE consultation_id IN (${OF_BATCH}) ORDER BY consultation_id, id`,
  );
  return items;
}

function undo(ctx: ServiceContext, batchId: number, progress: Progress): ImportUndoResult {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const batch = loadBatch(sqlite, batchId);
    if (!batch) throw notFound('导入批次');
    const blocked = undoBlocker(sqlite, batch);
    if (blocked) throw new AppError(batch.undoneAt ? 'INVALID_TRANSITION' : 'CONFLICT', blocked);
    const before = batchView(sqlite, batch);
    const items = snapshots(sqlite, batchId);
    const total = items.size;
    progress(0, total);
    let done = 0;
    for (const [id, item] of items) {
      appendAudit(ctx, { action: 'consultations.importUndo', entity: 'consultation', entityId: id, before: item });
      if (++done % 100 === 0) progress(done, total);
    }
    // the index rows first (FTS5 reads a row's text to remove it), then the children, then the items
    for (const table of ['consultations_fts', 'consultations_ngram']) {
      sqlite.prepare(`DELETE FROM ${table} WHERE rowid IN (${OF_BATCH})`).run({ batchId });
    }
    sqlite.prepare(`DELETE FROM opinions WHERE consultation_id IN (${OF_BATCH})`).run({ batchId });
    sqlite.prepare(`DELETE FROM status_history WHERE consultation_id IN (${OF_BATCH})`).run({ batchId });
    const removed = sqlite.prepare('DELETE FROM consultations WHERE import_batch_id = @batchId AND version = 1').run({ batchId }).changes;
    // undoBlocker checked this in the same transaction; a mismatch is a bug, and it rolls everything back
    if (removed !== total) throw new Error(`import undo: removed ${removed} of ${total} items`);
    progress(total, total);
    const at = ctx.now().toISOString();
    sqlite.prepare('UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, ctx.caller.username, batchId);
    appendAudit(ctx, { action: 'import.undo', entity: 'import_batch', entityId: batchId, before, after: { removed, undoneAt: at } });
    return { batchId, removed };
  });
}

/** Take a whole batch back out of the ledger (see above for what is kept). */
export function undoImportBatch(ctx: ServiceContext, batchId: number, onProgress?: Progress): Promise<ImportUndoResult> {
  return withImportJob(ctx, 'undo', (progress) => undo(ctx, batchId, progress), onProgress);
}
