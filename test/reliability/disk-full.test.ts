/**
 * Disk full, on a real full disk: a small tmpfs mounted for this file (the tests
 * run as root, locally and in CI). A manual backup, a report export and the live
 * database itself each hit the full disk: the user gets a clear message, nothing
 * is left half-written, the data that was there stays intact, and the same call
 * succeeds once space is freed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Ledger } from '../../db/open';
import { createRouter, type Router } from '#contract/router';
import type { Envelope } from '#contract/envelope';
import { verifyAuditChain } from '../../electron/services/audit';
import { BACKUP_DISK_FULL_MESSAGE, BackupError, checkBackupFile, createBackup, createBackupOffThread, listBackups } from '../../electron/services/backup/backup';
import { LOCAL_ADMIN } from '../../electron/services/context';
import { DISK_FULL_MESSAGE, isDiskFull } from '../../electron/services/errors';
import { FILE_DISK_FULL_MESSAGE } from '../../electron/services/reports/export/atomic';
import type { PlatformAdapter } from '../../electron/services/platform';
import { fakeClock, register, seedBasics, tempDir, testApp, type TestApp } from '../helpers/ledger';
import { main } from '../../electron/cli/main';
import { auditKeyFiles } from '../../electron/services/audit-key';
import { csvText } from '../import/fixtures';

const TMPFS_SIZE = 16 * 1024 * 1024;
let mountPoint = '';

beforeAll(() => {
  mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    fs.rmdirSync(mountPoint);
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `disk-full tests need a small tmpfs: "mount -t tmpfs -o size=${TMPFS_SIZE} tmpfs ${mountPoint}" failed ` +
        `(run as root on Linux): ${stderr || (error as Error).message}`,
    );
  }
  expect(fs.statfsSync(mountPoint).blocks * fs.statfsSync(mountPoint).bsize).toBe(TMPFS_SIZE);
});

afterAll(() => {
  if (!mountPoint) return;
  execFileSync('umount', [mountPoint], { stdio: 'pipe' });
  fs.rmdirSync(mountPoint);
});

/** A fresh folder on the small disk; the disk is empty again after each test. */
function onSmallDisk(name: string): string {
  const dir = path.join(mountPoint, name);
  fs.mkdirSync(dir);
  return dir;
}

function emptySmallDisk(): void {
  for (const entry of fs.readdirSync(mountPoint)) fs.rmSync(path.join(mountPoint, entry), { recursive: true, force: true });
}

const freeBytes = (): number => {
  const s = fs.statfsSync(mountPoint);
  return s.bavail * s.bsize;
};

/** Fill the small disk with a filler file until only `leave` bytes are free. */
function fill(leave: number): string {
  const filler = path.join(mountPoint, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0xa5);
  try {
    for (let want = freeBytes() - leave; want > 0; ) {
      const n = fs.writeSync(fd, chunk, 0, Math.min(chunk.length, want));
      want -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
  expect(freeBytes()).toBeLessThanOrEqual(leave);
  return filler;
}

const platform = (dataDir: string, savePath: () => string | null = () => null): PlatformAdapter => ({
  dataDir,
  chooseSavePath: async () => savePath(),
  chooseOpenPaths: async () => [],
  revealFile: async () => {},
  openFile: async () => {},
});

/** The router as the app has it: with host services (backups, the save dialog). */
function hostedRouter(ledger: Ledger, opts: { backupDir: string; savePath?: () => string | null }): { router: Router; internal: unknown[] } {
  const internal: unknown[] = [];
  const router = createRouter({
    ledger,
    caller: () => LOCAL_ADMIN,
    now: fakeClock('2025-06-10T02:00:00.000Z').now,
    host: {
      platform: platform(path.dirname(ledger.file), opts.savePath),
      dbFile: ledger.file,
      defaultBackupDir: opts.backupDir,
      restoreFrom: () => {
        throw new Error('not in these tests');
      },
    },
    onInternalError: (error) => internal.push(error),
  });
  return { router, internal };
}

const LONG = '该合同的付款条款、违约责任和争议解决条款需要逐条审查，并提出修改意见。'.repeat(60);

/** A ledger with enough in it that a backup or an export is larger than a few pages. */
async function populatedApp(ledger?: Ledger): Promise<{ app: TestApp; b: Awaited<ReturnType<typeof seedBasics>> }> {
  const app = testApp(ledger);
  const b = await seedBasics(app);
  for (let i = 0; i < 30; i++) {
    await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: `事项${i}`, description: LONG });
  }
  return { app, b };
}

/** Everything a user could lose, as text: the rows of the tables that matter. */
function dump(ledger: Ledger): string {
  const s = ledger.sqlite;
  return JSON.stringify(
    ['consultations', 'audit_log', 'departments', 'counsels'].map((t) => s.prepare(`SELECT * FROM ${t} ORDER BY id`).all()),
  );
}

