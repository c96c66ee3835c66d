/** counsel-ledger backup | restore | verify, in process, on real files. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { main } from '../../electron/cli/main';
import { acquireDataLock } from '../../electron/services/backup/lock';
import { register, seedBasics, tempDir, testApp } from '../helpers/ledger';

async function cli(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, now: () => new Date('2025-07-01T02:00:00Z') });
  return { code, out, err };
}

async function ledgerWith(dir: string, titles: string[]): Promise<string> {
  const file = path.join(dir, 'ledger.sqlite3');
  const app = testApp(openDatabase(file));
  const b = await seedBasics(app);
  for (const title of titles) await register(app, { categoryId: b.cat('contract'), departmentId: b.dept.id, title });
  app.ledger.close();
  return file;
}

describe('counsel-ledger backup, restore, verify', () => {
  it('backs up (verified), verifies, and restores all-or-nothing, keeping the replaced database', async () => {
    const dir = tempDir();
    const db = await ledgerWith(dir, ['第一件']);
    const b = await cli(dir, 'backup', '--db', 'ledger.sqlite3');
    expect(b).toMatchObject({ code: 0, err: '' });
    expect(b.out).toMatch(/已备份：.*ledger-20250701T020000000Z-manual\.sqlite3/);

    const v = await cli(dir, 'verify', '--db', db);
    expect(v.code).toBe(0);
    expect(v.out).toContain('完整性检查：通过');
    // seedBasics: 2 divisions, the counsel's firm and the counsel; then the item
    expect(v.out).toMatch(/审计记录哈希链：通过（共 5 条）/);

    // more work after the backup, then restore: the work is gone, and kept in the replaced copy
    const app = testApp(openDatabase(db));
    const basics = app.ledger.sqlite.prepare('SELECT id FROM departments LIMIT 1').pluck().get() as number;
    const cat = app.ledger.sqlite.prepare("SELECT id FROM categories WHERE code = 'rules'").pluck().get() as number;
    await register(app, { categoryId: cat, departmentId: basics, title: '备份之后' });
    app.ledger.close();
    const backup = path.join(dir, 'backups', 'ledger-20250701T020000000Z-manual.sqlite3');
    const r = await cli(dir, 'restore', '--db', db, '--from', backup);
    expect(r).toMatchObject({ code: 0 });
    const after = openDatabase(db);
    expect(after.sqlite.prepare('SELECT title FROM consultations').pluck().all()).toEqual(['第一件']);
    after.close();
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.endsWith('-pre-restore.sqlite3'))).toBe(true);
  });

  it('verify names the first bad audit record and fails', async () => {
    const dir = tempDir();
    const db = await ledgerWith(dir, ['一', '二']);
    const l = openDatabase(db);
    l.sqlite.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE id = 3;");
    l.close();
    const v = await cli(dir, 'verify', '--db', db);
    expect(v.code).toBe(1);
    expect(v.out).toContain('第一条有问题的记录是第 3 条');
  });

  it('restore is refused while the app has the database open, and a bad backup is refused', async () => {
    const dir = tempDir();
    const db = await ledgerWith(dir, ['一']);
    const junk = path.join(dir, 'junk.sqlite3');
    fs.writeFileSync(junk, 'not a database');
    expect((await cli(dir, 'restore', '--db', db, '--from', junk)).err).toContain('不能用于恢复');
    const lock = acquireDataLock(db);
    const r = await cli(dir, 'restore', '--db', db, '--from', junk);
    expect(r.code).toBe(3);
    expect(r.err).toContain('正被另一个程序使用');
    lock.release();
    expect((await cli(dir, 'backup')).code).toBe(2);
  });
});
