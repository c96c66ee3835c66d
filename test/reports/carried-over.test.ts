/**
 * Open at year end for items whose status history does not reach back to the
 * year end (imported rows, whose history is stamped at import time or missing):
 * their own dates decide. Rows are written as an importer would, in SQL.
 */
import { describe, expect, it } from 'vitest';
import type { Tally } from '#contract/reports-contract';
import { seedBasics, testApp } from '../helpers/ledger';

describe('carried over without history before the year end', () => {
  it('is worked out from closedOn, the first opinion and assignedOn', async () => {
    const app = testApp();
    app.clock.set('2026-03-01T02:00:00Z');
    const b = await seedBasics(app);
    const s = app.ledger.sqlite;
    const importedAt = '2026-02-20T08:00:00.000Z';
    const insert = (seq: number, fields: { status: string; assignedOn?: string; closedOn?: string; opinionOn?: string; history: 'import' | 'none' }) => {
      const id = Number(
        s
          .prepare(
            `INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, category_id, department_id, received_on, item_count,
               counsel_id, assigned_on, status, closed_on, created_at, created_by, updated_at, updated_by)
             VALUES ('法咨', 2024, ?, ?, ?, ?, '2024-11-01', 1, ?, ?, ?, ?, ?, 'import', ?, 'import')`,
          )
          .run(seq, `导入${seq}`, b.cat('contract'), b.dept.id, fields.assignedOn ? b.counsel.id : null, fields.assignedOn ?? null, fields.status, fields.closedOn ?? null, importedAt, importedAt)
          .lastInsertRowid,
      );
      if (fields.opinionOn) {
        s.prepare(`INSERT INTO opinions (consultation_id, round, conclusion, text, issued_on, created_at, created_by) VALUES (?, 1, 'approve', 'x', ?, ?, 'import')`).run(id, fields.opinionOn, importedAt);
      }
      if (fields.history === 'import') {
        s.prepare(`INSERT INTO status_history (consultation_id, from_status, to_status, at, actor) VALUES (?, NULL, ?, ?, 'import')`).run(id, fields.status, importedAt);
      }
      return id;
    };
    // closed in 2024: not open at the end of 2024, whichever way it was imported
    const closedIn2024 = insert(1, { status: 'closed', assignedOn: '2024-11-02', opinionOn: '2024-11-05', closedOn: '2024-11-10', history: 'import' });
    const closedIn2024NoHistory = insert(2, { status: 'closed', assignedOn: '2024-11-02', opinionOn: '2024-11-05', closedOn: '2024-11-10', history: 'none' });
    // answered in 2024, closed in 2025: open (answered) at the end of 2024
    const closedIn2025 = insert(3, { status: 'closed', assignedOn: '2024-11-02', opinionOn: '2024-12-20', closedOn: '2025-01-05', history: 'import' });
    // assigned in 2024, answered in 2025, still answered
    const answeredIn2025 = insert(4, { status: 'answered', assignedOn: '2024-12-30', opinionOn: '2025-01-03', history: 'none' });
    // assigned only in 2025
    const assignedIn2025 = insert(5, { status: 'assigned', assignedOn: '2025-01-02', history: 'import' });

    const t = await app.call<Tally>('reports.tally', { year: 2024 });
    expect(t.total.count).toBe(5);
    expect(t.carriedOver.rows.map((r) => [r.id, r.statusAtEnd])).toEqual([
      [closedIn2025, 'answered'],
      [answeredIn2025, 'assigned'],
      [assignedIn2025, 'registered'],
    ]);
    const open = await app.call('reports.drilldown', { year: 2024, key: 'carriedOver' });
    expect(open.ids).toEqual([closedIn2025, answeredIn2025, assignedIn2025]);
    expect(open.ids).not.toContain(closedIn2024);
    expect(open.ids).not.toContain(closedIn2024NoHistory);
  });
});
