/**
 * The length limits of free-text fields (UTF-16 code units, as a text box
 * counts them). The one home of each limit: the contract refuses longer text
 * with VALIDATION (never cuts it), the UI shows a counter up to the same number.
 * Pure data, so the renderer imports it without zod.
 */
export const LIMITS = {
  title: 200,
  description: 20_000,
  requester: 50,
  note: 2_000,
  opinionText: 50_000,
  outcomeReason: 2_000,
  reason: 1_000,
  search: 100,
  categoryNameZh: 30,
  categoryNameEn: 60,
  departmentName: 50,
  counselName: 30,
  firm: 100,
  phone: 30,
  displayName: 30,
  officeName: 100,
  serialPrefix: 10,
  reportTemplate: 2_000,
  holidayName: 30,
} as const;

/** 项数: a whole number in this range. */
export const ITEM_COUNT = { min: 1, max: 999 } as const;
