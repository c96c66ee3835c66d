import { asc, eq, sql } from 'drizzle-orm';
import { departments } from '../../../db/schema';
import type { ParsedInputOf } from '#contract/contract';
import type { Department } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { reindexConsultation } from '../../../db/queries/search';
import { auditedCreate, auditedUpdate } from '../audited';
import { assertUniqueName } from './names';
import { catalogReads } from './reads';
import { nextSortOrder, refuseInUse, withOwnUse } from './use';

const columns = {
  id: departments.id,
  name: departments.name,
  active: departments.active,
  sortOrder: departments.sortOrder,
  // Written out with table names: drizzle leaves columns unqualified inside a subquery,
  // where "id" would mean consultations.id.
  inUse: sql<number>`(SELECT count(*) FROM consultations c WHERE c.department_id = "departments"."id")`,
};

const reads = catalogReads(departments, (ctx) => ctx.ledger.db.select(columns).from(departments), [asc(departments.sortOrder), asc(departments.id)], '处室');

export const listDepartments = (ctx: ServiceContext, input: ParsedInputOf<'departments.list'>): Department[] =>
  withOwnUse(ctx, 'departments', reads.list(ctx, input.includeInactive));
export const getDepartment = (ctx: ServiceContext, id: number): Department => reads.get(ctx, id);

export function createDepartment(ctx: ServiceContext, input: ParsedInputOf<'departments.create'>): Department {
  const { sqlite } = ctx.ledger;
  const insert = () => {
    assertUniqueName(sqlite, 'departments', input.name, 'name');
    const values = { name: input.name, active: true, sortOrder: nextSortOrder(sqlite, 'departments'), createdAt: ctx.now().toISOString() };
    return ctx.ledger.db.insert(departments).values(values).returning({ id: departments.id }).get().id;
  };
  return auditedCreate(ctx, { entity: 'department', action: 'departments.create' }, insert, (id) => getDepartment(ctx, id));
}

export function updateDepartment(ctx: ServiceContext, input: ParsedInputOf<'departments.update'>): Department {
  const { sqlite } = ctx.ledger;
  const { id, ...changes } = input;
  return auditedUpdate(ctx, { entity: 'department', action: 'departments.update' }, { id }, (i) => getDepartment(ctx, i), (before) => {
    if (changes.name !== undefined) assertUniqueName(sqlite, 'departments', changes.name, 'name', id);
    if (Object.values(changes).some((v) => v !== undefined)) {
      ctx.ledger.db.update(departments).set(changes).where(eq(departments.id, id)).run();
    }
    if (changes.name !== undefined && changes.name !== before.name) {
      // the division's name is part of each of its consultations' search text
      const ids = sqlite.prepare('SELECT id FROM consultations WHERE department_id = ?').pluck().all(id) as number[];
      for (const cid of ids) reindexConsultation(sqlite, cid);
    }
  });
}

export function deleteDepartment(ctx: ServiceContext, input: ParsedInputOf<'departments.delete'>): { id: number } {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getDepartment(ctx, input.id);
    refuseInUse('处室', before.name, before.inUse);
    ctx.ledger.db.delete(departments).where(eq(departments.id, input.id)).run();
    appendAudit(ctx, { action: 'departments.delete', entity: 'department', entityId: input.id, before });
    return { id: input.id };
  });
}
