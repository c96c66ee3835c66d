/**
 * Ledger import (导入旧台账), as plain functions for the CLI and tests; the
 * wizard's methods are in wizard.ts. A whole import from a path:
 *   const source = await readImportFile(path);
 *   const plan = buildPlan(ctx, source, options);       // the dry run, nothing written
 *   renderPlanText(plan) / planView(plan);               // the per-row report
 *   await commitImport(ctx, source, { ...options, allowDuplicate });   // all or nothing
 *   await undoImportBatch(ctx, batchId);
 */
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
