/**
 * The reads every catalog (类别, 处室, 法律顾问) has: its list, inactive entries left out
 * unless asked for, and one entry by id. `select` is the catalog's drizzle select of its
 * columns from its table.
 */
import { eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';

interface Rows<Row> {
  all(): Row[];
  get(): Row | undefined;
}
interface Select<Row> {
  where(condition: SQL): Rows<Row> & { orderBy(...by: SQL[]): Rows<Row> };
  orderBy(...by: SQL[]): Rows<Row>;
}

export function catalogReads<Row>(
  table: { id: SQLiteColumn; active: SQLiteColumn },
  select: (ctx: ServiceContext) => Select<Row>,
  order: SQL[],
  /** the catalog's word in the not-found message */
  what: string,
) {
  return {
    list(ctx: ServiceContext, includeInactive: boolean | undefined): Row[] {
      const q = select(ctx);
      return (includeInactive ? q : q.where(eq(table.active, true))).orderBy(...order).all();
    },
    get(ctx: ServiceContext, id: number): Row {
      const row = select(ctx).where(eq(table.id, id)).get();
      if (!row) throw notFound(what);
      return row;
    },
  };
}
