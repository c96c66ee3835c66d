import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { checkBackupFile, createBackup, listBackups } from '../../electron/services/backup/backup';
import { bundleFixture, runAndKill } from '../helpers/child';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

const RUNS = 25;
/** kill delays up to this (ms): a backup or restore now also checks attachment bytes, the schema and the audit chain, so it takes longer than the 40 ms this once allowed; some still finish between kills, most are cut mid-way */
const MAX_DELAY = 400;
const fixture = () => bundleFixture(path.join(__dirname, 'fixtures/backup-loop.ts'));

async function ledgerWith(file: string, n: number): Promise<void> {
  const app = testApp(openDatabase(file));
  const b = await seedBasics(app);
  for (let i = 0; i < n; i++) await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: `事项${i}`, description: '说明'.repeat(300) });
  app.ledger.close();
}

const count = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare('SELECT count(*) FROM consultations').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('backup and restore killed mid-way', () => {
  it('a killed backup leaves the live database untouched and no half file under a final name', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'ledger.sqlite3');
    await ledgerWith(live, 30);
    const script = fixture();
    const backupDir = path.join(dir, 'backups');
    let made = 0;
    for (const delay of fc.sample(fc.integer({ min: 0, max: MAX_DELAY }), { numRuns: RUNS, seed: 7 })) {
      made += (await runAndKill(script, ['backup', live, backupDir, '', ''], delay)).length;
      expect(count(live)).toBe(30);
    }
    const finals = listBackups(backupDir);
    expect(finals.length).toBeGreaterThanOrEqual(made);
    expect(made).toBeGreaterThan(0);
    for (const b of finals) expect(checkBackupFile(b.file), b.name).toMatchObject({ ok: true, consultations: 30 });
  }, 300_000);

  it('a killed restore leaves either the old or the new database, never a mix', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.sqlite3');
    const b = path.join(dir, 'b.sqlite3');
    await ledgerWith(a, 5);
    await ledgerWith(b, 12);
    const backupDir = path.join(dir, 'backups');
    const aCopy = createBackup(new Database(a), path.join(dir, 'src'), 'manual', new Date('2025-01-01T00:00:00Z')).file;
    const bCopy = createBackup(new Database(b), path.join(dir, 'src'), 'manual', new Date('2025-01-02T00:00:00Z')).file;
    const live = path.join(dir, 'ledger.sqlite3');
    fs.copyFileSync(aCopy, live);
    const script = fixture();
    let restores = 0;
    for (const delay of fc.sample(fc.integer({ min: 0, max: MAX_DELAY }), { numRuns: RUNS, seed: 11 })) {
      restores += (await runAndKill(script, ['restore', live, backupDir, aCopy, bCopy], delay)).length;
      expect([5, 12]).toContain(count(live));
    }
    expect(restores).toBeGreaterThan(0); // restores did complete between kills, so kills landed mid-stream
    for (const x of listBackups(backupDir)) expect(checkBackupFile(x.file).ok, x.name).toBe(true);
  }, 300_000);
});
