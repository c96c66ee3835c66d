/** How the ledger may be listed: its sort fields and page sizes (the contract, db/queries and the screens). */
export const SORT_FIELDS = ['receivedOn', 'serialNo', 'dueOn', 'itemCount', 'status', 'title'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** The page sizes a list offers; the first is the default. */
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = PAGE_SIZES[0];
/** The most rows one call may ask for. */
export const MAX_PAGE_SIZE = 500;

/** The page size asked for, or the default when it is not one of PAGE_SIZES. */
export function pageSizeOrDefault(size: number): number {
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}

/** The serial number as shown, e.g. 法咨〔2025〕7号 (docs/DOMAIN.md, "Words"). */
export function formatSerialNo(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}
