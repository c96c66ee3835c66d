/**
 * The annual report's cost figures (shown to the admin, the registrar and the
 * leader only: the contract's roles): the fees paid in the period, and per
 * consultation, over the report's own count of the period's consultations.
 */
import type { CostFigures } from '#contract/engagement-contract';
import type { ServiceContext } from '../context';
import { resolvePeriod, type PeriodInput } from '../reports/period';
import { computeFigures } from '../reports/tally';
import { paidInPeriod } from './engagements';

/** a ÷ b in whole fen, rounded half up (integers only) */
export function divideFen(fen: number, by: number): number {
  return Math.floor((2 * fen + by) / (2 * by));
}

export function costFigures(ctx: ServiceContext, input: PeriodInput): CostFigures {
  const period = resolvePeriod(input);
  return ctx.ledger.sqlite
    .transaction((): CostFigures => {
      const consultations = computeFigures(ctx, period, { withRows: false }).total.count;
      const paidFen = paidInPeriod(ctx.ledger.sqlite, period.from, period.to);
      return { period, paidFen, consultations, perConsultationFen: consultations === 0 ? null : divideFen(paidFen, consultations) };
    })
    .deferred();
}
