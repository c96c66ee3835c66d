import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  WINDOW_WEB_PREFERENCES,
  contentTypeFor,
  isAllowedNavigation,
  isAppUrl,
  isTrustedSender,
  resolveAppFile,
  serveAppRequest,
  windowOptions,
} from '../../electron/security';

describe('window options', () => {
  it('isolate, sandbox and keep Node out of every renderer', () => {
    expect(WINDOW_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true, sandbox: true, webSecurity: true,
      nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false,
      spellcheck: false,
    });
  });

  it('carry the preload path and the secure preferences, devtools off unless asked', () => {
    const opts = windowOptions('/app/out/preload/index.cjs');
    expect(opts.show).toBe(false);
    expect(opts.webPreferences).toMatchObject({ ...WINDOW_WEB_PREFERENCES, preload: '/app/out/preload/index.cjs', devTools: false });
    expect(windowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('hands out a fresh object: weakening one window does not weaken the next', () => {
    const a = windowOptions('/p');
    (a.webPreferences as { sandbox?: boolean }).sandbox = false;
    expect(windowOptions('/p').webPreferences?.sandbox).toBe(true);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows scripts only from the app itself, never eval or inline', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it("allows inline styles (antd's theme variables, style attributes) and nothing remote", () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('shuts objects, base, forms and framing', () => {
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors', 'frame-src']) {
      expect(directives.get(name), name).toEqual(["'none'"]);
    }
  });
});

/** The check says no (false) to each of the URLs; a failure names the URL. */
function refusesEach(check: (url: string) => boolean, urls: string[]): void {
  for (const url of urls) expect(check(url), url).toBe(false);
}

describe('app origin', () => {
  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_ORIGIN).toBe('app://ledger');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false });
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });

  it('does not mistake look-alikes for the app', () => {
    refusesEach(isAppUrl, [
      'app://ledger.evil.com/index.html',
      'app://evil/index.html',
      'app://user@ledger/index.html',
      'app://ledger:8080/index.html',
      'https://ledger/index.html',
      'file:///work/main/out/renderer/index.html',
      'not a url',
      '',
    ]);
  });
});

describe('IPC sender check', () => {
  const main = { url: 'app://ledger/index.html#/consultations', processId: 4, routingId: 1 };

  it('accepts our own main frame', () => {
    expect(isTrustedSender(main, main)).toBe(true);
    // a second wrapper of the same frame
    expect(isTrustedSender({ ...main }, main)).toBe(true);
  });

  it('refuses a sub-frame, even of our own origin', () => {
    const sub = { url: 'app://ledger/index.html', processId: 4, routingId: 7 };
    expect(isTrustedSender(sub, main)).toBe(false);
  });

  it('refuses a foreign origin in the main frame', () => {
    const foreign = { url: 'https://example.com/', processId: 4, routingId: 1 };
    expect(isTrustedSender(foreign, foreign)).toBe(false);
  });

  it('refuses a file:// page, ours or another one', () => {
    const f1 = { url: 'file:///work/main/out/renderer/index.html' };
    const f2 = { url: 'file:///tmp/evil.html' };
    expect(isTrustedSender(f1, f1)).toBe(false);
    expect(isTrustedSender(f2, f2)).toBe(false);
  });

  it('refuses a frame that is gone (null) or a missing main frame', () => {
    expect(isTrustedSender(null, main)).toBe(false);
    expect(isTrustedSender(main, null)).toBe(false);
    expect(isTrustedSender(undefined, undefined)).toBe(false);
  });

  it('refuses frames without ids that are not the main frame object', () => {
    expect(isTrustedSender({ url: main.url }, { url: main.url })).toBe(false);
  });
});

describe('navigation', () => {
  it('allows only (re)loading the app page', () => {
    expect(isAllowedNavigation('app://ledger/index.html')).toBe(true);
    expect(isAllowedNavigation('app://ledger/')).toBe(true);
    expect(isAllowedNavigation('app://ledger/index.html#/reports')).toBe(true);
  });

  it('refuses everything else', () => {
    refusesEach(isAllowedNavigation, [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'app://ledger/assets/x.js',
      'app://other/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
    ]);
  });
});

describe('app:// file serving', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'ledger-security-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(outside, 'secret');
  });
  afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  it('maps app URLs into the root, with index.html for the root and routes', () => {
    expect(resolveAppFile(root, 'app://ledger/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ledger/settings/users')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ledger/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses encoded escapes, NUL and bad encodings outright', () => {
    for (const url of [
      'app://ledger/%2E%2E%2Fsecret.txt',
      'app://ledger/assets/..%2f..%2fsecret.txt',
      'app://ledger/..%5c..%5csecret.txt',
      'app://ledger/%00.js',
      'app://ledger/%E0%A4%A',
      'app://other/index.html',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('keeps dot segments and absolute-looking paths inside the root', () => {
    for (const url of ['app://ledger/../secret.txt', 'app://ledger/%2e%2e/secret.txt', `app://ledger/${encodeURIComponent(outside)}`]) {
      const file = resolveAppFile(root, url);
      expect(file, url).not.toBeNull();
      expect(path.relative(root, file ?? '').startsWith('..'), `${url} -> ${file}`).toBe(false);
      expect(file, url).not.toBe(outside);
    }
  });

  it('serves files with the CSP and the right content type', async () => {
    const res = await serveAppRequest(root, new Request('app://ledger/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>t</title>');
    const js = await serveAppRequest(root, new Request('app://ledger/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing or outside files, 405 for writes', async () => {
    expect((await serveAppRequest(root, new Request('app://ledger/assets/missing.js'))).status).toBe(404);
    const escaped = await serveAppRequest(root, new Request('app://ledger/%2e%2e/secret.txt'));
    expect(escaped.status).toBe(404);
    expect(await escaped.text()).not.toContain('secret');
    expect((await serveAppRequest(root, new Request('app://ledger/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('knows the types the renderer build emits', () => {
    expect(contentTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
