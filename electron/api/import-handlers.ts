/** Handlers of the import methods, merged into the router's handler map (spread into `handlers`). */
import { listImportBatches } from '../services/import/batches';
import { trackJob } from '../services/jobs';
import { undoImportBatch } from '../services/import/undo';
import {
  chooseImportFile,
  commitImportSession,
  discardImportSession,
  previewImportSession,
  saveImportTemplate,
} from '../services/import/wizard';
import type { Handlers } from './handlers';
import type { importContract } from './import-contract';

/** Typed against the contract like the main map (handlers.ts): a missing handler does not compile. */
export const importHandlers: Pick<Handlers, keyof typeof importContract> = {
  // the long ones report their progress into the page's job (jobs.progress)
  'import.chooseFile': (ctx, { jobId }) => trackJob(jobId, (report) => chooseImportFile(ctx, (done, total) => report('read', done, total))),
  'import.preview': previewImportSession,
  'import.commit': (ctx, { jobId, ...input }) => trackJob(jobId, (report) => commitImportSession(ctx, input, (done, total) => report('commit', done, total))),
  'import.discard': (ctx, input) => discardImportSession(ctx, input.token),
  'import.undo': (ctx, { jobId, batchId }) => trackJob(jobId, (report) => undoImportBatch(ctx, batchId, (done, total) => report('undo', done, total))),
  'import.batches': (ctx) => listImportBatches(ctx),
  'import.template': (ctx) => saveImportTemplate(ctx),
};
