/**
 * Methods of the ledger import (导入旧台账), merged into the contract, and the
 * shapes they return (no service code here, so the renderer may import it).
 *
 * The wizard's calls, in order:
 *   import.chooseFile            → the file is picked in a system dialog and parsed in the main
 *                                  process; the renderer gets a token, never a path
 *   import.preview {token, …}    → the plan: proposed column mapping, names to resolve, a per-row
 *                                  dry-run report; call again after each correction
 *   import.commit {token, …}     → all or nothing, in one transaction; refused while the plan has errors
 *   import.undo {batchId}        → removes a whole batch, if none of its items changed since
 *   import.batches / import.discard / import.template
 * chooseFile, commit and undo take an optional jobId: their progress is read with jobs.progress.
 * Inputs carry lists, never objects keyed by file content, so a header or a
 * name like "__proto__" is just a string.
 */
import { z } from 'zod';
import { jobId, method, required, type MethodDef } from './define';
import type { ConsultationStatus, Role } from '../domain/types';
import { IMPORT_FIELDS, MAX_IMPORT_COLUMNS, type ImportField } from '../domain/import-fields';

const REGISTRAR: readonly Role[] = ['registrar'];

// ---- inputs ----

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const name = required(200, '名称');
/** 32 random bytes, base64url */
export const importToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: '导入会话无效' });

const nameChoice = z.discriminatedUnion('action', [
  z.strictObject({ name, action: z.literal('create') }),
  z.strictObject({ name, action: z.literal('map'), id }),
]);

/** How to read the file and what to do with unknown names; the same for preview and commit. */
export const importOptionsShape = {
  /** the worksheet (XLSX); default: the one that looks most like a ledger */
  sheet: z.string().min(1).max(100).optional(),
  /** the header's row number as Excel shows it; default: found automatically */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  /** corrections of the proposed mapping: column (0-based) → field, or null = not imported */
  mapping: z
    .array(z.strictObject({ column: z.number().int().min(0).max(MAX_IMPORT_COLUMNS - 1), field: z.enum(IMPORT_FIELDS).nullable() }))
    .max(MAX_IMPORT_COLUMNS)
    .optional(),
  /** unknown divisions: create, or map to an existing one */
  departments: z.array(nameChoice).max(10_000).optional(),
  /** unknown counsel: create (admin only), or map to an existing one */
  counsels: z.array(nameChoice).max(10_000).optional(),
  /** category variants: the text in the file → an existing category (overrides the built-in synonyms) */
  categories: z.array(z.strictObject({ name, categoryId: id })).max(10_000).optional(),
  /** create every unknown division/counsel not decided above */
  createMissing: z.boolean().optional(),
};

export const importPreviewInput = z.strictObject({ token: importToken, ...importOptionsShape });
export const importCommitInput = z.strictObject({
  token: importToken,
  ...importOptionsShape,
  /** the same file was imported before (an active batch): import it again anyway */
  allowDuplicate: z.boolean().default(false),
  /** progress readable through `jobs.progress` (phase 'commit') */
  jobId: jobId.optional(),
});

export type ImportOptions = Omit<z.output<typeof importPreviewInput>, 'token'>;
export type ImportCommitOptions = ImportOptions & { allowDuplicate?: boolean };
export type ImportNameChoice = z.output<typeof nameChoice>;

// ---- what the methods return ----

export interface ImportSheetInfo {
  name: string;
  hidden: boolean;
  /** non-empty rows */
  rows: number;
  /** how much its best header row looks like a ledger's (0: not at all) */
  score: number;
}

export interface ImportFileInfo {
  token: string;
  fileName: string;
  size: number;
  format: 'xlsx' | 'csv';
  sha256: string;
  sheets: ImportSheetInfo[];
  /** when the server forgets the parsed file unless it is used again */
  expiresAt: string;
}

export interface ImportColumn {
  /** 0-based, as in mapping[].column */
  index: number;
  /** the column's letter as Excel shows it: A, B, …, AA */
  letter: string;
  header: string;
  /** what it is imported as (after corrections); null: not imported */
  field: ImportField | null;
  /** what the header suggested */
  proposed: ImportField | null;
  /** the first few values, as text */
  samples: string[];
}

export interface ImportNameRef {
  id: number;
  name: string;
  active: boolean;
}

