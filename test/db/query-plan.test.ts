/**
 * The hot queries use indexes that match them: no full scan of consultations and
 * no temporary sort for the ledger's default view, a year, or a filtered page.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWhere, ROW_COLUMNS, ROW_FROM, type ConsultationFilter } from '../../db/queries/consultations';
import type { Ledger } from '../../db/open';
import { generateLedger } from '../../bench/generate';
import { listYears } from '../../electron/services/consultations/read';
import { LOCAL_ADMIN, type Caller } from '../../electron/services/context';
import { tempDir } from '../helpers/ledger';

let ledger: Ledger;
beforeAll(() => {
  ledger = generateLedger(path.join(tempDir(), 'plan.sqlite3'), { n: 3000, seed: 5 });
  return () => ledger.close();
});

function plan(filter: ConsultationFilter): { rows: string[]; count: string[] } {
  const w = buildWhere(filter, '2025-06-01');
  const explain = (sql: string) => (ledger.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(sql.includes('@today') ? { ...w.params, today: '2025-06-01' } : w.params) as { detail: string }[]).map((r) => r.detail);
  return {
    rows: explain(`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE ${w.sql} ORDER BY c.received_on DESC, c.id DESC LIMIT 20`),
    count: explain(`SELECT count(*) FROM consultations c WHERE ${w.sql}`),
  };
}

const cases: [string, ConsultationFilter, RegExp][] = [
  ['the default view (all live items, newest first)', {}, /consultations_live_received_idx/],
  ['one year (the ledger opens on the current year)', { year: 2025 }, /consultations_live_received_idx \(trashed_at=\? AND received_on>\? AND received_on<\?\)/],
  ['a filtered page (year + category + status)', { year: 2025, categoryId: 2, status: 'closed' }, /consultations_(status|category)_idx/],
  ['one counsel', { counselId: 1 }, /consultations_counsel_idx/],
];

describe('query plans of the ledger', () => {
  for (const [name, filter, index] of cases) {
    it(name, () => {
      const p = plan(filter);
      for (const lines of [p.rows, p.count]) {
        expect(lines.join('\n')).toMatch(index);
        expect(lines.some((l) => /^SCAN c\b/.test(l)), lines.join('\n')).toBe(false);
      }
      expect(p.rows.some((l) => l.includes('TEMP B-TREE')), p.rows.join('\n')).toBe(false);
    });
  }

  it('keyword search goes through the full-text index, not a scan', () => {
    for (const text of ['物业服务', '合同']) {
      const p = plan({ text });
      expect(p.rows.join('\n')).toMatch(/VIRTUAL TABLE INDEX 0:M/);
      expect(p.rows.some((l) => /^SCAN c\b/.test(l))).toBe(false);
    }
  });
});

describe('Asia/Shanghai calendar days', () => {
  it('turn over at 16:00 UTC, whatever the machine’s time zone', async () => {
    const { shanghaiDay } = await import('#domain/dates');
    expect(shanghaiDay(new Date('2024-12-31T15:59:59.999Z'))).toBe('2024-12-31');
    expect(shanghaiDay(new Date('2024-12-31T16:00:00.000Z'))).toBe('2025-01-01');
    expect(shanghaiDay(new Date('2025-06-30T23:00:00.000Z'))).toBe('2025-07-01');
  });
});

describe('query plan of the 年度 filter', () => {
  it('lists the years with a seek per year, never a scan of the items (everyone, and a counsel)', () => {
    const counsel: Caller = { username: 'c', displayName: 'c', roles: ['counsel'], counselId: 1 };
    for (const [caller, index] of [[LOCAL_ADMIN, /consultations_live_received_idx/], [counsel, /consultations_counsel_idx/]] as const) {
      // the statement listYears prepares, caught on its way to SQLite
      const seen: string[] = [];
      const sqlite = new Proxy(ledger.sqlite, {
        get(target, key) {
          if (key === 'prepare') return (sql: string) => (seen.push(sql), target.prepare(sql));
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const years = listYears({ ledger: { ...ledger, sqlite }, caller, now: () => new Date('2025-06-01T00:00:00Z') });
      expect(years.length).toBeGreaterThan(1);
      expect(seen).toHaveLength(1);
      const lines = (ledger.sqlite.prepare(`EXPLAIN QUERY PLAN ${seen[0]}`).all(caller === counsel ? { only: 1 } : {}) as { detail: string }[]).map((r) => r.detail);
      expect(lines.join('\n')).toMatch(index);
      expect(lines.some((l) => /^SCAN consultations\b/.test(l)), lines.join('\n')).toBe(false);
    }
  });
});
