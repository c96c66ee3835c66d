/** Handlers of the review procedures' methods (issue 20), merged into the router's handler map. */
import type { z } from 'zod';
import type { ServiceContext } from '../services/context';
import { expiringDocuments, procedureFigures } from '../services/procedures/figures';
import { signOff, signOffQueue } from '../services/procedures/opinion';
import { getProcedure, listProcedures, resetProcedure, saveProcedure } from '../services/procedures/settings';
import { extendDue, itemProcedure, resumeAfterReturn, returnForMaterial, setDocument } from '../services/procedures/steps';
import type { MethodDef } from './define';
import type { proceduresContract } from './procedures-contract';

type ProceduresContract = typeof proceduresContract;
type Output<M extends keyof ProceduresContract> = ProceduresContract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

export const proceduresHandlers: {
  [M in keyof ProceduresContract]: (ctx: ServiceContext, input: z.output<ProceduresContract[M]['input']>) => Output<M> | Promise<Output<M>>;
} = {
  'procedures.list': listProcedures,
  'procedures.get': getProcedure,
  'procedures.save': saveProcedure,
  'procedures.reset': resetProcedure,
  'procedures.item': itemProcedure,
  'procedures.signOffQueue': signOffQueue,
  'procedures.expiring': expiringDocuments,
  'procedures.figures': procedureFigures,
  'consultations.returnForMaterial': returnForMaterial,
  'consultations.resume': resumeAfterReturn,
  'consultations.extend': extendDue,
  'consultations.signOff': signOff,
  'consultations.setDocument': setDocument,
};
