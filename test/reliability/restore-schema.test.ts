/**
 * Issue 19, finding 8: a restore checks the whole expected schema of the
 * backup's version and its audit chain before swapping; the app that cannot
 * start on its data answers with the recovery screen (recovery.status), never
 * just an error.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../../db/open';
import { createRuntime } from '../../electron/runtime';
import { auditHash, GENESIS_HASH, KEYED_SINCE_SCHEMA_VERSION } from '../../electron/services/audit';
import { BackupError, createBackup } from '../../electron/services/backup/backup';
import { restoreDatabase } from '../../electron/services/backup/restore';
import { schemaProblem } from '../../electron/services/backup/schema-check';
import { main } from '../../electron/cli/main';
import { databaseAtVersion, register, seedBasics, tempDir, testApp } from '../helpers/ledger';

const platform = (dataDir: string) => ({ dataDir, chooseSavePath: async () => null, chooseOpenPaths: async () => [], revealFile: async () => {}, openFile: async () => {} });

async function liveLedger() {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite3');
  const app = testApp(openDatabase(file));
  const b = await seedBasics(app);
  await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title: '原有事项' });
  const good = createBackup(app.ledger.sqlite, path.join(dir, 'backups'), 'manual', new Date('2025-06-10T02:00:00.000Z'));
  return { dir, file, app, good };
}

/** A copy of a good backup, changed by `fn` (plain SQL on the copy). */
function altered(good: string, dir: string, name: string, fn: (db: Database.Database) => void): string {
  const file = path.join(dir, name);
  fs.copyFileSync(good, file);
  const db = new Database(file);
  fn(db);
  db.pragma('journal_mode = DELETE');
  db.close();
  return file;
}

