/**
 * The browser harness (docs/ARCHITECTURE.md, "One contract, two transports"): serves
 * the built renderer and the same router over HTTP on 127.0.0.1, and gives the
 * page a `window.ledger` that posts to it, so the real UI runs in a real browser
 * against a real SQLite file. For development and tests, not a product mode.
 *
 * The page cannot tell it from the preload: the shim is a same-origin script
 * (/__harness/ledger.js) loaded before the app bundle, so the app's CSP
 * (script-src 'self') stays as strict as in Electron, and every response
 * carries the same security headers as the app:// protocol.
 *
 * Guarding /api/call: loopback only, the Host header must name this server (no
 * DNS rebinding), a foreign Origin is refused, the random token must be sent in
 * a header (a cross-site page cannot set one without a CORS preflight, which is
 * never granted), JSON only, 1 MiB at most.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Envelope } from '#contract/envelope';
import { startRuntime, type Runtime } from '../../electron/runtime';
import { contentTypeFor, fileInside, RESPONSE_SECURITY_HEADERS } from '../../electron/security';
import type { PlatformAdapter } from '../../electron/services/platform';

export const TOKEN_HEADER = 'x-ledger-token';
export const SHIM_PATH = '/__harness/ledger.js';
export const CALL_PATH = '/api/call';
export const MAX_BODY_BYTES = 1024 * 1024;

const DEFAULT_RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

export interface HarnessOptions {
  dbFile: string;
  /** 0 (default) = a random free port */
  port?: number;
  now?: () => Date;
  /** the built renderer; defaults to out/renderer */
  rendererDir?: string;
  /** replaces parts of the harness's platform adapter (dialogs answer without asking) */
  platform?: Partial<PlatformAdapter>;
  /** as the runtime: 'accounts' (default: people sign in, the first start creates the administrator) or 'localAdmin' */
  auth?: 'accounts' | 'localAdmin';
}

export interface Harness {
  url: string;
  token: string;
  /** the router, called directly (for seeding data in tests) */
  call(method: string, input?: unknown): Promise<Envelope<unknown>>;
  runtime: Runtime;
  close(): Promise<void>;
}

/** Dialogs cannot be shown from a test: saving goes to <db folder>/exports, opening picks nothing. */
function harnessPlatform(dbFile: string, overrides: Partial<PlatformAdapter> = {}): PlatformAdapter {
  const dataDir = path.dirname(path.resolve(dbFile));
  return {
    dataDir,
    async chooseSavePath({ defaultName }) {
      const dir = path.join(dataDir, 'exports');
      fs.mkdirSync(dir, { recursive: true });
      return path.join(dir, path.basename(defaultName));
    },
    async chooseOpenPaths() {
      return [];
    },
    async chooseFolder() {
      return null;
    },
    async revealFile() {},
    async openFile() {},
    ...overrides,
  };
}

/** The window.ledger the page gets: the same shape as the preload's bridge. */
function shimSource(token: string): string {
  return `// browser harness: window.ledger over HTTP (test/harness/server.ts)
(() => {
  const token = ${JSON.stringify(token)};
  function call(method, input) {
    return fetch(${JSON.stringify(CALL_PATH)}, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ${JSON.stringify(TOKEN_HEADER)}: token },
      body: JSON.stringify({ method, input: input === undefined ? null : input }),
      cache: 'no-store',
      credentials: 'same-origin',
    }).then((res) => res.json());
  }
  Object.defineProperty(window, 'ledger', { value: Object.freeze({ call }), enumerable: true });
})();
`;
}

/** Maps a request path to a file inside root, or null (traversal, NUL, bad encoding). */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  return fileInside(root, rel.replace(/^\/+/, ''));
}

/** The shim goes first in <head>: a classic script runs before the (deferred) module bundle. */
export function injectShim(html: string): string {
  const tag = `<script src="${SHIM_PATH}"></script>`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}\n    ${tag}`) : `${tag}\n${html}`;
}

function sameToken(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, head = false): void {
  res.writeHead(status, {
    ...RESPONSE_SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(head ? undefined : body);
}

function sendEnvelope(res: http.ServerResponse, status: number, envelope: Envelope<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(envelope));
}

function refuse(res: http.ServerResponse, status: number, code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'VALIDATION', message: string) {
  sendEnvelope(res, status, { ok: false, error: { code, message } });
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume(); // drain, answer 413
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const rendererDir = path.resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run "npx electron-vite build" first.`);
  }
  const token = randomBytes(32).toString('base64url');
  // as the app starts it: quick_check on a worker thread, then open (electron/main.ts)
  const runtime = await startRuntime({
    dbFile: opts.dbFile,
    platform: harnessPlatform(opts.dbFile, opts.platform),
    now: opts.now,
    ...(opts.auth ? { auth: opts.auth } : {}),
  });
  let origin = '';
  let hosts = new Set<string>();

  async function handleCall(req: http.IncomingMessage, res: http.ServerResponse) {
    const from = req.headers.origin;
    if (from !== undefined && from !== origin) return refuse(res, 403, 'FORBIDDEN', '拒绝来自其他来源的请求');
    if (!sameToken(req.headers[TOKEN_HEADER], token)) return refuse(res, 401, 'UNAUTHENTICATED', '缺少或错误的访问令牌');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return refuse(res, 415, 'VALIDATION', '请求须为 JSON');
    }
    const body = await readBody(req);
    if (body === null) return refuse(res, 413, 'VALIDATION', '请求过大');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'VALIDATION', '请求不是有效的 JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return refuse(res, 400, 'VALIDATION', '请求格式有误');
    }
    const { method, input } = parsed as { method?: unknown; input?: unknown };
    sendEnvelope(res, 200, await runtime.router.call(method, input ?? {}));
  }

  async function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    const head = req.method === 'HEAD';
    if (pathname === SHIM_PATH) return send(res, 200, 'text/javascript; charset=utf-8', shimSource(token), head);
    const file = resolveStaticFile(rendererDir, pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not Found', head);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Not Found', head);
    }
    if (path.basename(file) === 'index.html') return send(res, 200, contentTypeFor(file), injectShim(body.toString('utf8')), head);
    return send(res, 200, contentTypeFor(file), body, head);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host
      if (!hosts.has(req.headers.host ?? '')) return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected Request');
      const pathname = new URL(req.url ?? '/', origin).pathname;
      if (pathname === CALL_PATH) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
        return handleCall(req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
      return handleStatic(req, res, pathname);
    })().catch((error: unknown) => {
      console.error('[harness]', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
      else res.destroy();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    runtime.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/`,
    token,
    runtime,
    call: (method, input = {}) => runtime.router.call(method, input),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      runtime.close();
    },
  };
}
