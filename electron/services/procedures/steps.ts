/**
 * The procedure's steps on an item (issue 20): 退回补正 and the material's return (the
 * clock pauses), 延期, 签发 and the 规范性文件's validity. Each goes through the item's
 * one write path (consultations/write.ts `change`: version, workflow table, history, audit).
 */
import type { ParsedInputOf } from '#contract/contract';
import { addMonths, dueAfterResume, DOCUMENT_VALIDITY, type ItemProcedure, type NormativeDocument, type ReturnRecord, type ExtensionRecord } from '#domain/procedures';
import type { ConsultationDetail } from '#domain/types';
import { personNameSql } from '../../../db/queries/people';
import { prepareCached } from '../../../db/queries/statements';
import { workingCalendar } from '../calendar';
import type { ServiceContext } from '../context';
import { AppError, invalidField } from '../errors';
import { assertVisible, loadDetail, today } from '../consultations/read';
import { refuseFuture } from '../consultations/not-future';
import { change } from '../consultations/write';
import { procedureOfItem } from './settings';

function openReturn(ctx: ServiceContext, id: number): { id: number; returnedOn: string } | undefined {
  return prepareCached(ctx.ledger.sqlite, 'SELECT id, returned_on AS returnedOn FROM consultation_returns WHERE consultation_id = ? AND resumed_on IS NULL ORDER BY id DESC LIMIT 1').get(id) as
    | { id: number; returnedOn: string }
    | undefined;
}

/**
 * The latest day already on the clock (收件, 分派 unless withoutAssignment, the last return or its
 * resumption, the last extension). Returns and extensions are dated in the order they are entered,
 * so the chain of due dates they record (due_before, previous_due_on) follows their business dates:
 * what the report's due date at a period's end relies on (db/queries/tally.ts, DUE_AT_END).
 */
function latestClockDay(ctx: ServiceContext, before: ConsultationDetail, withoutAssignment = false): { on: string; what: string } {
  const { sqlite } = ctx.ledger;
  let latest = { on: before.receivedOn, what: '收件日期' };
  if (!withoutAssignment && before.assignedOn && before.assignedOn > latest.on) latest = { on: before.assignedOn, what: '分派日期' };
  const r = sqlite.prepare('SELECT returned_on AS r, resumed_on AS b FROM consultation_returns WHERE consultation_id = ? ORDER BY id DESC LIMIT 1').get(before.id) as { r: string; b: string | null } | undefined;
  if (r && r.r > latest.on) latest = { on: r.r, what: '退回日期' };
  if (r?.b && r.b > latest.on) latest = { on: r.b, what: '补正材料收到日期' };
  const e = sqlite.prepare('SELECT max(granted_on) AS g FROM consultation_extensions WHERE consultation_id = ?').get(before.id) as { g: string | null };
  if (e.g && e.g > latest.on) latest = { on: e.g, what: '上次延期日期' };
  return latest;
}

