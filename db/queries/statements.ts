/**
 * The prepared-statement cache: one better-sqlite3 Statement per SQL text and
 * connection, so hot queries are parsed once (docs/ARCHITECTURE.md, "SQL").
 */
import type Database from 'better-sqlite3';

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepareCached(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    statementCache.set(sqlite, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = sqlite.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
