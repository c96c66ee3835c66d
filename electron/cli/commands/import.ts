/**
 * counsel-ledger import --db FILE LEDGER [--dry-run] [--allow-duplicate] [--create-missing] …
 * Imports an old ledger (XLSX or UTF-8 CSV), on the same services as the wizard:
 * prints the per-row check in Chinese, then imports all rows or none. Exit code
 * 0: imported (or, with --dry-run, would import cleanly); 1: problems, nothing
 * written; 2: wrong arguments; 3: the database is in use (the app or another import). Also --batches (list) and --undo N.
 */
import path from 'node:path';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '#domain/import-fields';
import type { ImportOptions } from '#contract/import-contract';
import type { Caller } from '../../services/context';
import { AppError } from '../../services/errors';
import { loadCatalog, matchCategory } from '../../services/import/catalog';
import { headerMeaning, IGNORED } from '../../services/import/fields';
import { buildPlan, commitImport, listImportBatches, readImportFile, renderPlanText, undoImportBatch } from '../../services/import';
import { parseCommandArgs } from '../args';
import { CliError, usageError, type CliIo } from '../io';
import { cliContext, holdDataLock, openExistingLedger } from '../ledger';
import type { Command } from './types';

/** Importing writes consultations (registrar) and may create counsel (admin): whoever holds the file may do both anyway. */
export const CLI_IMPORT_CALLER: Caller = { username: 'cli', displayName: '命令行', roles: ['registrar', 'admin'] };

const USAGE = `用法：counsel-ledger import --db 数据库文件 台账文件.xlsx|.csv [选项]
      counsel-ledger import --db 数据库文件 --batches
      counsel-ledger import --db 数据库文件 --undo 批次号
  --dry-run            只检查，逐行列出问题，不写入数据库
  --allow-duplicate    该文件已导入过时仍然导入
  --create-missing     名单中没有的处室、法律顾问自动新建
  --sheet 名称          要导入的工作表（默认自动选择最像台账的一个）
  --header-row 行号     表头所在的行（默认自动识别）
  --column 列=字段      修正列对应，可重复：--column D=收件日期、--column A=不导入
  --category 写法=类别  把文件中类别的写法对应到已有类别，可重复：--category 法律咨询=其他
  全部行无误才会导入（不会只导入一部分）；导入的批次可用 --undo 整批撤销。`;

