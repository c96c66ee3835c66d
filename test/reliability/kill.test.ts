/**
 * The SQLite way: a child process writes; the parent SIGKILLs it at random moments,
 * 200 times; after each kill the database must be intact and hold every write the
 * child reported as committed, each with its audit record, the chain unbroken.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit';
import { tempDir } from '../helpers/ledger';

const KILLS = 200;

/** Bundled once, inside the project so that better-sqlite3 resolves from node_modules. */
function bundleWriter(): string {
  const out = path.join(__dirname, '../../node_modules/.cache/counsel-ledger-tests/writer.mjs');
  buildSync({
    entryPoints: [path.join(__dirname, 'fixtures/writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  return out;
}

function runAndKill(writer: string, dbFile: string, delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dbFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString();
      if (!before.includes('ready\n') && out.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended by itself (${code}): ${err}`));
      // Only whole lines are reports of a commit; a cut-off last line is not.
      const lines = out.split('\n');
      lines.pop();
      resolve(lines.filter((l) => /^\d+$/.test(l)).map(Number));
    });
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs mid-write with nothing lost and nothing half-written`, async () => {
    const dir = tempDir();
    const writer = bundleWriter();
    const dbFile = path.join(dir, 'ledger.sqlite3');
    const delays = fc.sample(fc.integer({ min: 0, max: 60 }), { numRuns: KILLS, seed: 20250101 });
    const reported = new Set<number>();
    for (const delay of delays) {
      for (const id of await runAndKill(writer, dbFile, delay)) reported.add(id);
    }
    expect(reported.size).toBeGreaterThan(KILLS); // the kills really landed mid-stream

    const db = new Database(dbFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const ids = new Set(db.prepare('SELECT id FROM consultations').pluck().all() as number[]);
    for (const id of reported) expect(ids.has(id), `committed id ${id} missing`).toBe(true);
    const unaudited = db
      .prepare(
        `SELECT c.id FROM consultations c WHERE NOT EXISTS (
           SELECT 1 FROM audit_log a WHERE a.entity = 'consultation' AND a.entity_id = CAST(c.id AS TEXT) AND a.action = 'consultations.create')`,
      )
      .all();
    expect(unaudited).toEqual([]);
    const orphanHistory = db.prepare('SELECT count(*) FROM consultations c WHERE NOT EXISTS (SELECT 1 FROM status_history h WHERE h.consultation_id = c.id)').pluck().get();
    expect(orphanHistory).toBe(0);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    // serials stayed unique and gap-free among committed rows of the year
    const seqs = db.prepare('SELECT serial_seq FROM consultations WHERE serial_year = 2025 ORDER BY serial_seq').pluck().all() as number[];
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    db.close();
  }, 600_000);
});
