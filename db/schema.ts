/**
 * The ledger's tables. Dates a person types (收件日期, 办理时限, 意见日期) are
 * stored as 'YYYY-MM-DD' text in Asia/Shanghai local time, because they are
 * calendar days, not instants; timestamps of actions are ISO-8601 UTC text.
 */
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON-encoded value */
  value: text('value').notNull(),
});

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull().unique(),
  nameEn: text('name_en').notNull(),
  builtIn: integer('built_in', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

export const departments = sqliteTable('departments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

export const counsels = sqliteTable('counsels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  firm: text('firm').notNull(),
  phone: text('phone').notNull().default(''),
  engagedFrom: text('engaged_from'),
  engagedTo: text('engaged_to'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull(),
});

/** The highest serial handed out per year; only ever goes up, so numbers are never reused. */
export const serialCounters = sqliteTable('serial_counters', {
  year: integer('year').primaryKey(),
  lastSeq: integer('last_seq').notNull(),
});

export const consultations = sqliteTable(
  'consultations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** the prefix in force when the number was given; a later change of prefix never renumbers */
    serialPrefix: text('serial_prefix').notNull(),
    serialYear: integer('serial_year').notNull(),
    serialSeq: integer('serial_seq').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    requester: text('requester').notNull().default(''),
    receivedOn: text('received_on').notNull(),
    dueOn: text('due_on'),
    itemCount: integer('item_count').notNull().default(1),
    counselId: integer('counsel_id').references(() => counsels.id),
    assignedOn: text('assigned_on'),
    status: text('status', {
      enum: ['registered', 'assigned', 'answered', 'closed', 'withdrawn'],
    }).notNull(),
    outcome: text('outcome', { enum: ['adopted', 'partiallyAdopted', 'notAdopted'] }),
    outcomeReason: text('outcome_reason'),
    outcomeOn: text('outcome_on'),
    closedOn: text('closed_on'),
    /**
     * The business date of the step that gave the current status (the latest of the
     * status history's business dates): a report whose period ends on or after it
     * takes the current status without reading the history. Null: read the history.
     */
    statusOn: text('status_on'),
    /** 退回补正 (issue 20): the day of the open return; null when not waiting for material. Overdue excludes it. */
    pausedSince: text('paused_since'),
    /** 规范性文件 once issued (issue 20): its number and validity period */
    docNumber: text('doc_number'),
    docIssuedOn: text('doc_issued_on'),
    docValidUntil: text('doc_valid_until'),
    note: text('note').notNull().default(''),
    trashedAt: text('trashed_at'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    /** set when the row came from a ledger import, so the batch can be undone as a whole */
    importBatchId: integer('import_batch_id').references((): AnySQLiteColumn => importBatches.id),
  },
  (t) => [
    index('consultations_import_batch_idx').on(t.importBatchId),
    uniqueIndex('consultations_serial_uq').on(t.serialYear, t.serialSeq),
    // The ledger's default view: live items newest first.
    index('consultations_live_received_idx').on(t.trashedAt, t.receivedOn, t.id),
    index('consultations_category_idx').on(t.categoryId, t.receivedOn),
    index('consultations_department_idx').on(t.departmentId, t.receivedOn),
    index('consultations_counsel_idx').on(t.counselId, t.receivedOn),
    index('consultations_status_idx').on(t.status, t.receivedOn),
    check('consultations_item_count_ck', sql`${t.itemCount} >= 1`),
    check(
      'consultations_outcome_reason_ck',
      sql`${t.outcome} IS NOT 'notAdopted' OR length(trim(${t.outcomeReason})) > 0`,
    ),
  ],
);

export const opinions = sqliteTable(
  'opinions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: integer('consultation_id')
      .notNull()
      .references(() => consultations.id),
    round: integer('round').notNull(),
    counselId: integer('counsel_id').references(() => counsels.id),
    conclusion: text('conclusion', {
      enum: ['approve', 'approveWithChanges', 'object', 'advisory'],
    }).notNull(),
    text: text('text').notNull(),
    issuedOn: text('issued_on').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    /** the last correction (null: never corrected); the versions it replaced are in opinion_versions */
    correctedAt: text('corrected_at'),
    correctedBy: text('corrected_by'),
    /** the category's conclusion word chosen (issue 20), e.g. 不予出台; conclusion holds the one of the four it maps onto */
    conclusionWord: text('conclusion_word'),
    /** JSON [{point, result, note}] (result: conforms / nonConforming / notApplicable); null: no checklist */
    checklist: text('checklist'),
    /** 审签: null = not needed; pending / signed / returned */
    signOffStatus: text('sign_off_status', { enum: ['pending', 'signed', 'returned'] }),
    signOffOn: text('sign_off_on'),
    signOffBy: text('sign_off_by'),
    /** the leader's remark (签发) or reason (退回) */
    signOffRemark: text('sign_off_remark'),
  },
  (t) => [index('opinions_sign_off_idx').on(t.signOffStatus), uniqueIndex('opinions_round_uq').on(t.consultationId, t.round)],
);

/**
 * The earlier wording of a corrected opinion: one row per correction, holding
 * what the opinion said before it (a correction is not a new round, so it adds no 份).
 */
export const opinionVersions = sqliteTable(
  'opinion_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    opinionId: integer('opinion_id')
      .notNull()
      .references(() => opinions.id),
    counselId: integer('counsel_id').references(() => counsels.id),
    conclusion: text('conclusion', {
      enum: ['approve', 'approveWithChanges', 'object', 'advisory'],
    }).notNull(),
    text: text('text').notNull(),
    issuedOn: text('issued_on').notNull(),
    conclusionWord: text('conclusion_word'),
    checklist: text('checklist'),
    /** when and by whom this version had been entered (or last corrected) */
    enteredAt: text('entered_at').notNull(),
    enteredBy: text('entered_by').notNull(),
    /** the correction that replaced it */
    replacedAt: text('replaced_at').notNull(),
    replacedBy: text('replaced_by').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('opinion_versions_opinion_idx').on(t.opinionId, t.id)],
);

