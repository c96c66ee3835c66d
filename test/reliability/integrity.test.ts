/**
 * Issue 19, finding 6: index damage that quick_check does not see. The full
 * integrity_check runs on a worker after each start; on failure the runtime
 * goes read-only (reads answered, writes refused with a clear message) and
 * offers the newest backup; a backup of the damaged database is refused with
 * the reason; a failed automatic backup is told by recovery.status until a
 * backup succeeds.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/open';
import { startRuntime } from '../../electron/runtime';
import { BackupError, createBackup, createBackupOffThread } from '../../electron/services/backup/backup';
import { takeBackup } from '../../electron/services/backup/service';
import { LOCAL_ADMIN, type ServiceContext } from '../../electron/services/context';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

const platform = (dataDir: string) => ({ dataDir, chooseSavePath: async () => null, chooseOpenPaths: async () => [], revealFile: async () => {}, openFile: async () => {} });

/** Change the one entry of an index in place (its date), leaving every page well-formed: quick_check passes, integrity_check does not. */
function damageIndex(file: string): void {
  const db = new Database(file, { readonly: true });
  const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'consultations_status_idx' AND pagetype = 'leaf'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = fs.readFileSync(file);
  const start = (page - 1) * pageSize;
  const at = bytes.subarray(start, start + pageSize).indexOf('2025-03-01');
  expect(at).toBeGreaterThan(0);
  bytes.write('2025-03-09', start + at); // a later date: the index stays in order, but no longer matches its row
  fs.writeFileSync(file, bytes);
}

/** A ledger with the basics seeded, in its own folder and database file. */
async function seededLedger() {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite3');
  const app = testApp(openDatabase(file));
  const b = await seedBasics(app);
  return { dir, file, app, b };
}

async function damagedLedger() {
  const { dir, file, app, b } = await seededLedger();
  await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '唯一的事项', receivedOn: '2025-03-01' });
  createBackup(app.ledger.sqlite, path.join(dir, 'backups'), 'manual', new Date('2025-06-10T01:00:00.000Z'));
  app.ledger.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  app.ledger.close();
  damageIndex(file);
  // the premise, checked: quick_check passes, integrity_check does not
  const ro = new Database(file, { readonly: true });
  expect(ro.pragma('quick_check', { simple: true })).toBe('ok');
  expect(String(ro.pragma('integrity_check', { simple: true }))).toMatch(/missing from index consultations_status_idx|wrong # of entries/);
  ro.close();
  return { dir, file };
}

