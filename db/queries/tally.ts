/**
 * The yearly tally's queries, as hand-written SQL on cached prepared statements.
 *
 * Every figure and every drill-down reads the same "facts" of each consultation
 * of the period (FACTS below), so a drill-down lists exactly the items its
 * figure counted. The counting rules themselves (docs/DOMAIN.md) are:
 *   population = not trashed, receivedOn (local Asia/Shanghai day) within the period
 *                [, and the counsel's own items for a counsel];
 *   status     = the status at the end of the period, from the steps' business dates
 *                (never from when they were typed in): STATUS_AT_END;
 *   counted    = population and status <> 'withdrawn' (withdrawn: their own line);
 *   opinions, the first opinion, the conclusion and the outcome count only when
 *                dated (出具日期, 采纳登记日期) on or before the period's last day.
 * Index use: the population is a range scan of consultations_live_received_idx
 * (trashed_at, received_on, id); opinions are looked up per item through
 * opinions_round_uq (consultation_id, round); status history through
 * status_history_consultation_idx (consultation_id, id).
 */
import type Database from 'better-sqlite3';
import { addDays } from '#domain/dates';
import { OPEN_STATUSES, sqlStatusList } from '#domain/status';
import { STATUSES, type CarriedOverItem } from '#domain/types';
import { personNameSql } from './people';
import { prepareCached } from './statements';

export interface TallyScope {
  /** first and last local day of the period, 'YYYY-MM-DD' */
  from: string;
  to: string;
  /** today's local day: an unanswered item is past due when dueOn < today */
  today: string;
  /** a counsel's view: only the items assigned to them */
  onlyCounselId?: number;
  /** the yearly assessment's evidence: only the items assigned to a counsel of this firm (counsels.firm_id) */
  firmId?: number;
}

/** The population's extra conditions: the counsel's own items, the firm's items. */
function scopeWhere(scope: Pick<TallyScope, 'onlyCounselId' | 'firmId'>): string {
  const counsel = scope.onlyCounselId === undefined ? '' : ' AND c.counsel_id = @onlyCounselId';
  const firm = scope.firmId === undefined ? '' : ' AND c.counsel_id IN (SELECT co.id FROM counsels co WHERE co.firm_id = @firmId)';
  return counsel + firm;
}

/** A drill-down atom's condition (over the facts): the item was rated @name (consultation_ratings) by the period's end. */
export function ratingFactSql(name: string): string {
  return `id IN (SELECT r.consultation_id FROM consultation_ratings r WHERE r.rating = @${name} AND r.rated_on <= @to)`;
}

/** A drill-down atom's condition (over the facts): the item is assigned to a counsel of the firm @name. */
export function firmFactSql(name: string): string {
  return `counselId IN (SELECT co.id FROM counsels co WHERE co.firm_id = @${name})`;
}

const OPEN_STATUSES_SQL = sqlStatusList(OPEN_STATUSES);
const REAL_STATUSES_SQL = sqlStatusList(STATUSES);

/**
 * The conclusion of the item's LATEST opinion round given by the period's end: after
 * revisions the last round is counsel's standing position, so that is what the report counts.
 */
const LATEST_CONCLUSION = `(SELECT o.conclusion FROM opinions o WHERE o.consultation_id = c.id AND o.issued_on <= @to ORDER BY o.round DESC LIMIT 1)`;
/**
 * Turnaround runs to the FIRST opinion: round 1 (rounds are numbered from 1 as
 * they are given, and dated in order), when given by the period's end. One seek
 * on opinions_round_uq, no aggregate.
 */
const FIRST_OPINION_ON = `(SELECT o.issued_on FROM opinions o WHERE o.consultation_id = c.id AND o.round = 1 AND o.issued_on <= @to)`;
/**
 * 出具法律意见N份: the counting rule for 份. One 份 per opinion ROUND (a row of
 * opinions) dated on or before the period's end: a 补充意见 is a new round and one
 * more 份; a correction of an opinion (services/consultations/write.ts,
 * correctOpinion) changes the round in place and keeps its earlier wording in
 * opinion_versions, so it never adds a 份. Tested in test/services/opinions.test.ts.
 */
