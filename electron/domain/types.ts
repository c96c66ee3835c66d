/**
 * Domain types shared by the contract, the services and the renderer (type-only:
 * this file has no runtime code, so the renderer may import it).
 */
import type { CheckMark, ProcedureReminders, SignOffState } from './procedures';
import type { AppEnd } from './ends';
import type { Secrecy } from './secrecy';
export const ROLES = ['admin', 'registrar', 'counsel', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ['registered', 'assigned', 'answered', 'closed', 'withdrawn'] as const;
export type ConsultationStatus = (typeof STATUSES)[number];

export const CONCLUSIONS = ['approve', 'approveWithChanges', 'object', 'advisory'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

export const OUTCOMES = ['adopted', 'partiallyAdopted', 'notAdopted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Category {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  builtIn: boolean;
  active: boolean;
  sortOrder: number;
  inUse: number;
}

export interface Department {
  id: number;
  name: string;
  active: boolean;
  sortOrder: number;
  inUse: number;
}

export interface Counsel {
  id: number;
  name: string;
  firm: string;
  /** the firm record (firms); null only for a counsel imported without a firm */
  firmId: number | null;
  phone: string;
  engagedFrom: string | null;
  engagedTo: string | null;
  active: boolean;
  version: number;
}

export interface Settings {
  officeName: string;
  serialPrefix: string;
  /** default 办理时限: working days after 收件日期 (weekends and holidays skipped) */
  defaultDueDays: number;
  reportTemplate: string;
  /** minutes without activity before the app locks itself */
  idleLockMinutes: number;
  /** an administrator has saved the office name (the seeded "市国防动员办公室" has no city: it is a placeholder) */
  officeNameConfirmed: boolean;
}

/** An item still open at a period's end (the report's 期末未办结 list): what the tally reads and the report shows alike. */
export interface CarriedOverItem {
  id: number;
  title: string;
  receivedOn: string;
  dueOn: string | null;
  itemCount: number;
  departmentName: string;
  counselName: string | null;
  /** the status at the end of the period (open: registered, assigned or answered) */
  statusAtEnd: 'registered' | 'assigned' | 'answered';
}

export interface ConsultationRow {
  id: number;
  serialNo: string;
  serialYear: number;
  serialSeq: number;
  title: string;
  categoryId: number;
  categoryName: string;
  categoryNameEn: string;
  departmentId: number;
  departmentName: string;
  requester: string;
  receivedOn: string;
  dueOn: string | null;
  itemCount: number;
  counselId: number | null;
  counselName: string | null;
  status: ConsultationStatus;
  outcome: Outcome | null;
  /** still waiting for an opinion after its 办理时限 */
  overdue: boolean;
  trashedAt: string | null;
  version: number;
  /** only in the trash list: the latest move to the trash (reason, who, when) */
  trashed?: TrashRecord | null;
}

export interface TrashRecord {
  reason: string;
  at: string;
  /** user name, and the name shown */
  actor: string;
  actorName: string;
}

/** What a corrected opinion said before a correction replaced it. */
export interface OpinionVersion {
  conclusion: Conclusion;
  text: string;
  issuedOn: string;
  /** when this version had been entered (or last corrected), and by whom */
  enteredAt: string;
  enteredByName: string;
  /** the correction that replaced it */
  replacedAt: string;
  replacedByName: string;
  reason: string;
}

export interface Opinion {
  id: number;
  round: number;
  /** the counsel who gave the opinion (whoever typed it in) */
  counselId: number | null;
  counselName: string | null;
  conclusion: Conclusion;
  text: string;
  issuedOn: string;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  /** true when the counsel typed it in themselves (their own account); otherwise it was 代录 by createdByName */
  enteredByCounsel: boolean;
  correctedAt: string | null;
  correctedByName: string | null;
  /** earlier versions, oldest first; empty when never corrected */
  previous: OpinionVersion[];
  /** the category's word for the conclusion (issue 20); null: the standard word */
  conclusionWord: string | null;
  /** the checklist as marked; null: none was asked */
  checklist: CheckMark[] | null;
  /** 审签: null when the category did not need it */
  signOffStatus: SignOffState | null;
  signOffOn: string | null;
  signOffByName: string | null;
  signOffRemark: string | null;
}

/** History rows that are steps of the item but not statuses, or corrections of earlier steps. */
export const HISTORY_EVENTS = [
  'trashed',
  'restored',
  'outcome',
  'dateCorrected',
  'opinionCorrected',
  // issue 20: 退回补正, 补正材料到达, 延期, 签发, 签发退回, 文件有效期登记
  'returned',
  'resumed',
  'extended',
  'signedOff',
  'signOffReturned',
  'documentSet',
] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** The dated steps of an item's life; each has a business date (the day it happened). */
export const STEP_KINDS = ['received', 'assigned', 'opinion', 'outcome', 'closed', 'withdrawn', 'reopened'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface StatusChange {
  id: number;
  fromStatus: ConsultationStatus | null;
  toStatus: ConsultationStatus | HistoryEvent;
  /** entry time (ISO-8601 UTC) */
  at: string;
  actor: string;
  /** the account's display name (the user name when the account is unknown) */
  actorName: string;
  reason: string;
  /** the business date of the step ('YYYY-MM-DD'); null for trash/restore and corrections */
  businessOn: string | null;
  /** 'field' / 'entry': the upgrade to business dates filled it from the item's dates / the entry day */
  onOrigin: 'typed' | 'field' | 'entry';
  /** outcome: {outcome}; dateCorrected: {historyId, kind, from, to}; opinionCorrected: {opinionId, round} */
  detail: Record<string, unknown> | null;
}

export interface ConsultationDetail extends ConsultationRow {
  description: string;
  /** 密级 (electron/domain/secrecy.ts) */
  secrecy: Secrecy;
  note: string;
  assignedOn: string | null;
  outcomeReason: string | null;
  outcomeOn: string | null;
  closedOn: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  createdByName: string;
  updatedByName: string;
  opinions: Opinion[];
  history: StatusChange[];
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface WhoAmI {
  username: string;
  displayName: string;
  roles: Role[];
  counselId: number | null;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  user: WhoAmI;
  today: string;
  isFirstRun: boolean;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  problem: string | null;
}

export interface BackupView {
  name: string;
  kind: 'auto' | 'manual' | 'pre-restore' | 'pre-migration';
  takenAt: string;
  size: number;
  /** the folder it is in */
  dir: string;
}

/** How many automatic backups are kept: the newest of each of the last N days, weeks and months. */
export interface BackupRotation {
  daily: number;
  weekly: number;
  monthly: number;
}

export const ROTATION_LIMITS: { readonly [K in keyof BackupRotation]: readonly [min: number, max: number] } = {
  daily: [1, 90],
  weekly: [0, 104],
  monthly: [0, 240],
};

/** A rotation within ROTATION_LIMITS: exactly its three keys, each a whole number in range (how backup-config.json's is read back). */
export function isBackupRotation(value: unknown): value is BackupRotation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const limits = Object.entries(ROTATION_LIMITS);
  if (Object.keys(value).length !== limits.length) return false;
  return limits.every(([key, [min, max]]) => {
    const n: unknown = (value as Record<string, unknown>)[key];
    return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
  });
}

export interface BackupList {
  /** where the next backup is written */
  dir: string;
  /** the folder beside the database (also where pre-migration and pre-restore copies go) */
  defaultDir: string;
  /** the folder the admin picked, null for the default */
  chosenDir: string | null;
  /** the chosen folder cannot be used now (why, in Chinese): backups go to the default folder meanwhile */
  fallbackReason: string | null;
  /** SQLite files on a network share are not safe: the UI warns */
  onNetworkShare: boolean;
  rotation: BackupRotation;
  /** from every folder that may hold backups, newest first */
  backups: BackupView[];
}

export interface RestoreOutcome {
  restoredFrom: string;
  replacedCopy: string | null;
}

export interface RecoveryStatus {
  damaged: boolean;
  problem: string | null;
  newestBackup: { name: string; takenAt: string; consultations: number } | null;
  /**
   * the last automatic backup failed and no backup has succeeded since: told on screen
   * (the app frame's banner, for admins and registrars) until one does; when it failed (ISO) and why
   */
  backupProblem?: { at: string; reason: string } | null;
}

export interface AuthStatus {
  /** no account exists yet: the first start asks for the administrator */
  setupNeeded: boolean;
  user: WhoAmI | null;
  locked: boolean;
  mustChangePassword: boolean;
  idleMinutes: number;
  /** which end this copy is (electron/domain/ends.ts): the office's ledger or a counsel's desk; null until the first start's choice */
  end: AppEnd | null;
}

export interface UserAccount {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  counselId: number | null;
  counselName: string | null;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
  version: number;
}

export interface HolidayEntry {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface AuditRecord {
  id: number;
  at: string;
  /** the user name as recorded */
  actor: string;
  /** the person's name as shown (姓名) */
  actorName: string;
  /** what the record is about, as shown: a consultation's serial number, a user's, division's or counsel's name; null when unknown */
  entityName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  result: string;
  before: string | null;
  after: string | null;
}

export interface Reminders extends ProcedureReminders {
  /** open items past their 办理时限 */
  overdue: number;
  /** open items due today or within the next 2 days */
  dueSoon: number;
}

/** One attachment's bytes at most (the service, the contract and the page check it). */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** The same limit on attachments.upload's base64 text, checked before it is decoded. */
export const MAX_ATTACHMENT_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

export interface Attachment {
  id: number;
  consultationId: number;
  opinionId: number | null;
  /** as stored (cleaned at upload: electron/services/attachments/file-name.ts) */
  fileName: string;
  /** judged by content and extension together; application/octet-stream when not on the list of openable types */
  mimeType: string;
  /** 打开 is offered (a document or image type whose content matched its extension); otherwise only 另存为 */
  openable: boolean;
  size: number;
  sha256: string;
  createdAt: string;
  /** the uploader's user name (who may remove it) */
  createdBy: string;
  /** the uploader's name, as shown */
  createdByName: string;
  trashedAt: string | null;
}

export interface TextPart {
  text: string;
  /** this part matches the query (shown highlighted) */
  hit: boolean;
}

/** The fields search looks in, in the order a match is reported (a title match first). */
export const SEARCH_FIELDS = ['title', 'serialNo', 'requester', 'department', 'description', 'note', 'opinions', 'outcome', 'attachments'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface SearchHit {
  id: number;
  serialNo: string;
  status: ConsultationStatus;
  receivedOn: string;
  /** the field the query was found in (the first, in this order) */
  field: SearchField;
  title: TextPart[];
  snippet: TextPart[];
}

/** Progress of a long export or import, polled by the page while its call is pending. */
export interface JobProgress {
  phase: string;
  done: number;
  total: number;
  finished: boolean;
}
