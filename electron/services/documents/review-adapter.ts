/**
 * THE ONE PLACE where the opinion document gets its review checklist (审查要点)
 * and sign-off (审签). The review procedures (issue 20) are built on another
 * branch; until they are merged this returns an empty checklist and no
 * sign-off, and the document prints "（本事项未填写审查要点。）" and
 * "（本事项尚无审签记录。）" in their place. To connect them: read the rows for
 * the consultation/opinion here and map them to these shapes; the templates'
 * merge fields ({#checklist}{no}{item}{result}{note}{/checklist},
 * {#signoff}{step}{name}{date}{comment}{/signoff}) need no change.
 */
import type { CHECKLIST_FIELDS, SIGNOFF_FIELDS } from '#domain/documents';
import type { ServiceContext } from '../context';

export type ChecklistRow = Record<(typeof CHECKLIST_FIELDS)[number], string>;
export type SignoffRow = Record<(typeof SIGNOFF_FIELDS)[number], string>;

export interface ReviewData {
  /** in the order the checklist lists them; `no` is the row's number as printed (1, 2, …) */
  checklist: ChecklistRow[];
  /** the sign-off steps in order (e.g. 承办律师, 审核, 签发), dates as 2025年3月1日 */
  signoff: SignoffRow[];
}

export function reviewDataFor(_ctx: ServiceContext, _consultationId: number, _opinionId: number): ReviewData {
  return { checklist: [], signoff: [] };
}