function letterIndex(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s) - 1;
  if (!/^[A-Za-z]{1,3}$/.test(s)) return null;
  return [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function fieldOf(s: string): ImportField | null | undefined {
  if (['不导入', '忽略', 'none', '-'].includes(s)) return null;
  if ((IMPORT_FIELDS as readonly string[]).includes(s)) return s as ImportField;
  const byLabel = IMPORT_FIELDS.find((f) => IMPORT_FIELD_LABELS[f] === s);
  if (byLabel) return byLabel;
  const hit = headerMeaning(s);
  return hit && hit.meaning !== IGNORED ? hit.meaning : undefined;
}

function pairs(values: string[] | undefined, option: string): [string, string][] {
  return (values ?? []).map((v) => {
    const at = v.indexOf('=');
    if (at <= 0 || at === v.length - 1) throw usageError(`${option} 的格式应为 左边=右边（收到：${v}）`);
    return [v.slice(0, at).trim(), v.slice(at + 1).trim()];
  });
}

const OPTIONS = {
  db: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'allow-duplicate': { type: 'boolean', default: false },
  'create-missing': { type: 'boolean', default: false },
  sheet: { type: 'string' },
  'header-row': { type: 'string' },
  column: { type: 'string', multiple: true },
  category: { type: 'string', multiple: true },
  undo: { type: 'string' },
  batches: { type: 'boolean', default: false },
} as const;

const parse = (argv: string[]) => parseCommandArgs(argv, USAGE, OPTIONS, true);

type Values = ReturnType<typeof parse>['values'];

function mappingOf(values: Values): ImportOptions['mapping'] {
  return pairs(values.column, '--column').map(([col, name]) => {
    const column = letterIndex(col);
    if (column === null || column < 0) throw usageError(`--column 的列应为字母（如 D）或从 1 开始的列号（收到：${col}）`);
    const field = fieldOf(name);
    if (field === undefined) throw usageError(`--column 的字段无法识别：${name}（可用：${IMPORT_FIELDS.map((f) => IMPORT_FIELD_LABELS[f]).join('、')}、不导入）`);
    return { column, field };
  });
}

async function runImport(file: string, values: Values, ctx: ReturnType<typeof cliContext>, io: CliIo): Promise<number> {
  const catalog = loadCatalog(ctx.ledger.sqlite);
  const categories = pairs(values.category, '--category').map(([name, target]) => {
    const found = /^\d+$/.test(target) ? catalog.categories.find((c) => c.id === Number(target)) : matchCategory(catalog, target, new Map());
    if (!found) throw usageError(`--category 的类别不存在：${target}（可用：${catalog.categories.map((c) => c.name).join('、')}）`);
    return { name, categoryId: found.id };
  });
  const headerRow = values['header-row'] === undefined ? undefined : Number(values['header-row']);
  if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1)) throw usageError(`--header-row 应为正整数（收到：${values['header-row']}）`);
  const options: ImportOptions = {
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    ...(headerRow === undefined ? {} : { headerRow }),
    mapping: mappingOf(values),
    categories,
    createMissing: values['create-missing'],
  };
  const source = await readImportFile(path.resolve(io.cwd, file));
  const plan = buildPlan(ctx, source, options);
  io.out(renderPlanText(plan));
  if (!plan.canCommit) {
    io.out('结果：未导入，数据库未作任何修改。\n');
    return 1;
  }
  if (plan.duplicateOf && !values['allow-duplicate']) {
    io.out(`结果：未导入。该文件已导入过（批次 #${plan.duplicateOf.id}）；如确需再次导入，请加 --allow-duplicate。\n`);
    return 1;
  }
  if (values['dry-run']) {
    io.out(`结果：试运行通过，可导入 ${plan.rows.length} 条（--dry-run：未写入数据库）。\n`);
    return 0;
  }
  const result = await commitImport(ctx, source, { ...options, allowDuplicate: values['allow-duplicate'] });
  const created = [
    result.createdDepartments.length ? `新建处室 ${result.createdDepartments.map((d) => d.name).join('、')}` : '',
    result.createdCounsels.length ? `新建法律顾问 ${result.createdCounsels.map((c) => c.name).join('、')}` : '',
  ].filter(Boolean);
  io.out(
    `结果：已导入 ${result.rowCount} 条（批次 #${result.batchId}；保留原编号 ${result.serials.kept} 个，自动编号 ${result.serials.assigned} 个${created.length ? `；${created.join('；')}` : ''}）。` +
      `如需撤销：counsel-ledger import --db ${values.db} --undo ${result.batchId}\n`,
  );
  return 0;
}

export const importCommand: Command = {
  summary: '导入旧台账（XLSX/CSV）：逐行检查后整体导入，可整批撤销',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv);
    if (!values.db) throw usageError(`请用 --db 指定数据库文件\n\n${USAGE}`);
    const modes = [positionals.length > 0, values.undo !== undefined, values.batches].filter(Boolean).length;
    if (modes !== 1 || positionals.length > 1) throw usageError(`请指定一个台账文件，或 --batches、--undo 之一\n\n${USAGE}`);
    // it writes: one process per database, as the app (a running app, or another import, is refused)
    const lock = holdDataLock(values.db, io, 'cli import');
    let ledger;
    try {
      ledger = openExistingLedger(values.db, io);
    } catch (error) {
      lock.release();
      throw error;
    }
    try {
      const ctx = cliContext(ledger, io, CLI_IMPORT_CALLER);
      if (values.batches) {
        const batches = listImportBatches(ctx);
        if (batches.length === 0) io.out('尚无导入批次。\n');
        for (const b of batches) {
          const state = b.undoneAt ? `已于 ${b.undoneAt.slice(0, 10)} 撤销` : b.undoable ? '可撤销' : `不可撤销：${b.blockedReason}`;
          io.out(`#${b.id}  ${b.importedAt.slice(0, 10)}  ${b.importedBy}  ${b.fileName}  ${b.rowCount} 条  ${state}\n`);
        }
        return 0;
      }
      if (values.undo !== undefined) {
        if (!/^\d+$/.test(values.undo)) throw usageError(`--undo 应为批次号（收到：${values.undo}）`);
        const r = await undoImportBatch(ctx, Number(values.undo));
        io.out(`已撤销批次 #${r.batchId}：删除 ${r.removed} 条导入的事项。\n`);
        return 0;
      }
      return await runImport(positionals[0]!, values, ctx, io);
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      ledger.close();
      lock.release();
    }
  },
};
