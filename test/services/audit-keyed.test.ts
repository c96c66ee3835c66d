/**
 * Issue 19, finding 5: the audit record cannot be quietly rewritten. Each attack
 * below passed `verify` before: triggers dropped and recreated by plain SQL, the
 * tail deleted with sqlite_sequence lowered, every record deleted, a record
 * edited and the unkeyed SHA-256 chain recomputed. Now the chain is keyed
 * (HMAC with a key outside the database), anchored outside the database
 * (beside every backup), and verify checks the triggers, the sequence, and
 * that every consultation has its creating record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { createRuntime } from '../../electron/runtime';
import { auditHash, auditHmac, GENESIS_HASH, verifyAuditChain } from '../../electron/services/audit';
import { auditKeyFiles, loadAuditKey, type KeyProtector } from '../../electron/services/audit-key';
import { createBackup } from '../../electron/services/backup/backup';
import { LOCAL_ADMIN } from '../../electron/services/context';
import { register, seedBasics, tempDir, testApp, type TestApp } from '../helpers/ledger';

const COLS = 'at, actor, action, entity, entity_id AS entityId, result, before, after';

/** Take off the protection as plain SQL can, and put the triggers back exactly as they were. */
function withoutTriggers(app: TestApp, fn: () => void): void {
  const db = app.ledger.sqlite;
  const saved = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[];
  expect(saved).toHaveLength(2);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  fn();
  for (const sql of saved) db.exec(sql);
}

/** Recompute every record's hash with the unkeyed SHA-256 chain, as anyone can without the key. */
function recomputeUnkeyed(app: TestApp): void {
  const db = app.ledger.sqlite;
  let prev = GENESIS_HASH;
  const rows = db.prepare(`SELECT id, ${COLS} FROM audit_log ORDER BY id`).all() as ({ id: number } & Parameters<typeof auditHash>[1])[];
  const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) {
    const hash = auditHash(prev, r);
    set.run(prev, hash, r.id);
    prev = hash;
  }
}

/** Recompute every record's hash with the keyed chain, as someone holding the owner's key file can. */
function recomputeKeyed(app: TestApp, key: Buffer): void {
  const db = app.ledger.sqlite;
  let prev = GENESIS_HASH;
  const rows = db.prepare(`SELECT id, ${COLS} FROM audit_log ORDER BY id`).all() as ({ id: number } & Parameters<typeof auditHash>[1])[];
  const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) {
    const hash = auditHmac(key, prev, r);
    set.run(prev, hash, r.id);
    prev = hash;
  }
}

async function ledgerWithThree() {
  const app = testApp();
  const b = await seedBasics(app);
  for (const title of ['一', '二', '三']) await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title });
  return { app, b };
}

const backupDirOf = (app: TestApp) => path.join(path.dirname(app.ledger.file), 'backups');

