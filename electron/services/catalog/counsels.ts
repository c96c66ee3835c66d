import { and, asc, eq } from 'drizzle-orm';
import { counsels } from '../../../db/schema';
import type { ParsedInputOf } from '#contract/contract';
import type { Counsel } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, conflict, notFound } from '../errors';
import { firmIdForName } from '../engagement/firms';

const columns = {
  id: counsels.id,
  name: counsels.name,
  firm: counsels.firm,
  firmId: counsels.firmId,
  phone: counsels.phone,
  engagedFrom: counsels.engagedFrom,
  engagedTo: counsels.engagedTo,
  active: counsels.active,
  version: counsels.version,
};

export function listCounsels(ctx: ServiceContext, input: ParsedInputOf<'counsels.list'>): Counsel[] {
  const q = ctx.ledger.db.select(columns).from(counsels);
  const filtered = input.includeInactive ? q : q.where(eq(counsels.active, true));
  return filtered.orderBy(asc(counsels.id)).all();
}

export function getCounsel(ctx: ServiceContext, id: number): Counsel {
  const row = ctx.ledger.db.select(columns).from(counsels).where(eq(counsels.id, id)).get();
  if (!row) throw notFound('法律顾问');
  return row;
}

export function createCounsel(ctx: ServiceContext, input: ParsedInputOf<'counsels.create'>): Counsel {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const clash = ctx.ledger.db
      .select({ id: counsels.id })
      .from(counsels)
      .where(and(eq(counsels.name, input.name), eq(counsels.firm, input.firm)))
      .get();
    if (clash) throw new AppError('CONFLICT', `${input.firm}的${input.name}已在顾问名单中`, [{ path: 'name', message: '该顾问已存在' }]);
    const row = ctx.ledger.db
      .insert(counsels)
      .values({ ...input, firmId: firmIdForName(ctx, input.firm), active: true, version: 1, createdAt: ctx.now().toISOString() })
      .returning({ id: counsels.id })
      .get();
    const created = getCounsel(ctx, row.id);
    appendAudit(ctx, { action: 'counsels.create', entity: 'counsel', entityId: row.id, after: created });
    return created;
  });
}

export function updateCounsel(ctx: ServiceContext, input: ParsedInputOf<'counsels.update'>): Counsel {
  return inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = getCounsel(ctx, input.id);
    if (before.version !== input.version) throw conflict();
    const { id, version, ...changes } = input;
    const engagedFrom = changes.engagedFrom === undefined ? before.engagedFrom : changes.engagedFrom;
    const engagedTo = changes.engagedTo === undefined ? before.engagedTo : changes.engagedTo;
    if (engagedFrom && engagedTo && engagedTo < engagedFrom) {
      throw new AppError('VALIDATION', '聘期结束日期不能早于开始日期', [{ path: 'engagedTo', message: '聘期结束日期不能早于开始日期' }]);
    }
    ctx.ledger.db
      .update(counsels)
      .set({ ...changes, ...(changes.firm === undefined ? {} : { firmId: firmIdForName(ctx, changes.firm) }), version: version + 1 })
      .where(and(eq(counsels.id, id), eq(counsels.version, version)))
      .run();
    const after = getCounsel(ctx, id);
    appendAudit(ctx, { action: 'counsels.update', entity: 'counsel', entityId: id, before, after });
    return after;
  });
}