const OPINION_COUNT = `(SELECT count(*) FROM opinions o WHERE o.consultation_id = c.id AND o.issued_on <= @to)`;
/** The outcome, when registered (采纳登记日期) by the period's end; imported outcomes without a date count. */
const OUTCOME_AT_END = `CASE WHEN c.outcome_on IS NULL OR c.outcome_on <= @to THEN c.outcome END`;
/**
 * The status at the end of the period, from the BUSINESS DATES of the status
 * history (status_history.business_on: the day each step happened, whenever it
 * was typed in), so an item closed after the period ended shows as open at its
 * end, a reopened one as it was then, and one closed in May but typed in in
 * December as closed at the end of June. Business dates of status steps never go
 * backwards (the services refuse it), so the last step dated on or before the
 * period's last day gives the status.
 * Shortcut: consultations.status_on is the business date of the current status
 * (same transaction as every step), so an item whose last step is dated within
 * the period has its current status, and the history is read only for the others.
 * No dated history (rows written before business dates without them): the status
 * is worked out from the item's own dates up to the period's last day —
 * closed_on, the first opinion, assigned_on.
 */
const STATUS_FROM_DATES = `CASE
    WHEN c.closed_on IS NOT NULL AND c.closed_on <= @to THEN 'closed'
    WHEN EXISTS (SELECT 1 FROM opinions o WHERE o.consultation_id = c.id AND o.issued_on <= @to) THEN 'answered'
    WHEN c.assigned_on IS NOT NULL AND c.assigned_on <= @to THEN 'assigned'
    ELSE 'registered' END`;
const STATUS_AT_END = `CASE WHEN c.status_on <= @to THEN c.status ELSE coalesce(
  (SELECT h.to_status FROM status_history h WHERE h.consultation_id = c.id AND h.business_on <= @to
     AND h.to_status IN ${REAL_STATUSES_SQL} ORDER BY h.business_on DESC, h.id DESC LIMIT 1),
  ${STATUS_FROM_DATES}) END`;

/**
 * 退回补正 at the end of the period: returned on or before its last day and the material
 * not back by then (docs/DOMAIN.md, "Review procedures"). The clock stood still, so an
 * unanswered item in that state is not past due at the period's end (like OVERDUE_SQL's
 * paused_since today), even when the due date in force was before then. One seek on
 * consultation_returns_item_idx.
 */
export const PAUSED_AT_END = `EXISTS (SELECT 1 FROM consultation_returns r WHERE r.consultation_id = c.id AND r.returned_on <= @to
    AND (r.resumed_on IS NULL OR r.resumed_on > @to))`;

/**
 * The due date in force at the END of the period (docs/DOMAIN.md, "Review procedures"): a 延期
 * or a 退回补正 dated after the period's last day moved consultations.due_on later than it stood
 * then, so an earlier period must not read the current due_on. Every change of the due date
 * keeps the date it replaced (consultation_extensions.previous_due_on, consultation_returns.due_before),
 * so the date at the period's end is the one replaced by the FIRST change dated after it: an extension
 * granted after @to, or a return not resumed by @to (a return still open at @to replaced nothing
 * yet, and one returned by @to but resumed after it moved the date only after @to). The first is
 * found by business date, then by when it was typed in (created_at, an ISO timestamp of fixed width):
 * the key is date (10) + created_at (24) + the replaced date ('' for none), and substr(key, 35) is
 * that date. No such change: the current due_on, which then includes only changes dated by @to,
 * each one's paused working days counted on the working-day calendar when it was recorded.
 * Most items have no such change: two EXISTS seeks (consultation_returns_item_idx,
 * consultation_extensions_item_idx) find none and the current due_on is read; only the others sort their few keys.
 */
