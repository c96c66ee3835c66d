/**
 * npm run bench [-- --n 100000 --seed 1 --runs 15]
 *
 * Builds a deterministic ledger at scale N, then measures the product's hot
 * paths next to hand-written raw SQL on the same database in the same run, and
 * prints each product figure with its ratio to the raw baseline. Results go to
 * bench/results.json (not committed: absolute times are facts of one machine).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { applyPragmas, openDatabase, type Ledger } from '../db/open';
import { createRouter, type Router } from '../electron/api/router';
import { LOCAL_ADMIN, type ServiceContext } from '../electron/services/context';
import { exportReport } from '../electron/services/reports/export';
import { rawFilteredPage, rawLedgerPage, rawSearch, rawTally } from './raw';
import { extraMeasurements } from './extra';
import { measure as measureStat, type Stat } from './stats';
import { shanghaiDay } from '../electron/api/dates';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '15' },
    out: { type: 'string', default: path.join(import.meta.dirname, 'results.json') },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.n);
const SEED = Number(values.seed);
const RUNS = Number(values.runs);
const LAST_YEAR = 2025;

const measure = (fn: () => unknown, runs = RUNS, warmup = 3): Promise<Stat> => measureStat(fn, runs, warmup);

export interface Row {
  name: string;
  product: Stat;
  raw?: Stat;
  target?: string;
  pass?: boolean;
}

function ok<T>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-bench-'));
  const file = path.join(dir, 'ledger.sqlite3');
  console.log(`Generating ${N.toLocaleString()} consultations (seed ${SEED}) in ${file} …`);
  const t = Date.now();
  const gen = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'generate-cli.ts'), file, String(N), String(SEED), String(LAST_YEAR)], {
    stdio: 'inherit',
  });
  if (gen.status !== 0) throw new Error('generating the bench database failed');
  const generateMs = Date.now() - t;
  console.log(`  generated in ${(generateMs / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);

  const rows: Row[] = [];
  const add = (row: Row) => {
    rows.push(row);
    const ratio = row.raw ? ` (${(row.product.p50 / row.raw.p50).toFixed(2)}× raw ${row.raw.p50.toFixed(2)} ms)` : '';
    console.log(`  ${row.name}: ${row.product.p50.toFixed(2)} ms${ratio}`);
  };

  // open + migrate check + quick_check + search-index check, vs. a bare open with the same pragmas
  add({
    name: 'open (checks + migrate)',
    product: await measure(() => openDatabase(file).close(), 5, 1),
    raw: await measure(() => {
      const d = new Database(file);
      applyPragmas(d);
      d.close();
    }, 5, 1),
  });

  const ledger: Ledger = openDatabase(file);
  const router: Router = createRouter({ ledger, caller: () => LOCAL_ADMIN });
  const ctx: ServiceContext = { ledger, caller: LOCAL_ADMIN, now: () => new Date() };
  const s = ledger.sqlite;

  const page = rawLedgerPage(s);
  add({
    name: 'ledger first page (year, default sort)',
    product: await measure(async () => ok(await router.call('consultations.list', { year: LAST_YEAR }))),
    raw: await measure(() => page(LAST_YEAR, shanghaiDay(new Date()))),
    target: '≤ 10 ms p50, ≤ 1.3× raw',
  });
  add({ name: 'ledger first page (all years)', product: await measure(async () => ok(await router.call('consultations.list', {}))) });

  const contract = s.prepare("SELECT id FROM categories WHERE code = 'contract'").pluck().get() as number;
  const filtered = rawFilteredPage(s);
  add({
    name: 'filtered page (year + category + status)',
    product: await measure(async () => ok(await router.call('consultations.list', { year: LAST_YEAR, categoryId: contract, status: 'closed' }))),
    raw: await measure(() => filtered({ from: `${LAST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31`, cat: contract, status: 'closed', today: shanghaiDay(new Date()) })),
    target: '≤ 1.3× raw',
  });

  const search = rawSearch(s);
  add({
    name: 'search, 4 characters (物业服务)',
    product: await measure(async () => ok(await router.call('search.query', { text: '物业服务' }))),
    raw: await measure(() => search('物业服务')),
    target: '≤ 30 ms',
  });
  add({
    name: 'search, 2 characters (合同)',
    product: await measure(async () => ok(await router.call('search.query', { text: '合同' }))),
    raw: await measure(() => search('合同')),
    target: '≤ 150 ms',
  });
  add({ name: 'ledger keyword filter (合同, year)', product: await measure(async () => ok(await router.call('consultations.list', { year: LAST_YEAR, text: '合同' }))) });

  const tally = rawTally(s);
  add({
    // the product's tally carries the previous year's figures for comparison, so the baseline computes both years
    name: 'annual tally, every breakdown (+ previous year)',
    product: await measure(async () => ok(await router.call('reports.tally', { year: LAST_YEAR }))),
    raw: await measure(() => [tally(LAST_YEAR), tally(LAST_YEAR - 1)]),
    target: '≤ 1.3× raw',
  });
  add({
    name: 'drill-down list (one category of the year)',
    product: await measure(async () => ok(await router.call('reports.drilldown', { year: LAST_YEAR, key: `category:${contract}` }))),
  });

  // 10,000 rows: the two latest years at the default scale
  const span = { from: `${LAST_YEAR - Math.max(0, Math.ceil(10_000 / (N / 20)) - 1)}-01-01`, to: `${LAST_YEAR}-12-31` };
  const exported = s.prepare("SELECT count(*) FROM consultations WHERE trashed_at IS NULL AND received_on BETWEEN ? AND ? AND status <> 'withdrawn'").pluck().get(span.from, span.to) as number;
  for (const format of ['xlsx', 'csv'] as const) {
    add({
      name: `${format.toUpperCase()} export (${exported.toLocaleString()} rows)`,
      product: await measure(() => exportReport(ctx, { ...span, format, path: path.join(dir, `export.${format}`) }), 3, 1),
      target: format === 'xlsx' ? '≤ 3 s' : undefined,
    });
  }

  for (const row of await extraMeasurements({ dir, file, ledger, ctx, router, N, seed: SEED, lastYear: LAST_YEAR, log: (line) => console.log(line) })) add(row);

  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`  peak RSS: ${rssMb.toFixed(0)} MB`);
  ledger.close();

  judge(rows);
  const results = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
    n: N,
    seed: SEED,
    generateMs,
    peakRssMb: Math.round(rssMb),
    rows,
  };
  fs.writeFileSync(values.out!, `${JSON.stringify(results, null, 2)}\n`);
  printTable(rows, rssMb);
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}

function judge(rows: Row[]): void {
  for (const r of rows) {
    if (!r.target) continue;
    const checks: boolean[] = [];
    const ms = /≤ ([\d.]+) (ms|s)/.exec(r.target);
    if (ms) checks.push(r.product.p50 <= Number(ms[1]) * (ms[2] === 's' ? 1000 : 1));
    const ratio = /≤ ([\d.]+)× raw/.exec(r.target);
    if (ratio && r.raw) checks.push(r.product.p50 / r.raw.p50 <= Number(ratio[1]));
    r.pass = checks.every(Boolean);
  }
}

function printTable(rows: Row[], rssMb: number): void {
  const lines = [
    '| measurement | product p50 | raw SQL p50 | ratio | target | met |',
    '|---|---:|---:|---:|---|---|',
    ...rows.map((r) => {
      const raw = r.raw ? `${r.raw.p50.toFixed(2)} ms` : '';
      const ratio = r.raw ? `${(r.product.p50 / r.raw.p50).toFixed(2)}×` : '';
      return `| ${r.name} | ${r.product.p50.toFixed(2)} ms | ${raw} | ${ratio} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'} |`;
    }),
    `| peak RSS of the process | ${rssMb.toFixed(0)} MB | | | ≤ 250 MB | ${rssMb <= 250 ? 'yes' : 'NO'} |`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
