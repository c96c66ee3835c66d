/** The browser harness itself: loopback only, token, origin and host checks, body limit, no path traversal, the app's CSP. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { CALL_PATH, MAX_BODY_BYTES, SHIM_PATH, startHarness, TOKEN_HEADER, type Harness } from '../harness/server';
import { ensureRendererBuilt } from './support';

let harness: Harness;
let dir: string;
let port: number;

beforeAll(async () => {
  ensureRendererBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counsel-ledger-harness-'));
  harness = await startHarness({ dbFile: path.join(dir, 'ledger.sqlite3') });
  port = Number(new URL(harness.url).port);
});

afterAll(async () => {
  await harness?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: paths are sent as written (fetch would normalise "..") and Host can be set. */
function raw(method: string, p: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  raw('POST', CALL_PATH, {
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: harness.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the browser harness', () => {
  it('listens on loopback with a random port and a long random token', () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(harness.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the built app with the shim first and the same CSP as the app', async () => {
    const page = await raw('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const shimAt = page.body.indexOf(`<script src="${SHIM_PATH}"></script>`);
    expect(shimAt).toBeGreaterThan(0);
    expect(shimAt).toBeLessThan(page.body.indexOf('type="module"'));
    expect(page.body).not.toContain(harness.token);
    const shim = await raw('GET', SHIM_PATH);
    expect(shim.headers['content-type']).toContain('javascript');
    expect(shim.body).toContain(harness.token);
    // history-style paths fall back to the page; assets are served as files
    expect((await raw('GET', '/ledger')).body).toContain(SHIM_PATH);
  });

  it('answers calls with the router envelope', async () => {
    // the product signs people in: a fresh database asks for the administrator first
    const r = await post({ method: 'auth.status', input: {} });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { setupNeeded: true, user: null } });
    expect(JSON.parse((await post({ method: 'no.such', input: {} })).body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.parse((await post({ method: 'consultations.get', input: { id: 1 } })).body)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(JSON.parse((await post({ method: 'auth.login', input: { username: 5 } })).body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('refuses calls without the token, from another origin or host, and of the wrong shape', async () => {
    const body = JSON.stringify({ method: 'app.info', input: {} });
    const noToken = await raw('POST', CALL_PATH, { headers: { 'content-type': 'application/json' }, body });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await post(body, { [TOKEN_HEADER]: 'x'.repeat(harness.token.length) })).status).toBe(401);
    expect((await post(body, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(body, { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await post(body, { host: `evil.example:${port}` })).status).toBe(421);
    expect((await post(body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    expect((await raw('GET', CALL_PATH)).status).toBe(405);
    expect((await raw('DELETE', '/')).status).toBe(405);
  });

  it('limits the body size', async () => {
    const big = JSON.stringify({ method: 'app.info', input: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    const r = await post(big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('never serves a file outside the built renderer', async () => {
    for (const p of [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      const r = await raw('GET', p);
      expect({ p, status: r.status }).toEqual({ p, status: 404 });
    }
  });
});
