/**
 * The one contract: every operation the UI can ask for, with its input schema,
 * output type and the roles allowed to call it. Both transports (Electron IPC and
 * the browser harness) and the renderer's typed client are generic over this map.
 * No service code here, so the renderer may import it.
 */
import { z } from 'zod';
import { ITEM_COUNT, LIMITS } from '../domain/limits';
import { CLASSIFIED_LEVELS, CLASSIFIED_REFUSAL, SECRECY_LEVELS } from '../domain/secrecy';
import { block, day, firstAccountInput, jobId, method, name, required, text, uploadData, uploadFileName, username, type MethodDef } from './define';
import { deskContract } from './desk-contract';
import { importContract } from './import-contract';
import { exchangeContract } from './exchange-contract';
import { reportsContract } from './reports-contract';
import { engagementContract } from './engagement-contract';
import { RATINGS } from '../domain/engagement';
import { documentsContract } from './documents-contract';
import { opinionProcedureInput, proceduresContract } from './procedures-contract';
import type {
  AppInfo,
  Attachment,
  AuditRecord,
  JobProgress,
  SearchHit,
  AuditVerification,
  AuthStatus,
  HolidayEntry,
  Reminders,
  UserAccount,
  BackupList,
  BackupRotation,
  BackupView,
  RecoveryStatus,
  RestoreOutcome,
  Category,
  ConsultationDetail,
  ConsultationRow,
  Counsel,
  Department,
  Page,
  Role,
  Settings,
} from '../domain/types';
import { CONCLUSIONS, OUTCOMES, ROLES, ROTATION_LIMITS, STATUSES } from '../domain/types';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORT_FIELDS } from '../domain/ledger-view';

const ALL: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['admin'];
const REGISTRAR: readonly Role[] = ['registrar'];

// ---- field schemas (messages are shown next to the field in zh-CN) ----
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const version = z.number().int().positive();
const empty = z.strictObject({});

export const consultationFields = {
  title: required(LIMITS.title, '事项名称'),
  description: block(LIMITS.description).default(''),
  categoryId: id,
  departmentId: id,
  requester: text(LIMITS.requester).default(''),
  receivedOn: day,
  dueOn: day.nullable().default(null),
  itemCount: z
    .number()
    .int({ message: '项数应为整数' })
    .min(ITEM_COUNT.min, { message: `项数至少为 ${ITEM_COUNT.min}` })
    .max(ITEM_COUNT.max, { message: `项数不能超过 ${ITEM_COUNT.max}` }),
  note: block(LIMITS.note).default(''),
};

/**
 * The idempotency key of a create: made by the UI once per form (a UUID), sent with
 * every attempt to save it; the router answers a repeat with the first result.
 */
export const requestId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { message: '请求标识无效' });

/** 密级 (electron/domain/secrecy.ts): 秘密/机密/绝密 are refused with their own message */
const secrecy = z
  .enum(SECRECY_LEVELS, { error: (issue) => (CLASSIFIED_LEVELS.includes(String(issue.input)) ? CLASSIFIED_REFUSAL : '请选择密级') })
  .default('none');

export const createConsultationInput = z
  .strictObject({ ...consultationFields, secrecy, requestId: requestId.optional() })
  .refine((v) => v.dueOn === null || v.dueOn >= v.receivedOn, {
    message: '办理时限不能早于收件日期',
    path: ['dueOn'],
  });

export const updateConsultationInput = z
  .strictObject({ id, version, ...consultationFields })
  .refine((v) => v.dueOn === null || v.dueOn >= v.receivedOn, {
    message: '办理时限不能早于收件日期',
    path: ['dueOn'],
  });

