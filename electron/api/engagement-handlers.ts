/** Handlers of the firms, engagements, payments, ratings and assessment methods, merged into the router's handler map. */
import type { z } from 'zod';
import type { ServiceContext } from '../services/context';
import * as firms from '../services/engagement/firms';
import * as engagements from '../services/engagement/engagements';
import * as ratings from '../services/engagement/ratings';
import * as assessments from '../services/engagement/assessments';
import { assessmentEvidence } from '../services/engagement/evidence';
import { saveAssessmentExport } from '../services/engagement/export';
import { costFigures } from '../services/engagement/cost';
import type { MethodDef } from './define';
import { engagementContract } from './engagement-contract';

type EngagementContract = typeof engagementContract;
type Output<M extends keyof EngagementContract> = EngagementContract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

export const engagementHandlers: {
  [M in keyof EngagementContract]: (ctx: ServiceContext, input: z.output<EngagementContract[M]['input']>) => Output<M> | Promise<Output<M>>;
} = {
  'firms.list': firms.listFirms,
  'firms.create': firms.createFirm,
  'firms.update': firms.updateFirm,
  'engagements.list': engagements.listEngagements,
  'engagements.create': engagements.createEngagement,
  'engagements.update': engagements.updateEngagement,
  'engagements.uploadContract': engagements.uploadContract,
  'engagements.saveContractAs': engagements.saveContractAs,
  'engagements.reminders': engagements.engagementReminders,
  'payments.add': engagements.addPayment,
  'payments.void': engagements.voidPayment,
  'ratings.get': ratings.getRating,
  'ratings.list': ratings.listRatings,
  'assessments.template': assessments.getTemplate,
  'assessments.setTemplate': assessments.setTemplate,
  'assessments.get': assessments.getAssessment,
  'assessments.open': assessments.openAssessment,
  'assessments.save': assessments.saveAssessment,
  'assessments.sign': assessments.signAssessment,
  'assessments.reopen': assessments.reopenAssessment,
  'assessments.evidence': assessmentEvidence,
  'assessments.export': saveAssessmentExport,
  'reports.cost': costFigures,
};
