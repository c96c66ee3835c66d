/**
 * The yearly tally's queries, as hand-written SQL on cached prepared statements.
 *
 * Every figure and every drill-down reads the same "facts" of each consultation
 * of the period (FACTS below), so a drill-down lists exactly the items its
 * figure counted. The counting rules themselves (docs/DOMAIN.md) are:
 *   population = not trashed, receivedOn (local Asia/Shanghai day) within the period
 *                [, and the counsel's own items for a counsel];
 *   counted    = population and status <> 'withdrawn' (withdrawn: their own line).
 * Index use: the population is a range scan of consultations_live_received_idx
 * (trashed_at, received_on, id); opinions are looked up per item through
 * opinions_round_uq (consultation_id, round); status history through
 * status_history_consultation_idx (consultation_id, id).
 */
import type Database from 'better-sqlite3';
import { OPEN_STATUSES, sqlStatusList } from '#domain/status';
import { STATUSES } from '#domain/types';
import { prepareCached } from './statements';

export interface TallyScope {
  /** first and last local day of the period, 'YYYY-MM-DD' */
  from: string;
  to: string;
  /** ISO-8601 UTC instant at which the period's last local day ends (status_history.at is compared to it) */
  boundary: string;
  /** today's local day: an unanswered item is past due when dueOn < today */
  today: string;
  /** a counsel's view: only the items assigned to them */
  onlyCounselId?: number;
}

const OPEN_STATUSES_SQL = sqlStatusList(OPEN_STATUSES);
const REAL_STATUSES_SQL = sqlStatusList(STATUSES);

/**
 * The conclusion of the item's LATEST opinion round: after revisions the last
 * round is counsel's standing position, so that is what the report counts.
 */
const LATEST_CONCLUSION = `(SELECT o.conclusion FROM opinions o WHERE o.consultation_id = c.id ORDER BY o.round DESC LIMIT 1)`;
/**
 * Turnaround runs to the FIRST opinion: round 1 (rounds are numbered from 1 as
 * they are given). One seek on opinions_round_uq, no aggregate.
 */
const FIRST_OPINION_ON = `(SELECT o.issued_on FROM opinions o WHERE o.consultation_id = c.id AND o.round = 1)`;
const OPINION_COUNT = `(SELECT count(*) FROM opinions o WHERE o.consultation_id = c.id)`;
/**
 * The status at the end of the period, from the status history, so an item
 * closed after the year ended still shows as open at year end, and a reopened
 * one as it was then. Shortcut: every status change also sets updated_at
 * (services/consultations/write.ts, same transaction), so a row last updated
 * well before the boundary (@settled: a minute's margin for clock skew between
 * the two writes) still has the status it had then, and the history is read
 * only for rows touched around or after the boundary.
 * No history before the boundary (registered only after the period ended, or
 * imported with its history stamped at import time, or none): the status is
 * worked out from the item's own dates up to the period's last day — closed_on,
 * the first opinion, assigned_on — so a late registration counts as open and an
 * imported item closed years ago as closed.
 */
const STATUS_FROM_DATES = `CASE
    WHEN c.closed_on IS NOT NULL AND c.closed_on <= @to THEN 'closed'
    WHEN EXISTS (SELECT 1 FROM opinions o WHERE o.consultation_id = c.id AND o.issued_on <= @to) THEN 'answered'
    WHEN c.assigned_on IS NOT NULL AND c.assigned_on <= @to THEN 'assigned'
    ELSE 'registered' END`;
const STATUS_AT_END = `CASE WHEN c.updated_at < @settled THEN c.status ELSE coalesce(
  (SELECT h.to_status FROM status_history h WHERE h.consultation_id = c.id AND h.at < @boundary
     AND h.to_status IN ${REAL_STATUSES_SQL} ORDER BY h.id DESC LIMIT 1),
  ${STATUS_FROM_DATES}) END`;

/** A minute before the boundary: see STATUS_AT_END. */
function settled(scope: TallyScope): string {
  return new Date(Date.parse(scope.boundary) - 60_000).toISOString();
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
  itemCount: 'c.item_count',
  status: 'c.status',
  outcome: 'c.outcome',
  conclusion: LATEST_CONCLUSION,
  firstOn: FIRST_OPINION_ON,
  opinionCount: OPINION_COUNT,
  statusAtEnd: STATUS_AT_END,
} as const;
export type FactColumn = keyof typeof FACT_COLUMNS;

/** Whole days from receipt to the first opinion (dates are local days, so julianday differences are whole). */
export const DAYS_SQL = `CAST(julianday(firstOn) - julianday(receivedOn) AS INTEGER)`;
/** met / missed / pending (not answered, not yet due) / none (no dueOn) */
export const DUE_STATE_SQL = `CASE WHEN dueOn IS NULL THEN 'none'
  WHEN firstOn IS NOT NULL THEN (CASE WHEN firstOn <= dueOn THEN 'met' ELSE 'missed' END)
  WHEN dueOn < @today THEN 'missed' ELSE 'pending' END`;
export const COUNTED_SQL = `status <> 'withdrawn'`;
export const OPEN_AT_END_SQL = `statusAtEnd IN ${OPEN_STATUSES_SQL}`;

/** The facts of the period's population, as a derived table with the asked-for columns. */
function facts(scope: TallyScope, columns: readonly FactColumn[]): string {
  const select = [...new Set<FactColumn>(['id', 'status', 'itemCount', ...columns])]
    .map((name) => `${FACT_COLUMNS[name]} AS ${name}`)
    .join(', ');
  const counsel = scope.onlyCounselId === undefined ? '' : ' AND c.counsel_id = @onlyCounselId';
  return `(SELECT ${select} FROM consultations c
    WHERE c.trashed_at IS NULL AND c.received_on >= @from AND c.received_on <= @to${counsel})`;
}

