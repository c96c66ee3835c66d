/**
 * The 考核表 as DOCX (the report export's official-document style,
 * reports/export/docx.ts writeBlocksDocx) and XLSX (exceljs, the report's header
 * style), with the evidence table. Both are built from the same blocks, written
 * atomically (reports/export/atomic.ts), from one read of the assessment and its evidence.
 */
import ExcelJS from 'exceljs';
import type { Assessment, Evidence } from '#contract/engagement-contract';
import { GRADE_LABELS, headScore, pointsText } from '#domain/engagement';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { writeAtomically } from '../reports/export/atomic';
import { EXPORT_FILTERS } from '../reports/export';
import { cellText } from '../reports/export/cells';
import type { Block } from '../reports/export/docx-content';
import { writeBlocksDocx } from '../reports/export/docx';
import { HEADER_STYLE } from '../reports/export/xlsx';
import { textColumns, type Table } from '../reports/export/tables';
import { getAssessmentById } from './assessments';
import { listEngagements } from './engagements';
import { assessmentEvidence } from './evidence';
import { readSettings } from '../settings';

export type AssessmentFormat = 'docx' | 'xlsx';

export function assessmentTitle(a: Pick<Assessment, 'firmName' | 'year'>): string {
  return `${a.firmName}${a.year}年度法律顾问履职考核表`;
}

export function evidenceTable(e: Evidence): Table {
  return {
    title: '履职数据',
    caption: `${e.period.label}履职数据（据咨询台账统计）`,
    columns: textColumns('项目', '数据'),
    rows: e.rows.map((r) => [r.label, r.text]),
  };
}

export function scoreTable(a: Assessment): Table {
  return {
    title: '考核评分',
    columns: textColumns('考核项目', '分值', '评分标准', '得分', '评语'),
    rows: [
      ...a.template.heads.map((h) => {
        const s = headScore(a.scores, h.key);
        return [h.name, h.bonus ? `加分，最多${h.weight}` : String(h.weight), h.guidance, s ? pointsText(s.tenths) : '', s?.remark ?? ''];
      }),
      ['合计', '', '', pointsText(a.totalTenths), ''],
    ],
  };
}

/** What the 考核表 says, in order (the DOCX and the XLSX lay out the same blocks). */
export function assessmentBlocks(a: Assessment, e: Evidence, office: string, contracts: string): Block[] {
  const grade = a.grade === null ? '（尚未评定）' : GRADE_LABELS[a.grade];
  const vetoLines = a.template.vetoes.map((v, i) => `${i + 1}. ${v.text}：${a.vetoes.includes(v.key) ? '有' : '无'}`);
  return [
    { type: 'title', text: assessmentTitle(a) },
    { type: 'paragraph', text: `考核单位：${office || '（未设置单位名称）'}；被考核律师事务所：${a.firmName}；考核年度：${a.year}年；聘用合同：${contracts || '无'}。` },
    { type: 'heading', text: '一、履职情况' },
    { type: 'table', table: evidenceTable(e) },
    { type: 'heading', text: '二、考核评分' },
    { type: 'table', table: scoreTable(a) },
    { type: 'paragraph', text: `合计得分${pointsText(a.totalTenths)}分，考核等次：${grade}${a.vetoed ? '（一票否决）' : ''}。` },
    { type: 'heading', text: '三、一票否决事项' },
    ...vetoLines.map((text) => ({ type: 'paragraph' as const, text })),
    { type: 'heading', text: '四、律师事务所自评' },
    ...(a.selfAssessment ? a.selfAssessment.split('\n') : ['（未提交）']).map((text) => ({ type: 'paragraph' as const, text })),
    { type: 'heading', text: '五、考核意见' },
    ...(a.remarks ? a.remarks.split('\n') : ['（无）']).map((text) => ({ type: 'paragraph' as const, text })),
    {
      type: 'paragraph',
      text: a.status === 'signed' ? `考核人：${a.signedByName ?? ''}\u3000签署时间：${(a.signedAt ?? '').slice(0, 10)}` : '（草稿，尚未签署）',
    },
    { type: 'paragraph', text: `考核表来源：${a.template.source || a.template.name}` },
  ];
}

async function writeXlsx(file: string, title: string, creator: string, blocks: readonly Block[]): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = creator;
  const sheet = book.addWorksheet('考核表');
  sheet.columns = [{ width: 28 }, { width: 14 }, { width: 40 }, { width: 10 }, { width: 40 }];
  for (const block of blocks) {
    if (block.type === 'table') {
      const header = sheet.addRow(block.table.columns.map((c) => c.header));
      header.eachCell((cell) => Object.assign(cell, { style: HEADER_STYLE }));
      for (const r of block.table.rows) {
        const row = sheet.addRow(r.map((v) => cellText(typeof v === 'string' ? v : '')));
        row.alignment = { wrapText: true, vertical: 'top' };
      }
      sheet.addRow([]);
    } else {
      const row = sheet.addRow([block.text]);
      if (block.type !== 'paragraph') row.font = { name: '黑体', bold: true, size: block.type === 'title' ? 16 : 12 };
      sheet.mergeCells(row.number, 1, row.number, 5);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  book.title = title;
  await book.xlsx.writeFile(file);
}

/** Write the 考核表 to `path` (the evidence and the assessment read in one read transaction first). */
export async function exportAssessment(ctx: ServiceContext, id: number, format: AssessmentFormat, path: string): Promise<number> {
  const { a, blocks } = ctx.ledger.sqlite
    .transaction(() => {
      const a = getAssessmentById(ctx, id);
      const e = assessmentEvidence(ctx, { firmId: a.firmId, year: a.year });
      const yearFrom = `${a.year}-01-01`;
      const yearTo = `${a.year}-12-31`;
      const contracts = listEngagements(ctx, { firmId: a.firmId })
        .filter((g) => g.termFrom <= yearTo && g.termTo >= yearFrom)
        .map((g) => `${g.contractNo}（${g.termFrom}至${g.termTo}）`)
        .join('、');
      return { a, blocks: assessmentBlocks(a, e, readSettings(ctx.ledger.db).officeName, contracts) };
    })
    .deferred();
  const creator = `${ctx.caller.displayName}（法律顾问咨询台账）`;
  const title = assessmentTitle(a);
  return writeAtomically(path, (temp) =>
    format === 'docx' ? writeBlocksDocx(temp, { creator, title, description: `${title}（${a.status === 'signed' ? '已签署' : '草稿'}）` }, blocks) : writeXlsx(temp, title, creator, blocks),
  );
}

export async function saveAssessmentExport(ctx: ServiceContext, input: { id: number; format: AssessmentFormat }): Promise<{ path: string; bytes: number } | null> {
  if (!ctx.host) throw new AppError('INTERNAL', '当前运行环境不支持导出文件');
  const a = getAssessmentById(ctx, input.id);
  const path = await ctx.host.platform.chooseSavePath({
    defaultName: `${assessmentTitle(a)}.${input.format}`,
    filters: [EXPORT_FILTERS[input.format]],
  });
  if (path === null) return null;
  return { path, bytes: await exportAssessment(ctx, input.id, input.format, path) };
}