export const listConsultationsInput = z.strictObject({
  year: z.number().int().min(1900).max(2999).optional(),
  from: day.optional(),
  to: day.optional(),
  categoryId: id.optional(),
  departmentId: id.optional(),
  counselId: id.optional(),
  status: z.enum(STATUSES).optional(),
  overdue: z.boolean().optional(),
  text: text(LIMITS.search).optional(),
  trashed: z.boolean().optional(),
  ids: z.array(id).max(100_000).optional(),
  sort: z.enum(SORT_FIELDS).default('receivedOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

const ref = z.strictObject({ id, version });
/** An account's roles: at least one, each once (create and update alike). */
const roles = z
  .array(z.enum(ROLES))
  .min(1, { message: '请至少选择一个角色' })
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, { message: '角色重复' });
const reason = required(LIMITS.reason, '原因', true);

const keep = (key: keyof BackupRotation, what: string) => {
  const [min, max] = ROTATION_LIMITS[key];
  return z
    .number({ message: `请填写${what}` })
    .int({ message: `${what}须为整数` })
    .min(min, { message: `${what}不能少于 ${min}` })
    .max(max, { message: `${what}不能超过 ${max}` });
};
/** The rotation counts, as the admin sets them and as backup-config.json stores them. */
export const rotationInput = z.strictObject({ daily: keep('daily', '保留天数'), weekly: keep('weekly', '保留周数'), monthly: keep('monthly', '保留月数') });

export const contract = {
  'app.info': method<AppInfo>()(empty, ALL),

  'settings.get': method<Settings>()(empty, ALL),
  'settings.update': method<Settings>()(
    z.strictObject({
      officeName: required(LIMITS.officeName, '单位名称').optional(),
      serialPrefix: required(LIMITS.serialPrefix, '编号前缀').optional(),
      defaultDueDays: z.number().int().min(1).max(365).optional(),
      reportTemplate: required(LIMITS.reportTemplate, '报告句式模板', true).optional(),
      idleLockMinutes: z.number().int().min(1).max(240).optional(),
    }),
    ADMIN,
  ),

  'categories.list': method<Category[]>()(z.strictObject({ includeInactive: z.boolean().optional() }), ALL),
  'categories.create': method<Category>()(
    z.strictObject({ nameZh: name(LIMITS.categoryNameZh, '类别名称'), nameEn: text(LIMITS.categoryNameEn).default('') }),
    ADMIN,
  ),
  'categories.update': method<Category>()(
    z.strictObject({
      id,
      nameZh: name(LIMITS.categoryNameZh, '类别名称').optional(),
      nameEn: text(LIMITS.categoryNameEn).optional(),
      active: z.boolean().optional(),
      sortOrder: z.number().int().min(0).max(10_000).optional(),
    }),
    ADMIN,
  ),
  'categories.delete': method<{ id: number }>()(z.strictObject({ id }), ADMIN),

  'departments.list': method<Department[]>()(z.strictObject({ includeInactive: z.boolean().optional() }), ALL),
  'departments.create': method<Department>()(z.strictObject({ name: name(LIMITS.departmentName, '处室名称') }), [
    'admin',
    'registrar',
  ]),
  'departments.update': method<Department>()(
    z.strictObject({
      id,
      name: name(LIMITS.departmentName, '处室名称').optional(),
      active: z.boolean().optional(),
      sortOrder: z.number().int().min(0).max(10_000).optional(),
    }),
    ADMIN,
  ),
  'departments.delete': method<{ id: number }>()(z.strictObject({ id }), ADMIN),

  'counsels.list': method<Counsel[]>()(z.strictObject({ includeInactive: z.boolean().optional() }), ALL),
  'counsels.create': method<Counsel>()(
    z
      .strictObject({
        name: name(LIMITS.counselName, '顾问姓名'),
        firm: name(LIMITS.firm, '律师事务所'),
        phone: text(LIMITS.phone).default(''),
        engagedFrom: day.nullable().default(null),
        engagedTo: day.nullable().default(null),
      })
      .refine((v) => !v.engagedFrom || !v.engagedTo || v.engagedTo >= v.engagedFrom, {
        message: '聘期结束日期不能早于开始日期',
        path: ['engagedTo'],
      }),
    ADMIN,
  ),
  'counsels.update': method<Counsel>()(
    z
      .strictObject({
        id,
        version,
        name: name(LIMITS.counselName, '顾问姓名').optional(),
        firm: name(LIMITS.firm, '律师事务所').optional(),
        phone: text(LIMITS.phone).optional(),
        engagedFrom: day.nullable().optional(),
        engagedTo: day.nullable().optional(),
        active: z.boolean().optional(),
      })
      .refine((v) => !v.engagedFrom || !v.engagedTo || v.engagedTo >= v.engagedFrom, {
        message: '聘期结束日期不能早于开始日期',
        path: ['engagedTo'],
      }),
    ADMIN,
  ),

  'consultations.list': method<Page<ConsultationRow>>()(listConsultationsInput, ALL),
  'consultations.years': method<number[]>()(empty, ALL),
  'consultations.get': method<ConsultationDetail>()(z.strictObject({ id }), ALL),
  'consultations.create': method<ConsultationDetail>()(createConsultationInput, REGISTRAR),
  'consultations.update': method<ConsultationDetail>()(updateConsultationInput, REGISTRAR),
  'consultations.assign': method<ConsultationDetail>()(
    z.strictObject({
      id,
      version,
      counselId: id,
      dueOn: day.nullable().optional(),
      assignedOn: day.optional(),
      /** yes to 该顾问所在律师事务所在分派日期没有有效的聘用合同，仍然分派? (the main process asks without it) */
      confirmOutsideEngagement: z.boolean().optional(),
    }),
    REGISTRAR,
  ),
  'consultations.addOpinion': method<ConsultationDetail>()(
    z.strictObject({
      id,
      version,
      conclusion: z.enum(CONCLUSIONS, { message: '请选择意见结论' }),
      text: required(LIMITS.opinionText, '意见内容', true),
      issuedOn: day,
      /** the counsel who gave it (代录); default the item's counsel; a counsel's account always gives its own */
      counselId: id.optional(),
      ...opinionProcedureInput,
    }),
    ['registrar', 'counsel'],
  ),
  'consultations.correctOpinion': method<ConsultationDetail>()(
    z.strictObject({
      id,
      version,
      opinionId: id,
      conclusion: z.enum(CONCLUSIONS, { message: '请选择意见结论' }),
      text: required(50_000, '意见内容'),
      issuedOn: day,
      reason: required(1_000, '更正原因'),
      ...opinionProcedureInput,
    }),
    ['registrar', 'counsel'],
  ),
  'consultations.correctStepDate': method<ConsultationDetail>()(
    z.strictObject({ id, version, historyId: id, on: day, reason: required(1_000, '更正原因') }),
    REGISTRAR,
  ),
  'consultations.recordOutcome': method<ConsultationDetail>()(
    z
      .strictObject({
        id,
        version,
        outcome: z.enum(OUTCOMES, { message: '请选择采纳情况' }),
        reason: block(LIMITS.outcomeReason).default(''),
        outcomeOn: day,
      })
      .refine((v) => v.outcome !== 'notAdopted' || v.reason.length > 0, {
        message: '未采纳的，须填写未采纳理由',
        path: ['reason'],
      }),
    REGISTRAR,
  ),
  'consultations.close': method<ConsultationDetail>()(
    z.strictObject({
      id,
      version,
      closedOn: day.optional(),
      /** the registrar's optional rating of the service (满意/基本满意/不满意), kept out of the counsel's sight */
      rating: z.strictObject({ rating: z.enum(RATINGS, { message: '请选择服务评价' }), note: block(1_000).default('') }).optional(),
    }),
    REGISTRAR,
  ),
  'consultations.withdraw': method<ConsultationDetail>()(z.strictObject({ id, version, reason, withdrawnOn: day.optional() }), REGISTRAR),
  'consultations.reopen': method<ConsultationDetail>()(z.strictObject({ id, version, reason, reopenedOn: day.optional() }), ADMIN),
  'consultations.trash': method<ConsultationDetail>()(
    z.strictObject({ id, version, reason: block(LIMITS.reason).default('') }),
    REGISTRAR,
  ),
  'consultations.restore': method<ConsultationDetail>()(ref, REGISTRAR),

  'audit.verify': method<AuditVerification>()(empty, ['admin', 'leader']),

  'backups.list': method<BackupList>()(empty, ADMIN),
  'backups.create': method<BackupView>()(empty, ADMIN),
  'backups.restore': method<RestoreOutcome>()(z.strictObject({ name: z.string().max(200).regex(/^[\w.-]+$/) }), ADMIN),
  'backups.restoreFromFile': method<RestoreOutcome | null>()(empty, ADMIN),
  /** pick the backup folder in a dialog (main process); null when cancelled */
  'backups.chooseFolder': method<BackupList | null>()(empty, ADMIN),
  'backups.configure': method<BackupList>()(
    z
      .strictObject({ useDefaultFolder: z.literal(true).optional(), rotation: rotationInput.optional() })
      .refine((v) => v.useDefaultFolder !== undefined || v.rotation !== undefined, { message: '没有要修改的备份设置' }),
    ADMIN,
  ),
  // Answered by the runtime itself, also when the database is damaged and nobody can sign in.
  'recovery.status': method<RecoveryStatus>()(empty, ALL, 'public'),
  'recovery.restoreNewest': method<RestoreOutcome>()(empty, ALL, 'public'),

  'auth.status': method<AuthStatus>()(empty, ALL, 'public'),
  'auth.setup': method<AuthStatus>()(firstAccountInput, ALL, 'public'),
  'auth.login': method<AuthStatus>()(
    z.strictObject({ username: z.string().trim().min(1, { message: '请填写用户名' }).max(50), password: z.string().min(1, { message: '请填写密码' }).max(128) }),
    ALL,
    'public',
  ),
  'auth.logout': method<AuthStatus>()(empty, ALL, 'anySession'),
  'auth.lock': method<AuthStatus>()(empty, ALL, 'anySession'),
  'auth.unlock': method<AuthStatus>()(z.strictObject({ password: z.string().min(1, { message: '请填写密码' }).max(128) }), ALL, 'anySession'),
  'auth.changePassword': method<AuthStatus>()(
    z.strictObject({ currentPassword: z.string().min(1, { message: '请填写原密码' }).max(128), newPassword: z.string().max(128) }),
    ALL,
    'anySession',
  ),

  'users.list': method<UserAccount[]>()(empty, ADMIN),
  'users.create': method<UserAccount>()(
    z.strictObject({
      username,
      displayName: required(LIMITS.displayName, '姓名'),
      roles,
      counselId: id.nullable().default(null),
      password: z.string().max(128),
    }),
    ADMIN,
  ),
  'users.update': method<UserAccount>()(
    z.strictObject({
      id,
      version,
      displayName: required(LIMITS.displayName, '姓名').optional(),
      roles: roles.optional(),
      counselId: id.nullable().optional(),
      disabled: z.boolean().optional(),
    }),
    ADMIN,
  ),
  'users.resetPassword': method<UserAccount>()(z.strictObject({ id, password: z.string().max(128) }), ADMIN),

  'calendar.holidays': method<HolidayEntry[]>()(z.strictObject({ year: z.number().int().min(1900).max(2999) }), ALL),
  'calendar.setHolidays': method<HolidayEntry[]>()(
    z.strictObject({
      year: z.number().int().min(1900).max(2999),
      days: z
        .array(z.strictObject({ day, kind: z.enum(['holiday', 'workday']), name: text(LIMITS.holidayName).default('') }))
        .max(366),
    }),
    ADMIN,
  ),
  'calendar.dueOn': method<{ dueOn: string }>()(z.strictObject({ receivedOn: day, categoryId: id.optional() }), ALL),
  'reminders.summary': method<Reminders>()(empty, ALL),

  'attachments.list': method<Attachment[]>()(z.strictObject({ consultationId: id, trashed: z.boolean().optional() }), ALL),
  'attachments.pick': method<Attachment[]>()(z.strictObject({ consultationId: id, opinionId: id.optional() }), ['registrar', 'counsel']),
  'attachments.upload': method<Attachment>()(
    z.strictObject({
      consultationId: id,
      opinionId: id.optional(),
      fileName: uploadFileName,
      dataBase64: uploadData,
    }),
    ['registrar', 'counsel'],
  ),
  'attachments.open': method<{ opened: boolean }>()(z.strictObject({ id }), ALL),
  'attachments.saveAs': method<{ saved: boolean }>()(z.strictObject({ id }), ALL),
  'attachments.remove': method<Attachment>()(z.strictObject({ id }), ['registrar', 'counsel']),
  'attachments.restore': method<Attachment>()(z.strictObject({ id }), ['registrar', 'counsel']),

  'jobs.progress': method<JobProgress | null>()(z.strictObject({ jobId }), ALL),

  'search.query': method<SearchHit[]>()(
    z.strictObject({ text: text(LIMITS.search), limit: z.number().int().min(1).max(200).default(20) }),
    ALL,
  ),

  'audit.list': method<Page<AuditRecord>>()(
    z.strictObject({
      from: day.optional(),
      to: day.optional(),
      actor: text(50).optional(),
      action: text(60).optional(),
      result: z.enum(['ok', 'refused', 'failed']).optional(),
      page: z.number().int().min(1).max(1_000_000).default(1),
      pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    }),
    ['admin', 'leader'],
  ),

  ...reportsContract,
  ...importContract,
  ...engagementContract,
  ...documentsContract,
  ...proceduresContract,
  ...exchangeContract,
  ...deskContract,
} as const satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type { MethodDef };
export type OutputOf<M extends MethodName> = Contract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

/**
 * Each method's roles, as plain data. The renderer's build is given this table
 * (electron.vite.config.ts, `__METHOD_ROLES__`), so the UI asks "may this
 * account call it?" from the contract's own role lists without loading zod and
 * every schema on its first screen.
 */
export function rolesByMethod(): Record<MethodName, readonly Role[]> {
  return Object.fromEntries(Object.entries(contract).map(([name, def]) => [name, def.roles])) as Record<MethodName, readonly Role[]>;
}