/** 退回补正: the clock stops on the day the file goes back; what is missing is recorded. */
export function returnForMaterial(ctx: ServiceContext, input: ParsedInputOf<'consultations.returnForMaterial'>): ConsultationDetail {
  return change(ctx, input, 'returnForMaterial', (before) => {
    if (openReturn(ctx, before.id)) throw new AppError('INVALID_TRANSITION', '该事项已退回补正，尚未收到补正材料');
    refuseFuture(ctx, 'returnedOn', input.returnedOn, '退回日期');
    const latest = latestClockDay(ctx, before);
    if (input.returnedOn < latest.on) throw invalidField('returnedOn', `退回日期（${input.returnedOn}）不能早于${latest.what}（${latest.on}）`);
    const { sqlite } = ctx.ledger;
    sqlite
      .prepare('INSERT INTO consultation_returns (consultation_id, returned_on, missing, due_before, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(before.id, input.returnedOn, input.missing, before.dueOn, ctx.now().toISOString(), ctx.caller.username);
    sqlite.prepare('UPDATE consultations SET paused_since = ? WHERE id = ?').run(input.returnedOn, before.id);
    return { history: { to: 'returned', reason: input.missing, on: input.returnedOn } };
  });
}

/** The material came back: the clock runs again and the due date moves (docs/DOMAIN.md, "Review procedures"). */
export function resumeAfterReturn(ctx: ServiceContext, input: ParsedInputOf<'consultations.resume'>): ConsultationDetail {
  return change(ctx, input, 'resume', (before) => {
    const open = openReturn(ctx, before.id);
    if (!open) throw new AppError('INVALID_TRANSITION', '该事项没有待补正的退回');
    refuseFuture(ctx, 'resumedOn', input.resumedOn, '补正材料收到日期');
    if (input.resumedOn < open.returnedOn) throw invalidField('resumedOn', `补正材料收到日期（${input.resumedOn}）不能早于退回日期（${open.returnedOn}）`);
    const { sqlite } = ctx.ledger;
    const procedure = procedureOfItem(ctx, before.id);
    const rule = { clockStart: procedure.settings.clockStart, timeLimitDays: procedure.effectiveDays };
    const { dueOn, pausedDays } = dueAfterResume(workingCalendar(sqlite), rule, before.dueOn, open.returnedOn, input.resumedOn);
    sqlite
      .prepare('UPDATE consultation_returns SET resumed_on = ?, paused_days = ?, due_after = ?, resumed_by = ? WHERE id = ?')
      .run(input.resumedOn, pausedDays, dueOn, ctx.caller.username, open.id);
    sqlite.prepare('UPDATE consultations SET paused_since = NULL, due_on = ? WHERE id = ?').run(dueOn, before.id);
    return { history: { to: 'resumed', reason: input.note, on: input.resumedOn, detail: { pausedDays, dueBefore: before.dueOn, dueAfter: dueOn } } };
  });
}

/** 延期: a new 办理时限, later than the one in force, with its reason. */
export function extendDue(ctx: ServiceContext, input: ParsedInputOf<'consultations.extend'>): ConsultationDetail {
  return change(ctx, input, 'extend', (before) => {
    if (openReturn(ctx, before.id)) throw new AppError('INVALID_TRANSITION', '事项退回补正中，办理时限暂停计算，收到补正材料后再延期');
    const grantedOn = input.grantedOn ?? today(ctx);
    refuseFuture(ctx, 'grantedOn', grantedOn, '延期日期');
    const latest = latestClockDay(ctx, before, true);
    if (grantedOn < latest.on) throw invalidField('grantedOn', `延期日期（${grantedOn}）不能早于${latest.what}（${latest.on}）`);
    if (before.dueOn !== null && input.newDueOn <= before.dueOn) throw invalidField('newDueOn', `延期后的办理时限应晚于当前办理时限（${before.dueOn}）`);
    if (input.newDueOn < grantedOn) throw invalidField('newDueOn', '延期后的办理时限不能早于延期日期');
    const { sqlite } = ctx.ledger;
    sqlite
      .prepare('INSERT INTO consultation_extensions (consultation_id, granted_on, reason, previous_due_on, new_due_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(before.id, grantedOn, input.reason, before.dueOn, input.newDueOn, ctx.now().toISOString(), ctx.caller.username);
    sqlite.prepare('UPDATE consultations SET due_on = ? WHERE id = ?').run(input.newDueOn, before.id);
    return { history: { to: 'extended', reason: input.reason, on: grantedOn, detail: { from: before.dueOn, to: input.newDueOn } } };
  });
}

/** 规范性文件 once issued: number and validity period (at most five years). */
export function setDocument(ctx: ServiceContext, input: ParsedInputOf<'consultations.setDocument'>): ConsultationDetail {
  return change(ctx, input, 'setDocument', (before) => {
    if (!procedureOfItem(ctx, before.id).settings.tracksValidity) throw new AppError('INVALID_TRANSITION', '该类别不登记文件有效期（可在类别的审查程序设置中开启）');
    refuseFuture(ctx, 'issuedOn', input.issuedOn, '印发日期');
    if (input.issuedOn < before.receivedOn) throw invalidField('issuedOn', `印发日期（${input.issuedOn}）不能早于收件日期（${before.receivedOn}）`);
    if (input.validUntil <= input.issuedOn) throw invalidField('validUntil', '有效期至应晚于印发日期');
    const limit = addMonths(input.issuedOn, DOCUMENT_VALIDITY.maxYears * 12);
    if (input.validUntil > limit) throw invalidField('validUntil', `规范性文件有效期不超过${DOCUMENT_VALIDITY.maxYears}年（最迟至 ${limit}）`);
    ctx.ledger.sqlite
      .prepare('UPDATE consultations SET doc_number = ?, doc_issued_on = ?, doc_valid_until = ? WHERE id = ?')
      .run(input.docNumber, input.issuedOn, input.validUntil, before.id);
    return { history: { to: 'documentSet', on: null, detail: { docNumber: input.docNumber, issuedOn: input.issuedOn, validUntil: input.validUntil } } };
  });
}

/** The procedure side of one item, for its detail page. */
export function itemProcedure(ctx: ServiceContext, input: ParsedInputOf<'procedures.item'>): ItemProcedure {
  const detail = loadDetail(ctx, input.id);
  assertVisible(ctx, detail);
  const { sqlite } = ctx.ledger;
  const procedure = procedureOfItem(ctx, input.id);
  const returns = prepareCached(
    sqlite,
    `SELECT id, returned_on AS returnedOn, missing, resumed_on AS resumedOn, paused_days AS pausedDays, due_before AS dueBefore,
            due_after AS dueAfter, ${personNameSql('created_by')} AS createdByName
     FROM consultation_returns WHERE consultation_id = ? ORDER BY id`,
  ).all(input.id) as ReturnRecord[];
  const extensions = prepareCached(
    sqlite,
    `SELECT id, granted_on AS grantedOn, reason, previous_due_on AS previousDueOn, new_due_on AS newDueOn, ${personNameSql('created_by')} AS createdByName
     FROM consultation_extensions WHERE consultation_id = ? ORDER BY id`,
  ).all(input.id) as ExtensionRecord[];
  const doc = prepareCached(sqlite, 'SELECT paused_since AS pausedSince, doc_number AS docNumber, doc_issued_on AS issuedOn, doc_valid_until AS validUntil FROM consultations WHERE id = ?').get(input.id) as {
    pausedSince: string | null;
    docNumber: string | null;
    issuedOn: string | null;
    validUntil: string | null;
  };
  const document: NormativeDocument | null = doc.docNumber && doc.issuedOn && doc.validUntil ? { docNumber: doc.docNumber, issuedOn: doc.issuedOn, validUntil: doc.validUntil } : null;
  return { consultationId: input.id, procedure: procedure.settings, effectiveDays: procedure.effectiveDays, pausedSince: doc.pausedSince, returns, extensions, document };
}