const RETURNS_AFTER_END = `FROM consultation_returns r WHERE r.consultation_id = c.id AND (r.resumed_on IS NULL OR r.resumed_on > @to)`;
const EXTENSIONS_AFTER_END = `FROM consultation_extensions e WHERE e.consultation_id = c.id AND e.granted_on > @to`;
export const DUE_AT_END = `CASE WHEN EXISTS (SELECT 1 ${RETURNS_AFTER_END}) OR EXISTS (SELECT 1 ${EXTENSIONS_AFTER_END})
  THEN nullif(coalesce(substr((
    SELECT r.returned_on || r.created_at || coalesce(r.due_before, '') ${RETURNS_AFTER_END}
    UNION ALL SELECT e.granted_on || e.created_at || coalesce(e.previous_due_on, '') ${EXTENSIONS_AFTER_END}
    ORDER BY 1 LIMIT 1), 35), c.due_on), '')
  ELSE c.due_on END`;

/**
 * An unanswered item is past due at the end of the period when its due date then (DUE_AT_END) is before
 * the day after the period (a period still running: before today) and its clock was
 * not paused then (PAUSED_AT_END).
 */
function dueBy(scope: TallyScope): string {
  const next = addDays(scope.to, 1);
  return next < scope.today ? next : scope.today;
}

/** Columns a figure may be filtered or grouped by; only those referenced are computed. */
const FACT_COLUMNS = {
  id: 'c.id',
  categoryId: 'c.category_id',
  departmentId: 'c.department_id',
  counselId: 'c.counsel_id',
  receivedOn: 'c.received_on',
  month: 'substr(c.received_on, 1, 7)',
  dueOn: 'c.due_on',
  /** the due date in force at the end of the period (DUE_AT_END): what met / missed / pending use */
  dueAtEnd: DUE_AT_END,
  itemCount: 'c.item_count',
  /** the status at the end of the period (business dates): what every figure counts */
  status: STATUS_AT_END,
  /** the status today, shown beside it in the carried-over list */
  currentStatus: 'c.status',
  outcome: OUTCOME_AT_END,
  conclusion: LATEST_CONCLUSION,
  firstOn: FIRST_OPINION_ON,
  opinionCount: OPINION_COUNT,
  /** 1 when the item was returned for material (退回补正) at the end of the period */
  pausedAtEnd: PAUSED_AT_END,
} as const;
export type FactColumn = keyof typeof FACT_COLUMNS;

/** Whole days from receipt to the first opinion (dates are local days, so julianday differences are whole). */
export const DAYS_SQL = `CAST(julianday(firstOn) - julianday(receivedOn) AS INTEGER)`;
/**
 * met / missed / pending (not answered: not yet due, or its clock paused by a return at the
 * period's end) / none (no due date), against the due date in force at the period's end.
 * Over the facts dueAtEnd, firstOn and pausedAtEnd (DUE_STATE_COLUMNS); tallyItemsSql gives the
 * same facts to the report's fold (electron/services/reports/tally.ts).
 */
export const DUE_STATE_SQL = `CASE WHEN dueAtEnd IS NULL THEN 'none'
  WHEN firstOn IS NOT NULL THEN (CASE WHEN firstOn <= dueAtEnd THEN 'met' ELSE 'missed' END)
  WHEN pausedAtEnd THEN 'pending'
  WHEN dueAtEnd < @dueBy THEN 'missed' ELSE 'pending' END`;
export const DUE_STATE_COLUMNS = ['dueAtEnd', 'firstOn', 'pausedAtEnd'] as const satisfies readonly FactColumn[];
export const COUNTED_SQL = `status <> 'withdrawn'`;
export const OPEN_AT_END_SQL = `status IN ${OPEN_STATUSES_SQL}`;

/** The facts of the period's population, as a derived table with the asked-for columns. */
function facts(scope: TallyScope, columns: readonly FactColumn[]): string {
  const select = [...new Set<FactColumn>(['id', 'status', 'itemCount', ...columns])]
    .map((name) => `${FACT_COLUMNS[name]} AS ${name}`)
    .join(', ');
  return `(SELECT ${select} FROM consultations c
    WHERE c.trashed_at IS NULL AND c.received_on >= @from AND c.received_on <= @to${scopeWhere(scope)})`;
}

function params(scope: TallyScope, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const p: Record<string, unknown> = { from: scope.from, to: scope.to, today: scope.today, dueBy: dueBy(scope), ...extra };
  if (scope.onlyCounselId !== undefined) p.onlyCounselId = scope.onlyCounselId;
  if (scope.firmId !== undefined) p.firmId = scope.firmId;
  return p;
}

