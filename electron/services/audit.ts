import { createHash, createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import { personNameSql, serialNoSql } from '../../db/queries/people';
import { prepareCached } from '../../db/queries/statements';
import type { AuditRecord, AuditVerification } from '#domain/types';
import { auditKeyOf, type AuditKeyState } from './audit-key';
import type { ServiceContext } from './context';
import { AppError } from './errors';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The record that carries a chain written before the key existed (an older
 * version's plain SHA-256 chain) over to the keyed one: signed with the key, it
 * states how many unkeyed records precede it and the hash of the last one, so
 * the unkeyed part cannot be rewritten unseen either.
 */
export const KEYED_MARKER = { entity: 'audit_chain', action: 'audit.keyed' } as const;

/**
 * The schema version (user_version) of the first release with the keyed chain:
 * migration 0004 shipped with it, so every database at this version or later was
 * opened by an app that keys its chain (or carries an unkeyed one over at once).
 * Only a database of an earlier version may hold an unkeyed chain.
 */
export const KEYED_SINCE_SCHEMA_VERSION = 5;

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'refused' | 'failed';
}

interface AuditRow extends Omit<AuditRecord, 'actorName' | 'entityName'> {
  prevHash: string;
  hash: string;
}

type HashedFields = Omit<AuditRow, 'id' | 'prevHash' | 'hash'>;

const canonical = (r: HashedFields): string => JSON.stringify([r.at, r.actor, r.action, r.entity, r.entityId, r.result, r.before, r.after]);

/** The unkeyed hash of earlier versions: every field but the id, in a fixed order, chained to the previous record. */
export function auditHash(prevHash: string, r: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(r)).digest('hex');
}

/** The keyed hash: the same input under HMAC-SHA256 with the installation's key (audit-key.ts). */
export function auditHmac(key: Buffer, prevHash: string, r: HashedFields): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical(r)).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Append one audit record. Call inside the same transaction as the write it records. */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry): void {
  appendAuditRaw(ctx.ledger.sqlite, ctx.now(), ctx.caller.username, entry);
}

function usableKey(sqlite: Database.Database): Buffer {
  const state = auditKeyOf(sqlite);
  if ('unavailable' in state) throw new AppError('UNAVAILABLE', state.unavailable);
  return state.key;
}

const WRONG_KEY = '审计记录由另一把审计密钥签名（数据库与其密钥文件不是一起复制或恢复的），为保护记录已拒绝写入。请把原来的密钥文件放回数据库旁。';

/**
 * Whether the chain is keyed already: it began keyed, or a keyed marker carried
 * it over. A chain that is neither keyed with this key nor an earlier version's
 * unkeyed chain was signed with another key: nothing is appended to it.
 */
function chainIsKeyed(sqlite: Database.Database, key: Buffer): boolean {
  const marker = prepareCached(sqlite, `SELECT 1 FROM audit_log WHERE entity = '${KEYED_MARKER.entity}' AND action = '${KEYED_MARKER.action}' LIMIT 1`).get();
  if (marker) return true;
  const first = prepareCached(
    sqlite,
    `SELECT at, actor, action, entity, entity_id AS entityId, result, before, after, prev_hash AS prevHash, hash FROM audit_log ORDER BY id LIMIT 1`,
  ).get() as AuditRow | undefined;
  if (!first || auditHmac(key, first.prevHash, first) === first.hash) return true;
  if (auditHash(first.prevHash, first) !== first.hash) throw new AppError('UNAVAILABLE', WRONG_KEY);
  return false;
}

