/**
 * The evidence of the yearly assessment: the annual report's own figures
 * (reports/tally.ts computeFigures) over the year, with the population narrowed
 * to the items assigned to the firm's counsel (TallyScope.firmId), and the
 * ratings counted by the report's drill-down (reports/drilldown.ts). Nothing is
 * counted here: every number comes from the report's code, and every figure's
 * key, prefixed with "firm:N;", opens its items through reports.drilldown.
 */
import type { Evidence, EvidenceFigure } from '#contract/engagement-contract';
import type { Figure } from '#contract/reports-contract';
import { RATINGS, RATING_LABELS, yuanText } from '#domain/engagement';
import type { ServiceContext } from '../context';
import { drilldown } from '../reports/drilldown';
import { resolvePeriod } from '../reports/period';
import { computeFigures } from '../reports/tally';
import { getFirm } from './firms';
import { paidInPeriod } from './engagements';

/** The key that lists a firm's items of one figure through reports.drilldown. */
export const firmKey = (firmId: number, key: string): string => (key === 'total' ? `firm:${firmId}` : `firm:${firmId};${key}`);

const times = (f: Figure): string => `${f.count}次（${f.items}项）`;

export function assessmentEvidence(ctx: ServiceContext, input: { firmId: number; year: number }): Evidence {
  getFirm(ctx, input.firmId);
  const period = resolvePeriod({ year: input.year });
  return ctx.ledger.sqlite
    .transaction((): Evidence => {
      const f = computeFigures(ctx, period, { withRows: false, firmId: input.firmId });
      const ratings = RATINGS.map((rating) => {
        const key = firmKey(input.firmId, `rating:${rating}`);
        const d = drilldown(ctx, { year: input.year, key });
        return { count: d.count, items: d.items, key, rating };
      });
      const answered = f.opinions.answered.count;
      const roundsPerItem = answered === 0 ? '暂无' : (Math.round((f.opinions.documents * 100) / answered) / 100).toFixed(2);
      const paidFen = paidInPeriod(ctx.ledger.sqlite, period.from, period.to, input.firmId);
      const k = (key: string) => firmKey(input.firmId, key);
      const rows: EvidenceFigure[] = [
        { label: '办理法律咨询', text: times(f.total), key: k('total') },
        { label: '出具法律意见', text: `${f.opinions.documents}份`, key: k('answered') },
        { label: '首次出具意见用时中位数', text: f.turnaround.medianDays === null ? '暂无' : `${f.turnaround.medianDays}天`, key: k('answered') },
        { label: '按时答复率', text: `${f.turnaround.onTimeRate.text}（${f.turnaround.dueMet.count}/${f.turnaround.dueTracked.count}）`, key: k('due:tracked') },
        { label: '意见采纳率', text: `${f.adoption.rate.text}（${f.adoption.adopted.count}/${f.adoption.withOutcome.count}）`, key: k('adoption:withOutcome') },
        { label: '每项意见轮次', text: roundsPerItem, key: k('answered') },
        ...ratings.map((r) => ({ label: `服务评价：${RATING_LABELS[r.rating]}`, text: `${r.count}次`, key: r.key })),
        { label: '已付服务费', text: `${yuanText(paidFen)}元`, key: null },
      ];
      return {
        firmId: input.firmId,
        year: input.year,
        period,
        total: { ...f.total, key: k('total') },
        documents: f.opinions.documents,
        medianDays: f.turnaround.medianDays,
        onTime: { met: { ...f.turnaround.dueMet, key: k('due:met') }, tracked: { ...f.turnaround.dueTracked, key: k('due:tracked') }, text: f.turnaround.onTimeRate.text },
        adoption: { adopted: { ...f.adoption.adopted, key: k('adoption:adopted') }, withOutcome: { ...f.adoption.withOutcome, key: k('adoption:withOutcome') }, text: f.adoption.rate.text },
        roundsPerItem,
        ratings,
        paidFen,
        rows,
      };
    })
    .deferred();
}