/**
 * One row per consultation of the population, as a plain array (no object per
 * row: at 100k rows building objects costs more than the scan), every derived
 * fact computed once. The service folds all breakdowns from this single pass.
 */
export type TallyItem = [
  categoryId: number,
  month: string,
  departmentId: number,
  counselId: number | null,
  /** at the end of the period */
  status: string,
  outcome: string | null,
  itemCount: number,
  conclusion: string | null,
  /** whole days from receipt to the first opinion; null when not answered by the period's end */
  firstDays: number | null,
  /** whole days from receipt to the due date in force at the end of the period (DUE_AT_END); null when there is none */
  dueDays: number | null,
  /**
   * whole days from receipt to dueBy (the day after the period, or today), so an unanswered item is past due
   * when dueDays < dueByDays; null when its clock was paused by a return at the period's end (PAUSED_AT_END)
   */
  dueByDays: number | null,
  opinionCount: number,
];

/** The SQL of tallyItems (exported so a test can pin its query plan). */
export function tallyItemsSql(scope: Pick<TallyScope, 'onlyCounselId' | 'firmId'>): string {
  return `SELECT c.category_id, substr(c.received_on, 1, 7), c.department_id, c.counsel_id, ${STATUS_AT_END}, ${OUTCOME_AT_END},
      c.item_count, ${LATEST_CONCLUSION},
      (SELECT CAST(julianday(o.issued_on) - julianday(c.received_on) AS INTEGER) FROM opinions o WHERE o.consultation_id = c.id AND o.round = 1 AND o.issued_on <= @to),
      CAST(julianday(${DUE_AT_END}) - julianday(c.received_on) AS INTEGER),
      CASE WHEN NOT ${PAUSED_AT_END} THEN CAST(julianday(@dueBy) - julianday(c.received_on) AS INTEGER) END,
      ${OPINION_COUNT}
    FROM consultations c
    WHERE c.trashed_at IS NULL AND c.received_on >= @from AND c.received_on <= @to${scopeWhere(scope)}`;
}

export function tallyItems(sqlite: Database.Database, scope: TallyScope): IterableIterator<TallyItem> {
  const stmt = prepareCached(sqlite, tallyItemsSql(scope));
  // raw() switches the cached statement to arrays for good; nothing else uses this SQL text.
  return stmt.raw(true).iterate(params(scope)) as IterableIterator<TallyItem>;
}

export interface CarriedOverRawRow extends CarriedOverItem {
  serialPrefix: string;
  serialYear: number;
  serialSeq: number;
  status: string;
}

export function carriedOverRows(sqlite: Database.Database, scope: TallyScope, limit: number): CarriedOverRawRow[] {
  const sql = `SELECT f.id, c.serial_prefix AS serialPrefix, c.serial_year AS serialYear, c.serial_seq AS serialSeq,
      c.title, f.receivedOn, f.dueOn, f.itemCount, d.name AS departmentName, co.name AS counselName, f.status AS statusAtEnd,
      f.currentStatus AS status
    FROM ${facts(scope, ['receivedOn', 'dueOn', 'currentStatus'])} f
    JOIN consultations c ON c.id = f.id JOIN departments d ON d.id = c.department_id
    LEFT JOIN counsels co ON co.id = c.counsel_id
    WHERE f.${COUNTED_SQL} AND f.${OPEN_AT_END_SQL} ORDER BY f.receivedOn, f.id LIMIT @limit`;
  return prepareCached(sqlite, sql).all(params(scope, { limit })) as CarriedOverRawRow[];
}

/** One condition of a drill-down, over the fact columns it names. */
export interface FactCondition {
  sql: string;
  columns: readonly FactColumn[];
  params?: Record<string, unknown>;
  /** true when the condition selects withdrawn items (otherwise only counted items are listed) */
  withdrawn?: boolean;
}

