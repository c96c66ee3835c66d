/**
 * Filling a template: docxtemplater on the template in force (templates.ts)
 * with the item's data (data.ts). A placeholder the data does not have is an
 * error here, never printed as blank or as "undefined": uploads are checked
 * for unknown placeholders, so this only guards a template that slipped by.
 */
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { DOCUMENT_KIND_ZH, type DocumentKind } from '#domain/documents';
import { AppError } from '../errors';

export type MergeValue = string | number | MergeRow[];
export type MergeRow = Record<string, string>;
export type MergeData = Record<string, MergeValue>;

export function fillTemplate(kind: DocumentKind, template: Buffer, data: MergeData): Buffer {
  const missing: string[] = [];
  const doc = new Docxtemplater(new PizZip(template), {
    paragraphLoop: true,
    linebreaks: true,
    nullGetter: (part) => {
      if (part.value) missing.push(`{${part.value}}`);
      return '';
    },
  });
  doc.render(data);
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `${DOCUMENT_KIND_ZH[kind]}的模板中有本软件不认识的占位符：${[...new Set(missing)].join('、')}，未生成文书。请管理员在“文书模板”中更换或恢复默认模板。`);
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
