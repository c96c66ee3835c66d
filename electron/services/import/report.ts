/** The dry-run report as plain Chinese text (the CLI prints it; people read it). */
import { IMPORT_FIELD_LABELS } from '#domain/import-fields';
import type { ImportProblem } from '#contract/import-contract';
import type { ImportPlan } from './plan';
import { byYear, sortProblems } from './plan-view';

const RESOLUTION_ZH = { matched: '已有', create: '将新建', map: '对应到已有', unresolved: '未确认' } as const;

export function problemLine(p: ImportProblem): string {
  const where = [p.row === null ? '' : `第 ${p.row} 行`, p.letter ? `${p.letter} 列“${p.column ?? ''}”` : p.column ? `“${p.column}”` : '']
    .filter(Boolean)
    .join(' ');
  return `  ${p.severity === 'error' ? '错误' : '提示'}  ${where ? `${where}：` : ''}${p.message}`;
}

export function renderPlanText(plan: ImportPlan, options: { maxProblems?: number } = {}): string {
  const out: string[] = [];
  const { source } = plan;
  const where = source.format === 'xlsx' && plan.sheet ? `，工作表“${plan.sheet.name}”` : '';
  out.push(`文件：${source.fileName}（${source.format.toUpperCase()}${where}${plan.headerRow ? `，表头在第 ${plan.headerRow} 行` : ''}）`);
  const mapped = plan.columns.filter((c) => c.header || c.field);
  if (mapped.length) {
    out.push('列对应：');
    for (const c of mapped) out.push(`  ${c.letter} 列 ${c.header ? `“${c.header}”` : '（无表头）'} → ${c.field ? IMPORT_FIELD_LABELS[c.field] : '不导入'}`);
  }
  for (const n of plan.notices) out.push(`说明：${n}`);
  out.push(`数据行 ${plan.rows.length} 行：可导入 ${plan.ready} 行，有问题 ${plan.rows.length - plan.ready} 行；跳过 ${plan.skipped} 行`);
  for (const y of byYear(plan)) {
    out.push(`  ${y.year} 年：${y.count} 次（${y.items} 项），保留原编号 ${y.keptSerials} 个，自动编号 ${y.newSerials} 个`);
  }
  const names = [
    ...plan.departments.filter((d) => d.resolution !== 'matched').map((d) => `处室“${d.name}”：${RESOLUTION_ZH[d.resolution]}（${d.rows} 行）`),
    ...plan.counsels.filter((c) => c.resolution !== 'matched').map((c) => `法律顾问“${c.name}”：${RESOLUTION_ZH[c.resolution]}（${c.rows} 行）`),
    ...plan.categories.filter((c) => c.match?.via !== 'name').map((c) => `类别“${c.name}”：${c.match ? `按“${c.match.name}”导入` : '无法识别'}（${c.rows} 行）`),
  ];
  if (names.length) {
    out.push('名称：');
    for (const n of names) out.push(`  ${n}`);
  }
  const problems = sortProblems(plan.problems);
  if (problems.length) {
    out.push(`问题（错误 ${plan.errorCount} 处，提示 ${plan.warningCount} 处）：`);
    const max = options.maxProblems ?? Infinity;
    for (const p of problems.slice(0, max)) out.push(problemLine(p));
    const hidden = plan.errorCount + plan.warningCount - Math.min(problems.length, max);
    if (hidden > 0) out.push(`  ……另有 ${hidden} 处问题未列出`);
  }
  if (!plan.canCommit) {
    out.push('不能导入：');
    for (const b of plan.blockers) out.push(`  - ${b}`);
  }
  return `${out.join('\n')}\n`;
}
