/**
 * What 类别 and 处室 share: how many consultations use a record (a counsel sees
 * only their own), where a new record goes in the list, and the refusal to delete
 * one in use.
 */
import type Database from 'better-sqlite3';
import type { ServiceContext } from '../context';
import { visibleCounselId } from '../consultations/read';
import { AppError } from '../errors';

type Table = 'categories' | 'departments';
const COLUMN: Record<Table, string> = { categories: 'category_id', departments: 'department_id' };

/** A counsel sees how many of their own items use each record, never the office's totals. */
export function withOwnUse<R extends { id: number; inUse: number }>(ctx: ServiceContext, table: Table, rows: R[]): R[] {
  const only = visibleCounselId(ctx);
  if (only === undefined) return rows;
  const own = ctx.ledger.sqlite.prepare(`SELECT count(*) FROM consultations WHERE ${COLUMN[table]} = ? AND counsel_id = ? AND trashed_at IS NULL`).pluck();
  return rows.map((r) => ({ ...r, inUse: own.get(r.id, only) as number }));
}

/** A new record goes last: ten after the largest sort order. */
export function nextSortOrder(sqlite: Database.Database, table: Table): number {
  return (sqlite.prepare(`SELECT coalesce(max(sort_order), 0) FROM ${table}`).pluck().get() as number) + 10;
}

export function refuseInUse(what: string, name: string, inUse: number): void {
  if (inUse > 0) throw new AppError('IN_USE', `${what}“${name}”已被 ${inUse} 条咨询事项使用（含回收站），不能删除；可将其停用。`);
}
