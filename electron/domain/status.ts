/**
 * The status groups of docs/DOMAIN.md ("Status groups"), each written once. The
 * SQL lists are built from the same arrays, so db/ and the services say the
 * same thing as the screens.
 */
import type { ConsultationStatus } from './types';

/** Not yet closed or withdrawn: editable, and carried over at the end of a period. */
export const OPEN_STATUSES = ['registered', 'assigned', 'answered'] as const satisfies readonly ConsultationStatus[];

/** Counted in 次 and 项 (every status but withdrawn; trashed items are never counted). */
export const COUNTED_STATUSES = ['registered', 'assigned', 'answered', 'closed'] as const satisfies readonly ConsultationStatus[];

/** Waiting for an opinion: the only items that can be overdue or due soon. */
export const AWAITING_OPINION = ['registered', 'assigned'] as const satisfies readonly ConsultationStatus[];

/** How many days ahead "due soon" looks (today and the next two days). */
export const DUE_SOON_DAYS = 2;

/** A status list as an SQL list literal: ('registered','assigned'). */
export function sqlStatusList(statuses: readonly ConsultationStatus[]): string {
  return `(${statuses.map((s) => `'${s}'`).join(',')})`;
}

