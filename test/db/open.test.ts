import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, SCHEMA_VERSION } from '../../db/open';
import { renderMigrations } from '../../build/embed-migrations.mjs';
import { databaseAtVersion, tempDir } from '../helpers/ledger';

describe('openDatabase', () => {
  it('creates a new ledger with the pragmas the product relies on and the seeded categories', () => {
    const file = path.join(tempDir(), 'new.sqlite3');
    const ledger = openDatabase(file);
    const s = ledger.sqlite;
    expect(s.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(s.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(s.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const codes = s.prepare('SELECT code FROM categories ORDER BY sort_order').pluck().all();
    expect(codes).toEqual(['rules', 'contract', 'procurement', 'complaint', 'enforcementReview', 'litigation', 'decision', 'other']);
    ledger.close();
    // no copy is taken of a brand-new file
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
  });

  it('migrates a populated older database keeping every row, after taking a copy of it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite3');
    // Build a database at schema version 1 (only the first migration) and fill it.
    const old = databaseAtVersion(file, 1);
    old.exec(`INSERT INTO categories (code, name_zh, name_en, created_at) VALUES ('legacy', '旧台账类别', 'Legacy', 'x');
      INSERT INTO departments (name, created_at) VALUES ('综合处', 'x');`);
    const insert = old.prepare(`INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, category_id, department_id,
      received_on, item_count, status, created_at, created_by, updated_at, updated_by)
      VALUES ('法咨', 2024, ?, ?, 1, 1, '2024-05-01', 2, 'registered', 'x', 'u', 'x', 'u')`);
    for (let i = 1; i <= 50; i++) insert.run(i, `事项${i}`);
    old.close();

    const ledger = openDatabase(file, { now: () => new Date('2025-01-01T00:00:00Z') });
    expect(ledger.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const titles = ledger.sqlite.prepare('SELECT title FROM consultations ORDER BY serial_seq').pluck().all();
    expect(titles).toEqual(Array.from({ length: 50 }, (_, i) => `事项${i + 1}`));
    ledger.close();
    const copies = fs.readdirSync(path.join(dir, 'backups'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toBe('ledger-20250101T000000000Z-pre-migration.sqlite3');
    const copy = new Database(path.join(dir, 'backups', copies[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT count(*) FROM consultations').pluck().get()).toBe(50);
    copy.close();
  });

  it('migration 0005 (review procedures, issue 20) carries items and opinions over with no procedure state', () => {
    const file = path.join(tempDir(), 'v5.sqlite3');
    const old = databaseAtVersion(file, 5);
    old.exec(`INSERT INTO departments (name, created_at) VALUES ('综合处', 'x');
      INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, category_id, department_id, received_on, due_on, item_count, status, created_at, created_by, updated_at, updated_by)
        VALUES ('法咨', 2025, 1, '旧事项', (SELECT id FROM categories WHERE code = 'enforcementReview'), 1, '2025-03-03', '2025-03-12', 1, 'answered', 'x', 'u', 'x', 'u');
      INSERT INTO opinions (consultation_id, round, conclusion, text, issued_on, created_at, created_by) VALUES (1, 1, 'approve', '同意', '2025-03-05', 'x', 'u');`);
    old.close();
    const ledger = openDatabase(file, { now: () => new Date('2025-06-01T00:00:00Z') });
    expect(ledger.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // an opinion given before sign-off existed is not held back by it, whatever its category needs now
    expect(ledger.sqlite.prepare('SELECT text, sign_off_status AS s, checklist, conclusion_word AS w FROM opinions').get()).toEqual({ text: '同意', s: null, checklist: null, w: null });
    expect(ledger.sqlite.prepare('SELECT due_on AS d, paused_since AS p, doc_valid_until AS v FROM consultations').get()).toEqual({ d: '2025-03-12', p: null, v: null });
    expect(ledger.sqlite.prepare('SELECT count(*) FROM category_procedures').pluck().get()).toBe(0);
    ledger.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = path.join(tempDir(), 'future.sqlite3');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(/较新版本/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a SQLite file that is not a ledger', () => {
    const file = path.join(tempDir(), 'other.sqlite3');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/不是本软件的台账数据库/);
  });

  it('a failing migration leaves the database as it was', () => {
    const dir = tempDir();
    const file = path.join(dir, 'half.sqlite3');
    const old = databaseAtVersion(file, 1);
    // Make migration 2 fail: its seed inserts a category code that now already exists... as a name clash.
    old.exec("INSERT INTO categories (code, name_zh, name_en, created_at) VALUES ('rules', 'x', 'x', 'x')");
    old.close();
    expect(() => openDatabase(file)).toThrow(/数据库升级失败/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").pluck().get()).toBe(0);
    check.close();
  });

  it('the embedded migrations are exactly the committed SQL files', () => {
    const onDisk = renderMigrations();
    expect(fs.readFileSync(path.join(__dirname, '../../db/migrations.generated.ts'), 'utf8')).toBe(onDisk);
  });
});
