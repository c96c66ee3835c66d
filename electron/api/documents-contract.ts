/**
 * Methods of the per-item documents, the case file (卷宗) and the document
 * templates (issue 21), merged into the contract.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS, MAX_TEMPLATE_BASE64, MAX_TEMPLATE_BYTES, type TemplateInfo } from '../domain/documents';
import type { Role } from '../domain/types';
import { jobId, method, type MethodDef } from './define';

const READERS: readonly Role[] = ['registrar', 'leader', 'counsel', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const kind = z.enum(DOCUMENT_KINDS, { message: '文书种类有误' });

export interface SavedFile {
  path: string;
  bytes: number;
}

export const documentsContract = {
  /** the item's 提请单 or an opinion document (the latest round unless `round`), saved where the user chooses; null: cancelled */
  'documents.save': method<SavedFile | null>()(z.strictObject({ id, kind, round: z.number().int().min(1).max(1_000).optional() }), READERS),
  /** the item's case file as a ZIP, saved where the user chooses; null: cancelled */
  'documents.caseFile': method<(SavedFile & { files: number }) | null>()(z.strictObject({ id }), READERS),
  /** every case file of a year, in a folder the user chooses; null: cancelled; progress (items written) through `jobs.progress` with the jobId */
  'documents.yearCaseFiles': method<{ path: string; items: number } | null>()(z.strictObject({ year: z.number().int().min(1900).max(2999), jobId: jobId.optional() }), READERS),
  'documents.templates': method<TemplateInfo[]>()(z.strictObject({}), ADMIN),
  /** the template in force, saved as DOCX for editing; null: cancelled */
  'documents.saveTemplate': method<SavedFile | null>()(z.strictObject({ kind }), ADMIN),
  'documents.uploadTemplate': method<TemplateInfo>()(
    z.strictObject({
      kind,
      fileName: z.string().trim().min(1, { message: '请选择文件' }).max(255, { message: '不能超过 255 个字符' }).refine((n) => /\.docx$/i.test(n), { message: '模板须为 Word 文档（.docx）' }),
      dataBase64: z.string().max(MAX_TEMPLATE_BASE64, { message: `模板超过 ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB 上限` }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容编码有误' }),
    }),
    ADMIN,
  ),
  'documents.resetTemplate': method<TemplateInfo>()(z.strictObject({ kind }), ADMIN),
} as const satisfies Record<string, MethodDef>;
