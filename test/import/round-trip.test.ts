/**
 * Round trip: the year's detail ledger exported (XLSX and CSV, the report
 * issue's exports) and imported into an empty database gives the same tallies.
 * The fixture year (test/reports/fixture.ts) has the hard cases: Dec 31 / Jan 1,
 * withdrawn, trashed, 项数 > 1, several opinion rounds, no outcome, reopened,
 * a counsel who left, an item closed after the year ended.
 *
 * What the export carries is what is compared: the counted items with their
 * category, division, counsel, dates, first opinion, latest conclusion and
 * outcome. Withdrawn and trashed items are not in the detail ledger (they are
 * not counted), and an item's opinion rounds are summed up by the first
 * date and the latest conclusion (one opinion comes back): those two figures
 * differ, by exactly that, and the test says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { commitImport, planView, buildPlan, readImportFile } from '../../electron/services/import';
import { exportReport } from '../../electron/services/reports/export';
import { testApp } from '../helpers/ledger';
import { useFixture } from '../reports/fixture';

const fixture = useFixture();
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-round-trip-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

/** The figures of a tally by names (ids differ between the two databases), without the drill-down keys. */
function comparable(t: Tally) {
  const pick = (f: { count: number; items: number }) => ({ count: f.count, items: f.items });
  const named = <T extends { count: number; items: number }>(list: readonly T[], name: (x: T) => string) =>
    Object.fromEntries(list.filter((x) => x.count > 0).map((x) => [name(x), pick(x)]));
  return {
    total: pick(t.total),
    byStatus: named(t.byStatus, (s) => s.status),
    byCategory: named(t.byCategory, (c) => c.name),
    byMonth: named(t.byMonth, (m) => m.month),
    byDepartment: named(t.byDepartment, (d) => d.name),
    byCounsel: named(t.byCounsel, (c) => c.name),
    byConclusion: named(t.byConclusion, (c) => c.conclusion),
    byOutcome: named(t.byOutcome, (o) => o.outcome),
    answered: pick(t.opinions.answered),
    adoption: t.adoption.rate.text,
    medianDays: t.turnaround.medianDays,
    onTime: t.turnaround.onTimeRate.text,
    dueMet: pick(t.turnaround.dueMet),
    dueMissed: pick(t.turnaround.dueMissed),
    carriedOver: pick(t.carriedOver.total),
    // the sentence, but for the number of written opinions (see below)
    sentence: t.sentence.text.replace(/出具法律意见\d+份/, '出具法律意见…份'),
  };
}

describe('export the ledger, import it into an empty database', () => {
  for (const format of ['xlsx', 'csv'] as const) {
    it(`gives the same tallies (${format.toUpperCase()})`, async () => {
      const f = fixture();
      const original = await f.app.call<Tally>('reports.tally', { year: 2025 });
      const file = path.join(outDir, `2025年台账.${format}`);
      await exportReport(f.app.ctx(), { year: 2025, format, path: file });

      const target = testApp();
      target.clock.set(f.app.clock.now().toISOString());
      const source = await readImportFile(file);
      const plan = planView(buildPlan(target.ctx(), source, { createMissing: true }));
      expect({ blockers: plan.blockers, errors: plan.problems.filter((p) => p.severity === 'error') }).toEqual({ blockers: [], errors: [] });
      // from the XLSX, the detail sheet is picked out of the six (汇总, 分类, 月度, 处室, 顾问, 明细台账)
      if (format === 'xlsx') expect(plan.sheet).toBe('明细台账');
      const result = await commitImport(target.ctx(), source, { createMissing: true });
      expect(result.rowCount).toBe(original.total.count);
      // the serial numbers come along unchanged
      expect(result.serials).toEqual({ kept: original.total.count, assigned: 0 });

      const imported = await target.call<Tally>('reports.tally', { year: 2025 });
      expect(comparable(imported)).toEqual(comparable(original));
      // opinions: one per answered item comes back (the fixture's second round of item B does not)
      expect(original.opinions.documents).toBe(original.opinions.answered.count + 1);
      expect(imported.opinions.documents).toBe(original.opinions.answered.count);
      // and the year before and after stay as they were: nothing of 2024 or 2026 was in the export
      expect((await target.call<Tally>('reports.tally', { year: 2024 })).total.count).toBe(0);
      expect((await target.call<Tally>('reports.tally', { year: 2026 })).total.count).toBe(0);
      target.ledger.close();
    });
  }
});
