/**
 * The procedure's figures (issue 20): the annual report's returns (次数, average paused
 * working days), extensions and sign-off waiting time; the reminders' items awaiting
 * material or 签发 and the 规范性文件 due for review (清理).
 */
import type { ParsedInputOf } from '#contract/contract';
import { addMonths, DOCUMENT_VALIDITY, type ExpiringDocument, type ProcedureFigures, type ProcedureReminders } from '#domain/procedures';
import { AWAITING_OPINION, COUNTED_STATUSES, sqlStatusList } from '#domain/status';
import { serialNoSql } from '../../../db/queries/people';
import { PAUSED_AT_END } from '../../../db/queries/tally';
import { prepareCached } from '../../../db/queries/statements';
import type { ServiceContext } from '../context';
import { today, visibleCounselId } from '../consultations/read';
import { resolvePeriod } from '../reports/period';

/** The items a period counts (docs/DOMAIN.md): received in it, counted statuses, not trashed; a counsel's own only. */
const COUNTED = `c.trashed_at IS NULL AND c.status IN ${sqlStatusList(COUNTED_STATUSES)} AND c.received_on BETWEEN @from AND @to
  AND (@only IS NULL OR c.counsel_id = @only)`;

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

export function procedureFigures(ctx: ServiceContext, input: ParsedInputOf<'procedures.figures'>): ProcedureFigures {
  const { from, to } = resolvePeriod(input);
  const params = { from, to, only: visibleCounselId(ctx) ?? null };
  const { sqlite } = ctx.ledger;
  const returns = prepareCached(
    sqlite,
    `SELECT count(*) AS returns, count(DISTINCT r.consultation_id) AS returnedItems, avg(r.paused_days) AS averagePausedDays
     FROM consultation_returns r JOIN consultations c ON c.id = r.consultation_id WHERE ${COUNTED}`,
  ).get(params) as { returns: number; returnedItems: number; averagePausedDays: number | null };
  const signed = prepareCached(
    sqlite,
    `SELECT count(*) AS signedOff, avg(julianday(o.sign_off_on) - julianday(o.issued_on)) AS averageSignOffDays
     FROM opinions o JOIN consultations c ON c.id = o.consultation_id WHERE o.sign_off_status = 'signed' AND ${COUNTED}`,
  ).get(params) as { signedOff: number; averageSignOffDays: number | null };
  const extensions = prepareCached(
    sqlite,
    `SELECT count(*) FROM consultation_extensions e JOIN consultations c ON c.id = e.consultation_id WHERE ${COUNTED}`,
  )
    .pluck()
    .get(params) as number;
  // At the period's end (@to; a running period's end is after today, so: now), with the tally's rule for a paused clock.
  const awaiting = prepareCached(
    sqlite,
    `SELECT
       (SELECT count(*) FROM consultations c WHERE ${COUNTED} AND ${PAUSED_AT_END}
          AND NOT EXISTS (SELECT 1 FROM opinions o WHERE o.consultation_id = c.id AND o.issued_on <= @to)) AS awaitingMaterial,
       (SELECT count(*) FROM consultations c JOIN opinions o ON o.consultation_id = c.id WHERE ${COUNTED}
          AND o.round = (SELECT max(o2.round) FROM opinions o2 WHERE o2.consultation_id = c.id AND o2.issued_on <= @to)
          AND (o.sign_off_status = 'pending' OR (o.sign_off_status IN ('signed', 'returned') AND o.sign_off_on > @to))) AS awaitingSignOff`,
  ).get(params) as { awaitingMaterial: number; awaitingSignOff: number };
  return {
    returns: returns.returns,
    returnedItems: returns.returnedItems,
    averagePausedDays: round1(returns.averagePausedDays),
    signedOff: signed.signedOff,
    averageSignOffDays: round1(signed.averageSignOffDays),
    extensions,
    ...awaiting,
  };
}

/** The day up to which a document's expiry makes it due for review. */
const reviewHorizon = (ctx: ServiceContext): string => addMonths(today(ctx), DOCUMENT_VALIDITY.reviewMonthsAhead);

export function procedureReminders(ctx: ServiceContext): ProcedureReminders {
  const row = prepareCached(
    ctx.ledger.sqlite,
    `SELECT
       (SELECT count(*) FROM consultations c WHERE c.trashed_at IS NULL AND c.paused_since IS NOT NULL
          AND c.status IN ${sqlStatusList(AWAITING_OPINION)} AND (@only IS NULL OR c.counsel_id = @only)) AS awaitingMaterial,
       (SELECT count(*) FROM opinions o JOIN consultations c ON c.id = o.consultation_id
          WHERE o.sign_off_status = 'pending' AND c.trashed_at IS NULL AND c.status = 'answered' AND (@only IS NULL OR c.counsel_id = @only)
            AND o.round = (SELECT max(o2.round) FROM opinions o2 WHERE o2.consultation_id = o.consultation_id)) AS awaitingSignOff,
       (SELECT count(*) FROM consultations c WHERE c.trashed_at IS NULL AND c.doc_valid_until IS NOT NULL AND c.doc_valid_until <= @horizon
          AND (@only IS NULL OR c.counsel_id = @only)) AS documentsDue`,
  ).get({ only: visibleCounselId(ctx) ?? null, horizon: reviewHorizon(ctx) }) as ProcedureReminders;
  return row;
}

/** 规范性文件 expiring within six months, or already expired, soonest first (清理). */
export function expiringDocuments(ctx: ServiceContext): ExpiringDocument[] {
  const t = today(ctx);
  const rows = prepareCached(
    ctx.ledger.sqlite,
    `SELECT c.id AS consultationId, ${serialNoSql('c')} AS serialNo, c.title, d.name AS departmentName, c.doc_number AS docNumber,
            c.doc_issued_on AS issuedOn, c.doc_valid_until AS validUntil
     FROM consultations c JOIN departments d ON d.id = c.department_id
     WHERE c.trashed_at IS NULL AND c.doc_valid_until IS NOT NULL AND c.doc_valid_until <= @horizon AND (@only IS NULL OR c.counsel_id = @only)
     ORDER BY c.doc_valid_until, c.id`,
  ).all({ horizon: reviewHorizon(ctx), only: visibleCounselId(ctx) ?? null }) as Omit<ExpiringDocument, 'expired'>[];
  return rows.map((r) => ({ ...r, expired: r.validUntil < t }));
}
