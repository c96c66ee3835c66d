import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '#contract/contract';
import { yearOf } from '#domain/dates';
import { addWorkingDays } from '../calendar';
import { reindexConsultation } from '../../../db/queries/search';
import { prepareCached } from '../../../db/queries/statements';
import { checkEngagementCovers } from '../engagement/engagements';
import { rateItem } from '../engagement/ratings';
import type { ConsultationDetail, ConsultationStatus, HistoryEvent, StepKind } from '#domain/types';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError, conflict, invalidField } from '../errors';
import { readSettings } from '../settings';
import { assertVisible, loadDetail, today } from './read';
import { refuseFuture } from './not-future';
import { isCorrectableStep, type Action } from '#domain/workflow';
import { assertTransition, isStatusRow, STEP_DATE_ZH, stepKindOf } from './workflow';
import { assertSignedOff, opinionProcedureFields } from '../procedures/opinion';
import { categoryProcedure } from '../procedures/settings';

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

/** A row of the history, a change of status or another step; entry time and who typed it come from the context. */
export interface HistoryRow {
  to: ConsultationStatus | HistoryEvent;
  reason?: string;
  /** the business date of a dated step (null for trash/restore and corrections) */
  on: string | null;
  detail?: Record<string, unknown>;
}

function recordHistory(ctx: ServiceContext, id: number, from: ConsultationStatus | null, row: HistoryRow): void {
  const { sqlite } = ctx.ledger;
  sqlite
    .prepare(
      'INSERT INTO status_history (consultation_id, from_status, to_status, at, actor, reason, business_on, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(id, from, row.to, ctx.now().toISOString(), ctx.caller.username, row.reason ?? '', row.on, row.detail ? JSON.stringify(row.detail) : null);
  if (isStatusRow({ toStatus: row.to })) refreshStatusOn(ctx, id);
}

/** consultations.status_on: the business date of the latest change of status (see db/schema.ts). */
function refreshStatusOn(ctx: ServiceContext, id: number): void {
  ctx.ledger.sqlite
    .prepare(
      `UPDATE consultations SET status_on = (SELECT h.business_on FROM status_history h WHERE h.consultation_id = @id
         AND h.to_status IN ('registered', 'assigned', 'answered', 'closed', 'withdrawn') ORDER BY h.id DESC LIMIT 1) WHERE id = @id`,
    )
    .run({ id });
}

interface DatedStep {
  kind: StepKind;
  on: string;
}

/** Every dated step of the item so far: receipt, the history's steps, every opinion, the outcome. */
function datedSteps(before: ConsultationDetail): DatedStep[] {
  const steps: DatedStep[] = [{ kind: 'received', on: before.receivedOn }];
  for (const h of before.history) {
    const kind = stepKindOf(h);
    if (kind && kind !== 'received' && h.businessOn) steps.push({ kind, on: h.businessOn });
  }
  for (const o of before.opinions) steps.push({ kind: 'opinion', on: o.issuedOn });
  if (before.outcomeOn) steps.push({ kind: 'outcome', on: before.outcomeOn });
  return steps;
}

/**
 * The one rule for business dates (docs/DOMAIN.md): steps happen in order — 收件 ≤ 分派 ≤ 出具
 * ≤ 采纳登记 ≤ 办结, a withdrawal or a reopening after everything before it — and none
 * after today (Asia/Shanghai). A new step's date may not be earlier than the latest dated
 * step so far; the message names both dates.
 */
function assertStepDate(ctx: ServiceContext, before: ConsultationDetail, kind: StepKind, field: string, on: string): void {
  refuseFuture(ctx, field, on, STEP_DATE_ZH[kind]);
  const latest = datedSteps(before).reduce((a, b) => (b.on > a.on ? b : a));
  if (on < latest.on) throw invalidField(field, `${STEP_DATE_ZH[kind]}（${on}）不能早于${STEP_DATE_ZH[latest.kind]}（${latest.on}）`);
}

/** A corrected date must stay between the steps around it and not after today. */
function assertBetween(ctx: ServiceContext, kind: StepKind, field: string, on: string, lower: DatedStep | null, upper: DatedStep | null): void {
  refuseFuture(ctx, field, on, STEP_DATE_ZH[kind]);
  if (lower && on < lower.on) throw invalidField(field, `${STEP_DATE_ZH[kind]}（${on}）不能早于${STEP_DATE_ZH[lower.kind]}（${lower.on}）`);
  if (upper && on > upper.on) throw invalidField(field, `${STEP_DATE_ZH[kind]}（${on}）不能晚于${STEP_DATE_ZH[upper.kind]}（${upper.on}）`);
}

const latestOf = (steps: readonly DatedStep[]): DatedStep | null => steps.reduce<DatedStep | null>((a, b) => (a === null || b.on > a.on ? b : a), null);
const earliestOf = (steps: readonly DatedStep[]): DatedStep | null => steps.reduce<DatedStep | null>((a, b) => (a === null || b.on < a.on ? b : a), null);

/** How long an idempotency key is remembered: long enough for any retry, small enough to stay a small table. */
export const REQUEST_KEY_DAYS = 7;

/**
 * The item a create with this key already made, or null. A key is the caller's own:
 * someone else's (or another method's) is refused rather than answered.
 */
function repeatedCreate(ctx: ServiceContext, key: string): ConsultationDetail | null {
  const seen = prepareCached(ctx.ledger.sqlite, 'SELECT method, actor, result_id AS resultId FROM request_keys WHERE key = ?').get(key) as
    | { method: string; actor: string; resultId: number }
    | undefined;
  if (!seen) return null;
  if (seen.method !== 'consultations.create' || seen.actor !== ctx.caller.username) throw invalidField('requestId', '请求标识已被使用，请重新打开表单后再保存');
  return loadDetail(ctx, seen.resultId);
}

function rememberCreate(ctx: ServiceContext, key: string, id: number): void {
  const now = ctx.now();
  const sqlite = ctx.ledger.sqlite;
  prepareCached(sqlite, 'DELETE FROM request_keys WHERE created_at < ?').run(new Date(now.getTime() - REQUEST_KEY_DAYS * 86_400_000).toISOString());
  prepareCached(sqlite, 'INSERT INTO request_keys (key, method, actor, result_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
    key,
    'consultations.create',
    ctx.caller.username,
    id,
    now.toISOString(),
  );
}

export function createConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.create'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  refuseFuture(ctx, 'receivedOn', input.receivedOn, '收件日期');
  return inWriteTransaction(sqlite, () => {
    // A double click, a retry after a lost answer, or the same form saved from a second window:
    // the first save's item, not a second one (and no serial number spent).
    const repeated = input.requestId ? repeatedCreate(ctx, input.requestId) : null;
    if (repeated) return repeated;
    assertActive(sqlite, 'categories', input.categoryId, 'categoryId', '类别');
    assertActive(sqlite, 'departments', input.departmentId, 'departmentId', '处室');
    const { requestId: _key, ...fields } = input;
    const year = yearOf(input.receivedOn);
    const prefix = readSettings(ctx.ledger.db).serialPrefix;
    const seq = nextSerial(sqlite, year);
    const at = ctx.now().toISOString();
    const who = ctx.caller.username;
    const { lastInsertRowid } = sqlite
      .prepare(
        `INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, description, category_id, department_id,
           requester, received_on, due_on, item_count, status, note, secrecy, version, created_at, created_by, updated_at, updated_by)
         VALUES (@prefix, @year, @seq, @title, @description, @categoryId, @departmentId, @requester, @receivedOn, @dueOn,
           @itemCount, 'registered', @note, @secrecy, 1, @at, @who, @at, @who)`,
      )
      .run({ ...fields, prefix, year, seq, at, who });
    const id = Number(lastInsertRowid);
    recordHistory(ctx, id, null, { to: 'registered', on: input.receivedOn });
    if (input.requestId) rememberCreate(ctx, input.requestId, id);
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
export function change(
  ctx: ServiceContext,
  ref: { id: number; version: number },
  action: Action,
  apply: (before: ConsultationDetail) => { history?: HistoryRow; audit?: Record<string, unknown> } | void,
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
    if (result.history) recordHistory(ctx, ref.id, before.status, result.history);
    reindexConsultation(sqlite, ref.id);
    const after = loadDetail(ctx, ref.id);
    // the audit keeps the step's business date, and the entry time and who typed it are the record's own
    const h = result.history;
    const step = h ? { step: { to: h.to, businessOn: h.on, reason: h.reason ?? '', ...(h.detail ? { detail: h.detail } : {}) } } : {};
    appendAudit(ctx, {
      action: `consultations.${action}`,
      entity: 'consultation',
      entityId: ref.id,
      before: snapshot(before),
      after: { ...snapshot(after), ...(action === 'addOpinion' ? { opinion: after.opinions.at(-1) } : {}), ...step, ...result.audit },
    });
    return after;
  });
}

export function updateConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.update'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  refuseFuture(ctx, 'receivedOn', input.receivedOn, '收件日期');
  return change(ctx, input, 'update', (before) => {
    if (yearOf(input.receivedOn) !== before.serialYear) {
      throw invalidField(
        'receivedOn',
        `编号 ${before.serialNo} 属于 ${before.serialYear} 年，收件日期不能改到其他年份；如确属登记错误，请将本事项移入回收站后重新登记`,
      );
    }
    if (input.receivedOn !== before.receivedOn) {
      assertBetween(ctx, 'received', 'receivedOn', input.receivedOn, null, earliestOf(datedSteps(before).filter((st) => st.kind !== 'received')));
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
    // the registration's business date is the receipt
    sqlite
      .prepare("UPDATE status_history SET business_on = ? WHERE consultation_id = ? AND from_status IS NULL AND to_status = 'registered'")
      .run(input.receivedOn, input.id);
    refreshStatusOn(ctx, input.id);
  });
}

export function assignConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.assign'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return change(ctx, input, 'assign', (before) => {
    assertActive(sqlite, 'counsels', input.counselId, 'counselId', '法律顾问');
    const assignedOn = input.assignedOn ?? today(ctx);
    assertStepDate(ctx, before, 'assigned', 'assignedOn', assignedOn);
    checkEngagementCovers(ctx, input.counselId, assignedOn, input.confirmOutsideEngagement === true);
    const dueOn =
      input.dueOn === undefined
        ? (before.dueOn ?? addWorkingDays(sqlite, before.receivedOn, categoryProcedure(ctx, before.categoryId).effectiveDays))
        : input.dueOn;
    if (dueOn !== null && dueOn < before.receivedOn) throw invalidField('dueOn', '办理时限不能早于收件日期');
    sqlite
      .prepare('UPDATE consultations SET counsel_id = ?, due_on = ?, assigned_on = ?, status = ? WHERE id = ?')
      .run(input.counselId, dueOn, assignedOn, 'assigned', input.id);
    const reason = before.counselId && before.counselId !== input.counselId ? '改派' : '';
    return { history: { to: 'assigned', reason, on: assignedOn } };
  });
}

