/** The shape of the bench's data, shared by its processes. */
import type Database from 'better-sqlite3';

/** The generated ledger covers the 20 years up to LAST_YEAR (generate.ts's defaults). */
export const LAST_YEAR = 2025;
export const YEARS = 20;

/**
 * The exports cover the newest 10,000 items the tally counts (not withdrawn, not
 * trashed; ties on the first day make it a few more), up to the end of lastYear.
 */
export function exportSpan(sqlite: Database.Database, lastYear = LAST_YEAR, rows = 10_000): { from: string; to: string } {
  const to = `${lastYear}-12-31`;
  const from = sqlite
    .prepare("SELECT received_on FROM consultations WHERE trashed_at IS NULL AND status <> 'withdrawn' AND received_on <= ? ORDER BY received_on DESC LIMIT 1 OFFSET ?")
    .pluck()
    .get(to, rows - 1) as string | undefined;
  return { from: from ?? '1900-01-01', to };
}

/** The imported old ledger: 10,000 rows over the two years before the generated ledger begins. */
export const IMPORT = { rows: 10_000, years: 2, firstYear: LAST_YEAR - YEARS + 1 - 2 };
