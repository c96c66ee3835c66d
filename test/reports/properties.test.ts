/**
 * Properties of the tally on random ledgers (fast-check), written straight into
 * a real SQLite file: the breakdowns add up, 项 ≥ 次, every figure's drill-down
 * lists exactly what it counts, a simple model of the rules agrees on the
 * totals, and moving one item to another category moves exactly one count.
 */
import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Drilldown, Figure, Tally, TallyFigures } from '#contract/reports-contract';
import { addDays } from '#domain/dates';
import { CONCLUSIONS, OUTCOMES, STATUSES } from '#domain/types';
import { seedBasics, testApp, type TestApp } from '../helpers/ledger';

interface Gen {
  day: number;
  category: number;
  dept: number;
  counsel: number | null;
  itemCount: number;
  status: (typeof STATUSES)[number];
  trashed: boolean;
  outcome: (typeof OUTCOMES)[number] | null;
  opinions: { after: number; conclusion: (typeof CONCLUSIONS)[number] }[];
  dueAfter: number | null;
  changedAfter: number;
}

const genItem: fc.Arbitrary<Gen> = fc.record({
  // 2024-12-22 … 2026-01-11: both year ends are in play
  day: fc.integer({ min: -10, max: 375 }),
  category: fc.integer({ min: 0, max: 7 }),
  dept: fc.integer({ min: 0, max: 2 }),
  counsel: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }),
  itemCount: fc.integer({ min: 1, max: 5 }),
  status: fc.constantFrom(...STATUSES),
  trashed: fc.nat(5).map((n) => n === 0),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
  opinions: fc.array(fc.record({ after: fc.integer({ min: 0, max: 30 }), conclusion: fc.constantFrom(...CONCLUSIONS) }), { maxLength: 3 }),
  dueAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  changedAfter: fc.integer({ min: 0, max: 60 }),
});

interface World {
  app: TestApp;
  categories: number[];
  departments: number[];
  counsels: number[];
}

async function world(): Promise<World> {
  const app = testApp();
  app.clock.set('2026-02-01T02:00:00Z');
  const b = await seedBasics(app);
  const third = await app.call('departments.create', { name: '装备处' });
  const other = await app.call('counsels.create', { name: '李律师', firm: '某所' });
  const cats = await app.call<{ id: number }[]>('categories.list', {});
  return { app, categories: cats.map((c) => c.id), departments: [b.dept.id, b.dept2.id, third.id], counsels: [b.counsel.id, other.id] };
}

const receivedOf = (g: Gen) => addDays('2025-01-01', g.day);
/** the business date of the item's one change of status (its entry time is the same day) */
const changedOn = (g: Gen) => addDays(receivedOf(g), g.changedAfter);
/** The model of "status at the end of the period": the change counts once its business date is reached. */
const statusAt = (g: Gen, day: string) => (g.status === 'registered' || changedOn(g) > day ? 'registered' : g.status);

/** Replace the ledger's items with the generated ones, written as the services would leave them. */
function load(w: World, items: readonly Gen[]): number[] {
  const s: Database.Database = w.app.ledger.sqlite;
  s.exec('DELETE FROM opinions; DELETE FROM status_history; DELETE FROM consultations;');
  const ins = s.prepare(`INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, category_id, department_id,
      received_on, due_on, item_count, counsel_id, status, status_on, outcome, outcome_reason, trashed_at, created_at, created_by, updated_at, updated_by)
    VALUES ('法咨', @year, @seq, 't', @category, @dept, @receivedOn, @dueOn, @itemCount, @counsel, @status, @statusOn, @outcome, @reason, @trashedAt,
      @createdAt, 'p', @updatedAt, 'p')`);
  const hist = s.prepare(`INSERT INTO status_history (consultation_id, from_status, to_status, at, actor, business_on) VALUES (?, ?, ?, ?, 'p', ?)`);
  const op = s.prepare(`INSERT INTO opinions (consultation_id, round, conclusion, text, issued_on, created_at, created_by) VALUES (?, ?, ?, 'x', ?, 'x', 'p')`);
  return s.transaction(() =>
    items.map((g, i) => {
      const receivedOn = addDays('2025-01-01', g.day);
      const createdAt = `${receivedOn}T02:00:00.000Z`;
      const changedAt = `${addDays(receivedOn, g.changedAfter)}T02:00:00.000Z`;
      const id = Number(
        ins.run({
          year: Number(receivedOn.slice(0, 4)),
          seq: i + 1,
          category: w.categories[g.category],
          dept: w.departments[g.dept],
          receivedOn,
          dueOn: g.dueAfter === null ? null : addDays(receivedOn, g.dueAfter),
          itemCount: g.itemCount,
          counsel: g.counsel === null ? null : w.counsels[g.counsel],
          status: g.status,
          statusOn: g.status === 'registered' ? receivedOn : changedOn(g),
          outcome: g.outcome,
          reason: g.outcome === 'notAdopted' ? '理由' : null,
          trashedAt: g.trashed ? changedAt : null,
          createdAt,
          updatedAt: g.status === 'registered' ? createdAt : changedAt,
        }).lastInsertRowid,
      );
      hist.run(id, null, 'registered', createdAt, receivedOn);
      if (g.status !== 'registered') hist.run(id, 'registered', g.status, changedAt, changedOn(g));
      g.opinions.forEach((o, r) => op.run(id, r + 1, o.conclusion, addDays(receivedOn, o.after)));
      return id;
    }),
  )();
}

