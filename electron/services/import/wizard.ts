/**
 * The import wizard's side in the main process: the file is chosen in the
 * system dialog and parsed here; the renderer works with a token (sessions.ts)
 * and sends back its corrections of the mapping and its choices for unknown
 * names, which are re-applied to the kept file on each preview and at commit.
 */
import type { z } from 'zod';
import type { ImportFileInfo, ImportPlanView, ImportResult, importCommitInput, importPreviewInput } from '#contract/import-contract';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { commitImport } from './commit';
import { sheetInfos } from './header';
import { withImportJob } from './jobs';
import type { Progress } from './grid';
import { buildPlan } from './plan';
import { planView } from './plan-view';
import { closeSession, openSession, useSession } from './sessions';
import { readImportFile } from './source';
import { writeImportTemplate } from './template';

export const TEMPLATE_FILE_NAME = '法律顾问咨询台账导入模板.xlsx';

function platform(ctx: ServiceContext) {
  if (!ctx.host) throw new AppError('VALIDATION', '当前运行环境不能打开文件选择窗口');
  return ctx.host.platform;
}

export async function chooseImportFile(ctx: ServiceContext, onProgress?: Progress): Promise<ImportFileInfo | null> {
  const [file] = await platform(ctx).chooseOpenPaths({ filters: [{ name: 'Excel 台账或 CSV 文件', extensions: ['xlsx', 'csv', 'txt'] }], multiple: false });
  if (!file) return null;
  const source = await withImportJob(ctx, 'read', (progress) => readImportFile(file, progress), onProgress);
  const { token, expiresAt } = openSession(ctx, source);
  return { token, fileName: source.fileName, size: source.size, format: source.format, sha256: source.sha256, sheets: sheetInfos(source.sheets), expiresAt };
}

export function previewImportSession(ctx: ServiceContext, input: z.output<typeof importPreviewInput>): ImportPlanView {
  const { token, ...options } = input;
  return planView(buildPlan(ctx, useSession(ctx, token), options));
}

/** Commit, then forget the file (a second commit of the same token is refused as an expired session). */
export async function commitImportSession(ctx: ServiceContext, input: Omit<z.output<typeof importCommitInput>, 'jobId'>, onProgress?: Progress): Promise<ImportResult> {
  const { token, ...options } = input;
  const result = await commitImport(ctx, useSession(ctx, token), options, onProgress);
  closeSession(ctx, token);
  return result;
}

export function discardImportSession(ctx: ServiceContext, token: string): { discarded: boolean } {
  return { discarded: closeSession(ctx, token) };
}

/** Ask where to save the template; its category list is the ledger's active categories. */
export async function saveImportTemplate(ctx: ServiceContext): Promise<{ path: string; bytes: number } | null> {
  const target = await platform(ctx).chooseSavePath({ defaultName: TEMPLATE_FILE_NAME, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
  if (!target) return null;
  const categories = ctx.ledger.sqlite.prepare('SELECT name_zh FROM categories WHERE active = 1 ORDER BY sort_order, id').pluck().all() as string[];
  try {
    return { path: target, bytes: await writeImportTemplate(target, { categories }) };
  } catch (e) {
    throw new AppError('VALIDATION', `模板未能保存：${(e as Error).message}`);
  }
}