function insertRecord(sqlite: Database.Database, key: Buffer, prevHash: string, record: HashedFields): string {
  const hash = auditHmac(key, prevHash, record);
  prepareCached(
    sqlite,
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, result, before, after, prev_hash, hash)
     VALUES (@at, @actor, @action, @entity, @entityId, @result, @before, @after, @prevHash, @hash)`,
  ).run({ ...record, prevHash, hash });
  return hash;
}

/** Carry an unkeyed chain over (see KEYED_MARKER); nothing when it is keyed or empty. Call inside a write transaction. */
function markKeyed(sqlite: Database.Database, key: Buffer, now: Date, prevHash: string): string {
  if (chainIsKeyed(sqlite, key)) return prevHash;
  const legacyRecords = prepareCached(sqlite, 'SELECT count(*) FROM audit_log').pluck().get() as number;
  return insertRecord(sqlite, key, prevHash, {
    at: now.toISOString(),
    actor: 'system',
    action: KEYED_MARKER.action,
    entity: KEYED_MARKER.entity,
    entityId: null,
    result: 'ok',
    before: null,
    after: json({ legacyRecords, legacyHead: prevHash }),
  });
}

/** At open: an unkeyed chain of an earlier version is carried over at once, so verify can demand the key from then on. */
export function ensureKeyedChain(sqlite: Database.Database, now: Date): void {
  const state = auditKeyOf(sqlite);
  if ('unavailable' in state) return;
  sqlite
    .transaction(() => {
      const last = prepareCached(sqlite, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
      if (last) markKeyed(sqlite, state.key, now, last.hash);
    })
    .immediate();
}

export function appendAuditRaw(sqlite: Database.Database, now: Date, actor: string, entry: AuditEntry): void {
  const key = usableKey(sqlite);
  // cached statements: an import appends one record per item, and preparing costs more than the insert
  const last = prepareCached(sqlite, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    | { hash: string }
    | undefined;
  const prevHash = last ? markKeyed(sqlite, key, now, last.hash) : GENESIS_HASH;
  insertRecord(sqlite, key, prevHash, {
    at: now.toISOString(),
    actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    result: entry.result ?? 'ok',
    before: json(entry.before),
    after: json(entry.after),
  });
}

/** The chain's end, for the anchors written outside the database (beside backups, in exports). */
export interface AuditHead {
  count: number;
  lastId: number;
  head: string;
}

export function auditHead(sqlite: Database.Database): AuditHead {
  const last = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const count = sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  return { count, lastId: last?.id ?? 0, head: last?.hash ?? GENESIS_HASH };
}

/**
 * Recompute the chain from the start and name the first record that does not
 * fit. With the key, every keyed record's HMAC is checked and an unkeyed chain
 * must end in a keyed marker that signs it; without the key (the command line
 * on a database whose key the app holds), the links and the unkeyed part are
 * checked and the result says the signatures were not.
 */
export function verifyAuditChain(sqlite: Database.Database, keyState: AuditKeyState = auditKeyOf(sqlite), acceptUnkeyed = false): AuditVerification {
  const key = 'unavailable' in keyState ? null : keyState.key;
  const rows = sqlite
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, result, before, after,
              prev_hash AS prevHash, hash FROM audit_log ORDER BY id`,
    )
    .iterate() as IterableIterator<AuditRow>;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let lastId = 0;
  let keyed = false;
  for (const row of rows) {
    if (row.id !== lastId + 1) {
      return bad(checked, row.id, `记录编号不连续：${lastId} 之后应为 ${lastId + 1}，实际为 ${row.id}（有记录被删除或插入）`);
    }
    if (row.prevHash !== expectedPrev) {
      return bad(checked, row.id, `第 ${row.id} 条记录的前序哈希与上一条不符（记录被删除、插入或重排）`);
    }
    const isMarker = row.entity === KEYED_MARKER.entity && row.action === KEYED_MARKER.action;
    // Where the keyed part begins: at the first record, or at the marker. Without the key, a first
    // record that is not a plain SHA-256 one is taken as keyed (its signature cannot be checked here).
    if (!keyed && (isMarker || row.id === 1)) {
      keyed = key === null ? isMarker || auditHash(row.prevHash, row) !== row.hash : auditHmac(key, row.prevHash, row) === row.hash;
    }
    if (isMarker && keyed) {
      const after = JSON.parse(row.after ?? '{}') as { legacyRecords?: number; legacyHead?: string };
      if (after.legacyRecords !== checked || after.legacyHead !== row.prevHash) {
        return bad(checked, row.id, `第 ${row.id} 条记录（签名起点）与其之前的记录不符（之前的记录被改动）`);
      }
    }
    if (keyed) {
      if (key !== null && auditHmac(key, row.prevHash, row) !== row.hash) {
        return bad(checked, row.id, `第 ${row.id} 条记录的内容与其签名不符（记录被篡改，或审计密钥不是本机的）`);
      }
    } else if (auditHash(row.prevHash, row) !== row.hash) {
      return bad(checked, row.id, `第 ${row.id} 条记录的内容与其哈希不符（记录被篡改）`);
    }
    expectedPrev = row.hash;
    lastId = row.id;
    checked += 1;
  }
  if (key !== null && checked > 0 && !keyed && !acceptUnkeyed) {
    return bad(checked, 1, '审计记录没有本机密钥的签名（整条记录链可能被重新计算过）');
  }
  // A deleted tail is caught by the AUTOINCREMENT high-water mark, which must match exactly.
  const seq = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
  if (seq && seq.seq > lastId) {
    return bad(checked, lastId + 1, `第 ${lastId + 1} 条及之后的记录缺失（记录被删除）`);
  }
  if (lastId > 0 && (!seq || seq.seq < lastId)) {
    return bad(checked, lastId, '审计记录的编号计数器被改动（低于已有的最大编号）');
  }
  return {
    ok: true,
    checked,
    firstBadId: null,
    problem: key === null && keyed ? '签名部分未核对：本机没有该台账的审计密钥' : null,
  };
}

