/**
 * The commit: the plan is rebuilt inside ONE write transaction and, only if it
 * has no error, everything is written there: the batch, new divisions and
 * counsel, the serial counters, each consultation with its status history,
 * opinion, outcome, search index rows and audit record. Any failure rolls all
 * of it back: nothing is imported by halves.
 *
 * Audit: one record per consultation ('consultations.import': every field
 * written, its opinion and dated history, the batch and the file's row), so
 * each item's audit trail starts where it came from, plus one for the batch
 * ('import.commit': file, hash, mapping, what was created). Per item, because
 * the audit view is read per item (entity + id); the batch record ties them
 * together and survives an undo.
 */
import type { ImportCommitOptions, ImportNameEntry, ImportNameRef, ImportResult } from '#contract/import-contract';
import type { ConsultationStatus } from '#domain/types';
import { formatSerialNo } from '#domain/ledger-view';
import { prepareCached } from '../../../db/queries/statements';
import { indexNewConsultation } from '../../../db/queries/search';
import { appendAudit } from '../audit';
import { getCounsel } from '../catalog/counsels';
import { firmIdForName } from '../engagement/firms';
import { getDepartment } from '../catalog/departments';
import { inWriteTransaction, type ServiceContext } from '../context';
import { AppError } from '../errors';
import type { ImportSource, Progress } from './grid';
import { withImportJob } from './jobs';
import { buildPlan, type ImportPlan } from './plan';
import { byYear, sortProblems } from './plan-view';
import type { PlannedRow } from './rows';
import { raiseCounters, type AssignedSerial } from './serials';
import { matchKey } from './text';

/** The reason recorded on each imported status change. */
export const IMPORT_REASON = '导入';

const ORDER: readonly ConsultationStatus[] = ['registered', 'assigned', 'answered', 'closed'];

/** The instant a Shanghai calendar day begins, as stored in status_history.at (remembered: an import asks for the same days thousands of times). */
const dayStarts = new Map<string, string>();
function dayStart(day: string): string {
  let at = dayStarts.get(day);
  if (at === undefined) {
    at = new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
    if (dayStarts.size >= 50_000) dayStarts.clear();
    dayStarts.set(day, at);
  }
  return at;
}

/**
 * The workflow's steps up to the imported status, each dated by the row's own
 * dates (a step without one takes the step before's), never going backwards.
 * So a report of the item's year sees it as it was at that year's end.
 */
export function statusSteps(r: PlannedRow): { to: ConsultationStatus; day: string }[] {
  const received = r.receivedOn!;
  const reached: ConsultationStatus =
    r.status === 'withdrawn' ? (r.opinion || r.outcome ? 'answered' : r.counsel ? 'assigned' : 'registered') : r.status;
  const own: Record<ConsultationStatus, string | null> = {
    registered: received,
    assigned: r.assignedOn,
    answered: r.opinion?.issuedOn ?? null,
    closed: r.closedOn ?? r.outcomeOn,
    withdrawn: null,
  };
  const steps: { to: ConsultationStatus; day: string }[] = [];
  let day = received;
  for (const to of [...ORDER.slice(0, ORDER.indexOf(reached) + 1), ...(r.status === 'withdrawn' ? (['withdrawn'] as const) : [])]) {
    const mine = own[to];
    if (mine && mine > day) day = mine;
    steps.push({ to, day });
  }
  return steps;
}

function refusal(plan: ImportPlan): AppError {
  const issues = sortProblems(plan.problems)
    .filter((p) => p.severity === 'error')
    .slice(0, 50)
    .map((p) => ({ path: p.row === null ? 'file' : `row.${p.row}${p.letter ? `.${p.letter}` : ''}`, message: p.message }));
  const why = plan.blockers.length ? plan.blockers.join('；') : '没有可导入的数据行';
  return new AppError('VALIDATION', `导入未执行，未写入任何数据：${why}`, issues.length ? issues : [{ path: 'file', message: why }]);
}

function createNames(
  ctx: ServiceContext,
  entries: readonly ImportNameEntry[],
  create: (e: ImportNameEntry) => ImportNameRef,
): { ids: Map<string, number>; created: ImportNameRef[] } {
  const ids = new Map<string, number>();
  const created: ImportNameRef[] = [];
  for (const e of entries) {
    if (e.resolution === 'create') {
      const made = create(e);
      created.push(made);
      ids.set(matchKey(e.name), made.id);
    } else if (e.targetId !== null) ids.set(matchKey(e.name), e.targetId);
  }
  return { ids, created };
}

