/**
 * Every parse of a file from outside (an import's XLSX/CSV, an attachment's
 * text for search) runs here: on a worker thread of its own, with a heap
 * limit (resourceLimits) and a time limit that ends the thread
 * (worker.terminate()), so a hostile file costs at most that thread. The
 * calling thread (in the app: Electron's main process) keeps answering calls
 * meanwhile; a worker that runs out of memory or time, or dies, gives a clear
 * refusal and nothing else changes.
 *
 * Where the worker's code is: beside the bundle (out/main/parse-worker.mjs,
 * out/cli/parse-worker.mjs; built by build/parse-worker.ts), or, when running
 * from source (tests, `npm run cli`), worker.ts itself, loaded through tsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AppError } from '../errors';
import { PARSE_WORKER_FILE } from './files';
import { reviveResult, type ParseJob, type ParseResult } from './jobs';
import type { WorkerMessage } from './worker';

export interface ParseLimits {
  /** the worker's JavaScript heap, MB */
  heapMb: number;
  /** wall-clock time before the worker is ended, ms */
  timeoutMs: number;
}

/**
 * An import may hold a whole workbook in exceljs (MAX_CELLS cells at ~0.5 KB);
 * an attachment's text is a capped inflate of one XML part.
 */
export const PARSE_LIMITS: Record<ParseJob['kind'], ParseLimits> = {
  import: { heapMb: 1_024, timeoutMs: 120_000 },
  text: { heapMb: 256, timeoutMs: 30_000 },
  template: { heapMb: 256, timeoutMs: 30_000 },
};

const WHAT: Record<ParseJob['kind'], string> = { import: '导入文件', text: '附件内容', template: '文书模板' };

function refusal(job: ParseJob, why: string): AppError {
  const message = `读取${WHAT[job.kind]}“${path.basename(job.fileName)}”时${why}，已停止读取，未做任何更改。文件可能已损坏或内容异常（例如“压缩炸弹”）；请在 Excel/WPS/Word 中打开确认后另存为新文件再试。`;
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
}

/** The worker's code and how to start it. */
function workerSource(): { code: string; eval: true } | { file: URL; eval: false } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // from source: tsx's loader, in the worker, then worker.ts
    // tsx's ESM API (its package entry resolves to dist/loader.mjs)
    const tsx = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(here).resolve('tsx'))).href;
    const entry = new URL('./worker.ts', here).href;
    return { eval: true, code: `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))` };
  }
  // bundled: this code is in out/<target>/index.js (or a chunk one folder down)
  for (const candidate of [`./${PARSE_WORKER_FILE}`, `../${PARSE_WORKER_FILE}`]) {
    const file = new URL(candidate, here);
    if (fs.existsSync(fileURLToPath(file))) return { eval: false, file };
  }
  throw new AppError('INTERNAL', `安装不完整：找不到文件解析程序 ${PARSE_WORKER_FILE}，请重新安装本软件`);
}

export interface ParseOptions {
  onProgress?: (done: number, total: number) => void;
  /** tests: tighter limits */
  limits?: Partial<ParseLimits>;
}

/** Parse `job` on a worker thread; the bytes are copied to it. */
export function parseOffThread<J extends ParseJob>(job: J, options: ParseOptions = {}): Promise<ParseResult<J>> {
  const limits = { ...PARSE_LIMITS[job.kind], ...options.limits };
  const source = workerSource();
  const resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(4, limits.heapMb / 8)) };
  return new Promise((resolve, reject) => {
    const worker = source.eval
      ? new Worker(source.code, { eval: true, workerData: job, resourceLimits })
      : new Worker(source.file, { workerData: job, resourceLimits });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(refusal(job, `超过 ${Math.round(limits.timeoutMs / 1000)} 秒仍未读完`))), limits.timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.done, message.total);
      else if (message.type === 'result') settle(() => resolve(reviveResult(job, message.value) as ParseResult<J>));
      else if (message.type === 'refused') settle(() => reject(new AppError(message.code, message.message, message.issues)));
      else settle(() => reject(refusal(job, `出错（${message.message}）`)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const why = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `所需内存超过 ${limits.heapMb} MB 的上限` : `出错（${error.message}）`;
      settle(() => reject(refusal(job, why)));
    });
    worker.on('exit', (code) => settle(() => reject(refusal(job, `读取程序意外退出（代码 ${code}）`))));
  });
}
