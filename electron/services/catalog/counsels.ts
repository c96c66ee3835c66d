import { and, asc, eq } from 'drizzle-orm';
import { counsels } from '../../../db/schema';
import type { ParsedInputOf } from '#contract/contract';
import type { Counsel } from '#domain/types';
import { auditedCreate, auditedUpdate } from '../audited';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { firmIdForName } from '../engagement/firms';
import { catalogReads } from './reads';

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

const reads = catalogReads(counsels, (ctx) => ctx.ledger.db.select(columns).from(counsels), [asc(counsels.id)], '法律顾问');

export const listCounsels = (ctx: ServiceContext, input: ParsedInputOf<'counsels.list'>): Counsel[] => reads.list(ctx, input.includeInactive);
export const getCounsel = (ctx: ServiceContext, id: number): Counsel => reads.get(ctx, id);

export function createCounsel(ctx: ServiceContext, input: ParsedInputOf<'counsels.create'>): Counsel {
  const insert = () => {
    const clash = ctx.ledger.db
      .select({ id: counsels.id })
      .from(counsels)
      .where(and(eq(counsels.name, input.name), eq(counsels.firm, input.firm)))
      .get();
    if (clash) throw new AppError('CONFLICT', `${input.firm}的${input.name}已在顾问名单中`, [{ path: 'name', message: '该顾问已存在' }]);
    const values = { ...input, firmId: firmIdForName(ctx, input.firm), active: true, version: 1, createdAt: ctx.now().toISOString() };
    return ctx.ledger.db.insert(counsels).values(values).returning({ id: counsels.id }).get().id;
  };
  return auditedCreate(ctx, { entity: 'counsel', action: 'counsels.create' }, insert, (id) => getCounsel(ctx, id));
}

export function updateCounsel(ctx: ServiceContext, input: ParsedInputOf<'counsels.update'>): Counsel {
  const { id, version, ...changes } = input;
  return auditedUpdate(ctx, { entity: 'counsel', action: 'counsels.update' }, { id, version }, (i) => getCounsel(ctx, i), (before) => {
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
  });
}
