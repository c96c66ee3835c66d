import { asc, eq, sql } from 'drizzle-orm';
import { categories } from '../../../db/schema';
import type { ParsedInputOf } from '#contract/contract';
import type { Category } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { visibleCounselId } from '../consultations/read';
import { AppError, notFound } from '../errors';
import { sameName } from './names';

// Written out with table names: drizzle leaves columns unqualified inside a subquery,
// where "id" would mean consultations.id.
const inUse = sql<number>`(SELECT count(*) FROM consultations c WHERE c.category_id = "categories"."id")`;

const columns = {
  id: categories.id,
  code: categories.code,
  nameZh: categories.nameZh,
  nameEn: categories.nameEn,
  builtIn: categories.builtIn,
  active: categories.active,
  sortOrder: categories.sortOrder,
  inUse,
};

export function listCategories(ctx: ServiceContext, input: ParsedInputOf<'categories.list'>): Category[] {
  const q = ctx.ledger.db.select(columns).from(categories);
  const filtered = input.includeInactive ? q : q.where(eq(categories.active, true));
  const rows = filtered.orderBy(asc(categories.sortOrder), asc(categories.id)).all();
  // a counsel sees how many of their own items use each category, never the office's totals
  const only = visibleCounselId(ctx);
  if (only === undefined) return rows;
  const own = ctx.ledger.sqlite.prepare('SELECT count(*) FROM consultations WHERE category_id = ? AND counsel_id = ? AND trashed_at IS NULL').pluck();
  return rows.map((r) => ({ ...r, inUse: own.get(r.id, only) as number }));
}

export function getCategory(ctx: ServiceContext, id: number): Category {
  const row = ctx.ledger.db.select(columns).from(categories).where(eq(categories.id, id)).get();
  if (!row) throw notFound('类别');
  return row;
}

function assertUniqueName(ctx: ServiceContext, nameZh: string, exceptId?: number): void {
  const clash = sameName(ctx.ledger.sqlite, 'categories', nameZh, exceptId);
  if (clash !== null) throw new AppError('CONFLICT', `类别“${clash}”已存在`, [{ path: 'nameZh', message: '类别名称已存在' }]);
}

export function createCategory(ctx: ServiceContext, input: ParsedInputOf<'categories.create'>): Category {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    assertUniqueName(ctx, input.nameZh);
    const max = ctx.ledger.db.select({ m: sql<number>`coalesce(max(${categories.sortOrder}), 0)` }).from(categories).get();
    const row = ctx.ledger.db
      .insert(categories)
      .values({
        // Custom categories get a stable generated code; built-in ones keep theirs.
        code: `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        nameZh: input.nameZh,
        nameEn: input.nameEn || input.nameZh,
        builtIn: false,
        active: true,
        sortOrder: (max?.m ?? 0) + 10,
        createdAt: ctx.now().toISOString(),
      })
      .returning({ id: categories.id })
      .get();
    const created = getCategory(ctx, row.id);
    appendAudit(ctx, { action: 'categories.create', entity: 'category', entityId: row.id, after: created });
    return created;
  });
}

export function updateCategory(ctx: ServiceContext, input: ParsedInputOf<'categories.update'>): Category {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getCategory(ctx, input.id);
    if (input.nameZh !== undefined) assertUniqueName(ctx, input.nameZh, input.id);
    const { id, ...changes } = input;
    if (Object.values(changes).some((v) => v !== undefined)) {
      ctx.ledger.db.update(categories).set(changes).where(eq(categories.id, id)).run();
    }
    const after = getCategory(ctx, id);
    appendAudit(ctx, { action: 'categories.update', entity: 'category', entityId: id, before, after });
    return after;
  });
}

export function deleteCategory(ctx: ServiceContext, input: ParsedInputOf<'categories.delete'>): { id: number } {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getCategory(ctx, input.id);
    if (before.builtIn) throw new AppError('IN_USE', '内置类别不能删除；如不再使用，可将其停用。');
    if (before.inUse > 0) {
      throw new AppError('IN_USE', `类别“${before.nameZh}”已被 ${before.inUse} 条咨询事项使用（含回收站），不能删除；可将其停用。`);
    }
    ctx.ledger.db.delete(categories).where(eq(categories.id, input.id)).run();
    appendAudit(ctx, { action: 'categories.delete', entity: 'category', entityId: input.id, before });
    return { id: input.id };
  });
}
