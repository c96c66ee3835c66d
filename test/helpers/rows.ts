/** What a test watches for writes: one value (mostly a count) per named query on the test app's database. */
import type { TestApp } from './ledger';

export function rowCounts<K extends string>(app: TestApp, queries: Record<K, string>): Record<K, unknown> {
  const q = (sql: string) => app.ledger.sqlite.prepare(sql).pluck().get();
  return Object.fromEntries(Object.entries<string>(queries).map(([name, sql]) => [name, q(sql)])) as Record<K, unknown>;
}
