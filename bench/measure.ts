/**
 * The measuring process of `npm run bench` (run.ts starts it, bundled, under
 * plain Node, like the app's bundled main process: no TypeScript loader whose
 * own memory would count in the peak RSS). Measures the product's hot paths on
 * the generated database next to hand-written raw SQL on the same database,
 * prints each product figure with its ratio to the raw baseline, the table, and
 * writes the results file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { applyPragmas, openDatabase, type Ledger } from '../db/open';
import { createRouter, type Router } from '#contract/router';
import { LOCAL_ADMIN, type ServiceContext } from '../electron/services/context';
import { exportReport } from '../electron/services/reports/export';
import { shanghaiDay } from '#domain/dates';
import { rawFilteredPage, rawLedgerPage, rawSearch, rawTally } from './raw';
import { extraMeasurements } from './extra';
import type { SessionResult } from './session';
import { exportSpan } from './scale';
import { measure as measureStat, measurePair, type Row, type Stat } from './stats';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    dir: { type: 'string' },
    n: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    'last-year': { type: 'string' },
    'generate-ms': { type: 'string', default: '0' },
    'import-file': { type: 'string' },
    session: { type: 'string' },
    out: { type: 'string' },
  },
});
const file = values.db!;
const dir = values.dir!;
const N = Number(values.n);
const SEED = Number(values.seed);
const RUNS = Number(values.runs);
const LAST_YEAR = Number(values['last-year']);
const RSS_TARGET_MB = 250;

const measure = (fn: () => unknown, runs = RUNS, warmup = 3): Promise<Stat> => measureStat(fn, runs, warmup);
const pair = (product: () => unknown, raw: () => unknown, runs = RUNS, warmup = 3) => measurePair(product, raw, runs, warmup);
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

function ok<T>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
}

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(2)} ms`);

async function main(): Promise<void> {
  const startRssMb = peakRssMb();
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const rows: Row[] = [];
  const add = (row: Row) => {
    row.peakRssMb = Math.round(peakRssMb());
    rows.push(row);
    const ratio = row.raw ? ` (${(row.product.p50 / row.raw.p50).toFixed(2)}× raw ${ms(row.raw.p50)})` : '';
    console.log(`  ${row.name}: ${ms(row.product.p50)}${ratio}  [peak RSS so far ${row.peakRssMb} MB]`);
  };

  // open + migrate check + quick_check + search-index check, vs. a bare open with the same pragmas
  add({
    name: 'open (quick_check + migrate + index check)',
    ...(await pair(
      () => openDatabase(file).close(),
      () => {
        const d = new Database(file);
        applyPragmas(d);
        d.close();
      },
      5,
      1,
    )),
  });

  const ledger: Ledger = openDatabase(file);
  const router: Router = createRouter({ ledger, caller: () => LOCAL_ADMIN });
  const ctx: ServiceContext = { ledger, caller: LOCAL_ADMIN, now: () => new Date() };
  const s = ledger.sqlite;

  const page = rawLedgerPage(s);
  add({
    name: 'ledger first page (year, default sort)',
    ...(await pair(async () => ok(await router.call('consultations.list', { year: LAST_YEAR })), () => page(LAST_YEAR, shanghaiDay(new Date())))),
    target: '≤ 10 ms p50, ≤ 1.3× raw',
  });
  add({ name: 'ledger first page (all years)', product: await measure(async () => ok(await router.call('consultations.list', {}))) });

  const contract = s.prepare("SELECT id FROM categories WHERE code = 'contract'").pluck().get() as number;
  const filtered = rawFilteredPage(s);
  add({
    name: 'filtered page (year + category + status)',
    ...(await pair(
      async () => ok(await router.call('consultations.list', { year: LAST_YEAR, categoryId: contract, status: 'closed' })),
      () => filtered({ from: `${LAST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31`, cat: contract, status: 'closed', today: shanghaiDay(new Date()) }),
    )),
    target: '≤ 1.3× raw',
  });

  const search = rawSearch(s);
  add({
    name: 'search, 4 characters (物业服务)',
    ...(await pair(async () => ok(await router.call('search.query', { text: '物业服务' })), () => search('物业服务'))),
    target: '≤ 30 ms',
  });
  add({
    name: 'search, 2 characters (合同)',
    ...(await pair(async () => ok(await router.call('search.query', { text: '合同' })), () => search('合同'))),
    target: '≤ 150 ms',
  });
  add({ name: 'ledger keyword filter (合同, year)', product: await measure(async () => ok(await router.call('consultations.list', { year: LAST_YEAR, text: '合同' }))) });

  const tally = rawTally(s);
  add({
    // the product's tally carries the previous year's figures for comparison, so the baseline computes both years
    name: 'annual tally, every breakdown (+ previous year)',
    ...(await pair(async () => ok(await router.call('reports.tally', { year: LAST_YEAR })), () => [tally(LAST_YEAR), tally(LAST_YEAR - 1)])),
    target: '≤ 1.3× raw',
  });
  add({
    name: 'drill-down list (one category of the year)',
    product: await measure(async () => ok(await router.call('reports.drilldown', { year: LAST_YEAR, key: `category:${contract}` }))),
  });

  // 10,000 rows: the newest 10,000 counted items (the exports leave withdrawn and trashed ones out)
  const span = exportSpan(s, LAST_YEAR);
  for (const format of ['xlsx', 'csv'] as const) {
    let exported = 0;
    const stat = await measure(async () => (exported = (await exportReport(ctx, { ...span, format, path: path.join(dir, `export.${format}`) })).rows), 3, 1);
    add({
      name: `${format.toUpperCase()} export (${exported.toLocaleString('en-US')} rows, tally sheets + ledger)`,
      product: stat,
      target: format === 'xlsx' ? '≤ 3 s' : undefined,
    });
  }

  const extra = await extraMeasurements({ dir, file, importFile: values['import-file']!, ledger, N, lastYear: LAST_YEAR, log: (line) => console.log(line) });
  for (const row of extra) add(row);

  ledger.close();
  const benchRssMb = Math.round(peakRssMb());
  const session = JSON.parse(fs.readFileSync(values.session!, 'utf8')) as SessionResult;
  console.log(`  peak RSS of this measuring process: ${benchRssMb} MB (${Math.round(startRssMb)} MB with the code loaded)`);

  judge(rows);
  const rss = { session: session.peakMb, bench: benchRssMb, pass: session.peakMb <= RSS_TARGET_MB };
  const results = {
    when: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      /** 1/5/15-minute load averages when the measurements began and ended: other work on the machine shows here */
      loadAtStart,
      loadAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    n: N,
    seed: SEED,
    generateMs: Number(values['generate-ms']),
    rows,
    peakRss: { targetMb: RSS_TARGET_MB, mainProcessSession: session, measuringProcessMb: benchRssMb, measuringProcessStartMb: Math.round(startRssMb) },
  };
  fs.writeFileSync(values.out!, `${JSON.stringify(results, null, 2)}\n`);
  printTable(rows, rss);
  const missed = rows.filter((r) => r.pass === false).length + (rss.pass ? 0 : 1);
  console.log(missed ? `${missed} target(s) missed.` : 'Every target met.');
  console.log(`Load average (1/5/15 min) at start ${loadAtStart.join(' ')}, at end ${results.machine.loadAtEnd.join(' ')}; ${os.cpus().length} CPUs`);
  console.log(`Results: ${values.out}`);
}

