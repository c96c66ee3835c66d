/**
 * Domain types shared by the contract, the services and the renderer (type-only:
 * this file has no runtime code, so the renderer may import it).
 */
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
}

export interface Opinion {
  id: number;
  round: number;
  counselId: number | null;
  counselName: string | null;
  conclusion: Conclusion;
  text: string;
  issuedOn: string;
  createdAt: string;
  createdBy: string;
  createdByName: string;
}

export interface StatusChange {
  id: number;
  fromStatus: ConsultationStatus | null;
  toStatus: ConsultationStatus | 'trashed' | 'restored';
  at: string;
  actor: string;
  /** the account's display name (the user name when the account is unknown) */
  actorName: string;
  reason: string;
}

export interface ConsultationDetail extends ConsultationRow {
  description: string;
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
}

export interface AuthStatus {
  /** no account exists yet: the first start asks for the administrator */
  setupNeeded: boolean;
  user: WhoAmI | null;
  locked: boolean;
  mustChangePassword: boolean;
  idleMinutes: number;
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
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  result: string;
  before: string | null;
  after: string | null;
}

export interface Reminders {
  /** open items past their 办理时限 */
  overdue: number;
  /** open items due today or within the next 2 days */
  dueSoon: number;
}

export interface Attachment {
  id: number;
  consultationId: number;
  opinionId: number | null;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
  trashedAt: string | null;
}

export interface TextPart {
  text: string;
  /** this part matches the query (shown highlighted) */
  hit: boolean;
}

export interface SearchHit {
  id: number;
  serialNo: string;
  status: ConsultationStatus;
  receivedOn: string;
  /** where the query was found: title, body (description, requester, division, serial), opinions, outcome or attachments */
  field: 'title' | 'body' | 'opinions' | 'outcome' | 'attachments';
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
