import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '#contract/contract';
import { yearOf } from '#domain/dates';
import { addWorkingDays } from '../calendar';
import { reindexConsultation } from '../../../db/queries/search';
import type { ConsultationDetail, ConsultationStatus } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { conflict, invalidField } from '../errors';
import { readSettings } from '../settings';
import { assertVisible, loadDetail, today } from './read';
import type { Action } from '#domain/workflow';
import { assertTransition } from './workflow';

function assertActive(sqlite: Database.Database, table: 'categories' | 'departments' | 'counsels', id: number, field: string, what: string): void {
  const row = sqlite.prepare(`SELECT active FROM ${table} WHERE id = ?`).get(id) as { active: number } | undefined;
  if (!row) throw invalidField(field, `所选${what}不存在`);
  if (!row.active) throw invalidField(field, `所选${what}已停用`);
}

/** Next serial for the year. The counter only goes up, so a number is never handed out twice. */
function nextSerial(sqlite: Database.Database, year: number): number {
  const row = sqlite
    .prepare(
      `INSERT INTO serial_counters (year, last_seq) VALUES (?, 1)
       ON CONFLICT(year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq AS seq`,
    )
    .get(year) as { seq: number };
  return row.seq;
}

function recordStatus(ctx: ServiceContext, id: number, from: ConsultationStatus | null, to: string, reason = ''): void {
  ctx.ledger.sqlite
    .prepare('INSERT INTO status_history (consultation_id, from_status, to_status, at, actor, reason) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, from, to, ctx.now().toISOString(), ctx.caller.username, reason);
}

export function createConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.create'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    assertActive(sqlite, 'categories', input.categoryId, 'categoryId', '类别');
    assertActive(sqlite, 'departments', input.departmentId, 'departmentId', '处室');
    const year = yearOf(input.receivedOn);
    const prefix = readSettings(ctx.ledger.db).serialPrefix;
    const seq = nextSerial(sqlite, year);
    const at = ctx.now().toISOString();
    const who = ctx.caller.username;
    const { lastInsertRowid } = sqlite
      .prepare(
        `INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, description, category_id, department_id,
           requester, received_on, due_on, item_count, status, note, version, created_at, created_by, updated_at, updated_by)
         VALUES (@prefix, @year, @seq, @title, @description, @categoryId, @departmentId, @requester, @receivedOn, @dueOn,
           @itemCount, 'registered', @note, 1, @at, @who, @at, @who)`,
      )
      .run({ ...input, prefix, year, seq, at, who });
    const id = Number(lastInsertRowid);
    recordStatus(ctx, id, null, 'registered');
    reindexConsultation(sqlite, id);
    const after = loadDetail(ctx, id);
    appendAudit(ctx, { action: 'consultations.create', entity: 'consultation', entityId: id, after: snapshot(after) });
    return after;
  });
}

/** What the audit keeps of an item: its own fields, not the joined lists. */
function snapshot(d: ConsultationDetail): Record<string, unknown> {
  const { opinions: _o, history: _h, ...own } = d;
  return own;
}

/**
 * Load, check version, visibility and workflow, run the change, bump the version,
 * and write history and audit: all in one transaction.
 */
function change(
  ctx: ServiceContext,
  ref: { id: number; version: number },
  action: Action,
  apply: (before: ConsultationDetail) => { to?: ConsultationStatus | 'trashed' | 'restored'; reason?: string } | void,
): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const before = loadDetail(ctx, ref.id);
    assertVisible(ctx, before);
    if (before.version !== ref.version) throw conflict();
    assertTransition(action, before.status, before.trashedAt !== null);
    const result = apply(before) ?? {};
    const bumped = sqlite
      .prepare('UPDATE consultations SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?')
      .run(ctx.now().toISOString(), ctx.caller.username, ref.id, ref.version);
    if (bumped.changes !== 1) throw conflict();
    if (result.to) recordStatus(ctx, ref.id, before.status, result.to, result.reason ?? '');
    reindexConsultation(sqlite, ref.id);
    const after = loadDetail(ctx, ref.id);
    appendAudit(ctx, {
      action: `consultations.${action}`,
      entity: 'consultation',
      entityId: ref.id,
      before: snapshot(before),
      after: action === 'addOpinion' ? { ...snapshot(after), opinion: after.opinions.at(-1) } : snapshot(after),
    });
    return after;
  });
}

export function updateConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.update'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return change(ctx, input, 'update', (before) => {
    if (yearOf(input.receivedOn) !== before.serialYear) {
      throw invalidField(
        'receivedOn',
        `编号 ${before.serialNo} 属于 ${before.serialYear} 年，收件日期不能改到其他年份；如确属登记错误，请将本事项移入回收站后重新登记`,
      );
    }
    if (input.categoryId !== before.categoryId) assertActive(sqlite, 'categories', input.categoryId, 'categoryId', '类别');
    if (input.departmentId !== before.departmentId) assertActive(sqlite, 'departments', input.departmentId, 'departmentId', '处室');
    sqlite
      .prepare(
        `UPDATE consultations SET title = @title, description = @description, category_id = @categoryId,
           department_id = @departmentId, requester = @requester, received_on = @receivedOn, due_on = @dueOn,
           item_count = @itemCount, note = @note WHERE id = @id`,
      )
      .run(input);
  });
}

