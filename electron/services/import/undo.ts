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
import type { ImportUndoResult } from '../../api/import-contract';
import { reindexConsultation } from '../../../db/queries/search';
import { appendAudit } from '../audit';
import { loadDetail } from '../consultations/read';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, notFound } from '../errors';
import { batchView, loadBatch, undoBlocker } from './batches';
import type { Progress } from './grid';
import { withImportJob } from './jobs';

function undo(ctx: ServiceContext, batchId: number, progress: Progress): ImportUndoResult {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const batch = loadBatch(sqlite, batchId);
    if (!batch) throw notFound('导入批次');
    const blocked = undoBlocker(sqlite, batch);
    if (blocked) throw new AppError(batch.undoneAt ? 'INVALID_TRANSITION' : 'CONFLICT', blocked);
    const before = batchView(sqlite, batch);
    const ids = sqlite.prepare('SELECT id FROM consultations WHERE import_batch_id = ? ORDER BY id').pluck().all(batchId) as number[];
    const deleteOpinions = sqlite.prepare('DELETE FROM opinions WHERE consultation_id = ?');
    const deleteHistory = sqlite.prepare('DELETE FROM status_history WHERE consultation_id = ?');
    const deleteItem = sqlite.prepare('DELETE FROM consultations WHERE id = ? AND import_batch_id = ? AND version = 1');
    progress(0, ids.length);
    ids.forEach((id, i) => {
      appendAudit(ctx, { action: 'consultations.importUndo', entity: 'consultation', entityId: id, before: { ...loadDetail(ctx, id), importBatchId: batchId } });
      deleteOpinions.run(id);
      deleteHistory.run(id);
      if (deleteItem.run(id, batchId).changes !== 1) throw new AppError('CONFLICT', '批次中的事项在撤销过程中被修改，撤销未执行');
      // the row is gone: this removes its index rows and adds none
      reindexConsultation(sqlite, id);
      if ((i + 1) % 100 === 0 || i + 1 === ids.length) progress(i + 1, ids.length);
    });
    const at = ctx.now().toISOString();
    sqlite.prepare('UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, ctx.caller.username, batchId);
    appendAudit(ctx, { action: 'import.undo', entity: 'import_batch', entityId: batchId, before, after: { removed: ids.length, undoneAt: at } });
    return { batchId, removed: ids.length };
  });
}

/** Take a whole batch back out of the ledger (see above for what is kept). */
export function undoImportBatch(ctx: ServiceContext, batchId: number, onProgress?: Progress): Promise<ImportUndoResult> {
  return withImportJob(ctx, 'undo', (progress) => undo(ctx, batchId, progress), onProgress);
}
