/** The parse worker's file name beside a bundle (build/parse-worker.ts writes it, run.ts starts it). */
export const PARSE_WORKER_FILE = 'parse-worker.mjs';
