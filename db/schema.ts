/**
 * The ledger's tables. Dates a person types (收件日期, 办理时限, 意见日期) are
 * stored as 'YYYY-MM-DD' text in Asia/Shanghai local time, because they are
 * calendar days, not instants; timestamps of actions are ISO-8601 UTC text.
 */
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

// Columns many tables share, made afresh for each table (a drizzle column belongs to one table).
const autoId = () => ({ id: integer('id').primaryKey({ autoIncrement: true }) });
const activeFlag = () => ({ active: integer('active', { mode: 'boolean' }).notNull().default(true) });
const versioned = () => ({ version: integer('version').notNull().default(1) });
const created = () => ({ createdAt: text('created_at').notNull(), createdBy: text('created_by').notNull() });
const updated = () => ({ updatedAt: text('updated_at').notNull(), updatedBy: text('updated_by').notNull() });
/** a reference that must be set (NOT NULL) */
const requiredRef = (name: string, to: () => AnySQLiteColumn) => integer(name).notNull().references(to);
/** the item (咨询事项) the row belongs to */
const ofItem = () => ({ consultationId: requiredRef('consultation_id', () => consultations.id) });

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON-encoded value */
  value: text('value').notNull(),
});

export const categories = sqliteTable('categories', {
  ...autoId(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull().unique(),
  nameEn: text('name_en').notNull(),
  builtIn: integer('built_in', { mode: 'boolean' }).notNull().default(false),
  ...activeFlag(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

export const departments = sqliteTable('departments', {
  ...autoId(),
  name: text('name').notNull().unique(),
  ...activeFlag(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

export const counsels = sqliteTable('counsels', {
  ...autoId(),
  name: text('name').notNull(),
  /**
   * The firm's name as the counsel list shows it: since migration 0005 the firm
   * record (firm_id) is the truth, and the firms service writes this copy in the
   * same transaction as every rename (older readers and imports keep working).
   */
  firm: text('firm').notNull(),
  firmId: integer('firm_id').references((): AnySQLiteColumn => firms.id),
  phone: text('phone').notNull().default(''),
  engagedFrom: text('engaged_from'),
  engagedTo: text('engaged_to'),
  ...activeFlag(),
  ...versioned(),
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
    ...autoId(),
    /** the prefix in force when the number was given; a later change of prefix never renumbers */
    serialPrefix: text('serial_prefix').notNull(),
    serialYear: integer('serial_year').notNull(),
    serialSeq: integer('serial_seq').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    categoryId: requiredRef('category_id', () => categories.id),
    departmentId: requiredRef('department_id', () => departments.id),
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
    /** 密级: 'none' or 'workSecret' (工作秘密); 秘密/机密/绝密 are refused at registration (a non-classified system) */
    secrecy: text('secrecy', { enum: ['none', 'workSecret'] }).notNull().default('none'),
    trashedAt: text('trashed_at'),
    ...versioned(),
    ...created(),
    ...updated(),
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
    ...autoId(),
    ...ofItem(),
    round: integer('round').notNull(),
    counselId: integer('counsel_id').references(() => counsels.id),
    conclusion: text('conclusion', {
      enum: ['approve', 'approveWithChanges', 'object', 'advisory'],
    }).notNull(),
    text: text('text').notNull(),
    issuedOn: text('issued_on').notNull(),
    ...created(),
    /** the last correction (null: never corrected); the versions it replaced are in opinion_versions */
    correctedAt: text('corrected_at'),
    correctedBy: text('corrected_by'),
    /** how it reached the ledger: null = entered here; 'replyPackage' = 经回复包导入 (docs/EXCHANGE.md) */
    channel: text('channel', { enum: ['replyPackage'] }),
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
    ...autoId(),
    opinionId: requiredRef('opinion_id', () => opinions.id),
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
    ...autoId(),
    ...ofItem(),
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
    ...autoId(),
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
  ...autoId(),
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
  ...versioned(),
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
  ...autoId(),
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
    ...autoId(),
    ...ofItem(),
    opinionId: integer('opinion_id').references(() => opinions.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull().default('application/octet-stream'),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => attachmentBlobs.sha256),
    ...created(),
    trashedAt: text('trashed_at'),
  },
  (t) => [index('attachments_consultation_idx').on(t.consultationId)],
);

/**
 * This end's exchange keys (docs/EXCHANGE.md): one row. The private halves are sealed
 * under the owner's password; the public halves are what the .clkey file carries.
 */
export const exchangeIdentity = sqliteTable(
  'exchange_identity',
  {
    id: integer('id').primaryKey(),
    end: text('end', { enum: ['office', 'counsel'] }).notNull(),
    name: text('name').notNull(),
    encryptionKey: text('encryption_key').notNull(),
    signingKey: text('signing_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    sealedPrivate: text('sealed_private').notNull(),
    ...created(),
  },
  (t) => [check('exchange_identity_one_ck', sql`${t.id} = 1`)],
);

/**
 * The other ends' public keys: at the office one per counsel (counsel_id), at a counsel's
 * desk the office's (counsel_id null). Revoked keys stay, with when and by whom.
 */
export const exchangePeers = sqliteTable(
  'exchange_peers',
  {
    ...autoId(),
    end: text('end', { enum: ['office', 'counsel'] }).notNull(),
    counselId: integer('counsel_id').references(() => counsels.id),
    name: text('name').notNull(),
    encryptionKey: text('encryption_key').notNull(),
    signingKey: text('signing_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('exchange_peers_fingerprint_idx').on(t.fingerprint), index('exchange_peers_counsel_idx').on(t.counselId)],
);

/** Every package made here or taken in: a package id seen before is a replay. */
export const exchangePackages = sqliteTable(
  'exchange_packages',
  {
    packageId: text('package_id').primaryKey(),
    direction: text('direction', { enum: ['sent', 'received'] }).notNull(),
    kind: text('kind', { enum: ['review', 'reply'] }).notNull(),
    counselId: integer('counsel_id').references(() => counsels.id),
    peerFingerprint: text('peer_fingerprint').notNull(),
    fileSha256: text('file_sha256').notNull(),
    /** JSON: the items and their versions (sent), or what the import did (received) */
    items: text('items').notNull(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [index('exchange_packages_counsel_idx').on(t.counselId, t.at)],
);

/** A counsel's desk: the items 送审包 brought (the office's id and version). */
export const deskItems = sqliteTable('desk_items', {
  itemId: integer('item_id').primaryKey(),
  officeVersion: integer('office_version').notNull(),
  /** JSON: the fields a reviewer needs and the earlier rounds, as the package carried them */
  data: text('data').notNull(),
  packageId: text('package_id').notNull(),
  receivedAt: text('received_at').notNull(),
  /** set when a 回复包 carried this item's opinion */
  repliedAt: text('replied_at'),
});

/** A counsel's desk: opinions written here, waiting for (or sent in) a 回复包. */
export const deskOpinions = sqliteTable(
  'desk_opinions',
  {
    ...autoId(),
    itemId: requiredRef('item_id', () => deskItems.itemId),
    conclusion: text('conclusion', { enum: ['approve', 'approveWithChanges', 'object', 'advisory'] }).notNull(),
    text: text('text').notNull(),
    issuedOn: text('issued_on').notNull(),
    basedOnVersion: integer('based_on_version').notNull(),
    createdAt: text('created_at').notNull(),
    sentPackageId: text('sent_package_id'),
  },
  (t) => [index('desk_opinions_item_idx').on(t.itemId)],
);

/** A counsel's desk: the materials packages brought and the attachments of opinions written here. */
export const deskFiles = sqliteTable(
  'desk_files',
  {
    ...autoId(),
    itemId: requiredRef('item_id', () => deskItems.itemId),
    deskOpinionId: integer('desk_opinion_id').references(() => deskOpinions.id),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => attachmentBlobs.sha256),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('desk_files_item_idx').on(t.itemId)],
);

/** A law firm the office retains (律师事务所); counsel belong to one (counsels.firm_id). */
export const firms = sqliteTable('firms', {
  ...autoId(),
  name: text('name').notNull().unique(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  ...activeFlag(),
  ...versioned(),
  createdAt: text('created_at').notNull(),
});

/**
 * A service contract (聘用合同) with a firm. Money is integer fen (分). The duties
 * (服务清单) are a JSON array of strings. The signed contract file's bytes live in
 * attachment_blobs like every attachment.
 */
export const engagements = sqliteTable(
  'engagements',
  {
    ...autoId(),
    firmId: requiredRef('firm_id', () => firms.id),
    contractNo: text('contract_no').notNull().unique(),
    termFrom: text('term_from').notNull(),
    termTo: text('term_to').notNull(),
    annualFeeFen: integer('annual_fee_fen').notNull(),
    paymentTerms: text('payment_terms').notNull().default(''),
    duties: text('duties').notNull().default('[]'),
    filedOn: text('filed_on'),
    contractFileName: text('contract_file_name'),
    contractMimeType: text('contract_mime_type'),
    contractSha256: text('contract_sha256').references(() => attachmentBlobs.sha256),
    ...versioned(),
    ...created(),
  },
  (t) => [
    index('engagements_firm_idx').on(t.firmId, t.termFrom),
    check('engagements_term_ck', sql`${t.termTo} >= ${t.termFrom}`),
    check('engagements_fee_ck', sql`${t.annualFeeFen} >= 0`),
  ],
);

/** A payment under an engagement, in fen; a mistaken one is voided with a reason, never deleted. */
export const engagementPayments = sqliteTable(
  'engagement_payments',
  {
    ...autoId(),
    engagementId: requiredRef('engagement_id', () => engagements.id),
    paidOn: text('paid_on').notNull(),
    amountFen: integer('amount_fen').notNull(),
    voucherNo: text('voucher_no').notNull().default(''),
    note: text('note').notNull().default(''),
    ...created(),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
  },
  (t) => [index('engagement_payments_idx').on(t.engagementId, t.paidOn), check('engagement_payments_amount_ck', sql`${t.amountFen} > 0`)],
);

/** The registrar's rating of the counsel's service when an item closes (optional, one per item). */
export const consultationRatings = sqliteTable('consultation_ratings', {
  consultationId: integer('consultation_id').primaryKey().references(() => consultations.id),
  rating: text('rating', { enum: ['satisfied', 'fair', 'unsatisfied'] }).notNull(),
  note: text('note').notNull().default(''),
  ratedOn: text('rated_on').notNull(),
  ratedAt: text('rated_at').notNull(),
  ratedBy: text('rated_by').notNull(),
});

/**
 * The yearly assessment (年度履职考核) of a firm: the template it was scored on (a
 * copy, so later edits of the template never change it), the scores, the firm's
 * self-assessment; signed: locked (reopening needs the admin and a reason).
 */
export const assessments = sqliteTable(
  'assessments',
  {
    ...autoId(),
    firmId: requiredRef('firm_id', () => firms.id),
    year: integer('year').notNull(),
    template: text('template').notNull(),
    scores: text('scores').notNull().default('{}'),
    vetoes: text('vetoes').notNull().default('[]'),
    selfAssessment: text('self_assessment').notNull().default(''),
    remarks: text('remarks').notNull().default(''),
    status: text('status', { enum: ['draft', 'signed'] }).notNull().default('draft'),
    signedAt: text('signed_at'),
    signedBy: text('signed_by'),
    ...versioned(),
    ...created(),
    ...updated(),
  },
  (t) => [uniqueIndex('assessments_firm_year_uq').on(t.firmId, t.year)],
);

/**
 * Per-item document templates the admin replaced (issue 21): the uploaded DOCX,
 * inside SQLite so every backup carries it. A kind without a row uses the
 * app's built-in template (electron/services/documents/default-templates.ts).
 */
export const documentTemplates = sqliteTable(
  'document_templates',
  {
    kind: text('kind').primaryKey(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    uploadedAt: text('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
  },
  (t) => [check('document_templates_kind_ck', sql`${t.kind} IN ('request', 'opinion')`)],
);

/**
 * Review procedure of a category (issue 20), as the admin saved it. A category without a
 * row follows the default of electron/domain/procedures.ts (DEFAULT_PROCEDURES).
 */
export const categoryProcedures = sqliteTable('category_procedures', {
  categoryId: integer('category_id').primaryKey().references(() => categories.id),
  /** 办理时限 in working days; null: the setting defaultDueDays */
  timeLimitDays: integer('time_limit_days'),
  clockStart: text('clock_start', { enum: ['receipt', 'complete'] }).notNull(),
  signOff: integer('sign_off', { mode: 'boolean' }).notNull(),
  tracksValidity: integer('tracks_validity', { mode: 'boolean' }).notNull(),
  /** JSON string[]: the checklist's points */
  checklist: text('checklist').notNull(),
  /** JSON [{word, conclusion}]; [] = the four standard words */
  conclusionWords: text('conclusion_words').notNull(),
  ...versioned(),
  ...updated(),
});

/** 退回补正: the clock stops on returnedOn and starts again on resumedOn; several per item. */
export const consultationReturns = sqliteTable(
  'consultation_returns',
  {
    ...autoId(),
    ...ofItem(),
    returnedOn: text('returned_on').notNull(),
    missing: text('missing').notNull(),
    resumedOn: text('resumed_on'),
    /** working days paused (after returnedOn up to and including resumedOn); null while open */
    pausedDays: integer('paused_days'),
    dueBefore: text('due_before'),
    dueAfter: text('due_after'),
    ...created(),
    resumedBy: text('resumed_by'),
  },
  (t) => [index('consultation_returns_item_idx').on(t.consultationId, t.id), index('consultation_returns_returned_idx').on(t.returnedOn)],
);

/** 延期: a new 办理时限 with its reason. */
export const consultationExtensions = sqliteTable(
  'consultation_extensions',
  {
    ...autoId(),
    ...ofItem(),
    grantedOn: text('granted_on').notNull(),
    reason: text('reason').notNull(),
    previousDueOn: text('previous_due_on'),
    newDueOn: text('new_due_on').notNull(),
    ...created(),
  },
  (t) => [index('consultation_extensions_item_idx').on(t.consultationId, t.id)],
);
