/**
 * What the procedure adds to an opinion (issue 20): the category's conclusion word, the
 * checklist as marked (符合/不符合/不适用 with a note) and the 审签 state; the leader's
 * 签发 or 退回; the queue of opinions waiting for it; and the plain data the printed
 * opinion needs (opinionDocumentData).
 */
import type { ParsedInputOf } from '#contract/contract';
import { CONCLUSION_ZH } from '#domain/labels';
import { blockedBySignOff, conclusionChoices, type CheckMark, type OpinionDocumentData, type SignOffQueueRow } from '#domain/procedures';
import { CHECK_RESULT_ZH, SIGN_OFF_ZH } from '#domain/labels';
import type { ConsultationDetail } from '#domain/types';
import { personNameSql, serialNoSql } from '../../../db/queries/people';
import { prepareCached } from '../../../db/queries/statements';
import type { ServiceContext } from '../context';
import { AppError, invalidField, notFound } from '../errors';
import { assertVisible, loadDetail } from '../consultations/read';
import { refuseFuture } from '../consultations/not-future';
import { change } from '../consultations/write';
import { procedureOfItem } from './settings';

/** The columns an opinion gains, checked against the item's category. */
export function opinionProcedureFields(
  ctx: ServiceContext,
  consultationId: number,
  input: { conclusion: string; conclusionWord?: string | undefined; checklist?: CheckMark[] | undefined },
): { conclusionWord: string | null; checklist: string | null; signOffStatus: 'pending' | null } {
  const { settings } = procedureOfItem(ctx, consultationId);
  let conclusionWord: string | null = null;
  if (input.conclusionWord !== undefined) {
    const choice = conclusionChoices(settings, CONCLUSION_ZH).find((c) => c.word === input.conclusionWord);
    if (!choice) throw invalidField('conclusionWord', `“${input.conclusionWord}”不是本类别的结论用语`);
    if (choice.conclusion !== input.conclusion) throw invalidField('conclusionWord', `结论用语“${choice.word}”对应的结论是“${CONCLUSION_ZH[choice.conclusion]}”`);
    conclusionWord = choice.word;
  }
  let checklist: string | null = null;
  if (input.checklist !== undefined) {
    const points = input.checklist.map((m) => m.point);
    const unknown = points.find((p) => !settings.checklist.includes(p));
    if (unknown !== undefined) throw invalidField('checklist', `“${unknown}”不是本类别的审查要点`);
    if (new Set(points).size !== points.length) throw invalidField('checklist', '审查要点重复');
    const missing = settings.checklist.find((p) => !points.includes(p));
    if (missing !== undefined) throw invalidField('checklist', `请对审查要点“${missing}”作出判断`);
    // kept in the category's order, with the words as they were when the opinion was given
    checklist = JSON.stringify(settings.checklist.map((p) => input.checklist!.find((m) => m.point === p)!));
  }
  return { conclusionWord, checklist, signOffStatus: settings.signOff ? 'pending' : null };
}

/** recordOutcome and close wait for the latest opinion's 签发 (main-process check; the renderer hides the buttons). */
export function assertSignedOff(before: ConsultationDetail, action: 'recordOutcome' | 'close'): void {
  const latest = before.opinions.at(-1);
  if (latest && blockedBySignOff(action, latest.signOffStatus)) {
    throw new AppError(
      'INVALID_TRANSITION',
      latest.signOffStatus === 'returned' ? '意见已被领导退回，请修改意见后重新报送签发' : '意见尚待领导签发，签发后才能登记采纳情况或办结',
    );
  }
}