/** Record 2's actor changed by plain SQL with the append-only trigger dropped and put back; `recompute`: the unkeyed chain recomputed after it. */
function forgeRecord(db: Database.Database, recompute: boolean): void {
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").pluck().get() as string;
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run();
  if (recompute) {
    let prev = GENESIS_HASH;
    for (const r of db.prepare('SELECT id, at, actor, action, entity, entity_id AS entityId, result, before, after FROM audit_log ORDER BY id').all() as any[]) {
      const hash = auditHash(prev, r);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
  }
  db.exec(trigger);
}

function fakeLedger(file: string): string {
  const db = new Database(file);
  db.exec('CREATE TABLE consultations (id INTEGER PRIMARY KEY); CREATE TABLE audit_log (id INTEGER PRIMARY KEY)');
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  db.close();
  return file;
}

describe('restore checks the whole schema and the audit chain (issue 19, finding 8)', () => {
  it('a fake ledger (two empty tables, user_version of this version) is refused; the live database is untouched and nothing is left', async () => {
    const { dir, file, app } = await liveLedger();
    app.ledger.close();
    const before = fs.readFileSync(file);
    const fake = fakeLedger(path.join(dir, 'fake.sqlite3'));
    expect(() => restoreDatabase(file, fake, path.join(dir, 'backups'), new Date())).toThrow(BackupError);
    expect(() => restoreDatabase(file, fake, path.join(dir, 'backups'), new Date())).toThrow(/数据库结构不完整或被改动：缺少/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}.restoring`)).toBe(false);
    // and from the command line: a calm message, exit 1, no stack trace
    const out: string[] = [];
    const code = await main(['restore', '--db', file, '--from', fake], { out: (t) => out.push(t), err: (t) => out.push(t), cwd: dir, now: () => new Date() });
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/不能用于恢复：数据库结构不完整或被改动/);
    expect(out.join('')).not.toMatch(/\n\s+at /);
  });

  it('a missing index, a changed column, a dropped trigger or an extra trigger is refused, naming it', async () => {
    const { dir, good } = await liveLedger();
    const cases: [string, (db: Database.Database) => void, RegExp][] = [
      ['no-index', (db) => db.exec('DROP INDEX consultations_status_idx'), /缺少索引 consultations_status_idx/],
      ['column', (db) => db.exec('ALTER TABLE counsels ADD COLUMN secret text'), /表 counsels与结构版本/],
      ['no-trigger', (db) => db.exec('DROP TRIGGER audit_log_no_delete'), /缺少触发器 audit_log_no_delete/],
      ['extra', (db) => db.exec("CREATE TRIGGER sneaky AFTER INSERT ON consultations BEGIN SELECT 1; END"), /多出了触发器 sneaky/],
    ];
    for (const [name, fn, problem] of cases) {
      expect(schemaProblem(altered(good.file, dir, `${name}.sqlite3`, fn))).toMatch(problem);
    }
    expect(schemaProblem(good.file)).toBeNull();
  });

  it('a backup whose audit chain was rewritten is refused; a genuine one restores', async () => {
    const { dir, file, app, good } = await liveLedger();
    app.ledger.close();
    const rewritten = altered(good.file, dir, 'rewritten.sqlite3', (db) => forgeRecord(db, true));
    expect(schemaProblem(rewritten)).toBeNull(); // the schema is intact: the chain is what gives it away
    // rewritten where it lies, its anchor beside it
    fs.copyFileSync(`${good.file}.anchor.json`, `${rewritten}.anchor.json`);
    expect(() => restoreDatabase(file, rewritten, path.join(dir, 'backups'), new Date())).toThrow(/审计记录与备份时记下的不同/);
    expect(restoreDatabase(file, good.file, path.join(dir, 'backups'), new Date('2025-06-10T03:00:00.000Z')).restoredFrom).toBe(good.file);
  });

  it('a backup of this version whose chain was rewritten unkeyed and whose anchor was removed is refused (only an earlier version may be unkeyed)', async () => {
    const { dir, file, app, good } = await liveLedger();
    app.ledger.close();
    const before = fs.readFileSync(file);
    const rewritten = altered(good.file, dir, 'unkeyed.sqlite3', (db) => forgeRecord(db, true));
    expect(schemaProblem(rewritten)).toBeNull();
    expect(fs.existsSync(`${rewritten}.anchor.json`)).toBe(false);
    expect(() => restoreDatabase(file, rewritten, path.join(dir, 'backups'), new Date())).toThrow(/审计记录校验未通过：审计记录没有本机密钥的签名/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a backup of an earlier version (before the keyed chain: unkeyed, no anchor) still restores', async () => {
    const { dir, file, app } = await liveLedger();
    app.ledger.close();
    const old = path.join(dir, 'earlier.sqlite3');
    const db = databaseAtVersion(old, KEYED_SINCE_SCHEMA_VERSION - 1);
    let prev = GENESIS_HASH;
    for (const name of ['甲处', '乙处']) {
      const r = { at: '2025-01-02T03:04:05.000Z', actor: 'local-admin', action: 'departments.create', entity: 'department', entityId: name, result: 'ok', before: null, after: null };
      const hash = auditHash(prev, r);
      db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, result, before, after, prev_hash, hash) VALUES (@at, @actor, @action, @entity, @entityId, @result, @before, @after, @prev, @hash)').run({ ...r, prev, hash });
      prev = hash;
    }
    db.pragma('journal_mode = DELETE');
    db.close();
    expect(schemaProblem(old)).toBeNull();
    expect(restoreDatabase(file, old, path.join(dir, 'backups'), new Date('2025-06-10T03:00:00.000Z')).restoredFrom).toBe(old);
  });

  it('a backup with an edited record and no anchor beside it is refused by its audit chain alone', async () => {
    const { dir, file, app, good } = await liveLedger();
    app.ledger.close();
    const before = fs.readFileSync(file);
    const edited = altered(good.file, dir, 'edited.sqlite3', (db) => forgeRecord(db, false));
    expect(schemaProblem(edited)).toBeNull(); // the schema is intact
    expect(fs.existsSync(`${edited}.anchor.json`)).toBe(false); // and no anchor to compare with: only the chain tells
    expect(() => restoreDatabase(file, edited, path.join(dir, 'backups'), new Date())).toThrow(/审计记录校验未通过/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('the app cannot start on a fake ledger: recovery mode with the reason and the newest backup, restore brings it back', async () => {
    const { dir, file, app } = await liveLedger();
    app.ledger.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    fakeLedger(file);
    const rt = createRuntime({ dbFile: file, platform: platform(dir), log: () => {}, auth: 'localAdmin' });
    try {
      const status = await rt.router.call('recovery.status', {});
      expect(status).toMatchObject({ ok: true, value: { damaged: true, problem: expect.any(String), newestBackup: { consultations: 1 } } });
      expect(await rt.router.call('consultations.list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(await rt.router.call('recovery.restoreNewest', {})).toMatchObject({ ok: true });
      expect(await rt.router.call('recovery.status', {})).toMatchObject({ ok: true, value: { damaged: false } });
      expect(await rt.router.call('consultations.list', {})).toMatchObject({ ok: true, value: { total: 1 } });
    } finally {
      rt.close();
    }
  });
});
