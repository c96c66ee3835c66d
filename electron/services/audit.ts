import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepareCached } from '../../db/queries/statements';
import type { AuditRecord, AuditVerification } from '#domain/types';
import type { ServiceContext } from './context';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'refused' | 'failed';
}

interface AuditRow extends AuditRecord {
  prevHash: string;
  hash: string;
}

/** The hash covers every field but the id, in a fixed order, chained to the previous record. */
export function auditHash(prevHash: string, r: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>): string {
  const canonical = JSON.stringify([r.at, r.actor, r.action, r.entity, r.entityId, r.result, r.before, r.after]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Append one audit record. Call inside the same transaction as the write it records. */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry): void {
  appendAuditRaw(ctx.ledger.sqlite, ctx.now(), ctx.caller.username, entry);
}

export function appendAuditRaw(sqlite: Database.Database, now: Date, actor: string, entry: AuditEntry): void {
  // cached statements: an import appends one record per item, and preparing costs more than the insert
  const last = prepareCached(sqlite, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    | { hash: string }
    | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const record = {
    at: now.toISOString(),
    actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    result: entry.result ?? 'ok',
    before: json(entry.before),
    after: json(entry.after),
  };
  prepareCached(
    sqlite,
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, result, before, after, prev_hash, hash)
     VALUES (@at, @actor, @action, @entity, @entityId, @result, @before, @after, @prevHash, @hash)`,
  ).run({ ...record, prevHash, hash: auditHash(prevHash, record) });
}

/** Recompute the chain from the start and name the first record that does not fit. */
export function verifyAuditChain(sqlite: Database.Database): AuditVerification {
  const rows = sqlite
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, result, before, after,
              prev_hash AS prevHash, hash FROM audit_log ORDER BY id`,
    )
    .iterate() as IterableIterator<AuditRow>;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let lastId = 0;
  for (const row of rows) {
    if (row.id !== lastId + 1) {
      return bad(checked, row.id, `记录编号不连续：${lastId} 之后应为 ${lastId + 1}，实际为 ${row.id}（有记录被删除或插入）`);
    }
    if (row.prevHash !== expectedPrev) {
      return bad(checked, row.id, `第 ${row.id} 条记录的前序哈希与上一条不符（记录被删除、插入或重排）`);
    }
    if (auditHash(row.prevHash, row) !== row.hash) {
      return bad(checked, row.id, `第 ${row.id} 条记录的内容与其哈希不符（记录被篡改）`);
    }
    expectedPrev = row.hash;
    lastId = row.id;
    checked += 1;
  }
  // A deleted tail is caught by the AUTOINCREMENT high-water mark.
  const seq = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
  if (seq && seq.seq > lastId) {
    return bad(checked, lastId + 1, `第 ${lastId + 1} 条及之后的记录缺失（记录被删除）`);
  }
  return { ok: true, checked, firstBadId: null, problem: null };
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
    where.push('actor = @actor');
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
      `SELECT id, at, actor, action, entity, entity_id AS entityId, result, before, after FROM audit_log ${w}
       ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }) as AuditRecord[];
  const total = sqlite.prepare(`SELECT count(*) FROM audit_log ${w}`).pluck().get(params) as number;
  return { rows, total, page: f.page, pageSize: f.pageSize };
}

