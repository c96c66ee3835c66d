/** Handlers of the report methods, merged into the router's handler map. */
import { drilldown } from '../services/reports/drilldown';
import { saveReportExport } from '../services/reports/export';
import { saveReportPdf } from '../services/reports/export/pdf';
import { AppError } from '../services/errors';
import { trackJob } from '../services/jobs';
import { resolvePeriod } from '../services/reports/period';
import { buildSentence, buildTally, computeFigures } from '../services/reports/tally';
import type { Handlers } from './handlers';
import type { reportsContract } from './reports-contract';

/** Typed against the contract like the main map (handlers.ts): a missing handler does not compile. */
export const reportsHandlers: Pick<Handlers, keyof typeof reportsContract> = {
  'reports.tally': buildTally,
  'reports.drilldown': drilldown,
  'reports.sentence': (ctx, input) => {
    const period = resolvePeriod(input);
    return { ...buildSentence(ctx, computeFigures(ctx, period)), period };
  },
  'reports.pdf': (ctx, input) => {
    if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持导出文件');
    return saveReportPdf(ctx, ctx.host.platform, input);
  },
  'reports.export': async (ctx, input) => {
    if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持导出文件');
    const { platform } = ctx.host;
    const { jobId, ...rest } = input;
    return trackJob(jobId, (report) => saveReportExport(ctx, platform, { ...rest, onProgress: (p) => report(p.phase, p.done, p.total) }));
  },
};
