import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';

/** Bundle a test fixture to one .mjs inside the project (so better-sqlite3 resolves from node_modules). */
export function bundleFixture(entry: string): string {
  const out = path.join(__dirname, '../../node_modules/.cache/counsel-ledger-tests', `${path.basename(entry, '.ts')}.mjs`);
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'silent' });
  return out;
}

/**
 * Run a bundled fixture and SIGKILL it `delayMs` after it prints "ready".
 * Resolves with the complete lines it printed before dying.
 */
export function runAndKill(script: string, args: string[], delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString();
      if (!before.includes('ready\n') && out.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`fixture ended by itself (${code}): ${err}`));
      const lines = out.split('\n');
      lines.pop(); // a cut-off last line is not a report
      resolve(lines.filter((l) => l !== 'ready'));
    });
  });
}
