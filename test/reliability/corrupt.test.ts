import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '../../db/open';
import { quickCheckOffThread } from '../../db/health-check';
import { createRuntime, startRuntime } from '../../electron/runtime';
import { createBackup } from '../../electron/services/backup/backup';
import { LockError } from '../../electron/services/backup/lock';
import { DISK_FULL_MESSAGE } from '../../electron/services/errors';
import type { PlatformAdapter } from '../../electron/services/platform';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

const platform = (dataDir: string): PlatformAdapter => ({
  dataDir,
  chooseSavePath: async () => null,
  chooseOpenPaths: async () => [],
  revealFile: async () => {},
  openFile: async () => {},
});

/** A populated ledger, closed cleanly, with a verified backup beside it. */
async function populated(): Promise<{ dir: string; live: string; backupDir: string }> {
  const dir = tempDir();
  const live = path.join(dir, 'ledger.sqlite3');
  const backupDir = path.join(dir, 'backups');
  const app = testApp(openDatabase(live));
  const b = await seedBasics(app);
  for (let i = 0; i < 40; i++) {
    await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: `事项${i}`, description: '内容'.repeat(200) });
  }
  createBackup(app.ledger.sqlite, backupDir, 'manual', new Date('2025-03-01T00:00:00Z'));
  app.ledger.close();
  return { dir, live, backupDir };
}

const damages: Record<string, (live: string) => void> = {
  truncated: (live) => fs.truncateSync(live, Math.floor(fs.statSync(live).size / 3) + 100),
  'zeroed header': (live) => {
    const fd = fs.openSync(live, 'r+');
    fs.writeSync(fd, Buffer.alloc(100), 0, 100, 0);
    fs.closeSync(fd);
  },
  'flipped bytes in a page': (live) => {
    // Page 2 onwards hold b-tree pages; scramble the header of several of them.
    const fd = fs.openSync(live, 'r+');
    for (const page of [2, 3, 5, 8]) {
      const at = (page - 1) * 4096;
      const buf = Buffer.alloc(12);
      fs.readSync(fd, buf, 0, 12, at);
      for (let i = 0; i < 12; i++) buf[i] = buf[i]! ^ 0xa5;
      fs.writeSync(fd, buf, 0, 12, at);
    }
    fs.closeSync(fd);
  },
  'not SQLite at all': (live) => fs.writeFileSync(live, Buffer.from('PK\x03\x04 这是一个压缩文件，不是数据库'.repeat(100))),
  'a stray -wal': (live) => fs.writeFileSync(`${live}-wal`, Buffer.from('garbage that is not a write-ahead log'.repeat(50))),
};

