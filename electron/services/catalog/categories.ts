import { asc, eq, sql } from 'drizzle-orm';
import { categories } from '../../../db/schema';
import type { ParsedInputOf } from '#contract/contract';
import type { Category } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { auditedCreate, auditedUpdate } from '../audited';
import { assertUniqueName } from './names';
import { catalogReads } from './reads';
import { nextSortOrder, refuseInUse, withOwnUse } from './use';

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

const reads = catalogReads(categories, (ctx) => ctx.ledger.db.select(columns).from(categories), [asc(categories.sortOrder), asc(categories.id)], '类别');

export const listCategories = (ctx: ServiceContext, input: ParsedInputOf<'categories.list'>): Category[] => withOwnUse(ctx, 'categories', reads.list(ctx, input.includeInactive));
export const getCategory = (ctx: ServiceContext, id: number): Category => reads.get(ctx, id);

export function createCategory(ctx: ServiceContext, input: ParsedInputOf<'categories.create'>): Category {
  const insert = () => {
    assertUniqueName(ctx.ledger.sqlite, 'categories', input.nameZh, 'nameZh');
    return ctx.ledger.db
      .insert(categories)
      .values({
        // Custom categories get a stable generated code; built-in ones keep theirs.
        code: `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        nameZh: input.nameZh,
        nameEn: input.nameEn || input.nameZh,
        builtIn: false,
        active: true,
        sortOrder: nextSortOrder(ctx.ledger.sqlite, 'categories'),
        createdAt: ctx.now().toISOString(),
      })
      .returning({ id: categories.id })
      .get().id;
  };
  return auditedCreate(ctx, { entity: 'category', action: 'categories.create' }, insert, (id) => getCategory(ctx, id));
}

export function updateCategory(ctx: ServiceContext, input: ParsedInputOf<'categories.update'>): Category {
  const { id, ...changes } = input;
  return auditedUpdate(ctx, { entity: 'category', action: 'categories.update' }, { id }, (i) => getCategory(ctx, i), () => {
    if (changes.nameZh !== undefined) assertUniqueName(ctx.ledger.sqlite, 'categories', changes.nameZh, 'nameZh', id);
    if (Object.values(changes).some((v) => v !== undefined)) {
      ctx.ledger.db.update(categories).set(changes).where(eq(categories.id, id)).run();
    }
  });
}

export function deleteCategory(ctx: ServiceContext, input: ParsedInputOf<'categories.delete'>): { id: number } {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getCategory(ctx, input.id);
    if (before.builtIn) throw new AppError('IN_USE', '内置类别不能删除；如不再使用，可将其停用。');
    refuseInUse('类别', before.nameZh, before.inUse);
    ctx.ledger.db.delete(categories).where(eq(categories.id, input.id)).run();
    appendAudit(ctx, { action: 'categories.delete', entity: 'category', entityId: input.id, before });
    return { id: input.id };
  });
}
