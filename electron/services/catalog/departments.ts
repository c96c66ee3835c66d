import { asc, eq, sql } from 'drizzle-orm';
import { departments } from '../../../db/schema';
import type { ParsedInputOf } from '#contract/contract';
import type { Department } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { visibleCounselId } from '../consultations/read';
import { AppError, notFound } from '../errors';
import { reindexConsultation } from '../../../db/queries/search';
import { sameName } from './names';

const columns = {
  id: departments.id,
  name: departments.name,
  active: departments.active,
  sortOrder: departments.sortOrder,
  // Written out with table names: drizzle leaves columns unqualified inside a subquery,
  // where "id" would mean consultations.id.
  inUse: sql<number>`(SELECT count(*) FROM consultations c WHERE c.department_id = "departments"."id")`,
};

export function listDepartments(ctx: ServiceContext, input: ParsedInputOf<'departments.list'>): Department[] {
  const q = ctx.ledger.db.select(columns).from(departments);
  const filtered = input.includeInactive ? q : q.where(eq(departments.active, true));
  const rows = filtered.orderBy(asc(departments.sortOrder), asc(departments.id)).all();
  // a counsel sees how many of their own items use each division, never the office's totals
  const only = visibleCounselId(ctx);
  if (only === undefined) return rows;
  const own = ctx.ledger.sqlite.prepare('SELECT count(*) FROM consultations WHERE department_id = ? AND counsel_id = ? AND trashed_at IS NULL').pluck();
  return rows.map((r) => ({ ...r, inUse: own.get(r.id, only) as number }));
}

export function getDepartment(ctx: ServiceContext, id: number): Department {
  const row = ctx.ledger.db.select(columns).from(departments).where(eq(departments.id, id)).get();
  if (!row) throw notFound('处室');
  return row;
}

function assertUniqueName(ctx: ServiceContext, name: string, exceptId?: number): void {
  const clash = sameName(ctx.ledger.sqlite, 'departments', name, exceptId);
  if (clash !== null) throw new AppError('CONFLICT', `处室“${clash}”已存在`, [{ path: 'name', message: '处室名称已存在' }]);
}

export function createDepartment(ctx: ServiceContext, input: ParsedInputOf<'departments.create'>): Department {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    assertUniqueName(ctx, input.name);
    const max = ctx.ledger.db.select({ m: sql<number>`coalesce(max(${departments.sortOrder}), 0)` }).from(departments).get();
    const row = ctx.ledger.db
      .insert(departments)
      .values({ name: input.name, active: true, sortOrder: (max?.m ?? 0) + 10, createdAt: ctx.now().toISOString() })
      .returning({ id: departments.id })
      .get();
    const created = getDepartment(ctx, row.id);
    appendAudit(ctx, { action: 'departments.create', entity: 'department', entityId: row.id, after: created });
    return created;
  });
}

export function updateDepartment(ctx: ServiceContext, input: ParsedInputOf<'departments.update'>): Department {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getDepartment(ctx, input.id);
    if (input.name !== undefined) assertUniqueName(ctx, input.name, input.id);
    const { id, ...changes } = input;
    if (Object.values(changes).some((v) => v !== undefined)) {
      ctx.ledger.db.update(departments).set(changes).where(eq(departments.id, id)).run();
    }
    const after = getDepartment(ctx, id);
    if (after.name !== before.name) {
      // the division's name is part of each of its consultations' search text
      const ids = ctx.ledger.sqlite.prepare('SELECT id FROM consultations WHERE department_id = ?').pluck().all(id) as number[];
      for (const cid of ids) reindexConsultation(ctx.ledger.sqlite, cid);
    }
    appendAudit(ctx, { action: 'departments.update', entity: 'department', entityId: id, before, after });
    return after;
  });
}

export function deleteDepartment(ctx: ServiceContext, input: ParsedInputOf<'departments.delete'>): { id: number } {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getDepartment(ctx, input.id);
    if (before.inUse > 0) {
      throw new AppError('IN_USE', `处室“${before.name}”已被 ${before.inUse} 条咨询事项使用（含回收站），不能删除；可将其停用。`);
    }
    ctx.ledger.db.delete(departments).where(eq(departments.id, input.id)).run();
    appendAudit(ctx, { action: 'departments.delete', entity: 'department', entityId: input.id, before });
    return { id: input.id };
  });
}
