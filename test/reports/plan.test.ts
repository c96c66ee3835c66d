/**
 * The tally's one scan uses the indexes it was written for (no new index needed):
 * a range of consultations_live_received_idx (or consultations_counsel_idx for a
 * counsel), and per item a seek into opinions and status_history. A full scan
 * here would make the 100k-row benchmark crawl.
 */
import { describe, expect, it } from 'vitest';
import { tallyItemsSql } from '../../db/queries/tally';
import { tempLedger } from '../helpers/ledger';

function plan(sql: string): string[] {
  const ledger = tempLedger();
  const rows = ledger.sqlite
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all({ from: '2025-01-01', to: '2025-12-31', today: '2026-01-15', dueBy: '2026-01-01', onlyCounselId: 1 }) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('tally query plan', () => {
  it('reads the year through an index and each item\'s opinions and history by seek', () => {
    const steps = plan(tallyItemsSql({}));
    expect(steps[0]).toMatch(/^SEARCH c USING INDEX consultations_live_received_idx \(trashed_at=\? AND received_on>\? AND received_on<\?\)/);
    expect(steps.filter((s) => s.startsWith('SEARCH o USING')).every((s) => s.includes('opinions_round_uq (consultation_id=?'))).toBe(true);
    expect(steps.filter((s) => s.startsWith('SEARCH h USING')).every((s) => s.includes('status_history_consultation_idx (consultation_id=?)'))).toBe(true);
    expect(steps.filter((s) => s.startsWith('SCAN'))).toEqual([]);
  });

  it('a counsel\'s tally reads only their items', () => {
    const steps = plan(tallyItemsSql({ onlyCounselId: 1 }));
    expect(steps[0]).toMatch(/^SEARCH c USING INDEX consultations_(counsel|live_received)_idx/);
    expect(steps.filter((s) => s.startsWith('SCAN'))).toEqual([]);
  });
});
