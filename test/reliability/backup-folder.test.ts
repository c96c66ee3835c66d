/**
 * The admin's backup folder and rotation counts (backup-config.json beside the
 * database): chosen in the folder dialog and checked in the main process, used by
 * the automatic, manual and CLI backups, searched by the recovery screen, and
 * replaced by the default folder (with the reason shown) when it cannot be reached.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import type { Envelope } from '#contract/envelope';
import { createRuntime, type Runtime } from '../../electron/runtime';
import type { BackupList, BackupView } from '#domain/types';
import { main as runCli } from '../../electron/cli/main';
import { createBackup, listBackups } from '../../electron/services/backup/backup';
import { CONFIG_FILE_NAME, readBackupConfig, writeBackupConfig } from '../../electron/services/backup/config';
import type { PlatformAdapter } from '../../electron/services/platform';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

function platform(dataDir: string, pick: () => string | null): PlatformAdapter {
  return {
    dataDir,
    chooseSavePath: async () => null,
    chooseOpenPaths: async () => [],
    chooseFolder: async () => pick(),
    revealFile: async () => {},
    openFile: async () => {},
  };
}

function ok<T>(r: Envelope<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A ledger file with one consultation, closed; the runtime is started on it by each test. */
async function ledgerFile(): Promise<{ dir: string; live: string }> {
  const dir = tempDir();
  const live = path.join(dir, 'ledger.sqlite3');
  const app = testApp(openDatabase(live));
  const b = await seedBasics(app);
  await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '备份文件夹测试事项' });
  app.ledger.close();
  return { dir, live };
}

/** The runtime, once the day's automatic backup (on a worker thread) is done. */
async function start(live: string, at: string, pick: () => string | null = () => null): Promise<Runtime> {
  const rt = createRuntime({ dbFile: live, platform: platform(path.dirname(live), pick), auth: 'localAdmin', now: () => new Date(at), log: () => {} });
  await rt.autoBackup;
  return rt;
}

const names = (list: BackupList) => list.backups.map((b: BackupView) => `${path.basename(b.dir)}/${b.kind}`);

