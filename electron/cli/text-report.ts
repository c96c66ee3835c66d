/** The `--format text` rendering of a tally: plain Chinese text with aligned columns. */
import type { Figure, Tally } from '#contract/reports-contract';
import { displayWidth } from '../services/reports/export/cells';
import { categoryTable, conclusionTable, counselTable, departmentTable, isRatio, monthTable, outcomeTable, ratioText, type Table } from '../services/reports/export/tables';

const pad = (text: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

export function renderTable(t: Table): string {
  const cells = [t.columns.map((c) => c.header), ...t.rows.map((r) => r.map((v) => (v === null ? '' : isRatio(v) ? ratioText(v) : String(v))))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const lines = cells.map((r) => t.columns.map((c, i) => pad(r[i] ?? '', widths[i]!, c.kind !== 'text' && r !== cells[0])).join('  ').trimEnd());
  return [`【${t.caption ?? t.title}】`, ...lines].join('\n');
}

/** the ideographic space, between parts of a Chinese line */
const GAP = '\u3000';

const ci = (f: Figure): string => `${f.count}次（${f.items}项）`;

export function renderText(t: Tally): string {
  const p = t.previous;
  const head = [
    `法律顾问咨询统计${GAP}${t.period.label}（${t.period.from} 至 ${t.period.to}）${t.scope === 'own' ? `${GAP}仅本人承办的事项` : ''}`,
    '',
    t.sentence.text,
    '',
    `咨询：${ci(t.total)}${GAP}${GAP}上年同期：${ci(p.total)}`,
    `撤回（不计入上述统计）：${ci(t.withdrawn)}`,
    `出具法律意见：${t.opinions.documents}份，涉及${t.opinions.answered.count}次`,
    `意见采纳率：${t.adoption.rate.text}（已登记采纳情况${t.adoption.withOutcome.count}次，其中采纳或部分采纳${t.adoption.adopted.count}次）`,
    `首次出具意见用时中位数：${t.turnaround.medianDays === null ? '暂无' : `${t.turnaround.medianDays}天`}`,
    `按时答复率：${t.turnaround.onTimeRate.text}（应按时答复${t.turnaround.dueTracked.count}次，按时${t.turnaround.dueMet.count}次）`,
    `期末（${t.carriedOver.asOf}）未办结：${ci(t.carriedOver.total)}`,
  ];
  const tables = [categoryTable(t), monthTable(t, false), departmentTable(t), counselTable(t), conclusionTable(t), outcomeTable(t)].map(renderTable);
  const carried = t.carriedOver.rows.map((r) => `  ${r.serialNo}${GAP}${r.title}${GAP}收件${r.receivedOn}${GAP}${r.itemCount}项`);
  return [
    ...head,
    '',
    tables.join('\n\n'),
    ...(carried.length > 0 ? ['', '【期末未办结事项】', ...carried, ...(t.carriedOver.truncated ? ['  ……（完整清单请导出 XLSX）'] : [])] : []),
    '',
  ].join('\n');
}