interface RowIds {
  category: ImportNameRef;
  department: ImportNameRef;
  counsel: ImportNameRef | null;
}

function insertRow(ctx: ServiceContext, r: PlannedRow, ids: RowIds, serial: AssignedSerial, batchId: number): number {
  const { sqlite } = ctx.ledger;
  const at = ctx.now().toISOString();
  const who = ctx.caller.username;
  const counselId = ids.counsel?.id ?? null;
  const { lastInsertRowid } = prepareCached(
    sqlite,
    `INSERT INTO consultations (serial_prefix, serial_year, serial_seq, title, description, category_id, department_id, requester,
       received_on, due_on, item_count, counsel_id, assigned_on, status, outcome, outcome_reason, outcome_on, closed_on, note,
       version, created_at, created_by, updated_at, updated_by, import_batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
  ).run(
    serial.prefix, serial.year, serial.seq, r.title, r.description, ids.category.id, ids.department.id, r.requester,
    r.receivedOn, r.dueOn, r.itemCount, counselId, r.assignedOn, r.status, r.outcome,
    r.outcomeReason, r.outcomeOn, r.closedOn, r.note, at, who, at, who, batchId,
  );
  const id = Number(lastInsertRowid);
  const history = prepareCached(
    sqlite,
    'INSERT INTO status_history (consultation_id, from_status, to_status, at, actor, reason, business_on) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let from: ConsultationStatus | null = null;
  const steps = statusSteps(r);
  for (const step of steps) {
    history.run(id, from, step.to, dayStart(step.day), who, IMPORT_REASON, step.day);
    from = step.to;
  }
  const last = steps.at(-1);
  if (last) prepareCached(sqlite, 'UPDATE consultations SET status_on = ? WHERE id = ?').run(last.day, id);
  if (r.opinion) {
    prepareCached(
      sqlite,
      `INSERT INTO opinions (consultation_id, round, counsel_id, conclusion, text, issued_on, created_at, created_by)
       VALUES (?, 1, ?, ?, ?, ?, ?, ?)`,
    ).run(id, counselId, r.opinion.conclusion, r.opinion.text, r.opinion.issuedOn, at, who);
  }
  indexNewConsultation(sqlite, id, {
    title: r.title,
    description: r.description,
    requester: r.requester,
    note: r.note,
    department: ids.department.name,
    serialNo: formatSerialNo(serial.prefix, serial.year, serial.seq),
    outcomeReason: r.outcomeReason,
    opinions: r.opinion ? [r.opinion.text] : [],
    attachments: [],
  });
  // What was written, from what was written (reading each item back costs more than the insert itself)
  appendAudit(ctx, {
    action: 'consultations.import',
    entity: 'consultation',
    entityId: id,
    after: {
      id,
      serialNo: formatSerialNo(serial.prefix, serial.year, serial.seq),
      serialKept: serial.kept,
      title: r.title,
      description: r.description,
      categoryId: ids.category.id,
      categoryName: ids.category.name,
      departmentId: ids.department.id,
      departmentName: ids.department.name,
      requester: r.requester,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      itemCount: r.itemCount,
      counselId,
      counselName: ids.counsel?.name ?? null,
      assignedOn: r.assignedOn,
      status: r.status,
      outcome: r.outcome,
      outcomeReason: r.outcomeReason,
      outcomeOn: r.outcomeOn,
      closedOn: r.closedOn,
      note: r.note,
      opinion: r.opinion,
      history: steps.map((s) => ({ toStatus: s.to, at: dayStart(s.day) })),
      version: 1,
      createdAt: at,
      createdBy: who,
      importBatchId: batchId,
      row: r.row,
    },
  });
  return id;
}

/** Every category, division and counsel by id (after the import created its new ones). */
function namesById(sqlite: ServiceContext['ledger']['sqlite']) {
  const load = (sql: string): Map<number, ImportNameRef> =>
    new Map((sqlite.prepare(sql).all() as { id: number; name: string; active: number }[]).map((r) => [r.id, { id: r.id, name: r.name, active: Boolean(r.active) }]));
  return {
    categories: load('SELECT id, name_zh AS name, active FROM categories'),
    departments: load('SELECT id, name, active FROM departments'),
    counsels: load('SELECT id, name, active FROM counsels'),
  };
}

function writePlan(ctx: ServiceContext, source: ImportSource, options: ImportCommitOptions, progress: Progress): ImportResult {
  const { sqlite } = ctx.ledger;
  return inWriteTransaction(sqlite, () => {
    const plan = buildPlan(ctx, source, options);
    if (!plan.canCommit) throw refusal(plan);
    if (plan.duplicateOf && !options.allowDuplicate) {
      const d = plan.duplicateOf;
      throw new AppError(
        'CONFLICT',
        `该文件已于 ${d.importedAt.slice(0, 10)} 由 ${d.importedBy} 导入过（批次 #${d.id}，${d.rowCount} 条），本次未导入；如确需再次导入，请选择“允许重复导入”`,
      );
    }
    const total = plan.rows.length;
    progress(0, total);
    const now = ctx.now().toISOString();
    const who = ctx.caller.username;
    const batchId = Number(
      sqlite
        .prepare('INSERT INTO import_batches (file_name, file_sha256, row_count, imported_at, imported_by) VALUES (?, ?, ?, ?, ?)')
        .run(source.fileName, source.sha256, total, now, who).lastInsertRowid,
    );
    let sortOrder = sqlite.prepare('SELECT coalesce(max(sort_order), 0) FROM departments').pluck().get() as number;
    const departments = createNames(ctx, plan.departments, (e) => {
      sortOrder += 10;
      const id = Number(sqlite.prepare('INSERT INTO departments (name, active, sort_order, created_at) VALUES (?, 1, ?, ?)').run(e.name, sortOrder, now).lastInsertRowid);
      const created = getDepartment(ctx, id);
      appendAudit(ctx, { action: 'departments.create', entity: 'department', entityId: id, after: { ...created, importBatchId: batchId } });
      return { id, name: created.name, active: true };
    });
    const counsels = createNames(ctx, plan.counsels, (e) => {
      const id = Number(
        sqlite
          .prepare("INSERT INTO counsels (name, firm, firm_id, phone, active, version, created_at) VALUES (?, ?, ?, '', 1, 1, ?)")
          .run(e.name, e.firm ?? '', e.firm ? firmIdForName(ctx, e.firm) : null, now).lastInsertRowid,
      );
      appendAudit(ctx, { action: 'counsels.create', entity: 'counsel', entityId: id, after: { ...getCounsel(ctx, id), importBatchId: batchId } });
      return { id, name: e.name, active: true };
    });
    raiseCounters(sqlite, plan.serials.values());
    const names = namesById(sqlite);
    plan.rows.forEach((r, i) => {
      const category = names.categories.get(plan.categoryOf.get(matchKey(r.category)) ?? -1);
      const department = names.departments.get(departments.ids.get(r.departmentKey) ?? -1);
      const serial = plan.serials.get(r.row);
      // the plan said every name is resolved; a gap here is a bug, and it rolls everything back
      if (!category || !department || !serial) throw new Error(`import: row ${r.row} is not resolved`);
      const counsel = r.counselKey ? names.counsels.get(counsels.ids.get(r.counselKey) ?? -1) : null;
      if (counsel === undefined) throw new Error(`import: counsel of row ${r.row} is not resolved`);
      insertRow(ctx, r, { category, department, counsel }, serial, batchId);
      if ((i + 1) % 100 === 0 || i + 1 === total) progress(i + 1, total);
    });
    const serials = [...plan.serials.values()];
    const result: ImportResult = {
      batchId,
      rowCount: total,
      createdDepartments: departments.created,
      createdCounsels: counsels.created,
      serials: { kept: serials.filter((s) => s.kept).length, assigned: serials.filter((s) => !s.kept).length },
      byYear: byYear(plan),
    };
    appendAudit(ctx, {
      action: 'import.commit',
      entity: 'import_batch',
      entityId: batchId,
      after: {
        ...result,
        fileName: source.fileName,
        sha256: source.sha256,
        format: source.format,
        sheet: plan.sheet?.name ?? null,
        headerRow: plan.headerRow,
        mapping: plan.columns.filter((c) => c.field).map((c) => ({ column: c.letter, header: c.header, field: c.field })),
        duplicateOf: plan.duplicateOf?.id ?? null,
        warnings: plan.warningCount,
      },
    });
    return result;
  });
}

/** Import a parsed file: all rows or none. Refused while the plan has errors, or for a file already imported unless allowDuplicate. */
export function commitImport(ctx: ServiceContext, source: ImportSource, options: ImportCommitOptions = {}, onProgress?: Progress): Promise<ImportResult> {
  return withImportJob(ctx, 'commit', (progress) => writePlan(ctx, source, options, progress), onProgress);
}
