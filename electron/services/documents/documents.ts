/**
 * The per-item documents (issue 21): 法律顾问咨询提请单 and, per round of
 * opinion, the opinion document (法律意见书 / 合法性审查意见书 / 法制审核意见书
 * by category), each a DOCX filled from the template in force. The caller
 * must be allowed to see the item (a counsel: only their own).
 */
import { CONCLUSION_ZH, zh } from '#domain/labels';
import { documentDate, opinionDocumentTitle, textParagraphs, type DocumentKind } from '#domain/documents';
import { shanghaiDay } from '#domain/dates';
import type { ConsultationDetail, Opinion } from '#domain/types';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { cleanAttachmentName } from '../attachments/file-name';
import { getConsultation } from '../consultations/read';
import { getSettings } from '../settings';
import { fillTemplate, type MergeData } from './fill';
import { reviewDataFor } from './review-adapter';
import { templateBytes } from './templates';

interface Counsel {
  name: string;
  firm: string;
}

function counselOf(ctx: ServiceContext, id: number | null): Counsel {
  if (id === null) return { name: '', firm: '' };
  return (ctx.ledger.sqlite.prepare('SELECT name, firm FROM counsels WHERE id = ?').get(id) as Counsel | undefined) ?? { name: '', firm: '' };
}

function itemData(ctx: ServiceContext, c: ConsultationDetail): MergeData {
  const counsel = counselOf(ctx, c.counselId);
  return {
    office: getSettings(ctx).officeName,
    serialNo: c.serialNo,
    title: c.title,
    category: c.categoryName,
    department: c.departmentName,
    requester: c.requester,
    receivedOn: documentDate(c.receivedOn),
    dueOn: documentDate(c.dueOn),
    itemCount: c.itemCount,
    description: c.description,
    note: c.note,
    counsel: counsel.name,
    firm: counsel.firm,
    assignedOn: documentDate(c.assignedOn),
    printedOn: documentDate(shanghaiDay(ctx.now())),
  };
}

function categoryCode(ctx: ServiceContext, categoryId: number): string {
  return (ctx.ledger.sqlite.prepare('SELECT code FROM categories WHERE id = ?').pluck().get(categoryId) as string | undefined) ?? '';
}

export interface ItemDocument {
  /** e.g. 法咨〔2025〕3号 法律顾问咨询提请单.docx */
  fileName: string;
  bytes: Buffer;
}

export async function requestFormOf(ctx: ServiceContext, c: ConsultationDetail): Promise<ItemDocument> {
  const bytes = fillTemplate('request', await templateBytes(ctx, 'request'), itemData(ctx, c));
  return { fileName: cleanAttachmentName(`${c.serialNo} 法律顾问咨询提请单.docx`), bytes };
}

export async function opinionDocumentOf(ctx: ServiceContext, c: ConsultationDetail, opinion: Opinion): Promise<ItemDocument> {
  const documentTitle = opinionDocumentTitle(categoryCode(ctx, c.categoryId));
  const counsel = counselOf(ctx, opinion.counselId);
  const review = reviewDataFor(ctx, c.id, opinion.id);
  const data: MergeData = {
    ...itemData(ctx, c),
    documentTitle,
    round: opinion.round,
    // the category's own conclusion word where the reviewer chose one (e.g. 不予出台), else the standard one
    conclusion: opinion.conclusionWord ?? zh(CONCLUSION_ZH, opinion.conclusion),
    opinionText: opinion.text,
    opinionParagraphs: textParagraphs(opinion.text),
    issuedOn: documentDate(opinion.issuedOn),
    opinionCounsel: counsel.name,
    opinionFirm: counsel.firm,
    checklist: review.checklist,
    signoff: review.signoff,
  };
  const bytes = fillTemplate('opinion', await templateBytes(ctx, 'opinion'), data);
  return { fileName: cleanAttachmentName(`${c.serialNo} ${documentTitle}（第${opinion.round}轮）.docx`), bytes };
}

/** The document `kind` of item `id` (for an opinion: its round, the latest by default), for a caller allowed to see the item. */
export async function itemDocument(ctx: ServiceContext, input: { id: number; kind: DocumentKind; round?: number }): Promise<ItemDocument> {
  const c = getConsultation(ctx, { id: input.id });
  if (input.kind === 'request') return requestFormOf(ctx, c);
  const opinion = input.round === undefined ? c.opinions.at(-1) : c.opinions.find((o) => o.round === input.round);
  if (!opinion) throw notFound('法律意见');
  return opinionDocumentOf(ctx, c, opinion);
}