describe('corrupt files', () => {
  for (const [name, damage] of Object.entries(damages)) {
    it(`${name}: detected at open, never overwritten, recovery offered and works`, async () => {
      const { dir, live, backupDir } = await populated();
      damage(live);
      const bytes = fs.readFileSync(live);

      expect(() => openDatabase(live)).toThrow(DatabaseOpenError);
      try {
        openDatabase(live);
      } catch (error) {
        expect((error as DatabaseOpenError).reason).toBe('CORRUPT');
      }
      expect(fs.readFileSync(live).equals(bytes)).toBe(true);

      const logs: string[] = [];
      const rt = createRuntime({ dbFile: live, platform: platform(dir), log: (l) => logs.push(l), now: () => new Date('2025-03-05T00:00:00Z'), auth: 'localAdmin' });
      expect(fs.readFileSync(live).equals(bytes)).toBe(true);
      const status = await rt.router.call('recovery.status', {});
      expect(status).toMatchObject({ ok: true, value: { damaged: true, newestBackup: { consultations: 40 } } });
      expect(await rt.router.call('consultations.list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(fs.readFileSync(path.join(dir, 'recovery.log'), 'utf8')).toMatch(/damaged/);

      const restored = await rt.router.call('recovery.restoreNewest', {});
      expect(restored.ok).toBe(true);
      const list = await rt.router.call('consultations.list', { pageSize: 100 });
      expect(list).toMatchObject({ ok: true, value: { total: 40 } });
      const audit = rt.ledger()!.sqlite.prepare("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get();
      expect(audit).toBe('recovery.restore');
      expect(await rt.router.call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
      rt.close();
      // the damaged file was kept, byte for byte, beside the backups
      const aside = fs.readdirSync(backupDir).find((f) => f.startsWith('damaged-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
      expect(aside).toBeDefined();
      expect(fs.readFileSync(path.join(backupDir, aside!)).equals(bytes)).toBe(true);
    });
  }

  it('without any backup, recovery says so and writes nothing', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'ledger.sqlite3');
    fs.writeFileSync(live, 'not a database at all, but long enough to look like a file'.repeat(20));
    const rt = createRuntime({ dbFile: live, platform: platform(dir), log: () => {} });
    expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { damaged: true, newestBackup: null } });
    expect(await rt.router.call('recovery.restoreNewest', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    rt.close();
  });
});

describe('the check off the main thread (startRuntime, as the app and the harness start)', () => {
  it('a healthy ledger passes on the worker and opens with its data', async () => {
    const { dir, live } = await populated();
    expect(await quickCheckOffThread(live)).toBe('ok');
    const rt = await startRuntime({ dbFile: live, platform: platform(dir), log: () => {}, auth: 'localAdmin' });
    expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { damaged: false } });
    expect(await rt.router.call('consultations.list', { pageSize: 100 })).toMatchObject({ ok: true, value: { total: 40 } });
    rt.close();
  });

  for (const [name, damage] of Object.entries(damages)) {
    it(`${name}: recovery mode, the file untouched`, async () => {
      const { dir, live } = await populated();
      damage(live);
      const bytes = fs.readFileSync(live);
      if (name !== 'a stray -wal') expect(await quickCheckOffThread(live)).toBe('failed');
      const rt = await startRuntime({ dbFile: live, platform: platform(dir), log: () => {}, auth: 'localAdmin' });
      expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { damaged: true } });
      expect(await rt.router.call('consultations.list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(fs.readFileSync(live).equals(bytes)).toBe(true);
      rt.close();
    });
  }

  it('a worker that cannot load better-sqlite3 says so, and the check is then made as before', async () => {
    const { dir, live } = await populated();
    expect(await quickCheckOffThread(live, { betterSqlite3: path.join(dir, 'no-such-module.js') })).toBe('unavailable');
    fs.truncateSync(live, Math.floor(fs.statSync(live).size / 3) + 100);
    // an unavailable worker is not a pass: createRuntime's own check finds the damage
    const rt = createRuntime({ dbFile: live, platform: platform(dir), log: () => {}, auth: 'localAdmin', quickChecked: false });
    expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { damaged: true } });
    rt.close();
  });
});

describe('one process per database', () => {
  it('a second process on the same database is refused with a clear message', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'ledger.sqlite3');
    const first = createRuntime({ dbFile: live, platform: platform(dir), log: () => {} });
    // a second runtime in this process is refused too
    expect(() => createRuntime({ dbFile: live, platform: platform(dir), log: () => {} })).toThrow(LockError);
    // and a real second process
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/second-process.ts'), live], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: path.join(__dirname, '../..'),
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toMatch(/正被另一个程序使用/);
    expect(code).toBe(3);
    first.close();
    // after the first closes, the database can be opened again
    const again = createRuntime({ dbFile: live, platform: platform(dir), log: () => {} });
    again.close();
  });

  it('a lock left by a process that died is taken over', () => {
    const dir = tempDir();
    const live = path.join(dir, 'ledger.sqlite3');
    fs.writeFileSync(`${live}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), startedAt: 'x' }));
    const rt = createRuntime({ dbFile: live, platform: platform(dir), log: () => {} });
    rt.close();
    expect(fs.existsSync(`${live}.lock`)).toBe(false);
  });
});

describe('disk full', () => {
  it('a write that does not fit gives a clear error, rolls back, keeps earlier data, and work resumes after', async () => {
    const app = testApp();
    const b = await seedBasics(app);
    const s = app.ledger.sqlite;
    const pages = s.pragma('page_count', { simple: true }) as number;
    s.pragma(`max_page_count = ${pages + 2}`);
    const count = () => s.prepare('SELECT count(*) FROM consultations').pluck().get() as number;
    const audits = () => s.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const before = { n: count(), a: audits() };
    let refused: { ok: false; error: { code: string; message: string } } | undefined;
    let written = 0;
    for (let i = 0; i < 50 && !refused; i++) {
      const r = await app.router.call('consultations.create', {
        title: `大事项${i}`, description: '很长的说明'.repeat(800), categoryId: b.cat('contract'), departmentId: b.dept.id, receivedOn: '2025-03-01', itemCount: 1,
      });
      if (r.ok) written++;
      else refused = r;
    }
    expect(refused).toEqual({ ok: false, error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } });
    expect(refused!.error.message).toMatch(/磁盘空间已满.*已有数据不受影响/);
    expect(count()).toBe(before.n + written);
    expect(audits()).toBe(before.a + written);
    expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
    s.pragma('max_page_count = 1073741823');
    const r = await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '空间释放后' });
    expect(r.title).toBe('空间释放后');
  });
});