export function assignConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.assign'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return change(ctx, input, 'assign', (before) => {
    assertActive(sqlite, 'counsels', input.counselId, 'counselId', '法律顾问');
    const dueOn =
      input.dueOn === undefined
        ? (before.dueOn ?? addWorkingDays(sqlite, before.receivedOn, readSettings(ctx.ledger.db).defaultDueDays))
        : input.dueOn;
    if (dueOn !== null && dueOn < before.receivedOn) throw invalidField('dueOn', '办理时限不能早于收件日期');
    sqlite
      .prepare('UPDATE consultations SET counsel_id = ?, due_on = ?, assigned_on = ?, status = ? WHERE id = ?')
      .run(input.counselId, dueOn, today(ctx), 'assigned', input.id);
    const reason = before.counselId && before.counselId !== input.counselId ? '改派' : '';
    return { to: 'assigned', reason };
  });
}

export function addOpinion(ctx: ServiceContext, input: ParsedInputOf<'consultations.addOpinion'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return change(ctx, input, 'addOpinion', (before) => {
    if (input.issuedOn < before.receivedOn) throw invalidField('issuedOn', '意见出具日期不能早于收件日期');
    if (input.issuedOn > today(ctx)) throw invalidField('issuedOn', '意见出具日期不能晚于今天');
    const round = before.opinions.length + 1;
    sqlite
      .prepare(
        `INSERT INTO opinions (consultation_id, round, counsel_id, conclusion, text, issued_on, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.id, round, before.counselId, input.conclusion, input.text, input.issuedOn, ctx.now().toISOString(), ctx.caller.username);
    if (before.status !== 'answered') {
      sqlite.prepare("UPDATE consultations SET status = 'answered' WHERE id = ?").run(input.id);
      return { to: 'answered' };
    }
    return undefined;
  });
}

export function recordOutcome(ctx: ServiceContext, input: ParsedInputOf<'consultations.recordOutcome'>): ConsultationDetail {
  return change(ctx, input, 'recordOutcome', (before) => {
    const firstOpinion = before.opinions[0];
    if (firstOpinion && input.outcomeOn < firstOpinion.issuedOn) {
      throw invalidField('outcomeOn', '采纳情况登记日期不能早于意见出具日期');
    }
    ctx.ledger.sqlite
      .prepare('UPDATE consultations SET outcome = ?, outcome_reason = ?, outcome_on = ? WHERE id = ?')
      .run(input.outcome, input.reason || null, input.outcomeOn, input.id);
  });
}

export function closeConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.close'>): ConsultationDetail {
  return change(ctx, input, 'close', () => {
    ctx.ledger.sqlite.prepare("UPDATE consultations SET status = 'closed', closed_on = ? WHERE id = ?").run(today(ctx), input.id);
    return { to: 'closed' };
  });
}

export function withdrawConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.withdraw'>): ConsultationDetail {
  return change(ctx, input, 'withdraw', () => {
    ctx.ledger.sqlite.prepare("UPDATE consultations SET status = 'withdrawn' WHERE id = ?").run(input.id);
    return { to: 'withdrawn', reason: input.reason };
  });
}

/** A closed item goes back to 已出具意见; a withdrawn one to the status it was withdrawn from. */
export function reopenConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.reopen'>): ConsultationDetail {
  return change(ctx, input, 'reopen', (before) => {
    let to: ConsultationStatus = 'answered';
    if (before.status === 'withdrawn') {
      const last = [...before.history].reverse().find((h) => h.toStatus === 'withdrawn');
      to = (last?.fromStatus as ConsultationStatus | null) ?? 'registered';
    }
    ctx.ledger.sqlite.prepare('UPDATE consultations SET status = ?, closed_on = NULL WHERE id = ?').run(to, input.id);
    return { to, reason: input.reason };
  });
}

export function trashConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.trash'>): ConsultationDetail {
  return change(ctx, input, 'trash', () => {
    ctx.ledger.sqlite.prepare('UPDATE consultations SET trashed_at = ? WHERE id = ?').run(ctx.now().toISOString(), input.id);
    return { to: 'trashed', reason: input.reason };
  });
}

export function restoreConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.restore'>): ConsultationDetail {
  return change(ctx, input, 'restore', () => {
    ctx.ledger.sqlite.prepare('UPDATE consultations SET trashed_at = NULL WHERE id = ?').run(input.id);
    return { to: 'restored' };
  });
}

