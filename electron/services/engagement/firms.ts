/**
 * Law firms (律师事务所). A counsel belongs to one (counsels.firm_id); the counsel's
 * firm name (counsels.firm) is a copy this module keeps in step: written with the
 * counsel, and with every rename of the firm, in the same transaction.
 */
import type Database from 'better-sqlite3';
import type { Firm } from '#contract/engagement-contract';
import type { ParsedInputOf } from '#contract/contract';
import { appendAudit } from '../audit';
import { auditedCreate, auditedUpdate } from '../audited';
import type { ServiceContext } from '../context';
import { AppError, notFound } from '../errors';

const SELECT = `SELECT f.id, f.name, f.contact, f.phone, f.active, f.version,
  (SELECT count(*) FROM counsels c WHERE c.firm_id = f.id) AS counselCount FROM firms f`;

type FirmRow = Omit<Firm, 'active'> & { active: number };
const toFirm = (r: FirmRow): Firm => ({ ...r, active: Boolean(r.active) });

export function listFirms(ctx: ServiceContext, input: ParsedInputOf<'firms.list'>): Firm[] {
  const where = input.includeInactive ? '' : ' WHERE f.active = 1';
  return (ctx.ledger.sqlite.prepare(`${SELECT}${where} ORDER BY f.id`).all() as FirmRow[]).map(toFirm);
}

export function getFirm(ctx: ServiceContext, id: number): Firm {
  const row = ctx.ledger.sqlite.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FirmRow | undefined;
  if (!row) throw notFound('律师事务所');
  return toFirm(row);
}

function nameTaken(sqlite: Database.Database, name: string, except = 0): boolean {
  return sqlite.prepare('SELECT 1 FROM firms WHERE name = ? AND id <> ?').get(name, except) !== undefined;
}

export function createFirm(ctx: ServiceContext, input: ParsedInputOf<'firms.create'>): Firm {
  const { sqlite } = ctx.ledger;
  const insert = () => {
    if (nameTaken(sqlite, input.name)) throw new AppError('CONFLICT', `律师事务所“${input.name}”已存在`, [{ path: 'name', message: '该律师事务所已存在' }]);
    const sql = 'INSERT INTO firms (name, contact, phone, active, version, created_at) VALUES (?, ?, ?, 1, 1, ?)';
    return Number(sqlite.prepare(sql).run(input.name, input.contact, input.phone, ctx.now().toISOString()).lastInsertRowid);
  };
  return auditedCreate(ctx, { action: 'firms.create', entity: 'firm' }, insert, (id) => getFirm(ctx, id));
}

export function updateFirm(ctx: ServiceContext, input: ParsedInputOf<'firms.update'>): Firm {
  const { sqlite } = ctx.ledger;
  return auditedUpdate(ctx, { action: 'firms.update', entity: 'firm' }, input, (id) => getFirm(ctx, id), (before) => {
    const next = {
      name: input.name ?? before.name,
      contact: input.contact ?? before.contact,
      phone: input.phone ?? before.phone,
      active: input.active ?? before.active,
    };
    if (nameTaken(sqlite, next.name, input.id)) throw new AppError('CONFLICT', `律师事务所“${next.name}”已存在`, [{ path: 'name', message: '该律师事务所已存在' }]);
    sqlite
      .prepare('UPDATE firms SET name = ?, contact = ?, phone = ?, active = ?, version = version + 1 WHERE id = ? AND version = ?')
      .run(next.name, next.contact, next.phone, next.active ? 1 : 0, input.id, input.version);
    // the counsel's copy of the name follows the firm (one write path: here)
    if (next.name !== before.name) sqlite.prepare('UPDATE counsels SET firm = ?, version = version + 1 WHERE firm_id = ?').run(next.name, input.id);
  });
}

/**
 * The firm of this name, created when there is none (counsel are entered and
 * imported with their firm's name). Runs inside the caller's write transaction.
 */
export function firmIdForName(ctx: ServiceContext, name: string): number {
  const { sqlite } = ctx.ledger;
  const found = sqlite.prepare('SELECT id FROM firms WHERE name = ?').get(name) as { id: number } | undefined;
  if (found) return found.id;
  const id = Number(
    sqlite.prepare("INSERT INTO firms (name, contact, phone, active, version, created_at) VALUES (?, '', '', 1, 1, ?)").run(name, ctx.now().toISOString()).lastInsertRowid,
  );
  appendAudit(ctx, { action: 'firms.create', entity: 'firm', entityId: id, after: getFirm(ctx, id) });
  return id;
}
