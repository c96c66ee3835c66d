/** The import batches as the wizard lists them, and whether each can still be undone. */
import type Database from 'better-sqlite3';
import { formatSerialNo } from '#domain/ledger-view';
import { personNameSql } from '../../../db/queries/people';
import type { ImportBatchView } from '#contract/import-contract';
import type { ServiceContext } from '../context';

/** A row of import_batches: the view without what is worked out from the ledger. */
type BatchRow = Omit<ImportBatchView, 'liveRows' | 'undoable' | 'blockedReason'>;

/** importedBy and undoneBy are the people's names (personNameSql), as every screen and message shows them. */
const BATCH_COLUMNS = `id, file_name AS fileName, file_sha256 AS sha256, row_count AS rowCount, imported_at AS importedAt,
  ${personNameSql('imported_by')} AS importedBy, undone_at AS undoneAt, ${personNameSql('undone_by')} AS undoneBy`;

export function loadBatch(sqlite: Database.Database, id: number): BatchRow | undefined {
  return sqlite.prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches WHERE id = ?`).get(id) as BatchRow | undefined;
}

/**
 * Why a batch cannot be undone as a whole, or null. Undo deletes the rows, so
 * it is allowed only while every item is exactly as imported: version 1, not
 * trashed, no attachment.
 */
export function undoBlocker(sqlite: Database.Database, batch: BatchRow): string | null {
  if (batch.undoneAt) return `该批次已于 ${batch.undoneAt.slice(0, 10)} 由 ${batch.undoneBy ?? ''} 撤销`;
  const changed = sqlite
    .prepare(
      `SELECT serial_prefix AS prefix, serial_year AS year, serial_seq AS seq FROM consultations
       WHERE import_batch_id = ? AND (version <> 1 OR trashed_at IS NOT NULL
         OR EXISTS (SELECT 1 FROM attachments a WHERE a.consultation_id = consultations.id))
       ORDER BY serial_year, serial_seq`,
    )
    .all(batch.id) as { prefix: string; year: number; seq: number }[];
  if (changed.length === 0) return null;
  const shown = changed.slice(0, 5).map((c) => formatSerialNo(c.prefix, c.year, c.seq)).join('、');
  return `该批次中有 ${changed.length} 条事项在导入后已被修改、分派、移入回收站或添加了附件（${shown}${changed.length > 5 ? ' 等' : ''}），不能整批撤销；如需删除，请逐条移入回收站`;
}

export function batchView(sqlite: Database.Database, batch: BatchRow): ImportBatchView {
  const liveRows = sqlite.prepare('SELECT count(*) FROM consultations WHERE import_batch_id = ?').pluck().get(batch.id) as number;
  const blockedReason = undoBlocker(sqlite, batch);
  return { ...batch, liveRows, undoable: blockedReason === null, blockedReason };
}

/** The newest batch of the same file that is still in the ledger (not undone). */
export function activeBatchOf(sqlite: Database.Database, sha256: string): ImportBatchView | null {
  const row = sqlite
    .prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches WHERE file_sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`)
    .get(sha256) as BatchRow | undefined;
  return row ? batchView(sqlite, row) : null;
}

export function listImportBatches(ctx: ServiceContext): ImportBatchView[] {
  const { sqlite } = ctx.ledger;
  const rows = sqlite.prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches ORDER BY id DESC LIMIT 500`).all() as BatchRow[];
  return rows.map((b) => batchView(sqlite, b));
}