describe('the audit record cannot be quietly rewritten (issue 19, finding 5)', () => {
  it('the chain is keyed with a key kept outside the database, in a file only the owner can read', async () => {
    const { app } = await ledgerWithThree();
    const keyFile = auditKeyFiles(app.ledger.file).plain;
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    // the database holds nothing that reveals the key
    const dump = app.ledger.sqlite.prepare("SELECT group_concat(coalesce(after, '') || hash) FROM audit_log").pluck().get() as string;
    expect(dump).not.toContain(key);
    expect(await app.call('audit.verify')).toMatchObject({ ok: true, problem: null });
  });

  it('a record edited and the unkeyed SHA-256 chain recomputed is found', async () => {
    const { app } = await ledgerWithThree();
    withoutTriggers(app, () => {
      app.ledger.sqlite.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 5").run();
      recomputeUnkeyed(app);
    });
    expect(await app.call('audit.verify')).toMatchObject({ ok: false, firstBadId: 1 });
  });

  it('the last records deleted and sqlite_sequence lowered are found (creating records, and the anchor beside a backup)', async () => {
    const { app, b } = await ledgerWithThree();
    createBackup(app.ledger.sqlite, backupDirOf(app), 'manual', new Date('2025-06-10T03:00:00.000Z'));
    const total = app.ledger.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    // the last write is a department (no consultation): only the anchor can tell its record is gone
    await app.call('departments.create', { name: '财务处' });
    await app.call('departments.create', { name: '审计处' });
    withoutTriggers(app, () => {
      app.ledger.sqlite.prepare('DELETE FROM audit_log WHERE id > ?').run(total - 1);
      app.ledger.sqlite.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(total - 1);
    });
    expect(verifyAuditChain(app.ledger.sqlite)).toMatchObject({ ok: true }); // the chain alone cannot tell
    const v = await app.call('audit.verify');
    expect(v).toMatchObject({ ok: false });
    expect(v.problem).toMatch(/比备份 .* 时还少|没有登记时的审计记录/);
    expect(b).toBeDefined();
  });

  it('a trimmed tail without a backup is still found when it held a consultation', async () => {
    const { app } = await ledgerWithThree();
    const total = app.ledger.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    withoutTriggers(app, () => {
      app.ledger.sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(total);
      app.ledger.sqlite.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(total - 1);
    });
    expect(await app.call('audit.verify')).toMatchObject({ ok: false, problem: expect.stringContaining('没有登记时的审计记录') });
  });

  it('a trimmed tail that held no consultation is found by the anchor beside a backup alone (count never lower)', async () => {
    const { app } = await ledgerWithThree();
    await app.call('departments.create', { name: '财务处' });
    await app.call('departments.create', { name: '审计处' });
    createBackup(app.ledger.sqlite, backupDirOf(app), 'manual', new Date('2025-06-10T03:00:00.000Z'));
    const total = app.ledger.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const tail = app.ledger.sqlite.prepare('SELECT entity FROM audit_log WHERE id > ? ORDER BY id').pluck().all(total - 2);
    expect(tail).toEqual(['department', 'department']); // only the two departments' records go
    withoutTriggers(app, () => {
      app.ledger.sqlite.prepare('DELETE FROM audit_log WHERE id > ?').run(total - 2);
      app.ledger.sqlite.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(total - 2);
    });
    expect(verifyAuditChain(app.ledger.sqlite)).toMatchObject({ ok: true }); // the chain alone cannot tell
    expect(await app.call('audit.verify')).toMatchObject({ ok: false, problem: expect.stringMatching(/比备份 .* 时还少/) });
  });

  it('a record rewritten and re-signed with the key itself is found by the anchor beside a backup (the record it names has another hash)', async () => {
    const { app } = await ledgerWithThree();
    createBackup(app.ledger.sqlite, backupDirOf(app), 'manual', new Date('2025-06-10T03:00:00.000Z'));
    const key = Buffer.from(fs.readFileSync(auditKeyFiles(app.ledger.file).plain, 'utf8').trim(), 'hex');
    withoutTriggers(app, () => {
      app.ledger.sqlite.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 5").run();
      recomputeKeyed(app, key);
    });
    expect(verifyAuditChain(app.ledger.sqlite)).toMatchObject({ ok: true }); // the signatures fit: the key was used
    expect(await app.call('audit.verify')).toMatchObject({ ok: false, problem: expect.stringMatching(/与备份 .* 时记下的不同/) });
  });

  it('every record deleted (and the sequence with it) is found: 3 consultations, 0 records', async () => {
    const { app } = await ledgerWithThree();
    withoutTriggers(app, () => {
      app.ledger.sqlite.prepare('DELETE FROM audit_log').run();
      app.ledger.sqlite.prepare("DELETE FROM sqlite_sequence WHERE name = 'audit_log'").run();
    });
    expect(verifyAuditChain(app.ledger.sqlite)).toMatchObject({ ok: true, checked: 0 });
    expect(await app.call('audit.verify')).toMatchObject({ ok: false, problem: expect.stringContaining('没有登记时的审计记录') });
  });

  it('a dropped or changed trigger is found; a lowered sequence is found', async () => {
    const { app } = await ledgerWithThree();
    app.ledger.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    expect(await app.call('audit.verify')).toMatchObject({ ok: false, problem: expect.stringContaining('audit_log_no_delete 不存在') });
    app.ledger.sqlite.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    expect(await app.call('audit.verify')).toMatchObject({ ok: false, problem: expect.stringContaining('audit_log_no_delete 与本软件的不同') });
    const other = await ledgerWithThree();
    other.app.ledger.sqlite.prepare("UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit_log'").run();
    expect(await other.app.call('audit.verify')).toMatchObject({ ok: false, problem: expect.stringContaining('计数器') });
  });

  it('an unkeyed chain of an earlier version is carried over at start (signed marker), and its old part cannot be rewritten either', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.sqlite3');
    // an earlier version's ledger: records hashed with plain SHA-256, no key file
    {
      const ledger = openDatabase(file);
      let prev = GENESIS_HASH;
      const insert = ledger.sqlite.prepare(
        'INSERT INTO audit_log (at, actor, action, entity, entity_id, result, before, after, prev_hash, hash) VALUES (@at, @actor, @action, @entity, @entityId, @result, @before, @after, @prev, @hash)',
      );
      for (const name of ['甲处', '乙处']) {
        const r = { at: '2025-01-02T03:04:05.000Z', actor: 'local-admin', action: 'departments.create', entity: 'department', entityId: name, result: 'ok', before: null, after: null };
        const hash = auditHash(prev, r);
        insert.run({ ...r, prev, hash });
        prev = hash;
      }
      ledger.close();
    }
    expect(fs.existsSync(auditKeyFiles(file).plain)).toBe(false);
    const platform = { dataDir: dir, chooseSavePath: async () => null, chooseOpenPaths: async () => [], revealFile: async () => {}, openFile: async () => {} };
    const rt = createRuntime({ dbFile: file, platform, log: () => {}, auth: 'localAdmin' });
    const marker = rt.ledger()!.sqlite.prepare("SELECT id, actor, action, after FROM audit_log WHERE entity = 'audit_chain'").get();
    expect(marker).toMatchObject({ id: 3, actor: 'system', action: 'audit.keyed' });
    expect(JSON.parse((marker as { after: string }).after)).toMatchObject({ legacyRecords: 2 });
    expect(await rt.router.call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, checked: 3 } });
    await rt.router.call('departments.create', { name: '丙处' });
    expect(await rt.router.call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, checked: 4 } });
    // rewrite an old (unkeyed) record and recompute the unkeyed part up to the marker
    const db = rt.ledger()!.sqlite;
    db.exec('DROP TRIGGER audit_log_no_update');
    const one = db.prepare(`SELECT ${COLS} FROM audit_log WHERE id = 1`).get() as Parameters<typeof auditHash>[1];
    const forged = { ...one, actor: 'mallory' };
    const h1 = auditHash(GENESIS_HASH, forged);
    const two = db.prepare(`SELECT ${COLS} FROM audit_log WHERE id = 2`).get() as Parameters<typeof auditHash>[1];
    const h2 = auditHash(h1, two);
    db.prepare("UPDATE audit_log SET actor = 'mallory', hash = ? WHERE id = 1").run(h1);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = 2').run(h1, h2);
    db.prepare('UPDATE audit_log SET prev_hash = ? WHERE id = 3').run(h2);
    const v = await rt.router.call('audit.verify', {});
    rt.close();
    expect(v).toMatchObject({ ok: true, value: { ok: false, firstBadId: 3 } });
  });

  it('in the app the key is encrypted (safeStorage) beside the database; the command line can then check but not write', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.sqlite3');
    // a stand-in for Electron's safeStorage: a reversible transformation the test can recognise
    const protector: KeyProtector = {
      isEncryptionAvailable: () => true,
      encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('base64')}`),
      decryptString: (sealed) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').reverse().toString(),
    };
    const platform = { dataDir: dir, chooseSavePath: async () => null, chooseOpenPaths: async () => [], revealFile: async () => {}, openFile: async () => {} };
    const rt = createRuntime({ dbFile: file, platform, log: () => {}, auth: 'localAdmin', auditKeyProtector: protector });
    await rt.router.call('departments.create', { name: '甲处' });
    expect(await rt.router.call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, problem: null } });
    rt.close();
    const files = auditKeyFiles(file);
    expect(fs.existsSync(files.plain)).toBe(false);
    expect(fs.readFileSync(files.protected, 'utf8')).toMatch(/^sealed:/);
    expect(loadAuditKey(file)).toMatchObject({ unavailable: expect.stringContaining('桌面程序') });
    // the command line's view of the same database: verify checks what it can and says so; a write is refused
    const app = testApp(openDatabase(file));
    app.as(LOCAL_ADMIN);
    expect(await app.call('audit.verify')).toMatchObject({ ok: true, problem: expect.stringContaining('签名部分未核对') });
    await expect(app.call('departments.create', { name: '乙处' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    app.ledger.close();
  });
});