function bad(checked: number, firstBadId: number, problem: string): AuditVerification {
  return { ok: false, checked, firstBadId, problem };
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  result?: 'ok' | 'refused' | 'failed';
  page: number;
  pageSize: number;
}

/**
 * What a record is about, as people know it: a consultation by its serial
 * number, an account, division, counsel or category by its name. Accounts are
 * recorded by user name (by id at first setup). Null when it no longer exists.
 */
const ENTITY_NAME_SQL = `CASE a.entity
  WHEN 'consultation' THEN (SELECT ${serialNoSql()} FROM consultations WHERE id = CAST(a.entity_id AS INTEGER))
  WHEN 'user' THEN coalesce((SELECT display_name FROM users WHERE username = a.entity_id), (SELECT display_name FROM users WHERE CAST(id AS TEXT) = a.entity_id))
  WHEN 'department' THEN (SELECT name FROM departments WHERE id = CAST(a.entity_id AS INTEGER))
  WHEN 'counsel' THEN (SELECT name FROM counsels WHERE id = CAST(a.entity_id AS INTEGER))
  WHEN 'category' THEN (SELECT name_zh FROM categories WHERE id = CAST(a.entity_id AS INTEGER))
END`;

/** The audit view: newest first; `from`/`to` are Shanghai calendar days. */
export function listAudit(sqlite: Database.Database, f: AuditFilter) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  // at is UTC ISO; a Shanghai day starts 8 hours earlier in UTC.
  if (f.from) {
    where.push('at >= @from');
    params.from = new Date(Date.parse(`${f.from}T00:00:00+08:00`)).toISOString();
  }
  if (f.to) {
    where.push('at < @to');
    params.to = new Date(Date.parse(`${f.to}T00:00:00+08:00`) + 86_400_000).toISOString();
  }
  if (f.actor) {
    // by user name or by the name people know them by (姓名)
    where.push('(actor = @actor OR actor IN (SELECT username FROM users WHERE display_name = @actor))');
    params.actor = f.actor;
  }
  if (f.action) {
    where.push('instr(action, @action) > 0');
    params.action = f.action;
  }
  if (f.result) {
    where.push('result = @result');
    params.result = f.result;
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = sqlite
    .prepare(
      `SELECT id, at, actor, ${personNameSql('actor')} AS actorName, action, entity, entity_id AS entityId, ${ENTITY_NAME_SQL} AS entityName,
              result, before, after FROM audit_log a ${w}
       ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }) as AuditRecord[];
  const total = sqlite.prepare(`SELECT count(*) FROM audit_log ${w}`).pluck().get(params) as number;
  return { rows, total, page: f.page, pageSize: f.pageSize };
}

