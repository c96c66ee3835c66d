/**
 * The counting rules on the hand-built year (fixture.ts). Every expected number
 * below was worked out by hand from the fixture's table, not by the code.
 */
import { describe, expect, it } from 'vitest';
import type { Drilldown, Figure, Tally } from '#contract/reports-contract';
import { names, useFixture } from './fixture';

const fixture = useFixture();
const tally = (input: object = { year: 2025 }) => fixture().app.call<Tally>('reports.tally', input);
const drill = async (key: string, period: object = { year: 2025 }) =>
  names(fixture(), (await fixture().app.call<Drilldown>('reports.drilldown', { ...period, key })).ids);
const ci = (f: Figure) => [f.count, f.items];

describe('the 2025 tally of the fixture year', () => {
  it('counts 次 and 项 of the year by local receivedOn; withdrawn on their own line; trashed never', async () => {
    const t = await tally();
    expect(t.period).toEqual({ from: '2025-01-01', to: '2025-12-31', year: 2025, label: '2025年' });
    // B C F G H I J K M; not A (2024-12-31), not L (2026-01-01), not D N (withdrawn), not E (trashed)
    expect(ci(t.total)).toEqual([9, 14]);
    expect(ci(t.withdrawn)).toEqual([2, 4]);
    expect(await drill('total')).toEqual(['B', 'C', 'F', 'G', 'M', 'H', 'I', 'J', 'K']);
    expect(await drill('withdrawn')).toEqual(['D', 'N']);
    // the status at the end of 2025 (business dates): C closed and J answered only in 2026, K assigned in 2026
    expect(t.byStatus.map((s) => [s.status, s.count, s.items])).toEqual([
      ['registered', 2, 2], // H K
      ['assigned', 2, 3], // I J
      ['answered', 2, 4], // C G
      ['closed', 3, 5], // B F M
    ]);
  });

  // The breakdowns by one key, each as rows of [key, 次, 项] in the tally's order.
  it.each<{ by: string; list: 'byCategory' | 'byDepartment' | 'byConclusion' | 'byOutcome'; key: string; rows: [string, number, number][] }>([
    { by: 'category (all active categories, in list order)', list: 'byCategory', key: 'code', rows: [
      ['rules', 3, 6],
      ['contract', 2, 3],
      ['procurement', 1, 2],
      ['complaint', 1, 1],
      ['enforcementReview', 0, 0],
      ['litigation', 0, 0],
      ['decision', 1, 1],
      ['other', 1, 1],
    ] },
    { by: 'department, largest first', list: 'byDepartment', key: 'name', rows: [
      ['综合处', 4, 7],
      ['政策法规处', 4, 6],
      ['装备处', 1, 1],
    ] },
    { by: 'the latest opinion round\'s conclusion', list: 'byConclusion', key: 'conclusion', rows: [
      ['approve', 3, 6], // B's first round was approveWithChanges, its latest approve
      ['approveWithChanges', 0, 0],
      ['object', 1, 2],
      ['advisory', 1, 1],
      ['none', 4, 5], // J's opinion is dated 2026-01-05: not given in 2025
    ] },
    { by: 'outcome', list: 'byOutcome', key: 'outcome', rows: [
      ['adopted', 2, 4],
      ['partiallyAdopted', 1, 1],
      ['notAdopted', 1, 2],
      ['none', 5, 7],
    ] },
  ])('breaks down by $by', async ({ list, key, rows }) => {
    const t = await tally();
    expect(t[list].map((f) => [(f as unknown as Record<string, unknown>)[key], f.count, f.items])).toEqual(rows);
  });

  it('names each category by its full and short name, and drills down by category', async () => {
    const t = await tally();
    expect(t.byCategory[0]).toMatchObject({ name: '制度建设（规范性文件）', shortName: '制度建设' });
    expect(await drill(`category:${fixture().cat('rules')}`)).toEqual(['B', 'M', 'J']);
  });

  it('breaks down by month, with the month split by category', async () => {
    const t = await tally();
    expect(t.byMonth.map((m) => [m.month.slice(5), m.count, m.items])).toEqual([
      ['01', 1, 3],
      ['02', 1, 2],
      ['03', 0, 0],
      ['04', 1, 1],
      ['05', 0, 0],
      ['06', 1, 2],
      ['07', 0, 0],
      ['08', 1, 1],
      ['09', 1, 1],
      ['10', 0, 0],
      ['11', 1, 1],
      ['12', 2, 3],
    ]);
    const dec = t.byMonth[11]!;
    expect(dec.byCategory.map((c) => [c.categoryId, c.count, c.items])).toEqual([
      [fixture().cat('rules'), 1, 2],
      [fixture().cat('other'), 1, 1],
    ]);
    expect(await drill('month:2025-12')).toEqual(['J', 'K']);
    expect(await drill(`month:2025-12;category:${fixture().cat('other')}`)).toEqual(['K']);
  });

  it('breaks down by the counsel the item is assigned to; one who left mid-year keeps their items', async () => {
    const t = await tally();
    expect(t.byCounsel.map((c) => [c.name, c.count, c.items, c.active, c.engagedTo])).toEqual([
      ['王律师', 3, 4, true, null],
      ['李律师', 3, 6, false, '2025-06-30'],
      ['赵律师', 2, 3, true, null],
      ['未分派', 1, 1, true, null],
    ]);
    // G was Li's until she left and was reassigned: it counts for Zhao.
    expect(await drill(`counsel:${fixture().counsel.li}`)).toEqual(['B', 'C', 'F']);
    expect(await drill(`counsel:${fixture().counsel.zhao}`)).toEqual(['G', 'M']);
    expect(await drill('counsel:none')).toEqual(['H']);
  });

  it('drills down by the latest opinion round\'s conclusion', async () => {
    expect(await drill('conclusion:approve')).toEqual(['B', 'G', 'M']);
    expect(await drill('conclusion:none')).toEqual(['H', 'I', 'J', 'K']);
  });

  it('counts outcomes and the adoption rate over items with an outcome', async () => {
    const t = await tally();
    expect(ci(t.adoption.adopted)).toEqual([3, 5]);
    expect(ci(t.adoption.withOutcome)).toEqual([4, 7]);
    expect(t.adoption.rate).toEqual({ value: 0.75, text: '75.0%' });
    expect(await drill('adoption:adopted')).toEqual(['B', 'F', 'M']);
  });

  it('counts every opinion round as a document, and each answered item once', async () => {
    const t = await tally();
    // B 2 rounds, C F G M 1 each; J's opinion is dated 2026-01-05, after the year
    expect(t.opinions.documents).toBe(6);
    expect(ci(t.opinions.answered)).toEqual([5, 9]);
    expect(await drill('answered')).toEqual(['B', 'C', 'F', 'G', 'M']);
  });

  it('measures turnaround to the FIRST opinion, and the share answered by the due date', async () => {
    const t = await tally();
    // days to the first opinion given in 2025: C 2, B 5 (not 9, its second round), M 6, F 9, G 20 (J's is in 2026)
    expect(t.turnaround.medianDays).toBe(6);
    // at the end of 2025: B C G M met; F late, I past due; J (due 2026-01-07) and K (due 01-09) not yet due
    expect(ci(t.turnaround.dueTracked)).toEqual([6, 10]);
    expect(ci(t.turnaround.dueMet)).toEqual([4, 8]);
    expect(ci(t.turnaround.dueMissed)).toEqual([2, 2]);
    expect(t.turnaround.onTimeRate).toEqual({ value: 4 / 6, text: '66.7%' });
    expect(await drill('due:missed')).toEqual(['F', 'I']);
  });

  it('lists what was open at the end of the year (Asia/Shanghai), whatever happened after', async () => {
    const t = await tally();
    expect(t.carriedOver.asOf).toBe('2025-12-31');
    expect(ci(t.carriedOver.total)).toEqual([6, 9]);
    expect(t.carriedOver.byStatus.map((s) => [s.status, s.count, s.items])).toEqual([
      ['registered', 2, 2], // H; K (received 12-31, registered 2026-01-02)
      ['assigned', 2, 3], // I; J (closed 2026-01-08)
      ['answered', 2, 4], // G; C (closed ten minutes into 2026, Shanghai time)
    ]);
    expect(t.carriedOver.rows.map((r) => [names(fixture(), [r.id])[0], r.statusAtEnd, r.status])).toEqual([
      ['C', 'answered', 'closed'],
      ['G', 'answered', 'answered'],
      ['H', 'registered', 'registered'],
      ['I', 'assigned', 'assigned'],
      ['J', 'assigned', 'closed'],
      ['K', 'registered', 'assigned'],
    ]);
    expect(t.carriedOver.rows[0]!.serialNo).toBe('法咨〔2025〕2号');
    expect(t.carriedOver.truncated).toBe(false);
    expect(await drill('carriedOver')).toEqual(['C', 'G', 'H', 'I', 'J', 'K']);
    // F was closed, reopened and closed again before the year ended: not carried over.
  });

  it('writes the report sentence with exact numbers, four categories by count and 等', async () => {
    const t = await tally();
    expect(t.sentence.text).toBe(
      '2025年，我办法律顾问围绕制度建设、合同签订、招标采购、信访投诉等开展法律咨询9次（14项），出具法律意见6份，意见采纳率75.0%。',
    );
    expect(t.sentence).toMatchObject({ categories: ['制度建设', '合同签订', '招标采购', '信访投诉'], more: true });
    const s = await fixture().app.call('reports.sentence', { year: 2025 });
    expect(s.text).toBe(t.sentence.text);
  });

  it('gives the previous year for comparison', async () => {
    const p = (await tally()).previous;
    expect(p.period.year).toBe(2024);
    expect(ci(p.total)).toEqual([1, 1]); // A
    expect(ci(p.withdrawn)).toEqual([0, 0]);
    expect(p.byCategory.find((c) => c.code === 'contract')!.count).toBe(1);
    expect(p.adoption.rate).toEqual({ value: null, text: '暂无' });
    expect(p.turnaround.medianDays).toBeNull(); // A's opinion is dated 2025-01-03: not answered within 2024
    expect(ci(p.carriedOver.total)).toEqual([1, 1]); // A was assigned on 2024-12-31, answered in 2025
    expect(await drill('total', { year: 2024 })).toEqual(['A']);
  });

  it('counts the next year on its own: L, received on 1 January', async () => {
    const t = await tally({ year: 2026 });
    expect(ci(t.total)).toEqual([1, 1]);
    expect(t.previous.total.count).toBe(9);
  });

  it('tallies a custom range, with the same dates a year earlier for comparison', async () => {
    const t = await tally({ from: '2025-12-01', to: '2026-01-31' });
    expect(t.period).toMatchObject({ year: null, label: '2025年12月1日至2026年1月31日' });
    expect(ci(t.total)).toEqual([3, 4]); // J, K (2025-12-31), L (2026-01-01)
    expect(t.byMonth.map((m) => m.month)).toEqual(['2025-12', '2026-01']);
    expect(t.previous.period).toMatchObject({ from: '2024-12-01', to: '2025-01-31' });
    expect(ci(t.previous.total)).toEqual([2, 4]); // A, B
    expect(t.sentence.text.startsWith('2025年12月1日至2026年1月31日，我办')).toBe(true);
  });
});