const integrity = (ledger: Ledger): unknown => ledger.sqlite.pragma('integrity_check', { simple: true });

type Refusal = Extract<Envelope<unknown>, { ok: false }>;

describe('disk full: recognising it', () => {
  it('SQLITE_FULL and ENOSPC are told apart from other failures, also when wrapped', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(isDiskFull(enospc)).toBe(true);
    expect(isDiskFull(sqliteFull)).toBe(true);
    expect(isDiskFull(new BackupError('备份失败', { cause: new Error('wrapped', { cause: enospc }) }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT' }))).toBe(false);
    expect(isDiskFull(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
    expect(isDiskFull(new Error('disk full'))).toBe(false);
    expect(isDiskFull('ENOSPC')).toBe(false);
    expect(isDiskFull(null)).toBe(false);
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(isDiskFull(loop)).toBe(false);
  });
});

describe('disk full: a write to a full target', () => {
  it('a manual backup into a full backup folder: a clear error, no partial file, the live database untouched; it works after space is freed', async () => {
    try {
      const { app } = await populatedApp();
      const backupDir = onSmallDisk('backups');
      const { router, internal } = hostedRouter(app.ledger, { backupDir });
      const before = dump(app.ledger);
      const liveBytes = fs.statSync(app.ledger.file).size;
      expect(liveBytes).toBeGreaterThan(64 * 1024);
      // Room for the first pages of the backup but not for all of it: VACUUM INTO starts writing, then fails.
      const filler = fill(16 * 1024);

      const r = await router.call('backups.create', {});
      expect(r).toEqual({ ok: false, error: { code: 'DISK_FULL', message: BACKUP_DISK_FULL_MESSAGE } });
      expect(BACKUP_DISK_FULL_MESSAGE).toMatch(/磁盘空间已满/);
      expect(internal).toEqual([]); // told as a refusal, not logged as a bug
      expect(fs.readdirSync(backupDir)).toEqual([]); // no backup under its final name, no partial file
      expect(listBackups(backupDir)).toEqual([]);
      expect(integrity(app.ledger)).toBe('ok');
      expect(dump(app.ledger)).toBe(before); // not even an audit record: nothing was backed up
      expect(app.ledger.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(30);

      // The service itself (as the CLI uses it), and the daily automatic backup, which copies on a
      // worker thread, say the same, keep the cause and leave nothing.
      const refusedAsFull = async (take: () => unknown) => {
        let thrown: unknown;
        try {
          await take();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(BackupError);
        expect((thrown as BackupError).message).toBe(BACKUP_DISK_FULL_MESSAGE);
        expect(isDiskFull(thrown)).toBe(true);
        expect(fs.readdirSync(backupDir)).toEqual([]);
      };
      const at = new Date('2025-06-10T03:00:00Z');
      await refusedAsFull(() => createBackup(app.ledger.sqlite, backupDir, 'auto', at));
      await refusedAsFull(() => createBackupOffThread(app.ledger.sqlite, backupDir, 'auto', at));

      fs.rmSync(filler);
      const ok = await router.call('backups.create', {});
      expect(ok).toMatchObject({ ok: true, value: { kind: 'manual' } });
      const [made] = listBackups(backupDir);
      expect(fs.readdirSync(backupDir).sort()).toEqual([made!.name, `${made!.name}.anchor.json`]);
      expect(checkBackupFile(made!.file)).toMatchObject({ ok: true, consultations: 30 });
      const audit = app.ledger.sqlite.prepare("SELECT action, entity_id FROM audit_log ORDER BY id DESC LIMIT 1").get();
      expect(audit).toEqual({ action: 'backups.create', entity_id: made!.name });
      expect(verifyAuditChain(app.ledger.sqlite)).toMatchObject({ ok: true });
    } finally {
      emptySmallDisk();
    }
  });

  for (const format of ['xlsx', 'csv', 'docx'] as const) {
    it(`a ${format} report export to a full disk: a clear error, no partial file, an older file kept; it works after space is freed`, async () => {
      try {
        const { app } = await populatedApp();
        const outDir = onSmallDisk('exports');
        const target = path.join(outDir, `2025年法律顾问工作情况.${format}`);
        const { router, internal } = hostedRouter(app.ledger, { backupDir: tempDir(), savePath: () => target });
        const first = await router.call('reports.export', { year: 2025, format });
        expect(first).toMatchObject({ ok: true, value: { path: target, format, rows: 30 } });
        const older = fs.readFileSync(target);
        const before = dump(app.ledger);
        // Room for a few pages of the new file but not all of it (the export itself is larger than this).
        expect(older.length).toBeGreaterThan(3 * 4096);
        const filler = fill(4096);

        const r = await router.call('reports.export', { year: 2025, format, jobId: `full-disk-${format}` });
        expect(r).toEqual({ ok: false, error: { code: 'DISK_FULL', message: FILE_DISK_FULL_MESSAGE } });
        expect(FILE_DISK_FULL_MESSAGE).toMatch(/磁盘空间已满/);
        expect(internal).toEqual([]);
        // The older file under the final name is whole, byte for byte; the temp file is gone.
        expect(fs.readdirSync(outDir)).toEqual([path.basename(target)]);
        expect(fs.readFileSync(target).equals(older)).toBe(true);
        expect(dump(app.ledger)).toBe(before);
        expect(integrity(app.ledger)).toBe('ok');

        // Without an older file: nothing at all appears under the final name.
        const fresh = path.join(outDir, `新文件.${format}`);
        const { router: router2 } = hostedRouter(app.ledger, { backupDir: tempDir(), savePath: () => fresh });
        expect(await router2.call('reports.export', { year: 2025, format })).toMatchObject({ ok: false, error: { message: FILE_DISK_FULL_MESSAGE } });
        expect(fs.readdirSync(outDir)).toEqual([path.basename(target)]);

        fs.rmSync(filler);
        const again = await router.call('reports.export', { year: 2025, format });
        expect(again).toMatchObject({ ok: true, value: { path: target, format, rows: 30 } });
        expect(fs.readdirSync(outDir)).toEqual([path.basename(target)]);
        expect((again as { value: { bytes: number } }).value.bytes).toBe(fs.statSync(target).size);
      } finally {
        emptySmallDisk();
      }
    });
  }
});

describe('disk full: the live database on a full disk', () => {
  it('the write that does not fit gives the clear message, rolls back whole, keeps earlier rows; the next one after space is freed succeeds', async () => {
    // Seed a ledger elsewhere, close it cleanly, and put a copy on the small disk.
    const seedFile = path.join(tempDir(), 'ledger.sqlite3');
    const seeded = await populatedApp(openDatabase(seedFile));
    const ids = { category: seeded.b.cat('contract'), department: seeded.b.dept.id };
    seeded.app.ledger.close();
    expect(fs.existsSync(`${seedFile}-wal`)).toBe(false);
    const dir = onSmallDisk('data');
    const live = path.join(dir, 'ledger.sqlite3');
    fs.copyFileSync(seedFile, live);
    fs.copyFileSync(auditKeyFiles(seedFile).plain, auditKeyFiles(live).plain); // the database and its audit key travel together

    let ledger: Ledger | undefined;
    try {
      ledger = openDatabase(live);
      const app = testApp(ledger);
      const internal: unknown[] = [];
      const router = createRouter({ ledger, caller: () => LOCAL_ADMIN, now: app.clock.now, onInternalError: (e) => internal.push(e) });
      const s = ledger.sqlite;
      const count = (sql: string): number => s.prepare(sql).pluck().get() as number;
      const earlier = dump(ledger);
      const before = { consultations: count('SELECT count(*) FROM consultations'), audit: count('SELECT count(*) FROM audit_log') };
      expect(before.consultations).toBe(30);
      // Leave a little room: a few registrations still fit (each writes ~150 KB of WAL,
      // most of it the search indexes), then one does not.
      const filler = fill(1024 * 1024);

      let refused: Refusal | undefined;
      const written: string[] = [];
      let failedTitle = '';
      for (let i = 0; i < 200 && !refused; i++) {
        const title = `磁盘将满时登记的事项${i}`;
        const r = await router.call('consultations.create', {
          title, description: LONG, categoryId: ids.category, departmentId: ids.department, receivedOn: '2025-03-01', itemCount: 1,
        });
        if (r.ok) written.push(title);
        else [refused, failedTitle] = [r, title];
      }
      expect(written.length).toBeGreaterThan(0);
      expect(refused).toEqual({ ok: false, error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } });
      expect(internal.length).toBe(1);
      expect(isDiskFull(internal[0])).toBe(true);
      expect((internal[0] as { code: string }).code).toBe('SQLITE_FULL');

      // Rolled back whole: the failed item is not there, and every item has its audit record.
      expect(count('SELECT count(*) FROM consultations')).toBe(before.consultations + written.length);
      expect(count('SELECT count(*) FROM audit_log')).toBe(before.audit + written.length);
      expect(s.prepare('SELECT count(*) FROM consultations WHERE title = ?').pluck().get(failedTitle)).toBe(0);
      expect(
        count(`SELECT count(*) FROM consultations c WHERE NOT EXISTS (
          SELECT 1 FROM audit_log a WHERE a.action = 'consultations.create' AND a.entity = 'consultation' AND a.entity_id = CAST(c.id AS TEXT))`),
      ).toBe(0);
      expect(s.prepare('SELECT title FROM consultations WHERE id > 30 ORDER BY id').pluck().all()).toEqual(written);
      expect(verifyAuditChain(s)).toMatchObject({ ok: true, checked: before.audit + written.length });
      expect(integrity(ledger)).toBe('ok');
      // The rows from before the disk filled up are exactly as they were.
      const rowsBefore = JSON.parse(earlier) as unknown[][];
      const rowsNow = JSON.parse(dump(ledger)) as unknown[][];
      expect(rowsNow[0]!.slice(0, before.consultations)).toEqual(rowsBefore[0]);
      expect(rowsNow[1]!.slice(0, before.audit)).toEqual(rowsBefore[1]);
      // Reading still works while the disk is full.
      expect(await router.call('consultations.list', { pageSize: 10 })).toMatchObject({ ok: true, value: { total: before.consultations + written.length } });

      // Space freed: the next registration goes through, on the same connection.
      fs.rmSync(filler);
      const after = await register(app, { categoryId: ids.category, departmentId: ids.department, title: '空间释放后登记的事项', description: LONG });
      expect(after.title).toBe('空间释放后登记的事项');
      expect(count('SELECT count(*) FROM consultations')).toBe(before.consultations + written.length + 1);
      expect(verifyAuditChain(s)).toMatchObject({ ok: true });
      expect(integrity(ledger)).toBe('ok');
      ledger.close();
      ledger = undefined;

      // And all of it is on disk: reopened, the database is whole.
      const reopened = openDatabase(live);
      try {
        expect(integrity(reopened)).toBe('ok');
        expect(reopened.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(before.consultations + written.length + 1);
        expect(verifyAuditChain(reopened.sqlite)).toMatchObject({ ok: true });
      } finally {
        reopened.close();
      }
    } finally {
      ledger?.close();
      emptySmallDisk();
    }
  });
});

describe('the command line on a full disk (issue 19, finding 16)', () => {
  async function cli(argv: string[], cwd: string) {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, now: () => new Date('2025-06-10T02:00:00.000Z') });
    return { code, out, err };
  }

  it('import on a full disk: the calm DISK_FULL message, no stack trace, nothing imported; it works after space is freed', async () => {
    try {
      const db = path.join(onSmallDisk('cli-import'), 'ledger.sqlite3');
      const { app } = await populatedApp(openDatabase(db));
      app.ledger.close();
      const csv = path.join(tempDir(), 'ledger.csv');
      const rows = Array.from({ length: 1500 }, (_, i) => ['2025-3-1', `导入的事项${i}：${LONG.slice(0, 150)}`, '合同审查', '综合处']);
      fs.writeFileSync(csv, csvText([['收件时间', '事项', '业务类别', '处室'], ...rows]));
      const before = fs.statSync(db).size;
      const filler = fill(256 * 1024);
      const r = await cli(['import', '--db', db, csv, '--create-missing'], tempDir());
      expect(r.err).toContain(DISK_FULL_MESSAGE);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(1);
      const check = openDatabase(db);
      try {
        expect(check.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(30);
        expect(integrity(check)).toBe('ok');
      } finally {
        check.close();
      }
      expect(before).toBeGreaterThan(0);
      fs.rmSync(filler);
      const again = await cli(['import', '--db', db, csv, '--create-missing'], tempDir());
      expect(again.err).toBe('');
      expect(again.code).toBe(0);
    } finally {
      emptySmallDisk();
    }
  });

  it('restore on a nearly full disk: refused calmly, the live database untouched, no ledger.sqlite3.restoring left', async () => {
    try {
      const dir = onSmallDisk('cli-restore');
      const db = path.join(dir, 'ledger.sqlite3');
      const { app } = await populatedApp(openDatabase(db));
      const backup = createBackup(app.ledger.sqlite, tempDir(), 'manual', new Date('2025-06-10T01:00:00.000Z'));
      app.ledger.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      app.ledger.close();
      const live = fs.readFileSync(db);
      // room for the prepared copy, not for the safety copy of the replaced database as well
      const filler = fill(fs.statSync(backup.file).size + 96 * 1024);
      const r = await cli(['restore', '--db', db, '--from', backup.file], dir);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/磁盘空间已满/);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(`${db}.restoring`)).toBe(false);
      expect(fs.readFileSync(db).equals(live)).toBe(true);
      fs.rmSync(filler);
      expect((await cli(['restore', '--db', db, '--from', backup.file], dir)).code).toBe(0);
    } finally {
      emptySmallDisk();
    }
  });
});
