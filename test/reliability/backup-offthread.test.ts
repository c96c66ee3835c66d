/**
 * The day's automatic backup runs on a worker thread (createBackupOffThread):
 * the main process keeps answering calls meanwhile; the backup is the same
 * verified file createBackup writes; a restore waits for it; quitting during it
 * leaves nothing half-written; a worker that cannot run falls back to the main
 * thread. (Its full-disk case is in disk-full.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import type { Envelope } from '#contract/envelope';
import { createRuntime } from '../../electron/runtime';
import type { RestoreOutcome } from '#domain/types';
import { autoBackupIfDue, BackupError, checkBackupFile, createBackupOffThread, listBackups } from '../../electron/services/backup/backup';
import type { PlatformAdapter } from '../../electron/services/platform';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

async function ledgerWith(items: number) {
  const app = testApp();
  const b = await seedBasics(app);
  const add = (title: string) => register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title });
  for (let i = 0; i < items; i++) await add(`后台备份测试事项${i + 1}`);
  return Object.assign(app, { add });
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('a backup taken on a worker thread', () => {
  it('is the same verified file as one taken on the main thread, and the main thread writes while it runs', async () => {
    const app = await ledgerWith(3);
    const dir = tempDir();
    let settled = false;
    const pending = createBackupOffThread(app.ledger.sqlite, dir, 'auto', new Date('2025-03-01T04:05:06.789Z')).finally(() => (settled = true));
    await nextTurn();
    expect(settled).toBe(false); // the call returned to the event loop: the work is on the worker
    await app.add('备份进行中登记的事项');
    const info = await pending;
    expect(info.name).toBe('ledger-20250301T040506789Z-auto.sqlite3');
    expect(fs.readdirSync(dir).sort()).toEqual([info.name, `${info.name}.anchor.json`]); // no partial file left; the audit anchor beside it
    expect(listBackups(dir)).toEqual([info]);
    const check = checkBackupFile(info.file);
    expect(check).toMatchObject({ ok: true, problem: null });
    // a snapshot: the item registered meanwhile is in it or not, never half of it
    expect([3, 4]).toContain(check.consultations);
    expect(app.ledger.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(4);
  });

  it('falls back to the main thread when the worker cannot load better-sqlite3', async () => {
    const app = await ledgerWith(2);
    const dir = tempDir();
    const info = await createBackupOffThread(app.ledger.sqlite, dir, 'auto', new Date('2025-03-01T01:00:00Z'), {
      betterSqlite3: path.join(dir, 'no-such-module.js'),
    });
    expect(fs.readdirSync(dir).sort()).toEqual([info.name, `${info.name}.anchor.json`]);
    expect(checkBackupFile(info.file)).toMatchObject({ ok: true, consultations: 2 });
  });

  it('stopped (the program quits) leaves no file at all, and says why', async () => {
    const app = await ledgerWith(1);
    const dir = tempDir();
    const stop = new AbortController();
    const pending = createBackupOffThread(app.ledger.sqlite, dir, 'auto', new Date('2025-03-01T01:00:00Z'), { signal: stop.signal });
    stop.abort();
    await expect(pending).rejects.toThrow(BackupError);
    await expect(pending).rejects.toThrow('备份未完成：程序正在退出');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('the automatic backup removes what an interrupted one left behind', async () => {
    const app = await ledgerWith(1);
    const dir = tempDir();
    const stale = ['.ledger-20250228T010000000Z-auto.sqlite3.partial', '.ledger-20250228T010000000Z-auto.sqlite3.partial-journal'];
    for (const name of stale) fs.writeFileSync(path.join(dir, name), 'half');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    const info = await autoBackupIfDue(app.ledger.sqlite, dir, new Date('2025-03-01T01:00:00Z'));
    expect(fs.readdirSync(dir).sort()).toEqual([info!.name, `${info!.name}.anchor.json`, 'notes.txt'].sort());
  });
});

function platform(dataDir: string): PlatformAdapter {
  return { dataDir, chooseSavePath: async () => null, chooseOpenPaths: async () => [], revealFile: async () => {}, openFile: async () => {} };
}

function ok<T>(r: Envelope<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A ledger file with two consultations, closed, and one verified manual backup of it. */
async function ledgerFileWithBackup(): Promise<{ dir: string; live: string; backup: string }> {
  const dir = tempDir();
  const live = path.join(dir, 'ledger.sqlite3');
  const app = testApp(openDatabase(live));
  const b = await seedBasics(app);
  await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '恢复测试事项一' });
  await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '恢复测试事项二' });
  const backup = await createBackupOffThread(app.ledger.sqlite, path.join(dir, 'backups'), 'manual', new Date('2025-02-28T01:00:00Z'));
  app.ledger.close();
  return { dir, live, backup: backup.name };
}

describe('the runtime and its daily automatic backup', () => {
  it('answers calls while the backup runs, and a restore waits for the backup to finish', async () => {
    const { dir, live, backup } = await ledgerFileWithBackup();
    const logged: string[] = [];
    const rt = createRuntime({ dbFile: live, platform: platform(dir), auth: 'localAdmin', now: () => new Date('2025-03-01T01:00:00Z'), log: (l) => logged.push(l) });
    try {
      let backedUp = false;
      void rt.autoBackup.then(() => (backedUp = true));
      const info = await rt.router.call('app.info', {});
      expect(info.ok).toBe(true);
      expect(backedUp).toBe(false); // answered before the backup was done

      const restored = ok<RestoreOutcome>(await rt.router.call('backups.restore', { name: backup }));
      expect(backedUp).toBe(true);
      expect(restored.restoredFrom).toBe(backup);
      const kinds = listBackups(path.join(dir, 'backups')).map((b) => b.kind).sort();
      expect(kinds).toEqual(['auto', 'manual', 'pre-restore']);
      expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
      expect(logged).toEqual([]);
    } finally {
      rt.close();
    }
  });

  it('closed during the backup: no backup, no partial file, nothing logged; the next start takes it', async () => {
    const { dir, live } = await ledgerFileWithBackup();
    const logged: string[] = [];
    const start = () => createRuntime({ dbFile: live, platform: platform(dir), auth: 'localAdmin', now: () => new Date('2025-03-01T01:00:00Z'), log: (l) => logged.push(l) });
    const rt = start();
    rt.close();
    expect(await rt.autoBackup).toBeNull();
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind)).toEqual(['manual']);
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(logged).toEqual([]);

    const again = start();
    try {
      expect(await again.autoBackup).toMatchObject({ kind: 'auto' });
      expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind).sort()).toEqual(['auto', 'manual']);
    } finally {
      again.close();
    }
  });
});