/** A division or counsel named in the file. */
export interface ImportNameEntry {
  name: string;
  /** counsel only: the firm given in the file (律师事务所), if any */
  firm: string | null;
  rows: number;
  /** Excel row numbers of the first few rows that name it */
  sampleRows: number[];
  /** an existing entry with this name */
  match: ImportNameRef | null;
  /** existing entries with a similar name, for "map to" */
  suggestions: ImportNameRef[];
  /** matched: found by name; create/map: the caller's choice (or createMissing); unresolved: blocks the commit */
  resolution: 'matched' | 'create' | 'map' | 'unresolved';
  /** the existing id it will use (matched/map) */
  targetId: number | null;
}

export interface ImportCategoryEntry {
  name: string;
  rows: number;
  sampleRows: number[];
  /** via: the category's name, its code, a built-in variant (合同审查 → 合同签订), or the caller's choice */
  match: (ImportNameRef & { via: 'name' | 'code' | 'synonym' | 'choice' }) | null;
  suggestions: ImportNameRef[];
}

export interface ImportProblem {
  /** the row number as Excel shows it; null: about the file or a name, not one row */
  row: number | null;
  /** the column's header as in the file, and its letter */
  column: string | null;
  letter: string | null;
  severity: 'error' | 'warning';
  message: string;
}

export interface ImportPreviewRow {
  row: number;
  /** the number it keeps (from the file) or will get */
  serialNo: string | null;
  serialKept: boolean;
  title: string;
  category: string | null;
  department: string;
  receivedOn: string | null;
  status: ConsultationStatus;
  counsel: string | null;
  itemCount: number;
  errors: number;
  warnings: number;
}

export interface ImportBatchView {
  id: number;
  fileName: string;
  sha256: string;
  rowCount: number;
  importedAt: string;
  /** who imported it: the person's name (姓名) */
  importedBy: string;
  undoneAt: string | null;
  /** who undid it: the person's name */
  undoneBy: string | null;
  /** items of the batch still in the ledger */
  liveRows: number;
  undoable: boolean;
  /** why it cannot be undone, when it cannot */
  blockedReason: string | null;
}

export interface ImportPlanView {
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  sheet: string | null;
  sheets: ImportSheetInfo[];
  /** the header's row number as Excel shows it; null: none found */
  headerRow: number | null;
  columns: ImportColumn[];
  /** required fields no column is mapped to */
  missingRequired: ImportField[];
  /** an active batch of the same file (same SHA-256) */
  duplicateOf: ImportBatchView | null;
  departments: ImportNameEntry[];
  counsels: ImportNameEntry[];
  categories: ImportCategoryEntry[];
  counts: {
    /** data rows found (blank, total and repeated header rows skipped) */
    rows: number;
    ready: number;
    withErrors: number;
    withWarnings: number;
    skipped: number;
  };
  errorCount: number;
  warningCount: number;
  /** errors first, then by row; at most PROBLEMS_SHOWN */
  problems: ImportProblem[];
  problemsTruncated: boolean;
  /** about the file as a whole (title rows skipped, no status column, other sheets …) */
  notices: string[];
  /** what stops the commit, in words (empty when canCommit) */
  blockers: string[];
  byYear: { year: number; count: number; items: number; keptSerials: number; newSerials: number }[];
  byStatus: { status: ConsultationStatus; count: number }[];
  /** the first rows as they will be imported */
  preview: ImportPreviewRow[];
  /** no errors and something to import (a duplicate file still needs allowDuplicate) */
  canCommit: boolean;
}

export interface ImportResult {
  batchId: number;
  rowCount: number;
  createdDepartments: ImportNameRef[];
  createdCounsels: ImportNameRef[];
  serials: { kept: number; assigned: number };
  byYear: ImportPlanView['byYear'];
}

export interface ImportUndoResult {
  batchId: number;
  removed: number;
}

/** The running import job (services/import/jobs.ts); its kind is the phase its progress is reported under (`jobs.progress`). */
export interface ImportProgress {
  kind: 'read' | 'commit' | 'undo';
  done: number;
  total: number;
  startedAt: string;
}

export const importContract = {
  'import.chooseFile': method<ImportFileInfo | null>()(z.strictObject({ jobId: jobId.optional() }), REGISTRAR),
  'import.preview': method<ImportPlanView>()(importPreviewInput, REGISTRAR),
  'import.commit': method<ImportResult>()(importCommitInput, REGISTRAR),
  'import.discard': method<{ discarded: boolean }>()(z.strictObject({ token: importToken }), REGISTRAR),
  'import.undo': method<ImportUndoResult>()(z.strictObject({ batchId: id, jobId: jobId.optional() }), REGISTRAR),
  'import.batches': method<ImportBatchView[]>()(z.strictObject({}), REGISTRAR),
  'import.template': method<{ path: string; bytes: number } | null>()(z.strictObject({}), REGISTRAR),
} as const satisfies Record<string, MethodDef>;
