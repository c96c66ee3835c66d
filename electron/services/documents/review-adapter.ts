/**
 * THE ONE PLACE where the opinion document gets its review checklist (审查要点)
 * and sign-off (审签): the review procedures' own print data
 * (procedures/opinion.ts opinionDocumentData), mapped onto the templates' merge
 * fields ({#checklist}{no}{item}{result}{note}{/checklist},
 * {#signoff}{step}{name}{date}{comment}{/signoff}). An opinion without a
 * checklist, or one that needs no 签发, gives empty lists, and the document
 * prints "（本事项未填写审查要点。）" / "（本事项尚无审签记录。）" in their place.
 */
import { documentDate, type CHECKLIST_FIELDS, type SIGNOFF_FIELDS } from '#domain/documents';
import type { ServiceContext } from '../context';
import { opinionDocumentData } from '../procedures/opinion';

export type ChecklistRow = Record<(typeof CHECKLIST_FIELDS)[number], string>;
export type SignoffRow = Record<(typeof SIGNOFF_FIELDS)[number], string>;

export interface ReviewData {
  /** in the order the checklist lists them; `no` is the row's number as printed (1, 2, …) */
  checklist: ChecklistRow[];
  /** the sign-off steps in order (签发), dates as 2025年3月1日 */
  signoff: SignoffRow[];
}

export function reviewDataFor(ctx: ServiceContext, _consultationId: number, opinionId: number): ReviewData {
  const data = opinionDocumentData(ctx, opinionId);
  return {
    checklist: data.checklist.map((m, i) => ({ no: String(i + 1), item: m.point, result: m.resultZh, note: m.note })),
    signoff: data.signOff.required
      ? [
          {
            step: '签发',
            name: data.signOff.byName ?? '',
            date: documentDate(data.signOff.on),
            comment: data.signOff.remark ? `${data.signOff.stateZh}：${data.signOff.remark}` : data.signOff.stateZh,
          },
        ]
      : [],
  };
}