/** Every figure in a block of the tally (not descending into the previous year's block). */
function figuresOf(node: unknown, out: Figure[] = []): Figure[] {
  if (Array.isArray(node)) {
    for (const n of node) figuresOf(n, out);
  } else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.key === 'string' && typeof o.count === 'number' && typeof o.items === 'number') out.push(o as unknown as Figure);
    for (const [k, v] of Object.entries(o)) if (k !== 'previous') figuresOf(v, out);
  }
  return out;
}

const sum = (figures: readonly Figure[]) => figures.reduce((s, f) => [s[0]! + f.count, s[1]! + f.items], [0, 0]);

function breakdownsAddUp(f: TallyFigures): void {
  const total = [f.total.count, f.total.items];
  for (const [name, list] of Object.entries({
    byStatus: f.byStatus,
    byCategory: f.byCategory,
    byMonth: f.byMonth,
    byDepartment: f.byDepartment,
    byCounsel: f.byCounsel,
    byConclusion: f.byConclusion,
    byOutcome: f.byOutcome,
  })) {
    expect(sum(list), name).toEqual(total);
  }
  for (const m of f.byMonth) expect(sum(m.byCategory)).toEqual([m.count, m.items]);
  for (const fig of figuresOf(f)) expect(fig.items, fig.key).toBeGreaterThanOrEqual(fig.count);
}

const RUNS = { numRuns: 25 };

/** Loads random ledgers of up to maxLength items and checks each one's 2025 tally. */
async function onRandomLedgers(maxLength: number, runs: { numRuns: number }, check: (w: World, items: Gen[], t: Tally) => Promise<void>) {
  const w = await world();
  await fc.assert(
    fc.asyncProperty(fc.array(genItem, { maxLength }), async (items) => {
      load(w, items);
      await check(w, items, await w.app.call<Tally>('reports.tally', { year: 2025 }));
    }),
    runs,
  );
}

describe('tally properties on random ledgers', () => {
  it('breakdowns add up to the total, 项 ≥ 次, and a plain model of the rules agrees', async () => {
    await onRandomLedgers(40, RUNS, async (_, items, t) => {
      breakdownsAddUp(t);
      breakdownsAddUp(t.previous);
      const inYear = items.filter((g) => !g.trashed && addDays('2025-01-01', g.day).startsWith('2025'));
      const counted = inYear.filter((g) => statusAt(g, '2025-12-31') !== 'withdrawn');
      const withdrawn = inYear.filter((g) => statusAt(g, '2025-12-31') === 'withdrawn');
      expect([t.total.count, t.total.items]).toEqual([counted.length, counted.reduce((s, g) => s + g.itemCount, 0)]);
      expect([t.withdrawn.count, t.withdrawn.items]).toEqual([withdrawn.length, withdrawn.reduce((s, g) => s + g.itemCount, 0)]);
      // 份: the rounds dated within the year
      const rounds = (g: Gen) => g.opinions.filter((o) => addDays(receivedOf(g), o.after) <= '2025-12-31').length;
      expect(t.opinions.documents).toBe(counted.reduce((s, g) => s + rounds(g), 0));
    });
  });

  it('every figure drills down to exactly as many items as it counts', async () => {
    await onRandomLedgers(30, { numRuns: 15 }, async (w, _, t) => {
      for (const block of [t, t.previous] as TallyFigures[]) {
        for (const fig of figuresOf(block)) {
          const d = await w.app.call<Drilldown>('reports.drilldown', { year: block.period.year, key: fig.key });
          expect([d.count, d.items, d.ids.length], `${block.period.label} ${fig.key}`).toEqual([fig.count, fig.items, fig.count]);
          expect(new Set(d.ids).size).toBe(d.ids.length);
        }
      }
    });
  });

  it('changing one counted item\'s category moves exactly one count', async () => {
    const w = await world();
    await fc.assert(
      fc.asyncProperty(
        fc.array(genItem, { minLength: 1, maxLength: 30 }).chain((items) =>
          fc.tuple(fc.constant(items), fc.nat(items.length - 1), fc.integer({ min: 1, max: 7 })),
        ),
        async ([items, pick, shift]) => {
          const ids = load(w, items);
          const g = items[pick]!;
          const before = await w.app.call<Tally>('reports.tally', { year: 2025 });
          const from = w.categories[g.category]!;
          const to = w.categories[(g.category + shift) % 8]!;
          w.app.ledger.sqlite.prepare('UPDATE consultations SET category_id = ? WHERE id = ?').run(to, ids[pick]);
          const after = await w.app.call<Tally>('reports.tally', { year: 2025 });
          const counts = (t: Tally) => new Map(t.byCategory.map((c) => [c.categoryId, c.count]));
          const [b, a] = [counts(before), counts(after)];
          const isCounted = !g.trashed && statusAt(g, '2025-12-31') !== 'withdrawn' && addDays('2025-01-01', g.day).startsWith('2025');
          for (const id of w.categories) {
            const expected = (b.get(id) ?? 0) + (isCounted ? (id === to ? 1 : id === from ? -1 : 0) : 0);
            expect(a.get(id) ?? 0, `category ${id}`).toBe(expected);
          }
          expect(after.total).toEqual(before.total);
        },
      ),
      RUNS,
    );
  });
});
