/** Handlers of the import methods, merged into the router's handler map (spread into `handlers`). */
import type { z } from 'zod';
import type { ServiceContext } from '../services/context';
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
import type { MethodDef } from './define';
import { importContract } from './import-contract';

type ImportContract = typeof importContract;
type Output<M extends keyof ImportContract> = ImportContract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

export const importHandlers: {
  [M in keyof ImportContract]: (
    ctx: ServiceContext,
    input: z.output<ImportContract[M]['input']>,
  ) => Output<M> | Promise<Output<M>>;
} = {
  // the long ones report their progress into the page's job (jobs.progress)
  'import.chooseFile': (ctx, { jobId }) => trackJob(jobId, (report) => chooseImportFile(ctx, (done, total) => report('read', done, total))),
  'import.preview': previewImportSession,
  'import.commit': (ctx, { jobId, ...input }) => trackJob(jobId, (report) => commitImportSession(ctx, input, (done, total) => report('commit', done, total))),
  'import.discard': (ctx, input) => discardImportSession(ctx, input.token),
  'import.undo': (ctx, { jobId, batchId }) => trackJob(jobId, (report) => undoImportBatch(ctx, batchId, (done, total) => report('undo', done, total))),
  'import.batches': (ctx) => listImportBatches(ctx),
  'import.template': (ctx) => saveImportTemplate(ctx),
};
