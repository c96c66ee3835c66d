import { prepareCached } from '../../../db/queries/statements';
import { getConsultationRow, listConsultations as queryList, type ConsultationFilter } from '../../../db/queries/consultations';
import { personNameSql } from '../../../db/queries/people';
import type { ParsedInputOf } from '#contract/contract';
import type { ConsultationDetail, Opinion, OpinionVersion, Page, StatusChange, ConsultationRow, TrashRecord } from '#domain/types';
import { shanghaiDay } from '#domain/dates';
import type { CheckMark } from '#domain/procedures';
import type { ServiceContext } from '../context';
import { AppError, notFound } from '../errors';

export function today(ctx: ServiceContext): string {
  return shanghaiDay(ctx.now());
}

/** A counsel (and nobody else) sees only the items assigned to them. */
export function visibleCounselId(ctx: ServiceContext): number | undefined {
  const { roles, counselId } = ctx.caller;
  const seesAll = roles.some((r) => r === 'admin' || r === 'registrar' || r === 'leader');
  if (seesAll) return undefined;
  if (roles.includes('counsel')) return counselId ?? -1;
  return -1;
}

export function listConsultations(ctx: ServiceContext, input: ParsedInputOf<'consultations.list'>): Page<ConsultationRow> {
  // The input carries the filter fields plus the paging ones; buildWhere reads only the filter's.
  const filter: ConsultationFilter = input;
  const onlyCounselId = visibleCounselId(ctx);
  if (onlyCounselId !== undefined) filter.onlyCounselId = onlyCounselId;
  const result = queryList(ctx.ledger.sqlite, filter, input, today(ctx));
  const rows = input.trashed ? withTrashRecords(ctx, result.rows) : result.rows;
  return { rows, total: result.total, page: input.page, pageSize: input.pageSize };
}

/** The trash list says why, by whom and when each item was moved there (its latest move in the history). */
function withTrashRecords(ctx: ServiceContext, rows: ConsultationRow[]): ConsultationRow[] {
  const latest = prepareCached(
    ctx.ledger.sqlite,
    `SELECT reason, at, actor, ${personNameSql('actor')} AS actorName FROM status_history
     WHERE consultation_id = ? AND to_status = 'trashed' ORDER BY id DESC LIMIT 1`,
  );
  return rows.map((row) => ({ ...row, trashed: (latest.get(row.id) as TrashRecord | undefined) ?? null }));
}

/** What the detail adds to the ledger's row, apart from its opinions and history. */
type DetailExtra = Omit<ConsultationDetail, keyof ConsultationRow | 'opinions' | 'history'>;

