/**
 * The security policy of the desktop shell as plain values and pure functions,
 * so plain-Node tests can pin it (Electron cannot start on the build machines).
 * Only `import type` from 'electron' here: a value import would load Electron.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The built renderer is served from a privileged custom scheme instead of
 * file://: it gives the page a real origin to check senders against, keeps
 * file:// privileges off (the GrantFileProtocolExtraPrivileges fuse is off) and
 * lets us attach the CSP header to every response.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged (before app ready). */
export const APP_SCHEME_PRIVILEGES = {
  /** standard: relative URLs, origins and the same-origin policy work as for http */
  standard: true,
  /** secure: treated like https (secure context) */
  secure: true,
  supportFetchAPI: true,
  /** never bypass the CSP, never a service worker, no extensions */
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
  codeCache: true,
} as const;

/**
 * antd's component styles come from a static file, but it still writes its
 * theme's CSS variables into a <style> element at run time, and components set
 * style attributes, so style-src needs 'unsafe-inline'; scripts never do, and
 * eval is never allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  // one page, no frames: nothing may be framed in it, and it is framed nowhere
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every file the app scheme serves. */
export const RESPONSE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export const WINDOW_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

export function windowOptions(
  preloadPath: string,
  opts: { devTools?: boolean; title?: string } = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: opts.title ?? '',
    // shown on ready-to-show, so the user never sees a blank white window
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      ...WINDOW_WEB_PREFERENCES,
      preload: preloadPath,
      devTools: opts.devTools ?? false,
    },
  };
}

/** Whether a URL is a page of our own origin (app://ledger, nothing else). */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** The part of Electron's WebFrameMain the sender check needs. */
export interface FrameLike {
  readonly url: string;
  readonly processId?: number;
  readonly routingId?: number;
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  if (a === b) return true;
  // Electron hands out one WebFrameMain per frame, but compare ids too in
  // case two wrappers of the same frame are ever handed to us.
  return (
    a.processId !== undefined &&
    a.routingId !== undefined &&
    a.processId === b.processId &&
    a.routingId === b.routingId
  );
}

/**
 * IPC is accepted only from the main frame of a page of our own origin: a
 * sub-frame, a foreign origin, a file:// page, or a frame that is gone (null
 * since Electron 30 when it navigated away or was destroyed) are refused.
 */
export function isTrustedSender(
  frame: FrameLike | null | undefined,
  mainFrame: FrameLike | null | undefined,
): boolean {
  if (!frame || !mainFrame) return false;
  return sameFrame(frame, mainFrame) && isAppUrl(frame.url);
}

/**
 * The app is one page: navigating anywhere is refused, except (re)loading the
 * app page itself. In-page (hash) navigation does not go through this check.
 */
export function isAllowedNavigation(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const { pathname } = new URL(url);
  return pathname === '/' || pathname === '/index.html';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file inside `root`, or null when the URL is not ours
 * or would leave `root` (`..`, encoded separators, absolute paths, NUL).
 * Extension-less paths fall back to index.html so a history-style route
 * survives a reload.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (rel.includes('\0')) return null;
  return fileInside(root, rel.replace(/^[/\\]+/, ''));
}

/**
 * The file a relative request path names under `root` (no extension: the app's
 * index.html), or null when it would leave `root`. Shared with the browser harness.
 */
export function fileInside(root: string, rel: string): string | null {
  const base = path.resolve(root);
  const file = path.resolve(base, rel === '' || path.extname(rel) === '' ? 'index.html' : rel);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...RESPONSE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The app:// protocol handler (protocol.handle): serves files of the built
 * renderer with the CSP attached. Read-only: anything but GET/HEAD is refused.
 */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return textResponse(405, 'Method Not Allowed');
  }
  const file = resolveAppFile(root, request.url);
  if (!file) return textResponse(404, 'Not Found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return textResponse(404, 'Not Found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...RESPONSE_SECURITY_HEADERS, 'Content-Type': contentTypeFor(file) },
  });
}