describe('the backup folder the admin picks', () => {
  it('is checked, stored beside the database, used by the next backups and audited', async () => {
    const { dir, live } = await ledgerFile();
    const usb = tempDir();
    let rt = await start(live, '2025-03-01T01:00:00Z', () => usb);
    // the first start of the day went to the default folder
    let list = ok<BackupList>(await rt.router.call('backups.list', {}));
    expect(list).toMatchObject({ dir: path.join(dir, 'backups'), defaultDir: path.join(dir, 'backups'), chosenDir: null, fallbackReason: null });

    list = ok<BackupList>(await rt.router.call('backups.chooseFolder', {}));
    expect(list).toMatchObject({ dir: usb, chosenDir: usb, fallbackReason: null, onNetworkShare: false });
    expect(readBackupConfig(live).folder).toBe(usb);
    expect(fs.existsSync(path.join(dir, CONFIG_FILE_NAME))).toBe(true);
    expect(fs.readdirSync(usb)).toEqual([]); // the write test left nothing behind

    const made = ok<BackupView>(await rt.router.call('backups.create', {}));
    expect(made.dir).toBe(usb);
    expect(listBackups(usb).map((b) => b.kind)).toEqual(['manual']);
    // both folders are listed: the earlier automatic backup is still offered
    list = ok<BackupList>(await rt.router.call('backups.list', {}));
    expect(names(list).sort()).toEqual(['backups/auto', `${path.basename(usb)}/manual`].sort());

    const audit = rt.ledger()!.sqlite.prepare("SELECT before, after FROM audit_log WHERE action = 'backups.configure'").all() as { before: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before).folder).toBeNull();
    expect(JSON.parse(audit[0]!.after).folder).toBe(usb);
    rt.close();

    // the next day's automatic backup goes to the chosen folder, and the setting survives a restart
    rt = await start(live, '2025-03-02T01:00:00Z');
    expect(listBackups(usb).map((b) => b.kind).sort()).toEqual(['auto', 'manual']);
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind)).toEqual(['auto']);

    // and back to the default
    list = ok<BackupList>(await rt.router.call('backups.configure', { useDefaultFolder: true }));
    expect(list).toMatchObject({ dir: path.join(dir, 'backups'), chosenDir: null });
    rt.close();
  });

  it('a folder that does not exist, is a file, or is the database folder itself is refused and nothing changes', async () => {
    const { dir, live } = await ledgerFile();
    const aFile = path.join(tempDir(), 'not-a-folder.txt');
    fs.writeFileSync(aFile, 'x');
    for (const [picked, words] of [
      [path.join(tempDir(), 'gone'), '不存在'],
      [aFile, '不是文件夹'],
      [dir, '数据库所在的文件夹'],
    ] as const) {
      const rt = await start(live, '2025-03-01T01:00:00Z', () => picked);
      const r = await rt.router.call('backups.chooseFolder', {});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.message).toContain(words);
      }
      expect(readBackupConfig(live).folder).toBeNull();
      rt.close();
    }
  });

  it('a cancelled dialog changes nothing', async () => {
    const { live } = await ledgerFile();
    const rt = await start(live, '2025-03-01T01:00:00Z', () => null);
    expect(ok<BackupList | null>(await rt.router.call('backups.chooseFolder', {}))).toBeNull();
    expect(readBackupConfig(live).folder).toBeNull();
    rt.close();
  });

  it('when the chosen folder is unreachable, backups go to the default folder and the reason is shown', async () => {
    const { dir, live } = await ledgerFile();
    const usb = path.join(tempDir(), 'U盘备份');
    fs.mkdirSync(usb);
    writeBackupConfig(live, { folder: usb, rotation: { daily: 7, weekly: 4, monthly: 12 } });
    fs.rmSync(usb, { recursive: true }); // the drive was unplugged
    const rt = await start(live, '2025-03-01T01:00:00Z');
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind)).toEqual(['auto']);
    const list = ok<BackupList>(await rt.router.call('backups.list', {}));
    expect(list).toMatchObject({ dir: path.join(dir, 'backups'), chosenDir: usb, fallbackReason: '文件夹不存在或当前无法访问' });
    const made = ok<BackupView>(await rt.router.call('backups.create', {}));
    expect(made.dir).toBe(path.join(dir, 'backups'));
    rt.close();
  });

  it('the recovery screen finds the newest backup in the chosen folder', async () => {
    const { dir, live } = await ledgerFile();
    const usb = tempDir();
    writeBackupConfig(live, { folder: usb, rotation: { daily: 7, weekly: 4, monthly: 12 } });
    let rt = await start(live, '2025-03-01T01:00:00Z');
    rt.close();
    expect(listBackups(usb)).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    fs.writeFileSync(live, Buffer.from('这不是数据库'.repeat(500))); // damaged
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${live}${suffix}`, { force: true });
    rt = await start(live, '2025-03-02T01:00:00Z');
    const status = ok<{ damaged: boolean; newestBackup: { name: string; consultations: number } | null }>(await rt.router.call('recovery.status', {}));
    expect(status.damaged).toBe(true);
    expect(status.newestBackup).toMatchObject({ name: listBackups(usb)[0]!.name, consultations: 1 });
    ok(await rt.router.call('recovery.restoreNewest', {}));
    expect(rt.ledger()!.sqlite.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(1);
    rt.close();
  });

  it('a damaged or hand-edited backup-config.json means the defaults, never no backup', async () => {
    const { dir, live } = await ledgerFile();
    for (const content of ['{not json', '{"folder": 42, "rotation": {"daily": -1}}', '[]']) {
      fs.writeFileSync(path.join(dir, CONFIG_FILE_NAME), content);
      expect(readBackupConfig(live)).toEqual({ folder: null, rotation: { daily: 7, weekly: 4, monthly: 12 } });
    }
    const rt = await start(live, '2025-03-01T01:00:00Z');
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(1);
    rt.close();
  });

  it('the CLI backs up into the chosen folder unless --out says otherwise', async () => {
    const { live } = await ledgerFile();
    const usb = tempDir();
    writeBackupConfig(live, { folder: usb, rotation: { daily: 7, weekly: 4, monthly: 12 } });
    const out: string[] = [];
    const code = await runCli(['backup', '--db', live], { cwd: process.cwd(), out: (s) => out.push(s), err: (s) => out.push(s), now: () => new Date('2025-03-01T01:00:00Z') });
    expect(code).toBe(0);
    expect(listBackups(usb).map((b) => b.kind)).toEqual(['manual']);
    expect(out.join('')).toContain(usb);
  });
});

describe('rotation counts set by the admin', () => {
  it('are validated, stored and applied by the next automatic backup, over both folders', async () => {
    const { dir, live } = await ledgerFile();
    const usb = tempDir();
    // ten days of automatic backups in the default folder, then five in the chosen one
    let rt = await start(live, '2025-03-01T01:00:00Z');
    const sqlite = () => rt.ledger()!.sqlite;
    for (let d = 2; d <= 10; d++) createBackup(sqlite(), path.join(dir, 'backups'), 'auto', new Date(`2025-03-${String(d).padStart(2, '0')}T01:00:00Z`));
    for (let d = 11; d <= 15; d++) createBackup(sqlite(), usb, 'auto', new Date(`2025-03-${d}T01:00:00Z`));
    createBackup(sqlite(), path.join(dir, 'backups'), 'manual', new Date('2025-03-03T05:00:00Z'));

    for (const bad of [{ daily: 0, weekly: 4, monthly: 12 }, { daily: 7, weekly: 4.5, monthly: 12 }, { daily: 7, weekly: 4, monthly: 999 }, { daily: 7, weekly: 4 }]) {
      const r = await rt.router.call('backups.configure', { rotation: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    expect(fs.existsSync(path.join(dir, CONFIG_FILE_NAME))).toBe(false); // nothing written by a refused call

    writeBackupConfig(live, { folder: usb, rotation: { daily: 7, weekly: 4, monthly: 12 } });
    const list = ok<BackupList>(await rt.router.call('backups.configure', { rotation: { daily: 3, weekly: 0, monthly: 0 } }));
    expect(list.rotation).toEqual({ daily: 3, weekly: 0, monthly: 0 });
    expect(list.backups.filter((b) => b.kind === 'auto')).toHaveLength(15); // nothing deleted until the next automatic backup
    rt.close();

    rt = await start(live, '2025-03-16T01:00:00Z');
    const after = ok<BackupList>(await rt.router.call('backups.list', {}));
    const autos = after.backups.filter((b) => b.kind === 'auto').map((b) => b.takenAt.slice(0, 10));
    expect(autos).toEqual(['2025-03-16', '2025-03-15', '2025-03-14']);
    expect(after.backups.filter((b) => b.kind === 'manual')).toHaveLength(1); // manual ones are never rotated
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind)).toEqual(['manual']);
    rt.close();
  });
});
