/** Handlers of the documents methods, merged into the router's handler map. */
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../services/attachments/attachments';
import { caseFileZip, writeYearCaseFiles } from '../services/documents/case-file';
import { itemDocument } from '../services/documents/documents';
import { listTemplates, replaceTemplate, resetTemplate, templateBytes } from '../services/documents/templates';
import { AppError } from '../services/errors';
import { trackJob } from '../services/jobs';
import type { HostServices, ServiceContext } from '../services/context';
import { DOCUMENT_KIND_ZH } from '../domain/documents';
import type { MethodDef } from './define';
import { documentsContract } from './documents-contract';

type DocumentsContract = typeof documentsContract;
type Output<M extends keyof DocumentsContract> = DocumentsContract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

function host(ctx: ServiceContext): HostServices {
  if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持导出文件');
  return ctx.host;
}

const DOCX = [{ name: 'Word 文档', extensions: ['docx'] }];

/** Ask where, then write the bytes atomically; null when the user cancelled. */
async function saveBytes(ctx: ServiceContext, defaultName: string, filters: { name: string; extensions: string[] }[], bytes: Buffer) {
  const target = await host(ctx).platform.chooseSavePath({ defaultName, filters });
  if (target === null) return null;
  writeFileAtomic(target, bytes);
  return { path: target, bytes: bytes.length };
}

export const documentsHandlers: {
  [M in keyof DocumentsContract]: (ctx: ServiceContext, input: z.output<DocumentsContract[M]['input']>) => Output<M> | Promise<Output<M>>;
} = {
  'documents.save': async (ctx, input) => {
    const doc = await itemDocument(ctx, input);
    return saveBytes(ctx, doc.fileName, DOCX, doc.bytes);
  },
  'documents.caseFile': async (ctx, input) => {
    const zip = await caseFileZip(ctx, input.id);
    const saved = await saveBytes(ctx, zip.fileName, [{ name: 'ZIP 压缩文件', extensions: ['zip'] }], zip.bytes);
    return saved && { ...saved, files: zip.entries.length + 1 };
  },
  'documents.yearCaseFiles': async (ctx, input) => {
    const h = host(ctx);
    if (!h.platform.chooseFolder) throw new AppError('INTERNAL', '当前运行环境不能选择文件夹');
    const folder = await h.platform.chooseFolder({ title: `选择存放${input.year}年卷宗的文件夹` });
    if (folder === null) return null;
    return trackJob(input.jobId, (report) => writeYearCaseFiles(ctx, input.year, path.resolve(folder), (done, total) => report('writing', done, total)));
  },
  'documents.templates': listTemplates,
  'documents.saveTemplate': async (ctx, input) => saveBytes(ctx, `${DOCUMENT_KIND_ZH[input.kind].replace(/（.*）$/, '')}模板.docx`, DOCX, await templateBytes(ctx, input.kind)),
  'documents.uploadTemplate': (ctx, input) => replaceTemplate(ctx, input.kind, path.basename(input.fileName), Buffer.from(input.dataBase64, 'base64')),
  'documents.resetTemplate': (ctx, input) => resetTemplate(ctx, input.kind),
};
