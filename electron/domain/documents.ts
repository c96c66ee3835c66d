/**
 * The per-item documents (issue 21): which there are, what each is called, and
 * the merge fields ({placeholders}) a template may use. A template with any
 * other placeholder is refused when it is uploaded (services/documents).
 */
export const DOCUMENT_KINDS = ['request', 'opinion'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** An uploaded template may be this big (a real one is tens of KB); its base64 text for the upload. */
export const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;
export const MAX_TEMPLATE_BASE64 = Math.ceil(MAX_TEMPLATE_BYTES / 3) * 4;

export interface TemplateInfo {
  kind: DocumentKind;
  name: string;
  /** null: the built-in template */
  replaced: { fileName: string; size: number; uploadedAt: string; uploadedBy: string; /** the account's display name, or the user name of a removed account */ uploadedByName: string } | null;
}

export const DOCUMENT_KIND_ZH: Record<DocumentKind, string> = {
  request: '法律顾问咨询提请单',
  opinion: '法律意见书（合法性审查意见书、法制审核意见书）',
};

/** The opinion document's title by the item's category (its code). */
export function opinionDocumentTitle(categoryCode: string): string {
  if (categoryCode === 'rules') return '合法性审查意见书';
  if (categoryCode === 'enforcementReview') return '法制审核意见书';
  return '法律意见书';
}

/** Fields of every document: the item as registered. */
export const ITEM_FIELDS = [
  'office', 'serialNo', 'title', 'category', 'department', 'requester', 'receivedOn', 'dueOn', 'itemCount',
  'description', 'note', 'counsel', 'firm', 'assignedOn', 'printedOn',
] as const;

/** The opinion document's own fields: one round of opinion. */
export const OPINION_FIELDS = ['documentTitle', 'round', 'conclusion', 'opinionText', 'issuedOn', 'opinionCounsel', 'opinionFirm'] as const;

/** One paragraph of the opinion's text (a line as typed, blank lines left out): a loop {#opinionParagraphs}{text}{/opinionParagraphs},
 * each in a paragraph of its own so that every paragraph keeps the body style; {opinionText} is the whole text with line breaks (older templates). */
export const OPINION_PARAGRAPH_FIELDS = ['text'] as const;
/** One row of the review checklist (审查要点): a loop {#checklist}…{/checklist}. */
export const CHECKLIST_FIELDS = ['no', 'item', 'result', 'note'] as const;
/** One step of the sign-off (审签): a loop {#signoff}…{/signoff}. */
export const SIGNOFF_FIELDS = ['step', 'name', 'date', 'comment'] as const;

/** Per kind: the plain fields and the loops (with their rows' fields). */
export const TEMPLATE_FIELDS: Record<DocumentKind, { fields: readonly string[]; loops: Record<string, readonly string[]> }> = {
  request: { fields: ITEM_FIELDS, loops: {} },
  opinion: { fields: [...ITEM_FIELDS, ...OPINION_FIELDS], loops: { opinionParagraphs: OPINION_PARAGRAPH_FIELDS, checklist: CHECKLIST_FIELDS, signoff: SIGNOFF_FIELDS } },
};

/** A text as typed → its paragraphs: one per line, trimmed (a typed full-width-space indent too, as the template indents), blank lines left out. */
export function textParagraphs(text: string): { text: string }[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ text: line }));
}

/** 2025-03-01 → 2025年3月1日, as documents write dates. */
export function documentDate(day: string | null): string {
  if (!day) return '';
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
