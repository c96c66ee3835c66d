import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  autoBackupIfDue,
  backupsToDelete,
  checkBackupFile,
  createBackup,
  isoWeek,
  listBackups,
  type BackupInfo,
} from '../../electron/services/backup/backup';
import { isNetworkFolder } from '../../electron/services/backup/config';
import { restoreDatabase } from '../../electron/services/backup/restore';
import { openDatabase, SCHEMA_VERSION } from '../../db/open';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

describe('backups', () => {
  it('a backup is complete, verified and listed; no temp file is left', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '备份前的事项' });
    const dir = tempDir();
    const info = createBackup(app.ledger.sqlite, dir, 'manual', new Date('2025-03-01T04:05:06.789Z'));
    expect(info.name).toBe('ledger-20250301T040506789Z-manual.sqlite3');
    // the backup and its audit anchor (the chain's end, outside the database)
    expect(fs.readdirSync(dir).sort()).toEqual([info.name, `${info.name}.anchor.json`]);
    const head = app.ledger.sqlite.prepare('SELECT count(*) AS count, max(id) AS lastId FROM audit_log').get() as { count: number; lastId: number };
    const hash = app.ledger.sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(head.lastId);
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${info.name}.anchor.json`), 'utf8'))).toEqual({ ...head, head: hash, at: '2025-03-01T04:05:06.789Z', backup: info.name });
    expect(checkBackupFile(info.file)).toMatchObject({ ok: true, schemaVersion: SCHEMA_VERSION, consultations: 1 });
    expect(listBackups(dir)).toEqual([{ ...info }]);
  });

  it('the first start of each Shanghai day takes one automatic backup', async () => {
    const app = testApp();
    const dir = tempDir();
    expect(await autoBackupIfDue(app.ledger.sqlite, dir, new Date('2025-03-01T01:00:00Z'))).not.toBeNull();
    expect(await autoBackupIfDue(app.ledger.sqlite, dir, new Date('2025-03-01T15:59:00Z'))).toBeNull(); // 23:59 in Shanghai
    expect(await autoBackupIfDue(app.ledger.sqlite, dir, new Date('2025-03-01T16:00:00Z'))).not.toBeNull(); // 00:00 next day
    expect(listBackups(dir).map((x) => x.kind)).toEqual(['auto', 'auto']);
  });

  it('rotation keeps 7 daily, 4 weekly and 12 monthly automatic backups and never touches manual ones', () => {
    // one automatic backup a day at 03:00 Shanghai from 2024-01-01 to 2025-03-31, plus a manual one
    const backups: BackupInfo[] = [];
    for (let t = Date.UTC(2023, 11, 31, 19); t <= Date.UTC(2025, 2, 30, 19); t += 86_400_000) {
      const takenAt = new Date(t).toISOString();
      backups.push({ file: takenAt, name: takenAt, kind: 'auto', takenAt, size: 1 });
    }
    backups.push({ file: 'manual', name: 'manual', kind: 'manual', takenAt: '2024-02-02T00:00:00.000Z', size: 1 });
    const doomed = new Set(backupsToDelete(backups, { daily: 7, weekly: 4, monthly: 12 }).map((b) => b.file));
    const kept = backups.filter((b) => !doomed.has(b.file)).map((b) => b.takenAt.slice(0, 10)).sort();
    // by hand (UTC dates; 03:00 Shanghai is 19:00 UTC the day before): the 7 days 03-25..03-31 Shanghai;
    // the newest of ISO weeks W14 (within the days), W13 (03-30 SH), W12 (03-23 SH), W11 (03-16 SH);
    // the newest of each month 2024-05 .. 2025-03 Shanghai (month ends), and the manual one
    expect(kept).toEqual([
      '2024-04-29', '2024-05-30', '2024-06-29', '2024-07-30', '2024-08-30', '2024-09-29', '2024-10-30',
      '2024-11-29', '2024-12-30', '2025-01-30', '2025-02-27', '2025-03-15', '2025-03-22',
      '2025-03-24', '2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30',
      '2024-02-02',
    ].sort());
  });

  it.each([
    ['2024-12-30', '2025-W01'],
    ['2025-01-01', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2025-03-09', '2025-W10'],
  ])('ISO weeks are computed the calendar way: %s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });

  it('network shares are recognised for the warning', () => {
    expect(isNetworkFolder('\\\\fileserver\\backup')).toBe(true);
    expect(isNetworkFolder('//nas/backup')).toBe(true);
    expect(isNetworkFolder('D:\\台账备份')).toBe(false);
    expect(isNetworkFolder('/home/user/backups')).toBe(false);
  });
});

describe('restore', () => {
  it('replaces the live database with the backup and keeps the replaced one as a backup', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'ledger.sqlite3');
    const backupDir = path.join(dir, 'backups');
    const app = testApp(openDatabase(live));
    const b = await seedBasics(app);
    await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '第一件' });
    const snap = createBackup(app.ledger.sqlite, backupDir, 'manual', new Date('2025-03-01T00:00:00Z'));
    await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '备份后登记的' });
    app.ledger.close();

    const r = restoreDatabase(live, snap.file, backupDir, new Date('2025-03-02T00:00:00Z'));
    const db = openDatabase(live);
    expect(db.sqlite.prepare('SELECT title FROM consultations').pluck().all()).toEqual(['第一件']);
    db.close();
    const replaced = new Database(r.replacedCopy!, { readonly: true });
    expect(replaced.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(2);
    replaced.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('refuses a damaged, foreign or future backup and leaves the live database untouched', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'ledger.sqlite3');
    openDatabase(live).close();
    const before = fs.readFileSync(live);
    const bad = path.join(dir, 'bad.sqlite3');
    fs.writeFileSync(bad, 'this is not a database');
    expect(() => restoreDatabase(live, bad, path.join(dir, 'b'), new Date())).toThrow(/不能用于恢复/);
    const future = path.join(dir, 'future.sqlite3');
    fs.copyFileSync(live, future);
    const f = new Database(future);
    f.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    f.close();
    expect(() => restoreDatabase(live, future, path.join(dir, 'b'), new Date())).toThrow(/较新版本/);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'b'))).toBe(false);
  });
});
