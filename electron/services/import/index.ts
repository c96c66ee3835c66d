/**
 * Ledger import (导入旧台账), as plain functions for the CLI and tests; the
 * wizard's methods are in wizard.ts. A whole import from a path:
 *   const source = await readImportFile(path);
 *   const plan = buildPlan(ctx, source, options);       // the dry run, nothing written
 *   renderPlanText(plan) / planView(plan);               // the per-row report
 *   await commitImport(ctx, source, { ...options, allowDuplicate });   // all or nothing
 *   await undoImportBatch(ctx, batchId);
 */
import type { ImportCommitOptions, ImportResult } from '../../api/import-contract';
import type { ServiceContext } from '../context';
import { commitImport } from './commit';
import type { Progress } from './grid';
import { buildPlan, type ImportPlan } from './plan';
import { readImportFile } from './source';

export { listImportBatches } from './batches';
export { commitImport, statusSteps, IMPORT_REASON } from './commit';
export type { ImportSource, Progress, SheetGrid } from './grid';
export { currentJob } from './jobs';
export { MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES } from './limits';
export { buildPlan, type ImportPlan } from './plan';
export { planView } from './plan-view';
export { renderPlanText } from './report';
export { readImportBytes, readImportFile } from './source';
export { writeImportTemplate } from './template';
export { undoImportBatch } from './undo';

export interface ImportFileOutcome {
  plan: ImportPlan;
  /** set when committed (not a dry run, and the plan had no errors) */
  result: ImportResult | null;
}

/** Read a file, plan it, and commit unless `dryRun` or the plan has errors. */
export async function importLedgerFile(
  ctx: ServiceContext,
  file: string,
  options: ImportCommitOptions & { dryRun?: boolean } = {},
  onProgress?: Progress,
): Promise<ImportFileOutcome> {
  const { dryRun, ...rest } = options;
  const source = await readImportFile(file, onProgress);
  const plan = buildPlan(ctx, source, rest);
  if (dryRun || !plan.canCommit) return { plan, result: null };
  return { plan, result: await commitImport(ctx, source, rest, onProgress) };
}
