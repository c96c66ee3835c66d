/**
 * The templates in force: the admin's uploaded DOCX (table document_templates,
 * so backups carry it) or the built-in one. An upload is checked off the main
 * thread (the parse worker, template-check.ts) and refused, with the names, if
 * it uses a placeholder the app does not fill; nothing is stored then.
 */
import { createHash } from 'node:crypto';
import { DOCUMENT_KIND_ZH, MAX_TEMPLATE_BYTES, TEMPLATE_FIELDS, type DocumentKind, type TemplateInfo } from '#domain/documents';
import { appendAudit } from '../audit';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { parseOffThread } from '../parse/run';
import { defaultTemplate } from './default-templates';

/** The placeholders `kind` knows, in the form template-check.ts lists them ("checklist.item"). */
export function knownPlaceholders(kind: DocumentKind): Set<string> {
  const { fields, loops } = TEMPLATE_FIELDS[kind];
  return new Set([...fields, ...Object.entries(loops).flatMap(([loop, inner]) => [loop, ...inner.map((f) => `${loop}.${f}`)])]);
}

/** Placeholders of `tags` the app does not fill, as they would be written: {name}, or {#loop} … {field}. */
export function unknownPlaceholders(kind: DocumentKind, tags: readonly string[]): string[] {
  const known = knownPlaceholders(kind);
  return tags.filter((t) => !known.has(t)).map((t) => (t.includes('.') ? `{${t.split('.').at(-1)}}（在 {#${t.split('.')[0]}} 循环中）` : `{${t}}`));
}

export function listTemplates(ctx: ServiceContext): TemplateInfo[] {
  const rows = ctx.ledger.sqlite
    .prepare(
      `SELECT t.kind, t.file_name AS fileName, t.size, t.uploaded_at AS uploadedAt, t.uploaded_by AS uploadedBy, coalesce(u.display_name, t.uploaded_by) AS uploadedByName
       FROM document_templates t LEFT JOIN users u ON u.username = t.uploaded_by`,
    )
    .all() as (NonNullable<TemplateInfo['replaced']> & { kind: DocumentKind })[];
  return (Object.keys(DOCUMENT_KIND_ZH) as DocumentKind[]).map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return {
      kind,
      name: DOCUMENT_KIND_ZH[kind],
      replaced: row ? { fileName: row.fileName, size: row.size, uploadedAt: row.uploadedAt, uploadedBy: row.uploadedBy, uploadedByName: row.uploadedByName } : null,
    };
  });
}

/** The DOCX in force for `kind`, checked against its stored hash. */
export async function templateBytes(ctx: ServiceContext, kind: DocumentKind): Promise<Buffer> {
  const row = ctx.ledger.sqlite.prepare('SELECT data, sha256 FROM document_templates WHERE kind = ?').get(kind) as { data: Buffer; sha256: string } | undefined;
  if (!row) return defaultTemplate(kind);
  if (createHash('sha256').update(row.data).digest('hex') !== row.sha256) {
    throw new AppError('INTERNAL', `${DOCUMENT_KIND_ZH[kind]}的模板已损坏（内容与登记的校验值不符），请恢复默认模板或重新上传`);
  }
  return row.data;
}

/** Check an uploaded DOCX off the main thread and, when every placeholder is known, make it the template of `kind`. */
export async function replaceTemplate(ctx: ServiceContext, kind: DocumentKind, fileName: string, bytes: Buffer): Promise<TemplateInfo> {
  if (bytes.length > MAX_TEMPLATE_BYTES) throw new AppError('VALIDATION', `模板“${fileName}”过大（上限 ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB）`, [{ path: 'file', message: '文件过大' }]);
  const tags = await parseOffThread({ kind: 'template', fileName, bytes: new Uint8Array(bytes) });
  const unknown = unknownPlaceholders(kind, tags);
  if (unknown.length > 0) {
    const message = `模板“${fileName}”中有本软件不认识的占位符：${unknown.join('、')}。请改为可用的占位符（见默认模板），或删去后重新上传；模板未更换。`;
    throw new AppError('VALIDATION', message, unknown.map((u) => ({ path: 'file', message: u })));
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const at = ctx.now().toISOString();
  inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = ctx.ledger.sqlite.prepare('SELECT file_name AS fileName, sha256 FROM document_templates WHERE kind = ?').get(kind) ?? null;
    ctx.ledger.sqlite
      .prepare(
        `INSERT INTO document_templates (kind, file_name, size, sha256, data, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind) DO UPDATE SET file_name = excluded.file_name, size = excluded.size, sha256 = excluded.sha256, data = excluded.data,
           uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by`,
      )
      .run(kind, fileName, bytes.length, sha256, bytes, at, ctx.caller.username);
    appendAudit(ctx, { action: 'documents.replaceTemplate', entity: 'document_template', entityId: kind, before, after: { fileName, sha256 } });
  });
  return listTemplates(ctx).find((t) => t.kind === kind)!;
}

/** Back to the built-in template. */
export function resetTemplate(ctx: ServiceContext, kind: DocumentKind): TemplateInfo {
  inWriteTransaction(ctx.ledger.sqlite, () => {
    const before = ctx.ledger.sqlite.prepare('SELECT file_name AS fileName, sha256 FROM document_templates WHERE kind = ?').get(kind) ?? null;
    ctx.ledger.sqlite.prepare('DELETE FROM document_templates WHERE kind = ?').run(kind);
    if (before) appendAudit(ctx, { action: 'documents.resetTemplate', entity: 'document_template', entityId: kind, before, after: null });
  });
  return listTemplates(ctx).find((t) => t.kind === kind)!;
}