/** The row as stored, without visibility checks: for services that already checked. */
export function loadDetail(ctx: ServiceContext, id: number): ConsultationDetail {
  const sqlite = ctx.ledger.sqlite;
  const row = getConsultationRow(sqlite, id, today(ctx));
  if (!row) throw notFound('咨询事项');
  const extra = prepareCached(
    sqlite,
    `SELECT description, secrecy, note, assigned_on AS assignedOn, outcome_reason AS outcomeReason, outcome_on AS outcomeOn,
            closed_on AS closedOn, created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt,
            updated_by AS updatedBy, ${personNameSql('created_by')} AS createdByName, ${personNameSql('updated_by')} AS updatedByName FROM consultations WHERE id = ?`,
  ).get(id) as DetailExtra;
  const opinionRows = prepareCached(
    sqlite,
    `SELECT o.id, o.round, o.counsel_id AS counselId, co.name AS counselName, o.conclusion, o.text,
            o.issued_on AS issuedOn, o.created_at AS createdAt, o.created_by AS createdBy,
            ${personNameSql('o.created_by')} AS createdByName,
            EXISTS (SELECT 1 FROM users u WHERE u.username = o.created_by AND u.counsel_id = o.counsel_id) AS enteredByCounsel,
            o.corrected_at AS correctedAt, CASE WHEN o.corrected_by IS NULL THEN NULL ELSE ${personNameSql('o.corrected_by')} END AS correctedByName,
            o.conclusion_word AS conclusionWord, o.checklist, o.sign_off_status AS signOffStatus, o.sign_off_on AS signOffOn,
            CASE WHEN o.sign_off_by IS NULL THEN NULL ELSE ${personNameSql('o.sign_off_by')} END AS signOffByName, o.sign_off_remark AS signOffRemark
     FROM opinions o LEFT JOIN counsels co ON co.id = o.counsel_id WHERE o.consultation_id = ? ORDER BY o.round`,
  ).all(id) as (Omit<Opinion, 'enteredByCounsel' | 'previous' | 'checklist'> & { enteredByCounsel: number; checklist: string | null })[];
  const versions = prepareCached(
    sqlite,
    `SELECT v.opinion_id AS opinionId, v.conclusion, v.text, v.issued_on AS issuedOn, v.entered_at AS enteredAt,
            ${personNameSql('v.entered_by')} AS enteredByName, v.replaced_at AS replacedAt, ${personNameSql('v.replaced_by')} AS replacedByName, v.reason
     FROM opinion_versions v WHERE v.opinion_id IN (SELECT id FROM opinions WHERE consultation_id = ?) ORDER BY v.id`,
  ).all(id) as (OpinionVersion & { opinionId: number })[];
  const opinions: Opinion[] = opinionRows.map((o) => ({
    ...o,
    enteredByCounsel: Boolean(o.enteredByCounsel),
    checklist: o.checklist === null ? null : (JSON.parse(o.checklist) as CheckMark[]),
    previous: versions.filter((v) => v.opinionId === o.id).map(({ opinionId: _id, ...v }) => v),
  }));
  const history = (
    prepareCached(
      sqlite,
      `SELECT id, from_status AS fromStatus, to_status AS toStatus, at, actor, reason, ${personNameSql('actor')} AS actorName,
              business_on AS businessOn, on_origin AS onOrigin, detail
       FROM status_history WHERE consultation_id = ? ORDER BY id`,
    ).all(id) as (Omit<StatusChange, 'detail'> & { detail: string | null })[]
  ).map((h) => ({ ...h, detail: h.detail === null ? null : (JSON.parse(h.detail) as Record<string, unknown>) }));
  return { ...row, ...extra, opinions, history };
}

export function getConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.get'>): ConsultationDetail {
  const detail = loadDetail(ctx, input.id);
  const onlyCounselId = visibleCounselId(ctx);
  // Someone else's item looks exactly like a missing one, so ids cannot be probed.
  if (onlyCounselId !== undefined && detail.counselId !== onlyCounselId) throw notFound('咨询事项');
  return detail;
}

export function assertVisible(ctx: ServiceContext, detail: ConsultationDetail): void {
  const onlyCounselId = visibleCounselId(ctx);
  if (onlyCounselId !== undefined && detail.counselId !== onlyCounselId) {
    throw new AppError('NOT_FOUND', '咨询事项不存在或已被删除');
  }
}

/**
 * The latest year with a live item (of the counsel, if only theirs are visible)
 * before `before`: one seek in (trashed_at, received_on) or (counsel_id, received_on).
 */
const latestYearBefore = (only: boolean, before: string): string =>
  `(SELECT CAST(substr(max(received_on), 1, 4) AS INTEGER) FROM consultations
    WHERE trashed_at IS NULL${only ? ' AND counsel_id = @only' : ''} AND received_on < ${before})`;

/**
 * The years that have live consultations the caller may see, newest first (the 年度 filter).
 * Year by year down the index (a seek per year) rather than reading every item: the ledger asks on every start.
 */
export function listYears(ctx: ServiceContext): number[] {
  const only = visibleCounselId(ctx);
  const restricted = only !== undefined;
  return prepareCached(
    ctx.ledger.sqlite,
    `WITH RECURSIVE y(year) AS (
       SELECT ${latestYearBefore(restricted, "'9999'")}
       UNION ALL
       SELECT ${latestYearBefore(restricted, "printf('%04d', y.year)")} FROM y WHERE y.year IS NOT NULL
     )
     SELECT year FROM y WHERE year IS NOT NULL ORDER BY year DESC`,
  )
    .pluck()
    .all(restricted ? { only } : {}) as number[];
}