describe('what a counsel sees', () => {
  it('a counsel\'s tally and drill-downs cover only the items assigned to them', async () => {
    const f = fixture();
    f.app.as({ username: 'li', displayName: '李律师', roles: ['counsel'], counselId: f.counsel.li });
    try {
      const t = await tally();
      expect(t.scope).toBe('own');
      expect(ci(t.total)).toEqual([3, 6]); // B C F
      expect(ci(t.withdrawn)).toEqual([1, 3]); // N
      expect(t.byCounsel.map((c) => c.name)).toEqual(['李律师']);
      expect(t.opinions.documents).toBe(4);
      expect(t.adoption.rate.text).toBe('66.7%');
      expect(ci(t.carriedOver.total)).toEqual([1, 2]); // C
      expect(t.sentence.text).toBe('2025年，我办法律顾问围绕制度建设、招标采购、信访投诉开展法律咨询3次（6项），出具法律意见4份，意见采纳率66.7%。');
      expect(await drill('total')).toEqual(['B', 'C', 'F']);
      expect(await drill(`counsel:${f.counsel.wang}`)).toEqual([]);
      const rows = await f.app.call<Drilldown>('reports.drilldown', { year: 2025, key: 'total', withRows: true });
      expect(rows.rows!.map((r) => r.title)).toEqual(['事项B', '事项C', '事项F']);
    } finally {
      f.app.as({ username: 'local-admin', displayName: '本机管理员', roles: ['admin', 'registrar'] });
    }
  });

  it('a leader reads the report; nobody without a role does', async () => {
    const f = fixture();
    f.app.as({ username: 'boss', displayName: '办领导', roles: ['leader'] });
    try {
      expect((await tally()).total.count).toBe(9);
      f.app.as({ username: 'nobody', displayName: '无', roles: [] });
      expect(await f.app.router.call('reports.tally', { year: 2025 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      f.app.as({ username: 'local-admin', displayName: '本机管理员', roles: ['admin', 'registrar'] });
    }
  });
});

describe('input', () => {
  it('refuses half a range, both forms at once, a reversed range and unknown drill-down keys', async () => {
    const { router } = fixture().app;
    for (const input of [{}, { from: '2025-01-01' }, { year: 2025, from: '2025-01-01', to: '2025-02-01' }, { from: '2025-02-01', to: '2025-01-01' }, { year: 2025.5 }]) {
      expect(await router.call('reports.tally', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    for (const key of ['nope', 'category:abc', 'category:0', 'month:2025-13', 'status:trashed', 'total:1', 'category:1;;', '__proto__', 'constructor']) {
      expect(await router.call('reports.drilldown', { year: 2025, key }), key).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});