/**
 * The counsel an opinion belongs to: a counsel's own account gives their own; anyone
 * else (a registrar typing in a paper opinion, 代录) names the counsel, by default the
 * item's assigned counsel.
 */
function opinionCounsel(ctx: ServiceContext, before: ConsultationDetail, asked: number | undefined): number | null {
  const { roles, counselId } = ctx.caller;
  if (roles.includes('counsel') && !roles.includes('registrar')) {
    if (asked !== undefined && asked !== counselId) throw invalidField('counselId', '法律顾问只能录入本人出具的意见');
    return counselId ?? before.counselId;
  }
  if (asked === undefined || asked === before.counselId) return before.counselId;
  assertActive(ctx.ledger.sqlite, 'counsels', asked, 'counselId', '法律顾问');
  return asked;
}

export function addOpinion(ctx: ServiceContext, input: ParsedInputOf<'consultations.addOpinion'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return change(ctx, input, 'addOpinion', (before) => {
    assertStepDate(ctx, before, 'opinion', 'issuedOn', input.issuedOn);
    // 份 = rounds: each addOpinion is one more round (补充意见 included); a correction is not (correctOpinion).
    const round = before.opinions.length + 1;
    // issue 20: no opinion while the file is back with the division for missing material
    if (sqlite.prepare('SELECT paused_since FROM consultations WHERE id = ?').pluck().get(input.id) !== null) {
      throw new AppError('INVALID_TRANSITION', '事项退回补正中，收到补正材料后才能出具意见');
    }
    const procedure = opinionProcedureFields(ctx, input.id, input);
    sqlite
      .prepare(
        `INSERT INTO opinions (consultation_id, round, counsel_id, conclusion, text, issued_on, created_at, created_by, conclusion_word, checklist, sign_off_status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.id, round, opinionCounsel(ctx, before, input.counselId), input.conclusion, input.text, input.issuedOn, ctx.now().toISOString(), ctx.caller.username, procedure.conclusionWord, procedure.checklist, procedure.signOffStatus);
    if (before.status !== 'answered') {
      sqlite.prepare("UPDATE consultations SET status = 'answered' WHERE id = ?").run(input.id);
      return { history: { to: 'answered', on: input.issuedOn } };
    }
    return undefined;
  });
}

export function recordOutcome(ctx: ServiceContext, input: ParsedInputOf<'consultations.recordOutcome'>): ConsultationDetail {
  return change(ctx, input, 'recordOutcome', (before) => {
    assertSignedOff(before, 'recordOutcome');
    assertStepDate(ctx, before, 'outcome', 'outcomeOn', input.outcomeOn);
    ctx.ledger.sqlite
      .prepare('UPDATE consultations SET outcome = ?, outcome_reason = ?, outcome_on = ? WHERE id = ?')
      .run(input.outcome, input.reason || null, input.outcomeOn, input.id);
    return { history: { to: 'outcome', reason: input.reason, on: input.outcomeOn, detail: { outcome: input.outcome } } };
  });
}

export function closeConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.close'>): ConsultationDetail {
  return change(ctx, input, 'close', (before) => {
    assertSignedOff(before, 'close');
    const closedOn = input.closedOn ?? today(ctx);
    assertStepDate(ctx, before, 'closed', 'closedOn', closedOn);
    ctx.ledger.sqlite.prepare("UPDATE consultations SET status = 'closed', closed_on = ? WHERE id = ?").run(closedOn, input.id);
    if (!input.rating) return { history: { to: 'closed', on: closedOn } };
    rateItem(ctx, input.id, input.rating, closedOn);
    return { history: { to: 'closed', on: closedOn }, audit: { rating: input.rating } };
  });
}

export function withdrawConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.withdraw'>): ConsultationDetail {
  return change(ctx, input, 'withdraw', (before) => {
    const withdrawnOn = input.withdrawnOn ?? today(ctx);
    assertStepDate(ctx, before, 'withdrawn', 'withdrawnOn', withdrawnOn);
    ctx.ledger.sqlite.prepare("UPDATE consultations SET status = 'withdrawn' WHERE id = ?").run(input.id);
    return { history: { to: 'withdrawn', reason: input.reason, on: withdrawnOn } };
  });
}

/** A closed item goes back to 已出具意见; a withdrawn one to the status it was withdrawn from. */
export function reopenConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.reopen'>): ConsultationDetail {
  return change(ctx, input, 'reopen', (before) => {
    const reopenedOn = input.reopenedOn ?? today(ctx);
    assertStepDate(ctx, before, 'reopened', 'reopenedOn', reopenedOn);
    let to: ConsultationStatus = 'answered';
    if (before.status === 'withdrawn') {
      const last = [...before.history].reverse().find((h) => h.toStatus === 'withdrawn');
      to = (last?.fromStatus as ConsultationStatus | null) ?? 'registered';
    }
    ctx.ledger.sqlite.prepare('UPDATE consultations SET status = ?, closed_on = NULL WHERE id = ?').run(to, input.id);
    return { history: { to, reason: input.reason, on: reopenedOn } };
  });
}

export function trashConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.trash'>): ConsultationDetail {
  return change(ctx, input, 'trash', () => {
    ctx.ledger.sqlite.prepare('UPDATE consultations SET trashed_at = ? WHERE id = ?').run(ctx.now().toISOString(), input.id);
    return { history: { to: 'trashed', reason: input.reason, on: null } };
  });
}

export function restoreConsultation(ctx: ServiceContext, input: ParsedInputOf<'consultations.restore'>): ConsultationDetail {
  return change(ctx, input, 'restore', () => {
    ctx.ledger.sqlite.prepare('UPDATE consultations SET trashed_at = NULL WHERE id = ?').run(input.id);
    return { history: { to: 'restored', on: null } };
  });
}

/** The column that mirrors the business date of a step, when this history row is the one it mirrors. */
function mirroredColumn(before: ConsultationDetail, historyId: number, kind: StepKind): 'assigned_on' | 'closed_on' | 'outcome_on' | null {
  const lastOf = (pred: (k: StepKind | null) => boolean) => [...before.history].reverse().find((h) => pred(stepKindOf(h)))?.id;
  if (kind === 'assigned' && lastOf((k) => k === 'assigned') === historyId) return 'assigned_on';
  if (kind === 'closed' && before.status === 'closed' && lastOf((k) => k === 'closed') === historyId) return 'closed_on';
  if (kind === 'outcome' && lastOf((k) => k === 'outcome') === historyId) return 'outcome_on';
  return null;
}

/**
 * A registrar corrects the business date of a past step (分派, 采纳登记, 办结, 撤回, 重新打开):
 * with a reason, kept in the history and the audit log, and only to a date that keeps the
 * steps in order. 收件日期 is corrected by editing the item, 出具日期 by correcting the opinion.
 */
export function correctStepDate(ctx: ServiceContext, input: ParsedInputOf<'consultations.correctStepDate'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return change(ctx, input, 'correctStepDate', (before) => {
    const index = before.history.findIndex((h) => h.id === input.historyId);
    const row = before.history[index];
    const kind = row ? stepKindOf(row) : null;
    if (!row || !kind || !isCorrectableStep(row) || !row.businessOn) {
      throw invalidField('historyId', '只能更正分派、采纳登记、办结、撤回或重新打开的日期（收件日期请修改事项，出具日期请更正意见）');
    }
    const dated = (rows: typeof before.history): DatedStep[] =>
      rows.flatMap((h) => {
        const k = stepKindOf(h);
        return k && h.businessOn ? [{ kind: k, on: h.businessOn }] : [];
      });
    const lower = latestOf([{ kind: 'received', on: before.receivedOn }, ...dated(before.history.slice(0, index))]);
    const upper = earliestOf(dated(before.history.slice(index + 1)));
    assertBetween(ctx, kind, 'on', input.on, lower, upper);
    sqlite.prepare('UPDATE status_history SET business_on = ?, on_origin = ? WHERE id = ?').run(input.on, 'typed', row.id);
    const column = mirroredColumn(before, row.id, kind);
    if (column) sqlite.prepare(`UPDATE consultations SET ${column} = ? WHERE id = ?`).run(input.on, input.id);
    refreshStatusOn(ctx, input.id);
    const detail = { historyId: row.id, kind, from: row.businessOn, to: input.on };
    return { history: { to: 'dateCorrected', reason: input.reason, on: null, detail } };
  });
}

/**
 * Correct an opinion (text, conclusion, 出具日期, and the procedure's conclusion word and
 * checklist) without making it a new round: the version it replaces, with its checklist, is
 * kept in opinion_versions and shown; the count of 份 is unchanged.
 * A counsel may correct only opinions given in their name.
 */
export function correctOpinion(ctx: ServiceContext, input: ParsedInputOf<'consultations.correctOpinion'>): ConsultationDetail {
  const { sqlite } = ctx.ledger;
  return change(ctx, input, 'correctOpinion', (before) => {
    const opinion = before.opinions.find((o) => o.id === input.opinionId);
    if (!opinion) throw invalidField('opinionId', '要更正的意见不存在');
    const { roles, counselId } = ctx.caller;
    if (!roles.includes('registrar') && opinion.counselId !== counselId) throw new AppError('FORBIDDEN', '只能更正本人出具的意见');
    // The checklist marked anew (the dialog offers the category's points, prefilled from this version) is
    // checked against the category's points; none given keeps the marks as they are, even when the
    // category's points have changed since.
    const stored = opinion.checklist === null ? null : JSON.stringify(opinion.checklist);
    const fields = opinionProcedureFields(ctx, input.id, {
      conclusion: input.conclusion,
      conclusionWord: input.conclusionWord ?? (input.conclusion === opinion.conclusion ? (opinion.conclusionWord ?? undefined) : undefined),
      checklist: input.checklist,
    });
    const procedure = { ...fields, checklist: input.checklist === undefined ? stored : fields.checklist };
    const sameProcedure = procedure.conclusionWord === opinion.conclusionWord && procedure.checklist === stored;
    if (sameProcedure && opinion.text === input.text && opinion.conclusion === input.conclusion && opinion.issuedOn === input.issuedOn) {
      throw invalidField('text', '意见内容、结论和出具日期均未改动，无需更正');
    }
    if (input.issuedOn !== opinion.issuedOn) {
      const rounds = before.opinions;
      const prevRound = rounds.find((o) => o.round === opinion.round - 1);
      const nextRound = rounds.find((o) => o.round === opinion.round + 1);
      const bounds: { lower: DatedStep[]; upper: DatedStep[] } = { lower: [{ kind: 'received', on: before.receivedOn }], upper: [] };
      if (prevRound) bounds.lower.push({ kind: 'opinion', on: prevRound.issuedOn });
      if (nextRound) bounds.upper.push({ kind: 'opinion', on: nextRound.issuedOn });
      if (opinion.round === 1) {
        // round 1 made the item 已出具意见: the steps before that row and after it bound its date
        const at = before.history.findIndex((h) => stepKindOf(h) === 'opinion');
        for (const [i, h] of before.history.entries()) {
          const k = stepKindOf(h);
          if (!k || !h.businessOn || i === at || k === 'received') continue;
          (at < 0 || i < at ? bounds.lower : bounds.upper).push({ kind: k, on: h.businessOn });
        }
        if (before.outcomeOn) bounds.upper.push({ kind: 'outcome', on: before.outcomeOn });
        if (at >= 0) sqlite.prepare('UPDATE status_history SET business_on = ?, on_origin = ? WHERE id = ?').run(input.issuedOn, 'typed', before.history[at]!.id);
      }
      assertBetween(ctx, 'opinion', 'issuedOn', input.issuedOn, latestOf(bounds.lower), earliestOf(bounds.upper));
    }
    const at = ctx.now().toISOString();
    const current = sqlite
      .prepare('SELECT counsel_id AS counselId, coalesce(corrected_at, created_at) AS enteredAt, coalesce(corrected_by, created_by) AS enteredBy FROM opinions WHERE id = ?')
      .get(opinion.id) as { counselId: number | null; enteredAt: string; enteredBy: string };
    sqlite
      .prepare(
        `INSERT INTO opinion_versions (opinion_id, counsel_id, conclusion, text, issued_on, entered_at, entered_by, replaced_at, replaced_by, reason, conclusion_word, checklist)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(opinion.id, current.counselId, opinion.conclusion, opinion.text, opinion.issuedOn, current.enteredAt, current.enteredBy, at, ctx.caller.username, input.reason,
        opinion.conclusionWord, stored);
    sqlite
      .prepare('UPDATE opinions SET conclusion = ?, text = ?, issued_on = ?, corrected_at = ?, corrected_by = ?, conclusion_word = ?, checklist = ? WHERE id = ?')
      .run(input.conclusion, input.text, input.issuedOn, at, ctx.caller.username, procedure.conclusionWord, procedure.checklist, opinion.id);
    // an opinion the leader returned goes back to the queue once corrected (issue 20)
    if (opinion.signOffStatus === 'returned') {
      sqlite.prepare("UPDATE opinions SET sign_off_status = 'pending', sign_off_on = NULL, sign_off_by = NULL, sign_off_remark = NULL WHERE id = ?").run(opinion.id);
    }
    refreshStatusOn(ctx, input.id);
    // the procedure's word and checklist when the opinion has them (a correction may change only those)
    const procedureOf = (word: string | null, checklist: string | null) =>
      word === null && checklist === null ? {} : { conclusionWord: word, checklist: checklist === null ? null : (JSON.parse(checklist) as unknown) };
    const previous = { conclusion: opinion.conclusion, text: opinion.text, issuedOn: opinion.issuedOn, ...procedureOf(opinion.conclusionWord, stored) };
    const corrected = { conclusion: input.conclusion, text: input.text, issuedOn: input.issuedOn, ...procedureOf(procedure.conclusionWord, procedure.checklist) };
    return {
      history: { to: 'opinionCorrected', reason: input.reason, on: null, detail: { opinionId: opinion.id, round: opinion.round } },
      audit: { opinionCorrection: { opinionId: opinion.id, round: opinion.round, previous, corrected } },
    };
  });
}
