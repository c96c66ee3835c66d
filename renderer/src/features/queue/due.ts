/** "Due soon" as the service counts it (reminders.summary): due today or within the next 2 days. */
export const DUE_SOON_DAYS = 2;

/** 我的待办's list: assigned and not yet answered, soonest due first (the service lists a counsel's own items only). */
export const QUEUE_LIST_INPUT = { status: 'assigned', sort: 'dueOn', order: 'asc', pageSize: 200 } as const;

/** Whole days from `from` to `to` (calendar days "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
