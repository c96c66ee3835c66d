/**
 * One name, however it is spaced: 处室 and 类别 names that differ only by spaces,
 * a no-break space, full-width letters or zero-width characters are the same name
 * (matchKey, the key the import matches names by). Names are stored normalised
 * (normaliseName, applied by the contract); the comparison also catches rows
 * stored before that rule.
 */
import type Database from 'better-sqlite3';
import { matchKey } from '#domain/text';
import { AppError } from '../errors';

/** The stored name that is the same as `name` (other than row `exceptId`), or null. */
export function sameName(sqlite: Database.Database, table: 'departments' | 'categories', name: string, exceptId?: number): string | null {
  const column = table === 'departments' ? 'name' : 'name_zh';
  const key = matchKey(name);
  const rows = sqlite.prepare(`SELECT id, ${column} AS name FROM ${table}`).all() as { id: number; name: string }[];
  return rows.find((r) => r.id !== exceptId && matchKey(r.name) === key)?.name ?? null;
}

/** Refuses a name that is already taken (CONFLICT, with the issue on the form's field `path`). */
export function assertUniqueName(sqlite: Database.Database, table: 'departments' | 'categories', name: string, path: string, exceptId?: number): void {
  const what = table === 'departments' ? '处室' : '类别';
  const clash = sameName(sqlite, table, name, exceptId);
  if (clash !== null) throw new AppError('CONFLICT', `${what}“${clash}”已存在`, [{ path, message: `${what}名称已存在` }]);
}