/** 签发 (with date and remark) or 退回 (with a reason) of the item's latest opinion. */
export function signOff(ctx: ServiceContext, input: ParsedInputOf<'consultations.signOff'>): ConsultationDetail {
  return change(ctx, input, 'signOff', (before) => {
    const latest = before.opinions.at(-1);
    if (!latest || latest.id !== input.opinionId) throw invalidField('opinionId', '只能签发该事项最新一轮意见');
    if (latest.signOffStatus !== 'pending') {
      throw new AppError('INVALID_TRANSITION', latest.signOffStatus === null ? '该意见无需签发' : latest.signOffStatus === 'signed' ? '该意见已签发' : '该意见已退回，待修改后重新报送');
    }
    refuseFuture(ctx, 'on', input.on, '签发日期');
    if (input.on < latest.issuedOn) throw invalidField('on', `签发日期（${input.on}）不能早于出具日期（${latest.issuedOn}）`);
    const state = input.decision === 'sign' ? 'signed' : 'returned';
    ctx.ledger.sqlite
      .prepare('UPDATE opinions SET sign_off_status = ?, sign_off_on = ?, sign_off_by = ?, sign_off_remark = ? WHERE id = ?')
      .run(state, input.on, ctx.caller.username, input.remark || null, latest.id);
    return {
      history: { to: state === 'signed' ? 'signedOff' : 'signOffReturned', reason: input.remark, on: input.on, detail: { opinionId: latest.id, round: latest.round } },
    };
  });
}

/** Opinions waiting for 签发 (and those returned, waiting for counsel), oldest first. */
export function signOffQueue(ctx: ServiceContext, input: ParsedInputOf<'procedures.signOffQueue'>): SignOffQueueRow[] {
  return prepareCached(
    ctx.ledger.sqlite,
    `SELECT c.id AS consultationId, c.version, ${serialNoSql('c')} AS serialNo, c.title, cat.name_zh AS categoryName, d.name AS departmentName,
            o.id AS opinionId, o.round, co.name AS counselName, o.conclusion, o.conclusion_word AS conclusionWord, o.issued_on AS issuedOn,
            o.sign_off_status AS state, o.sign_off_remark AS remark
     FROM opinions o
     JOIN consultations c ON c.id = o.consultation_id
     JOIN categories cat ON cat.id = c.category_id
     JOIN departments d ON d.id = c.department_id
     LEFT JOIN counsels co ON co.id = o.counsel_id
     WHERE o.sign_off_status IN ('pending', @returned) AND c.trashed_at IS NULL AND c.status = 'answered'
       AND o.round = (SELECT max(o2.round) FROM opinions o2 WHERE o2.consultation_id = o.consultation_id)
     ORDER BY o.issued_on, o.id`,
  ).all({ returned: input.includeReturned ? 'returned' : 'pending' }) as SignOffQueueRow[];
}

/**
 * The checklist results and the sign-off block of one opinion, as plain data for the
 * printed opinion (issue 21's document). Visibility as for the item.
 */
export function opinionDocumentData(ctx: ServiceContext, opinionId: number): OpinionDocumentData {
  const row = prepareCached(
    ctx.ledger.sqlite,
    `SELECT o.consultation_id AS consultationId, o.round, o.conclusion, o.conclusion_word AS conclusionWord, o.checklist,
            o.sign_off_status AS state, o.sign_off_on AS signOn, CASE WHEN o.sign_off_by IS NULL THEN NULL ELSE ${personNameSql('o.sign_off_by')} END AS byName,
            o.sign_off_remark AS remark
     FROM opinions o WHERE o.id = ?`,
  ).get(opinionId) as
    | { consultationId: number; round: number; conclusion: keyof typeof CONCLUSION_ZH; conclusionWord: string | null; checklist: string | null; state: OpinionDocumentData['signOff']['state']; signOn: string | null; byName: string | null; remark: string | null }
    | undefined;
  if (!row) throw notFound('法律意见');
  assertVisible(ctx, loadDetail(ctx, row.consultationId));
  const marks = row.checklist === null ? [] : (JSON.parse(row.checklist) as CheckMark[]);
  return {
    opinionId,
    round: row.round,
    conclusionWord: row.conclusionWord ?? CONCLUSION_ZH[row.conclusion],
    checklist: marks.map((m) => ({ ...m, resultZh: CHECK_RESULT_ZH[m.result] })),
    signOff: {
      required: row.state !== null,
      state: row.state,
      stateZh: row.state === null ? '无需签发' : SIGN_OFF_ZH[row.state],
      on: row.signOn,
      byName: row.byName,
      remark: row.remark,
    },
  };
}

