import { prepareCached } from '../../../db/queries/statements';
import { getConsultationRow, listConsultations as queryList, type ConsultationFilter } from '../../../db/queries/consultations';
import type { ParsedInputOf } from '#contract/contract';
import type { ConsultationDetail, Opinion, Page, StatusChange, ConsultationRow } from '#domain/types';
import { shanghaiDay } from '#domain/dates';
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
  return { rows: result.rows, total: result.total, page: input.page, pageSize: input.pageSize };
}

interface DetailExtra {
  description: string;
  note: string;
  assignedOn: string | null;
  outcomeReason: string | null;
  outcomeOn: string | null;
  closedOn: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  createdByName: string;
  updatedByName: string;
}

/** The row as stored, without visibility checks: for services that already checked. */
export function loadDetail(ctx: ServiceContext, id: number): ConsultationDetail {
  const sqlite = ctx.ledger.sqlite;
  const row = getConsultationRow(sqlite, id, today(ctx));
  if (!row) throw notFound('咨询事项');
  const extra = prepareCached(
    sqlite,
    `SELECT description, note, assigned_on AS assignedOn, outcome_reason AS outcomeReason, outcome_on AS outcomeOn,
            closed_on AS closedOn, created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt,
            updated_by AS updatedBy, coalesce((SELECT display_name FROM users WHERE username = created_by), CASE created_by WHEN 'local-admin' THEN '本机管理员' ELSE created_by END) AS createdByName,
            coalesce((SELECT display_name FROM users WHERE username = updated_by), CASE updated_by WHEN 'local-admin' THEN '本机管理员' ELSE updated_by END) AS updatedByName FROM consultations WHERE id = ?`,
  ).get(id) as DetailExtra;
  const opinions = prepareCached(
    sqlite,
    `SELECT o.id, o.round, o.counsel_id AS counselId, co.name AS counselName, o.conclusion, o.text,
            o.issued_on AS issuedOn, o.created_at AS createdAt, o.created_by AS createdBy,
            coalesce((SELECT display_name FROM users WHERE username = o.created_by), CASE o.created_by WHEN 'local-admin' THEN '本机管理员' ELSE o.created_by END) AS createdByName
     FROM opinions o LEFT JOIN counsels co ON co.id = o.counsel_id WHERE o.consultation_id = ? ORDER BY o.round`,
  ).all(id) as Opinion[];
  const history = prepareCached(
    sqlite,
    `SELECT id, from_status AS fromStatus, to_status AS toStatus, at, actor, reason,
            coalesce((SELECT display_name FROM users WHERE username = actor), CASE actor WHEN 'local-admin' THEN '本机管理员' ELSE actor END) AS actorName
     FROM status_history WHERE consultation_id = ? ORDER BY id`,
  ).all(id) as StatusChange[];
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