export const statusHistory = sqliteTable(
  'status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: integer('consultation_id')
      .notNull()
      .references(() => consultations.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** entry time (ISO-8601 UTC) and who typed it */
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason').notNull().default(''),
    /**
     * The business date of the step ('YYYY-MM-DD', the day it happened: 分派日期, 办结日期 …).
     * Workflow steps' business dates never go backwards along the history, so the status at
     * the end of any day is the last step dated on or before it.
     */
    businessOn: text('business_on'),
    /** where businessOn came from: 'typed' (entered), 'field' / 'entry' (filled by migration 0004 from the item's dates / the entry day) */
    onOrigin: text('on_origin', { enum: ['typed', 'field', 'entry'] }).notNull().default('typed'),
    /** JSON details of non-status steps: {"outcome": …} for 登记采纳情况, {"historyId", "from", "to"} for a date correction */
    detail: text('detail'),
  },
  (t) => [index('status_history_consultation_idx').on(t.consultationId, t.id)],
);

/**
 * Idempotency keys of create calls: a repeated create with the same key (a double
 * click, a retry, a second window) answers with the first result. Pruned after a week.
 */
export const requestKeys = sqliteTable(
  'request_keys',
  {
    key: text('key').primaryKey(),
    method: text('method').notNull(),
    actor: text('actor').notNull(),
    resultId: integer('result_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('request_keys_created_idx').on(t.createdAt)],
);

/**
 * Append-only, hash-chained record of every write: hash = sha256(prevHash + canonical
 * JSON of the record). Triggers in the migration refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    result: text('result').notNull().default('ok'),
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

/** Accounts (MLPS level 2: identification, lockout, forced change after reset). Never deleted, only disabled. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** comma-separated roles: admin, registrar, counsel, leader */
  roles: text('roles').notNull(),
  counselId: integer('counsel_id').references(() => counsels.id),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: text('locked_until'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  lastLoginAt: text('last_login_at'),
  version: integer('version').notNull().default(1),
  createdAt: text('created_at').notNull(),
});

/** Days off (and the weekend days worked instead, 调休) for due dates in working days. */
export const holidays = sqliteTable('holidays', {
  day: text('day').primaryKey(),
  /** 'holiday' = a weekday off; 'workday' = a weekend day worked */
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull().default(''),
});

/** One import of an old Excel/CSV ledger; undoing it removes exactly its rows. */
export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  /** SHA-256 of the file's bytes: importing the same file twice is noticed */
  fileSha256: text('file_sha256').notNull(),
  rowCount: integer('row_count').notNull(),
  importedAt: text('imported_at').notNull(),
  importedBy: text('imported_by').notNull(),
  undoneAt: text('undone_at'),
  undoneBy: text('undone_by'),
});

