/**
 * Hot read queries of the ledger, as hand-written SQL on prepared statements
 * (cached per SQL text: statements.ts). Query functions take the database first.
 */
import type Database from 'better-sqlite3';
import type { SortField } from '#domain/ledger-view';
import { AWAITING_OPINION, sqlStatusList } from '#domain/status';
import type { ConsultationRow, ConsultationStatus } from '#domain/types';
import { prepareCached } from './statements';
import { matchIds } from './search';

export interface ConsultationFilter {
  year?: number;
  from?: string;
  to?: string;
  categoryId?: number;
  departmentId?: number;
  counselId?: number;
  status?: ConsultationStatus;
  overdue?: boolean;
  text?: string;
  trashed?: boolean;
  ids?: number[];
  /** visibility: restrict to one counsel's items whatever else is asked */
  onlyCounselId?: number;
}

const SORTS: Record<SortField, (dir: string) => string> = {
  receivedOn: (d) => `c.received_on ${d}, c.id ${d}`,
  serialNo: (d) => `c.serial_year ${d}, c.serial_seq ${d}`,
  dueOn: (d) => `c.due_on IS NULL, c.due_on ${d}, c.id ${d}`,
  itemCount: (d) => `c.item_count ${d}, c.id ${d}`,
  status: (d) => `c.status ${d}, c.id ${d}`,
  title: (d) => `c.title COLLATE NOCASE ${d}, c.id ${d}`,
};

/**
 * Overdue (docs/DOMAIN.md): waiting for an opinion with a 办理时限 before @today, and not
 * returned for missing material (the clock is stopped, issue 20). The one SQL for it.
 */
export const OVERDUE_SQL = `c.status IN ${sqlStatusList(AWAITING_OPINION)} AND c.due_on IS NOT NULL AND c.due_on < @today AND c.paused_since IS NULL`;

/** The row the ledger shows; serial number and overdue flag computed by SQLite (@today is bound). */
export const ROW_COLUMNS = `
  c.id, c.serial_prefix || '〔' || c.serial_year || '〕' || c.serial_seq || '号' AS serialNo,
  c.serial_year AS serialYear, c.serial_seq AS serialSeq,
  c.title, c.category_id AS categoryId, cat.name_zh AS categoryName, cat.name_en AS categoryNameEn,
  c.department_id AS departmentId, d.name AS departmentName, c.requester, c.received_on AS receivedOn,
  c.due_on AS dueOn, c.item_count AS itemCount, c.counsel_id AS counselId, co.name AS counselName,
  c.status, c.outcome,
  (${OVERDUE_SQL}) AS overdue,
  c.trashed_at AS trashedAt, c.version`;

export const ROW_FROM = `
  FROM consultations c
  JOIN categories cat ON cat.id = c.category_id
  JOIN departments d ON d.id = c.department_id
  LEFT JOIN counsels co ON co.id = c.counsel_id`;

/** SQLite hands back 0/1 for the overdue flag; the contract says boolean. In place: this is the hot path. */
function withBooleans(rows: ConsultationRow[]): ConsultationRow[] {
  for (const r of rows) r.overdue = (r.overdue as unknown) === 1;
  return rows;
}

interface Where {
  sql: string;
  params: Record<string, unknown>;
}

export function buildWhere(filter: ConsultationFilter, today: string): Where {
  const parts: string[] = [filter.trashed ? 'c.trashed_at IS NOT NULL' : 'c.trashed_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (filter.year !== undefined) {
    parts.push('c.received_on BETWEEN @yearFrom AND @yearTo');
    params.yearFrom = `${filter.year}-01-01`;
    params.yearTo = `${filter.year}-12-31`;
  }
  if (filter.from !== undefined) {
    parts.push('c.received_on >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    parts.push('c.received_on <= @to');
    params.to = filter.to;
  }
  for (const key of ['categoryId', 'departmentId', 'counselId', 'status'] as const) {
    if (filter[key] !== undefined) {
      const column = { categoryId: 'category_id', departmentId: 'department_id', counselId: 'counsel_id', status: 'status' }[key];
      parts.push(`c.${column} = @${key}`);
      params[key] = filter[key];
    }
  }
  if (filter.onlyCounselId !== undefined) {
    parts.push('c.counsel_id = @onlyCounselId');
    params.onlyCounselId = filter.onlyCounselId;
  }
  if (filter.overdue) {
    parts.push(OVERDUE_SQL);
    params.today = today;
  }
  if (filter.ids !== undefined) {
    parts.push('c.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(filter.ids);
  }
  const text = filter.text?.trim();
  if (text) {
    // The search index covers title, description, requester, division, serial, opinions, reasons, attachments.
    const m = matchIds(text);
    parts.push(`c.id IN (${m.sql.replace('?', '@text')})`);
    params.text = m.param;
  }
  return { sql: parts.join(' AND '), params };
}

export interface ListOptions {
  sort: SortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function listConsultations(
  sqlite: Database.Database,
  filter: ConsultationFilter,
  options: ListOptions,
  today: string,
): { rows: ConsultationRow[]; total: number } {
  const where = buildWhere(filter, today);
  const dir = options.order === 'asc' ? 'ASC' : 'DESC';
  const rowsSql = `SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE ${where.sql} ORDER BY ${SORTS[options.sort](dir)} LIMIT @limit OFFSET @offset`;
  const rows = prepareCached(sqlite, rowsSql).all({
    ...where.params,
    today,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  }) as ConsultationRow[];
  // The department join is only needed for counting when the text filter looks at its name.
  const countFrom = where.sql.includes('d.name') ? ROW_FROM : 'FROM consultations c';
  const total = (prepareCached(sqlite, `SELECT count(*) AS n ${countFrom} WHERE ${where.sql}`).get(where.params) as { n: number }).n;
  return { rows: withBooleans(rows), total };
}

export function getConsultationRow(sqlite: Database.Database, id: number, today: string): ConsultationRow | undefined {
  const row = prepareCached(sqlite, `SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE c.id = @id`).get({ id, today }) as ConsultationRow | undefined;
  return row ? withBooleans([row])[0] : undefined;
}
