/**
 * reports.drilldown: the consultations behind one figure of the tally. A key is
 * one or more atoms joined by ';' (grammar in docs/REPORT_JSON.md). Each atom becomes
 * a condition over the same facts the tally counted (db/queries/tally.ts), so
 * the list has exactly the figure's length.
 */
import { DUE_STATE_COLUMNS, DUE_STATE_SQL, OPEN_AT_END_SQL, drilldownIds, firmFactSql, ratingFactSql, type FactCondition } from '../../../db/queries/tally';
import { listConsultations } from '../../../db/queries/consultations';
import type { Drilldown } from '#contract/reports-contract';
import { CONCLUSIONS, OUTCOMES, STATUSES } from '#domain/types';
import { RATINGS } from '#domain/engagement';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { resolvePeriod, scopeFor, type PeriodInput } from './period';

type AtomParser = (arg: string | undefined, p: string) => FactCondition | null;

const positiveId = (arg: string | undefined): number | null =>
  arg !== undefined && /^[1-9][0-9]{0,15}$/.test(arg) && Number(arg) <= Number.MAX_SAFE_INTEGER ? Number(arg) : null;

const oneOf = <T extends string>(values: readonly T[], arg: string | undefined): arg is T =>
  arg !== undefined && (values as readonly string[]).includes(arg);

function byId(column: 'categoryId' | 'departmentId' | 'counselId'): AtomParser {
  return (arg, p) => {
    const id = positiveId(arg);
    return id === null ? null : { sql: `${column} = @${p}`, columns: [column], params: { [p]: id } };
  };
}

function none(column: 'counselId' | 'conclusion' | 'outcome', values: readonly string[]): AtomParser {
  return (arg, p) => {
    if (arg === 'none') return { sql: `${column} IS NULL`, columns: [column] };
    return oneOf(values, arg) ? { sql: `${column} = @${p}`, columns: [column], params: { [p]: arg } } : null;
  };
}

const ATOMS: Record<string, AtomParser> = {
  total: (arg) => (arg === undefined ? { sql: '1', columns: [] } : null),
  withdrawn: (arg) => (arg === undefined ? { sql: `status = 'withdrawn'`, columns: [], withdrawn: true } : null),
  status: (arg, p) =>
    oneOf(STATUSES, arg) ? { sql: `status = @${p}`, columns: [], params: { [p]: arg }, withdrawn: arg === 'withdrawn' } : null,
  category: byId('categoryId'),
  department: byId('departmentId'),
  counsel: (arg, p) => (arg === 'none' ? { sql: 'counselId IS NULL', columns: ['counselId'] } : byId('counselId')(arg, p)),
  month: (arg, p) => {
    const m = arg === undefined ? null : /^(\d{4})-(0[1-9]|1[0-2])$/.exec(arg);
    if (!m) return null;
    return {
      sql: `receivedOn >= @${p}a AND receivedOn <= @${p}b`,
      columns: ['receivedOn'],
      params: { [`${p}a`]: `${arg}-01`, [`${p}b`]: `${arg}-31` },
    };
  },
  conclusion: none('conclusion', CONCLUSIONS),
  outcome: none('outcome', OUTCOMES),
  answered: (arg) => (arg === undefined ? { sql: 'firstOn IS NOT NULL', columns: ['firstOn'] } : null),
  adoption: (arg) => {
    if (arg === 'adopted') return { sql: `outcome IN ('adopted', 'partiallyAdopted')`, columns: ['outcome'] };
    if (arg === 'withOutcome') return { sql: 'outcome IS NOT NULL', columns: ['outcome'] };
    return null;
  },
  due: (arg) => {
    const states = { tracked: `('met', 'missed')`, met: `('met')`, missed: `('missed')` } as Record<string, string>;
    if (arg === undefined || !Object.hasOwn(states, arg)) return null;
    return { sql: `(${DUE_STATE_SQL}) IN ${states[arg]}`, columns: DUE_STATE_COLUMNS };
  },
  /** the yearly assessment's evidence: items assigned to a counsel of firm N */
  firm: (arg, p) => {
    const id = positiveId(arg);
    return id === null ? null : { sql: firmFactSql(p), columns: ['counselId'], params: { [p]: id } };
  },
  /** items rated so (满意/基本满意/不满意) by the period's end */
  rating: (arg, p) => (oneOf(RATINGS, arg) ? { sql: ratingFactSql(p), columns: [], params: { [p]: arg } } : null),
  carriedOver: (arg, p) => {
    if (arg === undefined) return { sql: OPEN_AT_END_SQL, columns: [] };
    if (!oneOf(['registered', 'assigned', 'answered'], arg)) return null;
    return { sql: `status = @${p}`, columns: [], params: { [p]: arg } };
  },
};

/** Parse a key into conditions; an atom the tally never hands out is refused. */
export function parseDrilldownKey(key: string): FactCondition[] {
  return key.split(';').map((atom, index) => {
    const colon = atom.indexOf(':');
    const name = colon < 0 ? atom : atom.slice(0, colon);
    const arg = colon < 0 ? undefined : atom.slice(colon + 1);
    const parser = Object.hasOwn(ATOMS, name) ? ATOMS[name] : undefined;
    const condition = parser?.(arg, `k${index}`) ?? null;
    if (!condition) {
      throw new AppError('VALIDATION', `输入有误（key）：无法识别的统计口径“${atom}”`, [{ path: 'key', message: '统计口径标识无效' }]);
    }
    return condition;
  });
}

export function drilldown(ctx: ServiceContext, input: PeriodInput & { key: string; withRows?: boolean }): Drilldown {
  const period = resolvePeriod(input);
  const conditions = parseDrilldownKey(input.key);
  const scope = scopeFor(ctx, period);
  const hits = drilldownIds(ctx.ledger.sqlite, scope, conditions);
  const ids = hits.map((h) => h.id);
  const result: Drilldown = {
    key: input.key,
    period,
    count: hits.length,
    items: hits.reduce((s, h) => s + h.itemCount, 0),
    ids,
  };
  if (input.withRows) {
    const page = listConsultations(
      ctx.ledger.sqlite,
      { ids, ...(scope.onlyCounselId === undefined ? {} : { onlyCounselId: scope.onlyCounselId }) },
      { sort: 'receivedOn', order: 'asc', page: 1, pageSize: Math.max(ids.length, 1) },
      scope.today,
    );
    result.rows = page.rows;
  }
  return result;
}
