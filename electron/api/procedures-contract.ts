/**
 * Methods of the review procedures (issue 20), merged into the contract. The steps on
 * an item are named consultations.<action> after the workflow's actions
 * (electron/domain/workflow.ts), so the detail page finds them like the others.
 */
import { z } from 'zod';
import { CHECK_RESULTS, CLOCK_STARTS, PROCEDURE_LIMITS, type CategoryProcedure, type ExpiringDocument, type ItemProcedure, type ProcedureFigures, type SignOffQueueRow } from '../domain/procedures';
import { CONCLUSIONS, type ConsultationDetail, type Role } from '../domain/types';
import { block, day, method, required, text, type MethodDef } from './define';
import { periodInput } from './reports-contract';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const version = z.number().int().positive();
const ALL: readonly Role[] = ['admin', 'registrar', 'counsel', 'leader'];
const L = PROCEDURE_LIMITS;

/** A checklist as marked with an opinion: each point 符合/不符合/不适用 with a note. */
export const checklistInput = z
  .array(
    z.strictObject({
      point: required(L.pointLength, '审查要点'),
      result: z.enum(CHECK_RESULTS, { message: '请选择符合、不符合或不适用' }),
      note: block(L.checkNote).default(''),
    }),
  )
  .max(L.points);

/** The procedure's fields of addOpinion / correctOpinion. */
export const opinionProcedureInput = {
  /** the category's word for the conclusion (it must map onto `conclusion`) */
  conclusionWord: text(L.wordLength).optional(),
  checklist: checklistInput.optional(),
};

const settingsInput = z.strictObject({
  categoryId: id,
  /** 0 for the first save over the default */
  version: z.number().int().min(0),
  timeLimitDays: z
    .number({ message: '请填写办理时限' })
    .int({ message: '办理时限应为整数' })
    .min(1, { message: '办理时限至少 1 个工作日' })
    .max(L.timeLimitDays, { message: `办理时限不能超过 ${L.timeLimitDays} 个工作日` })
    .nullable(),
  clockStart: z.enum(CLOCK_STARTS),
  signOff: z.boolean(),
  tracksValidity: z.boolean(),
  checklist: z.array(required(L.pointLength, '审查要点')).max(L.points, { message: `审查要点不能超过 ${L.points} 条` }),
  conclusionWords: z
    .array(z.strictObject({ word: required(L.wordLength, '结论用语'), conclusion: z.enum(CONCLUSIONS, { message: '请选择对应的结论' }) }))
    .max(L.words, { message: `结论用语不能超过 ${L.words} 个` }),
});

export const proceduresContract = {
  'procedures.list': method<CategoryProcedure[]>()(z.strictObject({}), ALL),
  'procedures.get': method<CategoryProcedure>()(z.strictObject({ categoryId: id }), ALL),
  'procedures.save': method<CategoryProcedure>()(settingsInput, ['admin']),
  'procedures.reset': method<CategoryProcedure>()(z.strictObject({ categoryId: id, version }), ['admin']),
  'procedures.item': method<ItemProcedure>()(z.strictObject({ id }), ALL),
  'procedures.signOffQueue': method<SignOffQueueRow[]>()(z.strictObject({ includeReturned: z.boolean().default(false) }), ['leader', 'registrar']),
  'procedures.expiring': method<ExpiringDocument[]>()(z.strictObject({}), ALL),
  'procedures.figures': method<ProcedureFigures>()(periodInput, ALL),

  'consultations.returnForMaterial': method<ConsultationDetail>()(
    z.strictObject({ id, version, returnedOn: day, missing: required(L.missing, '所缺材料', true) }),
    ['registrar'],
  ),
  'consultations.resume': method<ConsultationDetail>()(z.strictObject({ id, version, resumedOn: day, note: block(L.missing).default('') }), ['registrar']),
  'consultations.extend': method<ConsultationDetail>()(
    z.strictObject({ id, version, grantedOn: day.optional(), newDueOn: day, reason: required(1_000, '延期理由', true) }),
    ['registrar'],
  ),
  /** the leader's one action: 签发 (date, remark) or 退回 (a reason is required) */
  'consultations.signOff': method<ConsultationDetail>()(
    z
      .strictObject({ id, version, opinionId: id, decision: z.enum(['sign', 'return']), on: day, remark: block(1_000).default('') })
      .refine((v) => v.decision === 'sign' || v.remark.length > 0, { message: '退回的，须填写退回理由', path: ['remark'] }),
    ['leader'],
  ),
  'consultations.setDocument': method<ConsultationDetail>()(
    z.strictObject({ id, version, docNumber: required(100, '文号'), issuedOn: day, validUntil: day }),
    ['registrar'],
  ),
} as const satisfies Record<string, MethodDef>;
