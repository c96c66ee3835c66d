/**
 * The main process's peak RSS, in a process of its own (bundled, plain Node,
 * like the app's main process): one working session on a copy of the bench
 * database, each step once, in the order a person would take them — open the
 * ledger (with its checks), the first page, a filtered page, both searches, the
 * annual tally, a drill-down, the XLSX and CSV exports of 10,000 rows, and the
 * import of the 10,000-row XLSX into that same ledger, then the ledger again.
 *
 * The timing loops of measure.ts run every step dozens of times back to back,
 * with four connections open (the measured ledger, the import copies, the
 * harness); their process's peak is reported too, but it is the bench's, not
 * the app's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open';
import { createRouter } from '#contract/router';
import { LOCAL_ADMIN, type ServiceContext } from '../electron/services/context';
import { exportReport } from '../electron/services/reports/export';
import { importThroughWizard, removeDatabase } from './extra';
import { exportSpan } from './scale';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    dir: { type: 'string' },
    'import-file': { type: 'string' },
    'last-year': { type: 'string' },
    out: { type: 'string' },
  },
});
const dir = values.dir!;
const LAST_YEAR = Number(values['last-year']);
const peakMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

export interface SessionResult {
  /** with the code loaded, before the database is opened */
  startMb: number;
  peakMb: number;
  /** the peak once each step was done */
  steps: { step: string; ms: number; peakMb: number }[];
}

async function main(): Promise<void> {
  const file = path.join(dir, 'session.sqlite3');
  removeDatabase(file);
  fs.copyFileSync(values.db!, file);
  const result: SessionResult = { startMb: peakMb(), peakMb: 0, steps: [] };
  const step = async (name: string, fn: () => unknown): Promise<void> => {
    const t = performance.now();
    await fn();
    result.steps.push({ step: name, ms: Math.round(performance.now() - t), peakMb: peakMb() });
  };
  const ok = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await call;
    if (!r.ok) throw new Error(r.error?.message);
  };

  let ledger = null as ReturnType<typeof openDatabase> | null;
  await step('open', () => (ledger = openDatabase(file)));
  const router = createRouter({ ledger: ledger!, caller: () => LOCAL_ADMIN });
  const ctx: ServiceContext = { ledger: ledger!, caller: LOCAL_ADMIN, now: () => new Date() };
  const contract = ledger!.sqlite.prepare("SELECT id FROM categories WHERE code = 'contract'").pluck().get() as number;
  await step('ledger first page', () => ok(router.call('consultations.list', { year: LAST_YEAR })));
  await step('filtered page', () => ok(router.call('consultations.list', { year: LAST_YEAR, categoryId: contract, status: 'closed' })));
  await step('search 物业服务', () => ok(router.call('search.query', { text: '物业服务' })));
  await step('search 合同', () => ok(router.call('search.query', { text: '合同' })));
  await step('annual tally', () => ok(router.call('reports.tally', { year: LAST_YEAR })));
  await step('drill-down', () => ok(router.call('reports.drilldown', { year: LAST_YEAR, key: `category:${contract}` })));
  const span = exportSpan(ledger!.sqlite, LAST_YEAR);
  await step('XLSX export', () => exportReport(ctx, { ...span, format: 'xlsx', path: path.join(dir, 'session-export.xlsx') }));
  await step('CSV export', () => exportReport(ctx, { ...span, format: 'csv', path: path.join(dir, 'session-export.csv') }));
  await step('XLSX import', () => importThroughWizard(ctx, values['import-file']!));
  await step('ledger first page after the import', () => ok(router.call('consultations.list', { year: LAST_YEAR })));
  ledger!.close();
  removeDatabase(file);
  result.peakMb = peakMb();
  fs.writeFileSync(values.out!, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`  main-process session: peak RSS ${result.peakMb} MB (${result.steps.map((s) => `${s.step} ${s.peakMb}`).join(', ')})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
