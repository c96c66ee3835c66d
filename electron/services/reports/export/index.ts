/**
 * exportReport: the tally and the detail ledger of a period, written to a file
 * atomically (nothing half-written, ever). The figures and the ledger rows are
 * read in one read transaction, so the file is one consistent snapshot, and
 * read fully before any await: other calls on the same connection may run
 * while the file is being written.
 */
import { ledgerDetailRows, type LedgerDetailRow } from '../../../../db/queries/tally';
import type { ExportFormat, ExportResult, Tally } from '#contract/reports-contract';
import type { ProcedureFigures } from '#domain/procedures';
import type { ServiceContext } from '../../context';
import { auditHead } from '../../audit';
import { anchorLine } from '../../backup/anchors';
import { procedureFigures } from '../../procedures/figures';
import { releaseMemoryAfterJob } from '../../memory';
import type { FileFilter, PlatformAdapter } from '../../platform';
import { resolvePeriod, scopeFor, type PeriodInput } from '../period';
import { buildTally } from '../tally';
import { writeAtomically } from './atomic';
import { writeCsv } from './csv';
import { writeDocx } from './docx';
import { writeXlsx } from './xlsx';

export interface ExportProgress {
  phase: 'reading' | 'writing' | 'done';
  done: number;
  total: number;
}

export interface ExportInput extends PeriodInput {
  format: ExportFormat;
  path: string;
  onProgress?: (progress: ExportProgress) => void;
}

/** The figures (the tally's and the procedures'), the rows, and the audit chain's anchor (backup/anchors.ts) at that moment, from one read transaction. */
function snapshot(ctx: ServiceContext, input: PeriodInput): { tally: Tally; procedures: ProcedureFigures; rows: LedgerDetailRow[]; anchor: string } {
  return ctx.ledger.sqlite
    .transaction(() => {
      const tally = buildTally(ctx, input);
      const procedures = procedureFigures(ctx, input);
      const rows = [...ledgerDetailRows(ctx.ledger.sqlite, scopeFor(ctx, resolvePeriod(input)))];
      return { tally, procedures, rows, anchor: anchorLine(auditHead(ctx.ledger.sqlite)) };
    })
    .deferred();
}

export async function exportReport(ctx: ServiceContext, input: ExportInput): Promise<ExportResult> {
  const progress = input.onProgress ?? (() => {});
  progress({ phase: 'reading', done: 0, total: 0 });
  const { total, bytes } = await writeSnapshot(ctx, input, progress);
  releaseMemoryAfterJob();
  progress({ phase: 'done', done: total, total });
  return { path: input.path, format: input.format, bytes, rows: total };
}

/** The file written from one snapshot; the snapshot is garbage once this returns. */
async function writeSnapshot(ctx: ServiceContext, input: ExportInput, progress: (p: ExportProgress) => void): Promise<{ total: number; bytes: number }> {
  const { tally, procedures, rows, anchor } = snapshot(ctx, input);
  const total = rows.length;
  const onRow = (done: number): void => progress({ phase: 'writing', done, total });
  progress({ phase: 'writing', done: 0, total });
  const creator = `${ctx.caller.displayName}（法律顾问咨询台账）`;
  const bytes = await writeAtomically(input.path, (temp) => {
    switch (input.format) {
      case 'xlsx':
        return writeXlsx(temp, { tally, procedures, rows, generatedBy: creator, anchor, onRow });
      case 'csv':
        // no anchor: a line after the rows would break the programs that read this file (RELIABILITY.md)
        return writeCsv(temp, rows, onRow);
      case 'docx':
        return writeDocx(temp, tally, procedures, creator, anchor);
    }
  });
  return { total, bytes };
}

export const EXPORT_FILTERS: Record<ExportFormat, FileFilter> = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  csv: { name: 'CSV（逗号分隔）', extensions: ['csv'] },
  docx: { name: 'Word 文档', extensions: ['docx'] },
};

/** e.g. 2025年法律顾问工作情况.xlsx, or 2025年法律顾问咨询台账.csv for the detail ledger. */
export function defaultExportName(input: PeriodInput, format: ExportFormat): string {
  const label = resolvePeriod(input).label;
  return `${label}${format === 'csv' ? '法律顾问咨询台账' : '法律顾问工作情况'}.${format}`;
}

/**
 * What the `reports.export` method does once the platform is in the context:
 * ask where to save (null when the user cancelled), then export.
 */
export async function saveReportExport(
  ctx: ServiceContext,
  platform: Pick<PlatformAdapter, 'chooseSavePath'>,
  input: PeriodInput & { format: ExportFormat; onProgress?: ExportInput['onProgress'] },
): Promise<ExportResult | null> {
  const path = await platform.chooseSavePath({ defaultName: defaultExportName(input, input.format), filters: [EXPORT_FILTERS[input.format]] });
  if (path === null) return null;
  return exportReport(ctx, { ...input, path });
}