/** Ids and 项 of exactly the items matching all conditions, oldest receivedOn first. */
export function drilldownIds(
  sqlite: Database.Database,
  scope: TallyScope,
  conditions: readonly FactCondition[],
): { id: number; itemCount: number }[] {
  const where = conditions.map((c) => `(${c.sql})`);
  if (!conditions.some((c) => c.withdrawn)) where.unshift(COUNTED_SQL);
  const columns = conditions.flatMap((c) => c.columns);
  const sql = `SELECT id, itemCount FROM ${facts(scope, ['receivedOn', ...columns])}
    WHERE ${where.join(' AND ')} ORDER BY receivedOn, id`;
  const extra = Object.assign({}, ...conditions.map((c) => c.params ?? {}));
  // Unused named parameters are ignored by better-sqlite3, so one parameter object fits every shape.
  return prepareCached(sqlite, sql).all(params(scope, extra)) as { id: number; itemCount: number }[];
}

/** Every field of one counted consultation, for the detail ledger (明细台账) of the exports. */
export interface LedgerDetailRow {
  id: number;
  serialPrefix: string;
  serialYear: number;
  serialSeq: number;
  title: string;
  description: string;
  categoryName: string;
  departmentName: string;
  requester: string;
  receivedOn: string;
  dueOn: string | null;
  itemCount: number;
  counselName: string | null;
  counselFirm: string | null;
  assignedOn: string | null;
  status: string;
  opinionCount: number;
  firstOn: string | null;
  lastOn: string | null;
  days: number | null;
  due: 'met' | 'missed' | 'pending' | 'none';
  conclusion: string | null;
  outcome: string | null;
  outcomeReason: string | null;
  /** the latest opinion of the period: its text (意见要点) */
  lastText: string | null;
  outcomeOn: string | null;
  closedOn: string | null;
  statusAtEnd: string;
  note: string;
  createdAt: string;
  /** 登记人 and 最后修改人: the person's name (personNameSql), not the user name */
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** The counted consultations of the period with every field, in ledger order; iterated, so big years stream. */
export function ledgerDetailRows(sqlite: Database.Database, scope: TallyScope): IterableIterator<LedgerDetailRow> {
  const sql = `SELECT f.id, c.serial_prefix AS serialPrefix, c.serial_year AS serialYear, c.serial_seq AS serialSeq,
      c.title, c.description, cat.name_zh AS categoryName, d.name AS departmentName, c.requester, f.receivedOn, f.dueOn,
      f.itemCount, co.name AS counselName, co.firm AS counselFirm, c.assigned_on AS assignedOn, f.currentStatus AS status,
      f.opinionCount,
      -- the item's own first opinion, even when given after the period (its 期末状态 then says it was not yet answered), so a re-import of the ledger rebuilds the same history
      (SELECT o.issued_on FROM opinions o WHERE o.consultation_id = f.id AND o.round = 1) AS firstOn,
      (SELECT max(o.issued_on) FROM opinions o WHERE o.consultation_id = f.id AND o.issued_on <= @to) AS lastOn,
      (SELECT o.text FROM opinions o WHERE o.consultation_id = f.id AND o.issued_on <= @to ORDER BY o.round DESC LIMIT 1) AS lastText,
      ${DAYS_SQL} AS days,
      ${DUE_STATE_SQL} AS due,
      f.conclusion, f.outcome, c.outcome_reason AS outcomeReason, c.outcome_on AS outcomeOn, c.closed_on AS closedOn,
      f.status AS statusAtEnd, c.note, c.created_at AS createdAt, ${personNameSql('c.created_by')} AS createdBy, c.updated_at AS updatedAt,
      ${personNameSql('c.updated_by')} AS updatedBy
    FROM ${facts(scope, ['receivedOn', 'dueOn', ...DUE_STATE_COLUMNS, 'opinionCount', 'conclusion', 'outcome', 'currentStatus'])} f
    JOIN consultations c ON c.id = f.id
    JOIN categories cat ON cat.id = c.category_id
    JOIN departments d ON d.id = c.department_id
    LEFT JOIN counsels co ON co.id = c.counsel_id
    -- the derived columns (firstOn, dueOn, ...) are camelCase, so they cannot clash with the tables' snake_case ones
    WHERE f.${COUNTED_SQL} ORDER BY f.receivedOn, c.serial_year, c.serial_seq, f.id`;
  return prepareCached(sqlite, sql).iterate(params(scope)) as IterableIterator<LedgerDetailRow>;
}