function params(scope: TallyScope, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const p: Record<string, unknown> = { from: scope.from, to: scope.to, ...extra };
  if (scope.onlyCounselId !== undefined) p.onlyCounselId = scope.onlyCounselId;
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
  status: string,
  outcome: string | null,
  itemCount: number,
  conclusion: string | null,
  /** whole days from receipt to the first opinion; null when not answered */
  firstDays: number | null,
  /** whole days from receipt to dueOn; null when there is no dueOn */
  dueDays: number | null,
  /** 1 when dueOn is before today */
  pastDue: number,
  opinionCount: number,
  statusAtEnd: string,
];

/** The SQL of tallyItems (exported so a test can pin its query plan). */
export function tallyItemsSql(scope: Pick<TallyScope, 'onlyCounselId'>): string {
  const counsel = scope.onlyCounselId === undefined ? '' : ' AND c.counsel_id = @onlyCounselId';
  return `SELECT c.category_id, substr(c.received_on, 1, 7), c.department_id, c.counsel_id, c.status, c.outcome,
      c.item_count, ${LATEST_CONCLUSION},
      (SELECT CAST(julianday(o.issued_on) - julianday(c.received_on) AS INTEGER) FROM opinions o WHERE o.consultation_id = c.id AND o.round = 1),
      CAST(julianday(c.due_on) - julianday(c.received_on) AS INTEGER), coalesce(c.due_on < @today, 0),
      ${OPINION_COUNT}, ${STATUS_AT_END}
    FROM consultations c
    WHERE c.trashed_at IS NULL AND c.received_on >= @from AND c.received_on <= @to${counsel}`;
}

export function tallyItems(sqlite: Database.Database, scope: TallyScope): IterableIterator<TallyItem> {
  const stmt = prepareCached(sqlite, tallyItemsSql(scope));
  // raw() switches the cached statement to arrays for good; nothing else uses this SQL text.
  return stmt.raw(true).iterate(params(scope, { today: scope.today, boundary: scope.boundary, settled: settled(scope) })) as IterableIterator<TallyItem>;
}

export interface CarriedOverRawRow {
  id: number;
  serialPrefix: string;
  serialYear: number;
  serialSeq: number;
  title: string;
  receivedOn: string;
  dueOn: string | null;
  itemCount: number;
  departmentName: string;
  counselName: string | null;
  statusAtEnd: 'registered' | 'assigned' | 'answered';
  status: string;
}

export function carriedOverRows(sqlite: Database.Database, scope: TallyScope, limit: number): CarriedOverRawRow[] {
  const sql = `SELECT f.id, c.serial_prefix AS serialPrefix, c.serial_year AS serialYear, c.serial_seq AS serialSeq,
      c.title, f.receivedOn, f.dueOn, f.itemCount, d.name AS departmentName, co.name AS counselName, f.statusAtEnd, f.status
    FROM ${facts(scope, ['receivedOn', 'dueOn', 'statusAtEnd'])} f
    JOIN consultations c ON c.id = f.id JOIN departments d ON d.id = c.department_id
    LEFT JOIN counsels co ON co.id = c.counsel_id
    WHERE f.${COUNTED_SQL} AND f.${OPEN_AT_END_SQL} ORDER BY f.receivedOn, f.id LIMIT @limit`;
  return prepareCached(sqlite, sql).all(params(scope, { boundary: scope.boundary, settled: settled(scope), limit })) as CarriedOverRawRow[];
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
  const extra = Object.assign({ today: scope.today, boundary: scope.boundary, settled: settled(scope) }, ...conditions.map((c) => c.params ?? {}));
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
  outcomeOn: string | null;
  closedOn: string | null;
  statusAtEnd: string;
  note: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** The counted consultations of the period with every field, in ledger order; iterated, so big years stream. */
export function ledgerDetailRows(sqlite: Database.Database, scope: TallyScope): IterableIterator<LedgerDetailRow> {
  const sql = `SELECT f.id, c.serial_prefix AS serialPrefix, c.serial_year AS serialYear, c.serial_seq AS serialSeq,
      c.title, c.description, cat.name_zh AS categoryName, d.name AS departmentName, c.requester, f.receivedOn, f.dueOn,
      f.itemCount, co.name AS counselName, co.firm AS counselFirm, c.assigned_on AS assignedOn, f.status,
      f.opinionCount, f.firstOn, (SELECT max(o.issued_on) FROM opinions o WHERE o.consultation_id = f.id) AS lastOn,
      ${DAYS_SQL} AS days,
      ${DUE_STATE_SQL} AS due,
      f.conclusion, f.outcome, c.outcome_reason AS outcomeReason, c.outcome_on AS outcomeOn, c.closed_on AS closedOn,
      f.statusAtEnd, c.note, c.created_at AS createdAt, c.created_by AS createdBy, c.updated_at AS updatedAt,
      c.updated_by AS updatedBy
    FROM ${facts(scope, ['receivedOn', 'dueOn', 'firstOn', 'opinionCount', 'conclusion', 'outcome', 'statusAtEnd'])} f
    JOIN consultations c ON c.id = f.id
    JOIN categories cat ON cat.id = c.category_id
    JOIN departments d ON d.id = c.department_id
    LEFT JOIN counsels co ON co.id = c.counsel_id
    -- the derived columns (firstOn, dueOn, ...) are camelCase, so they cannot clash with the tables' snake_case ones
    WHERE f.${COUNTED_SQL} ORDER BY f.receivedOn, c.serial_year, c.serial_seq, f.id`;
  return prepareCached(sqlite, sql).iterate(
    params(scope, { today: scope.today, boundary: scope.boundary, settled: settled(scope) }),
  ) as IterableIterator<LedgerDetailRow>;
}
