/** The plan as the wizard shows it: bounded lists, summaries, the first rows. */
import { formatSerialNo } from '#domain/ledger-view';
import { REQUIRED_IMPORT_FIELDS } from '#domain/import-fields';
import type { ImportPlanView, ImportPreviewRow, ImportProblem } from '#contract/import-contract';
import type { ConsultationStatus } from '#domain/types';
import { sheetInfos } from './header';
import { PREVIEW_ROWS, PROBLEMS_SHOWN } from './limits';
import type { ImportPlan } from './plan';
import { matchKey } from './text';

const STATUS_ORDER: readonly ConsultationStatus[] = ['registered', 'assigned', 'answered', 'closed', 'withdrawn'];

/** Errors before warnings; by row (problems about names, row null, first), then column. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.letter ?? '').length - (b.letter ?? '').length ||
      (a.letter ?? '').localeCompare(b.letter ?? ''),
  );
}

export function byYear(plan: ImportPlan): ImportPlanView['byYear'] {
  const years = new Map<number, ImportPlanView['byYear'][number]>();
  for (const r of plan.rows) {
    if (!r.receivedOn) continue;
    const year = Number(r.receivedOn.slice(0, 4));
    const y = years.get(year) ?? { year, count: 0, items: 0, keptSerials: 0, newSerials: 0 };
    y.count++;
    y.items += r.itemCount;
    const serial = plan.serials.get(r.row);
    if (serial?.kept) y.keptSerials++;
    else if (serial) y.newSerials++;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

function preview(plan: ImportPlan): ImportPreviewRow[] {
  const categoryName = new Map(plan.categories.map((c) => [matchKey(c.name), c.match?.name ?? null]));
  return plan.rows.slice(0, PREVIEW_ROWS).map((r) => {
    const serial = plan.serials.get(r.row);
    return {
      row: r.row,
      serialNo: serial ? formatSerialNo(serial.prefix, serial.year, serial.seq) : null,
      serialKept: serial?.kept ?? false,
      title: r.title,
      category: categoryName.get(matchKey(r.category)) ?? null,
      department: r.department,
      receivedOn: r.receivedOn,
      status: r.status,
      counsel: r.counsel,
      itemCount: r.itemCount,
      errors: r.errors,
      warnings: r.warnings,
    };
  });
}

export function planView(plan: ImportPlan): ImportPlanView {
  const statuses = new Map<ConsultationStatus, number>();
  for (const r of plan.rows) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const problems = sortProblems(plan.problems);
  return {
    fileName: plan.source.fileName,
    sha256: plan.source.sha256,
    format: plan.source.format,
    sheet: plan.sheet?.name ?? null,
    sheets: sheetInfos(plan.source.sheets),
    headerRow: plan.headerRow,
    columns: plan.columns,
    missingRequired: REQUIRED_IMPORT_FIELDS.filter((f) => plan.headerRow !== null && !plan.fieldColumns.has(f)),
    duplicateOf: plan.duplicateOf,
    departments: plan.departments,
    counsels: plan.counsels,
    categories: plan.categories,
    counts: {
      rows: plan.rows.length,
      ready: plan.ready,
      withErrors: plan.rows.length - plan.ready,
      withWarnings: plan.rows.filter((r) => r.warnings > 0).length,
      skipped: plan.skipped,
    },
    errorCount: plan.errorCount,
    warningCount: plan.warningCount,
    problems: problems.slice(0, PROBLEMS_SHOWN),
    problemsTruncated: problems.length > PROBLEMS_SHOWN || plan.errorCount + plan.warningCount > problems.length,
    notices: plan.notices,
    blockers: plan.blockers,
    byYear: byYear(plan),
    byStatus: STATUS_ORDER.filter((s) => statuses.has(s)).map((status) => ({ status, count: statuses.get(status)! })),
    preview: preview(plan),
    canCommit: plan.canCommit,
  };
}