describe('index damage quick_check misses (issue 19, finding 6)', () => {
  it('after the start, integrity_check off the main thread finds it: read-only, writes refused clearly, recovery offered and works', async () => {
    const { dir, file } = await damagedLedger();
    const rt = await startRuntime({ dbFile: file, platform: platform(dir), log: () => {}, auth: 'localAdmin', now: () => new Date('2025-06-10T02:00:00.000Z') });
    try {
      expect(await rt.integrityChecked).toMatchObject({ kind: 'failed', detail: expect.stringContaining('consultations_status_idx') });
      const status = await rt.router.call('recovery.status', {});
      expect(status).toMatchObject({ ok: true, value: { damaged: true, problem: expect.stringContaining('已转为只读'), newestBackup: { consultations: 1 } } });
      // reads still answered; a write refused with the reason, and nothing written
      expect(await rt.router.call('consultations.list', {})).toMatchObject({ ok: true, value: { total: 1 } });
      const write = await rt.router.call('departments.create', { name: '新处室' });
      expect(write).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('只读') } });
      expect(rt.ledger()!.sqlite.prepare("SELECT count(*) FROM departments WHERE name = '新处室'").pluck().get()).toBe(0);
      // a backup of the damaged database is refused with the reason
      expect(() => createBackup(rt.ledger()!.sqlite, path.join(dir, 'more'), 'manual', new Date())).toThrow(BackupError);
      expect(() => createBackup(rt.ledger()!.sqlite, path.join(dir, 'more'), 'manual', new Date())).toThrow(/完整性检查未通过/);
      // recovery: the newest backup, then writes work again
      expect(await rt.router.call('recovery.restoreNewest', {})).toMatchObject({ ok: true });
      expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { damaged: false } });
      expect(await rt.router.call('departments.create', { name: '新处室' })).toMatchObject({ ok: true });
    } finally {
      rt.close();
    }
  });

  it('the automatic backup (on its worker) refuses the damaged live database before copying it, in the same words as 立即备份, and writes no backup', async () => {
    const { dir, file } = await damagedLedger();
    const ledger = openDatabase(file);
    const auto = path.join(dir, 'auto');
    try {
      await expect(createBackupOffThread(ledger.sqlite, auto, 'auto', new Date('2025-06-10T03:00:00.000Z'))).rejects.toThrow(
        /^备份未进行：台账数据库的完整性检查未通过，请从最近的备份恢复。问题：.*consultations_status_idx/,
      );
      expect(fs.existsSync(auto) ? fs.readdirSync(auto).filter((n) => n.endsWith('.sqlite3')) : []).toEqual([]);
    } finally {
      ledger.close();
    }
  });

  it('a failed automatic backup is told by recovery.status until a backup succeeds', async () => {
    const { dir, file, app } = await seededLedger();
    app.ledger.close();
    const backupDir = path.join(dir, 'backups');
    fs.writeFileSync(backupDir, 'a file where the backup folder should be');
    const logged: string[] = [];
    const rt = await startRuntime({ dbFile: file, platform: platform(dir), log: (l) => logged.push(l), auth: 'localAdmin', now: () => new Date('2025-06-10T02:00:00.000Z') });
    try {
      expect(await rt.autoBackup).toBeNull();
      expect(logged.some((l) => l.includes('automatic backup failed'))).toBe(true);
      expect(await rt.router.call('recovery.status', {})).toMatchObject({
        ok: true,
        value: { damaged: false, backupProblem: { at: '2025-06-10T02:00:00.000Z', reason: `备份未进行：备份文件夹 ${backupDir} 无法使用（该位置已有一个同名文件，不是文件夹）` } },
      });
      // still told on the next asking, until a backup succeeds
      expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { backupProblem: { reason: expect.stringContaining(backupDir) } } });
      fs.rmSync(backupDir);
      expect(await rt.router.call('backups.create', {})).toMatchObject({ ok: true });
      expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { backupProblem: null } });
    } finally {
      rt.close();
    }
  });

  describe('立即备份 checks the live database off the main thread first (finding 6, before each backup)', () => {
    /** the backup service as the router runs it, on this ledger, with backups going to `backups` beside it */
    const manual = (file: string, ledger: ReturnType<typeof openDatabase>): ServiceContext => ({
      ledger,
      caller: LOCAL_ADMIN,
      now: () => new Date('2025-06-10T03:00:00.000Z'),
      host: { platform: platform(path.dirname(file)), dbFile: file, defaultBackupDir: path.join(path.dirname(file), 'manual-backups'), restoreFrom: () => Promise.reject(new Error('not here')) },
    });
    /** the live connection's integrity_checks run on this (the main) thread */
    const mainThreadChecks = (ledger: ReturnType<typeof openDatabase>) => {
      const pragma = vi.spyOn(ledger.sqlite, 'pragma');
      return () => pragma.mock.calls.filter(([p]) => String(p).startsWith('integrity_check')).length;
    };

    it('refuses a damaged database with the reason, without checking on the main thread, and writes no backup', async () => {
      const { dir, file } = await damagedLedger();
      const ledger = openDatabase(file);
      try {
        const checks = mainThreadChecks(ledger);
        const refused = takeBackup(manual(file, ledger));
        await expect(refused).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('备份未进行：台账数据库的完整性检查未通过，请从最近的备份恢复。') });
        await expect(refused).rejects.toThrow(/consultations_status_idx/);
        expect(checks()).toBe(0);
        expect(fs.readdirSync(path.join(dir, 'manual-backups'))).toEqual([]);
      } finally {
        ledger.close();
      }
    });

    it('backs up a sound database, its live check off the main thread too', async () => {
      const { dir, file, app } = await seededLedger();
      try {
        const checks = mainThreadChecks(app.ledger);
        const made = await takeBackup(manual(file, app.ledger));
        expect(checks()).toBe(0);
        expect(fs.readdirSync(path.join(dir, 'manual-backups'))).toContain(made.name);
      } finally {
        app.ledger.close();
      }
    });
  });
});
