import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { MIGRATIONS } from '../../db/migrations.generated';
import { openDatabase, type Ledger } from '../../db/open';
import { createRouter, type Router } from '#contract/router';
import { LOCAL_ADMIN, type Caller, type ServiceContext } from '../../electron/services/context';

const dirs: string[] = [];
const ledgers: Ledger[] = [];

afterEach(() => {
  for (const l of ledgers.splice(0)) {
    try {
      l.close();
    } catch {
      /* already closed by the test */
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-test-'));
  dirs.push(dir);
  return dir;
}

/** A database file as an earlier version left it: the first `version` migrations applied, user_version set. */
export function databaseAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file);
  for (const m of MIGRATIONS.slice(0, version)) for (const st of m.statements) db.exec(st);
  db.pragma(`user_version = ${version}`);
  return db;
}

/** A fresh ledger in a real SQLite file in a temp folder. */
export function tempLedger(file = path.join(tempDir(), 'ledger.sqlite3')): Ledger {
  const ledger = openDatabase(file);
  ledgers.push(ledger);
  return ledger;
}

/** A settable clock, starting at the given instant. */
export function fakeClock(iso = '2025-06-10T02:00:00.000Z'): { now: () => Date; set(iso: string): void } {
  let t = new Date(iso);
  return { now: () => new Date(t), set: (v) => (t = new Date(v)) };
}

export interface TestApp {
  ledger: Ledger;
  router: Router;
  clock: ReturnType<typeof fakeClock>;
  as(caller: Caller): void;
  /** call through the router and unwrap; throws with the error code on failure */
  call<T = any>(method: string, input?: unknown): Promise<T>;
  ctx(): ServiceContext;
}

export function testApp(ledger = tempLedger()): TestApp {
  const clock = fakeClock();
  let caller: Caller = LOCAL_ADMIN;
  const router = createRouter({ ledger, caller: () => caller, now: clock.now, onInternalError: () => {} });
  return {
    ledger,
    router,
    clock,
    as: (c) => (caller = c),
    async call(method, input = {}) {
      const r = await router.call(method, input);
      if (!r.ok) {
        const e = new Error(`${r.error.code}: ${r.error.message}`) as Error & { code: string; issues?: unknown };
        e.code = r.error.code;
        e.issues = r.error.issues;
        throw e;
      }
      return r.value as any;
    },
    ctx: () => ({ ledger, caller, now: clock.now }),
  };
}

/** A department, a counsel, and the ids of two categories, ready for registering. */
export async function seedBasics(app: TestApp) {
  const dept = await app.call('departments.create', { name: '综合处' });
  const dept2 = await app.call('departments.create', { name: '政策法规处' });
  const counsel = await app.call('counsels.create', { name: '王律师', firm: '某某律师事务所', engagedFrom: '2024-01-01' });
  const cats = await app.call<{ id: number; code: string }[]>('categories.list', {});
  const cat = (code: string) => cats.find((c) => c.code === code)!.id;
  return { dept, dept2, counsel, cat };
}

export function register(app: TestApp, fields: Record<string, unknown>) {
  return app.call('consultations.create', { title: '某合同审查', itemCount: 1, receivedOn: '2025-03-01', ...fields });
}
