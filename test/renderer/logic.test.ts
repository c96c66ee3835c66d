/** The renderer's pure logic: routes, ledger filters in the URL, the edit merge, which actions fit. */
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '#contract/contract';
import { ROLES, STATUSES } from '#domain/types';
import { ALLOWED_FROM } from '#domain/workflow';
import { ACTION_RULES, availableActions, nextStep } from '../../renderer/src/features/consultation/actions/availability';
import { mergeFields, type ConsultationFields } from '../../renderer/src/features/consultation/formValues';
import { filterToInput, filterToQuery, readFilter } from '../../renderer/src/features/ledger/filterState';
import { formatHash, matchRoute, parseHash } from '../../renderer/src/router/hash';
import { canCall } from '../../renderer/src/api/hooks';

describe('who may call what, in the UI', () => {
  it("asks the contract's own role list of every method (the build's table, not a copy that could drift)", () => {
    const names = Object.keys(contract) as MethodName[];
    expect(names.length).toBeGreaterThan(50);
    for (const method of names) {
      for (const role of ROLES) {
        expect({ method, role, may: canCall([role], method) }).toEqual({ method, role, may: contract[method].roles.includes(role) });
      }
      expect(canCall([], method)).toBe(false);
      expect(canCall(undefined, method)).toBe(false);
    }
  });
});

describe('hash routes', () => {
  it('parses paths and queries', () => {
    expect(parseHash('#/ledger?year=2024&q=%E5%90%88%E5%90%8C')).toMatchObject({ path: '/ledger' });
    expect(parseHash('#/ledger?q=%E5%90%88%E5%90%8C').query.get('q')).toBe('合同');
    expect(parseHash('').path).toBe('/');
    expect(formatHash('/ledger', { year: 2024, status: undefined, overdue: false, q: '' })).toBe('#/ledger?year=2024');
  });

  it('matches the screens and refuses anything else', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/ledger')).toEqual({ name: 'ledger' });
    expect(matchRoute('/queue')).toEqual({ name: 'queue' });
    expect(matchRoute('/audit')).toEqual({ name: 'audit' });
    expect(matchRoute('/consultations/12')).toEqual({ name: 'detail', id: 12 });
    expect(matchRoute('/consultations/12/edit')).toEqual({ name: 'edit', id: 12 });
    expect(matchRoute('/consultations/new')).toEqual({ name: 'new' });
    expect(matchRoute('/reports')).toEqual({ name: 'reports' });
    for (const bad of ['/consultations/0', '/consultations/-1', '/consultations/1e3', '/consultations/99999999999999999', '/nope']) {
      expect(matchRoute(bad)).toEqual({ name: 'notFound' });
    }
  });
});

describe('ledger filters in the URL', () => {
  it('defaults to the current year, newest first, page 1 of 20', () => {
    const f = readFilter(new URLSearchParams(''), 2025);
    expect(filterToInput(f)).toEqual({ year: 2025, sort: 'receivedOn', order: 'desc', page: 1, pageSize: 20 });
    expect(filterToQuery(f, 2025).toString()).toBe('');
  });

  it('round-trips every filter and ignores nonsense', () => {
    const q = new URLSearchParams('year=all&category=3&department=4&counsel=5&status=closed&overdue=1&q=%E5%90%88%E5%90%8C&sort=dueOn&order=asc&page=2&size=50');
    const f = readFilter(q, 2025);
    expect(filterToInput(f)).toEqual({
      categoryId: 3,
      departmentId: 4,
      counselId: 5,
      status: 'closed',
      overdue: true,
      text: '合同',
      sort: 'dueOn',
      order: 'asc',
      page: 2,
      pageSize: 50,
    });
    expect(readFilter(filterToQuery(f, 2025), 2025)).toEqual(f);
    const junk = readFilter(new URLSearchParams('year=abc&status=bogus&sort=drop&size=7&page=-1&category=0'), 2025);
    expect(filterToInput(junk)).toEqual({ year: 2025, sort: 'receivedOn', order: 'desc', page: 1, pageSize: 20 });
  });
});

describe('merging after a conflict', () => {
  const base: ConsultationFields = {
    title: 'A',
    categoryId: 1,
    departmentId: 1,
    requester: '',
    receivedOn: '2025-06-01',
    dueOn: null,
    itemCount: 1,
    description: '',
    note: '',
  };

  it('takes what only they changed, keeps what only I changed, flags what both changed', () => {
    const mine = { ...base, note: 'mine', requester: 'me' };
    const theirs = { ...base, title: 'B', requester: 'them' };
    const r = mergeFields(base, mine, theirs);
    expect(r.merged).toEqual({ ...base, title: 'B', note: 'mine', requester: 'me' });
    expect(r.takenFromTheirs).toEqual(['title']);
    expect(r.clashes).toEqual(['requester']);
  });

  it('treats the same change on both sides as no clash', () => {
    const r = mergeFields(base, { ...base, itemCount: 3 }, { ...base, itemCount: 3 });
    expect(r).toMatchObject({ takenFromTheirs: [], clashes: [] });
  });
});

describe('actions that fit', () => {
  it('mirror the service workflow exactly', () => {
    const map = { edit: 'update', ...Object.fromEntries(Object.keys(ALLOWED_FROM).map((k) => [k, k])) } as Record<string, keyof typeof ALLOWED_FROM>;
    for (const [action, rule] of Object.entries(ACTION_RULES)) {
      expect({ action, from: [...rule.from].sort() }).toEqual({ action, from: [...ALLOWED_FROM[map[action]!]].sort() });
    }
  });

  it('follow the status, the trash and the roles', () => {
    const all = () => true;
    expect(availableActions({ status: 'registered', trashedAt: null }, all)).toEqual(['edit', 'assign', 'withdraw', 'trash']);
    expect(availableActions({ status: 'answered', trashedAt: null }, all)).toEqual([
      'edit',
      'addOpinion',
      'recordOutcome',
      'close',
      'withdraw',
      'trash',
    ]);
    expect(availableActions({ status: 'closed', trashedAt: null }, all)).toEqual(['reopen', 'trash']);
    expect(availableActions({ status: 'closed', trashedAt: '2025-06-10T00:00:00Z' }, all)).toEqual(['restore']);
    for (const status of STATUSES) {
      // a registrar without admin cannot reopen
      const registrar = (m: Parameters<typeof canCall>[1]) => canCall(['registrar'], m);
      expect(availableActions({ status, trashedAt: null }, registrar)).not.toContain('reopen');
      // a leader only reads
      const leader = (m: Parameters<typeof canCall>[1]) => canCall(['leader'], m);
      expect(availableActions({ status, trashedAt: null }, leader)).toEqual([]);
    }
    expect(nextStep({ status: 'answered', outcome: null, trashedAt: null })).toBe('recordOutcome');
    expect(nextStep({ status: 'answered', outcome: 'adopted', trashedAt: null })).toBe('close');
  });
});
