/**
 * counsel-ledger report --db FILE (--year Y | --from D --to D) [--format json|text|xlsx|csv|docx] [--out FILE]
 * json and text go to stdout unless --out is given; xlsx, csv and docx go to
 * --out, or to a file named after the period in the current folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { periodInput, type ExportFormat } from '#contract/reports-contract';
import { defaultExportName, exportReport } from '../../services/reports/export';
import { writeAtomically } from '../../services/reports/export/atomic';
import { buildTally } from '../../services/reports/tally';
import { parseCommandArgs } from '../args';
import { usageError, type CliIo } from '../io';
import { cliContext, openExistingLedger } from '../ledger';
import { renderText } from '../text-report';
import type { Command } from './types';

const FORMATS = ['json', 'text', 'xlsx', 'csv', 'docx'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `用法：counsel-ledger report --db 数据库文件 --year 年度 [--format json|text|xlsx|csv|docx] [--out 输出文件]
      counsel-ledger report --db 数据库文件 --from 2025-01-01 --to 2025-06-30 [...]
  --format  默认 text；json 的结构见 docs/REPORT_JSON.md
  --out     json、text 默认输出到屏幕；xlsx、csv、docx 默认存到当前文件夹`;

function parsePeriod(values: { year?: string; from?: string; to?: string }) {
  const year = values.year === undefined ? undefined : /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
  if (Number.isNaN(year)) throw usageError(`--year 应为四位数字的年度，例如 2025（收到：${values.year}）`);
  const parsed = periodInput.safeParse({ year, from: values.from, to: values.to });
  if (!parsed.success) throw usageError(parsed.error.issues.map((i) => `${i.path.length ? `--${i.path.join('.')}` : ''} ${i.message}`.trim()).join('\n'));
  return parsed.data;
}

async function writeText(file: string, text: string): Promise<number> {
  return writeAtomically(file, async (temp) => fs.writeFileSync(temp, text, { flag: 'wx' }));
}

/** --out names a file; an existing folder there is a usage mistake, said plainly. */
function refuseFolder(out: string): void {
  let isDir = false;
  try {
    isDir = fs.statSync(out).isDirectory();
  } catch {
    return; // nothing there yet: the file will be created
  }
  if (isDir) throw usageError(`--out 应为要写出的文件名，而 ${out} 是一个文件夹。请在文件夹后加上文件名，例如 ${path.join(out, 'report.xlsx')}`);
}

export const reportCommand: Command = {
  summary: '年度统计：输出统计数据（JSON/文本）或导出 XLSX、CSV、DOCX',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(argv, USAGE, {
      db: { type: 'string' },
      year: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
    });
    if (!values.db) throw usageError(`请用 --db 指定数据库文件\n\n${USAGE}`);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw usageError(`--format 只能是 ${FORMATS.join('、')}（收到：${values.format}）`);
    const period = parsePeriod(values);
    if (values.out !== undefined) refuseFolder(path.resolve(io.cwd, values.out));
    const ledger = openExistingLedger(values.db, io);
    try {
      const ctx = cliContext(ledger, io);
      if (format === 'json' || format === 'text') {
        const tally = buildTally(ctx, period);
        const text = format === 'json' ? `${JSON.stringify(tally, null, 2)}\n` : renderText(tally);
        if (values.out === undefined) io.out(text);
        else io.err(`已写入 ${path.resolve(io.cwd, values.out)}（${await writeText(path.resolve(io.cwd, values.out), text)} 字节）\n`);
        return 0;
      }
      const out = path.resolve(io.cwd, values.out ?? defaultExportName(period, format as ExportFormat));
      const result = await exportReport(ctx, { ...period, format: format as ExportFormat, path: out });
      io.err(`已导出 ${result.path}（明细 ${result.rows} 行，${result.bytes} 字节）\n`);
      return 0;
    } finally {
      ledger.close();
    }
  },
};
