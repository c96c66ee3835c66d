/**
 * The `counsel-ledger` command's entry (electron/cli/bin.mjs) refuses a Node
 * older than package.json's engines in one line, before anything loads
 * better-sqlite3 (version 13 crashes on Node 20 instead of failing cleanly).
 * Run as a real process, with process.versions.node set by an --import hook.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'electron/cli/bin.mjs');
const engines = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

function runAs(nodeVersion: string) {
  const pretend = `data:text/javascript,Object.defineProperty(process.versions,"node",{value:${JSON.stringify(nodeVersion)}})`;
  return spawnSync(process.execPath, ['--import', pretend, bin, '--help'], { cwd: root, encoding: 'utf8' });
}

describe('counsel-ledger entry: Node version', () => {
  it('package.json asks for Node ≥ 22.12', () => {
    expect(engines).toBe('>=22.12');
  });

  it.each(['20.19.0', '22.11.9', '18.20.4'])('refuses Node %s with one line naming the requirement', (version) => {
    const r = runAs(version);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`counsel-ledger：需要 Node.js >=22.12，当前为 ${version}（Node.js >=22.12 required）\n`);
  });

  it.each(['22.12.0', '22.23.3', '24.1.0'])('lets Node %s through', (version) => {
    const r = runAs(version);
    expect(r.stderr).not.toContain('需要 Node.js');
  });
});
