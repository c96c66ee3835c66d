/** Handlers of the import methods, merged into the router's handler map (spread into `handlers`). */
import type { z } from 'zod';
import type { ServiceContext } from '../services/context';
import { listImportBatches } from '../services/import/batches';
import { currentJob } from '../services/import/jobs';
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
  'import.chooseFile': (ctx) => chooseImportFile(ctx),
  'import.preview': previewImportSession,
  'import.commit': commitImportSession,
  'import.discard': (ctx, input) => discardImportSession(ctx, input.token),
  'import.undo': (ctx, input) => undoImportBatch(ctx, input.batchId),
  'import.batches': (ctx) => listImportBatches(ctx),
  'import.progress': (ctx) => currentJob(ctx),
  'import.template': (ctx) => saveImportTemplate(ctx),
};