/**
 * The bytes of attachments, content-addressed and stored inside SQLite: they are
 * in every backup, and an add commits with its row or not at all.
 */
export const attachmentBlobs = sqliteTable('attachment_blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  /** text extracted from .docx/.txt for search; null for other kinds */
  extractedText: text('extracted_text'),
});

export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: integer('consultation_id')
      .notNull()
      .references(() => consultations.id),
    opinionId: integer('opinion_id').references(() => opinions.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull().default('application/octet-stream'),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => attachmentBlobs.sha256),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    trashedAt: text('trashed_at'),
  },
  (t) => [index('attachments_consultation_idx').on(t.consultationId)],
);

/**
 * Review procedure of a category (issue 20), as the admin saved it. A category without a
 * row follows the default of electron/domain/procedures.ts (DEFAULT_PROCEDURES).
 */
export const categoryProcedures = sqliteTable('category_procedures', {
  categoryId: integer('category_id')
    .primaryKey()
    .references(() => categories.id),
  /** 办理时限 in working days; null: the setting defaultDueDays */
  timeLimitDays: integer('time_limit_days'),
  clockStart: text('clock_start', { enum: ['receipt', 'complete'] }).notNull(),
  signOff: integer('sign_off', { mode: 'boolean' }).notNull(),
  tracksValidity: integer('tracks_validity', { mode: 'boolean' }).notNull(),
  /** JSON string[]: the checklist's points */
  checklist: text('checklist').notNull(),
  /** JSON [{word, conclusion}]; [] = the four standard words */
  conclusionWords: text('conclusion_words').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** 退回补正: the clock stops on returnedOn and starts again on resumedOn; several per item. */
export const consultationReturns = sqliteTable(
  'consultation_returns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: integer('consultation_id')
      .notNull()
      .references(() => consultations.id),
    returnedOn: text('returned_on').notNull(),
    missing: text('missing').notNull(),
    resumedOn: text('resumed_on'),
    /** working days paused (after returnedOn up to and including resumedOn); null while open */
    pausedDays: integer('paused_days'),
    dueBefore: text('due_before'),
    dueAfter: text('due_after'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    resumedBy: text('resumed_by'),
  },
  (t) => [index('consultation_returns_item_idx').on(t.consultationId, t.id), index('consultation_returns_returned_idx').on(t.returnedOn)],
);

/** 延期: a new 办理时限 with its reason. */
export const consultationExtensions = sqliteTable(
  'consultation_extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consultationId: integer('consultation_id')
      .notNull()
      .references(() => consultations.id),
    grantedOn: text('granted_on').notNull(),
    reason: text('reason').notNull(),
    previousDueOn: text('previous_due_on'),
    newDueOn: text('new_due_on').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('consultation_extensions_item_idx').on(t.consultationId, t.id)],
);