function judge(rows: Row[]): void {
  for (const r of rows) {
    if (!r.target) continue;
    const checks: boolean[] = [];
    const limit = /≤ ([\d.]+) (ms|s)\b/.exec(r.target);
    if (limit) checks.push(r.product.p50 <= Number(limit[1]) * (limit[2] === 's' ? 1000 : 1));
    const ratio = /≤ ([\d.]+)× raw/.exec(r.target);
    if (ratio && r.raw) checks.push(r.product.p50 / r.raw.p50 <= Number(ratio[1]));
    r.pass = checks.every(Boolean);
  }
}

function printTable(rows: Row[], rss: { session: number; bench: number; pass: boolean }): void {
  const lines = [
    '| measurement | product p50 | raw SQL p50 | ratio | target | met |',
    '|---|---:|---:|---:|---|---|',
    ...rows.map((r) => {
      const raw = r.raw ? ms(r.raw.p50) : '';
      const ratio = r.raw ? `${(r.product.p50 / r.raw.p50).toFixed(2)}×` : '';
      return `| ${r.name} | ${ms(r.product.p50)} | ${raw} | ${ratio} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'} |`;
    }),
    `| peak RSS, main-process session (each step above once, import included) | ${rss.session} MB | | | ≤ ${RSS_TARGET_MB} MB | ${rss.pass ? 'yes' : 'NO'} |`,
    `| peak RSS of the measuring process (every run above, 4 connections) | ${rss.bench} MB | | | | |`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
