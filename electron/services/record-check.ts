/**
 * `verify` of the official record, beyond the chain itself (audit.ts): the two
 * triggers that make the audit log append-only exist exactly as shipped, every
 * consultation has the audit record that created it, and the chain is no
 * shorter than, and agrees with, every anchor written outside the database.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS } from '../../db/migrations.generated';
import type { AuditVerification } from '#domain/types';
import { verifyAuditChain } from './audit';
import type { AuditKeyState } from './audit-key';
import { readAnchors } from './backup/anchors';

/** How consultations come into the ledger; each leaves one of these records (entity 'consultation', its id). */
export const CREATING_ACTIONS = ['consultations.create', 'consultations.import'] as const;

const normalise = (sql: string) => sql.replace(/--[^\n]*\n/g, '').replace(/\s+/g, ' ').replace(/;\s*$/, '').trim();

/** The triggers as the migrations up to `version` (user_version) create them: name → SQL. */
export function shippedTriggers(version = MIGRATIONS.length): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of MIGRATIONS.slice(0, version)) {
    for (const statement of m.statements) {
      const sql = normalise(statement);
      const name = /^CREATE TRIGGER [`"]?(\w+)[`"]?/i.exec(sql)?.[1];
      if (name) out.set(name, sql);
    }
  }
  return out;
}

function triggerProblem(sqlite: Database.Database): string | null {
  const present = new Map(
    (sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[]).map((t) => [t.name, normalise(t.sql)]),
  );
  // a backup of an earlier version has that version's triggers (restore checks it before the migrations run)
  for (const [name, sql] of shippedTriggers(sqlite.pragma('user_version', { simple: true }) as number)) {
    if (!present.has(name)) return `保护审计记录的触发器 ${name} 不存在（被删除过）`;
    if (present.get(name) !== sql) return `保护审计记录的触发器 ${name} 与本软件的不同（被改动过）`;
  }
  return null;
}

export interface RecordCheckOptions {
  keyState?: AuditKeyState;
  /** folders whose anchors (backup/anchors.ts) the chain is compared with */
  anchorDirs?: readonly string[];
  /** a whole chain of an earlier version, unkeyed, is accepted (a backup about to be restored) */
  acceptUnkeyed?: boolean;
}

export function verifyRecord(sqlite: Database.Database, opts: RecordCheckOptions = {}): AuditVerification {
  const chain = verifyAuditChain(sqlite, opts.keyState, opts.acceptUnkeyed);
  if (!chain.ok) return chain;
  const triggers = triggerProblem(sqlite);
  if (triggers) return { ok: false, checked: chain.checked, firstBadId: null, problem: triggers };
  const orphan = sqlite
    .prepare(
      `SELECT c.id FROM consultations c WHERE NOT EXISTS (
         SELECT 1 FROM audit_log a WHERE a.entity = 'consultation' AND a.entity_id = CAST(c.id AS TEXT)
           AND a.action IN (${CREATING_ACTIONS.map(() => '?').join(', ')}))
       ORDER BY c.id LIMIT 1`,
    )
    .pluck()
    .get(...CREATING_ACTIONS) as number | undefined;
  if (orphan !== undefined) {
    return { ok: false, checked: chain.checked, firstBadId: null, problem: `咨询事项（编号 ${orphan}）没有登记时的审计记录（审计记录被删除过）` };
  }
  const lastRestore = sqlite
    .prepare("SELECT max(at) FROM audit_log WHERE action IN ('backups.restore', 'recovery.restore') AND result = 'ok'")
    .pluck()
    .get() as string | null;
  const hashAt = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
  for (const anchor of readAnchors(opts.anchorDirs ?? [])) {
    if (lastRestore && anchor.at <= lastRestore) continue;
    if (anchor.count > chain.checked) {
      return {
        ok: false,
        checked: chain.checked,
        firstBadId: null,
        problem: `审计记录比备份 ${anchor.backup} 时还少（当时 ${anchor.count} 条，现在 ${chain.checked} 条）：记录被删除过`,
      };
    }
    if (anchor.lastId > 0 && hashAt.get(anchor.lastId) !== anchor.head) {
      return {
        ok: false,
        checked: chain.checked,
        firstBadId: anchor.lastId,
        problem: `第 ${anchor.lastId} 条审计记录与备份 ${anchor.backup} 时记下的不同：记录被改写过`,
      };
    }
  }
  return chain;
}
