/**
 * Issue 19, finding 11: the data lock has exactly one holder when many
 * processes start together, with no lock file and with the stale lock of a dead
 * process; an empty or half-written lock file is never taken for stale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { acquireDataLock, LockError } from '../../electron/services/backup/lock';
import { bundleFixture } from '../helpers/child';
import { tempDir } from '../helpers/ledger';

const PROCESSES = 16;
const TRIALS = 10;

interface Racer {
  child: ChildProcess;
  lines: string[];
  ready: Promise<void>;
  answered: Promise<string>;
  exited: Promise<void>;
}

function racer(script: string, dbFile: string): Racer {
  const child = spawn(process.execPath, [script, dbFile], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let out = '';
  let err = '';
  let onReady!: () => void;
  let onAnswer!: (a: string) => void;
  const ready = new Promise<void>((r) => (onReady = r));
  const answered = new Promise<string>((r) => (onAnswer = r));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const parts = out.split('\n');
    out = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (line === 'ready') onReady();
      else onAnswer(line);
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('close', () => {
      onAnswer(`exited: ${err}`);
      onReady();
      resolve();
    }),
  );
  return { child, lines, ready, answered, exited };
}

async function trial(script: string, dbFile: string): Promise<string[]> {
  const racers = Array.from({ length: PROCESSES }, () => racer(script, dbFile));
  await Promise.all(racers.map((r) => r.ready));
  for (const r of racers) r.child.stdin!.write('go\n'); // as close together as the OS allows
  const answers = await Promise.all(racers.map((r) => r.answered));
  for (const r of racers) r.child.stdin!.end();
  await Promise.all(racers.map((r) => r.exited));
  return answers;
}

describe('the data lock under a crowd (issue 19, finding 11)', () => {
  const script = bundleFixture(path.join(__dirname, 'fixtures/lock-holder.ts'));

  it(`${PROCESSES} processes started together, ${TRIALS} trials each with no lock and with a dead process's lock: exactly one holder`, async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'ledger.sqlite3');
    for (let t = 0; t < TRIALS; t++) {
      for (const stale of [false, true]) {
        if (stale) fs.writeFileSync(`${dbFile}.lock`, JSON.stringify({ pid: 2 ** 22 + 4321, host: os.hostname(), startedAt: 'x' }));
        const answers = await trial(script, dbFile);
        expect(answers.filter((a) => a !== 'held' && a !== 'refused')).toEqual([]);
        expect({ trial: t, stale, holders: answers.filter((a) => a === 'held').length }).toEqual({ trial: t, stale, holders: 1 });
        // the holder released it on exit; nothing else is left behind
        expect(fs.readdirSync(dir)).toEqual([]);
      }
    }
  }, 480_000); // 320 processes on a shared machine

  it('an empty or half-written lock file is not taken for stale: refused with the file named, and kept', () => {
    const dbFile = path.join(tempDir(), 'ledger.sqlite3');
    for (const partial of ['', '{"pid":12', '{"host":']) {
      fs.writeFileSync(`${dbFile}.lock`, partial);
      expect(() => acquireDataLock(dbFile)).toThrow(LockError);
      expect(() => acquireDataLock(dbFile)).toThrow(/无法读取/);
      expect(fs.readFileSync(`${dbFile}.lock`, 'utf8')).toBe(partial);
    }
  });

  it('the lock file is never visible empty or half-written, at any step of taking it (whole or absent)', () => {
    const dbFile = path.join(tempDir(), 'ledger.sqlite3');
    const lockFile = `${dbFile}.lock`;
    const seen: string[] = [];
    const look = (step: string) => {
      if (!fs.existsSync(lockFile)) return;
      const raw = fs.readFileSync(lockFile, 'utf8');
      let whole = false;
      try {
        whole = typeof JSON.parse(raw).pid === 'number';
      } catch {
        /* not whole */
      }
      if (!whole) seen.push(`${step}: ${JSON.stringify(raw)}`);
    };
    // every step that writes a file: the lock's name must hold nothing or the whole content, before and after it
    const spies = (['openSync', 'writeSync', 'fsyncSync', 'closeSync', 'linkSync', 'writeFileSync', 'renameSync'] as const).map((name) => {
      const real = fs[name] as (...args: unknown[]) => unknown;
      return vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
        look(`before ${name}`);
        try {
          return real.apply(fs, args);
        } finally {
          look(`after ${name}`);
        }
      }) as never);
    });
    try {
      const lock = acquireDataLock(dbFile);
      lock.release();
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(seen).toEqual([]);
  });

  it("a stale lock replaced by another process's live lock between being read and being removed is not removed: refused, the other lock kept", () => {
    const dbFile = path.join(tempDir(), 'ledger.sqlite3');
    const lockFile = `${dbFile}.lock`;
    fs.writeFileSync(lockFile, JSON.stringify({ pid: 2 ** 22 + 4321, host: os.hostname(), startedAt: 'x' }));
    // another process (alive: this one's parent) takes the stale lock over right after this one has read it
    const other = JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: 'y', token: 'other' });
    const realRead = fs.readFileSync;
    let swapped = false;
    const spy = vi.spyOn(fs, 'readFileSync').mockImplementation(((...args: unknown[]) => {
      const out = (realRead as (...a: unknown[]) => unknown).apply(fs, args);
      if (!swapped && String(args[0]) === lockFile) {
        swapped = true;
        fs.writeFileSync(lockFile, other);
      }
      return out;
    }) as never);
    try {
      expect(() => acquireDataLock(dbFile)).toThrow(LockError);
    } finally {
      spy.mockRestore();
    }
    expect(swapped).toBe(true);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(other);
  });

  it('the lock file is never visible empty: it is created whole by a link', () => {
    const dbFile = path.join(tempDir(), 'ledger.sqlite3');
    const lock = acquireDataLock(dbFile);
    const held = JSON.parse(fs.readFileSync(`${dbFile}.lock`, 'utf8'));
    expect(held).toMatchObject({ pid: process.pid, host: os.hostname(), purpose: 'app' });
    expect(fs.statSync(`${dbFile}.lock`).nlink).toBe(1); // the temp name is gone
    lock.release();
    expect(fs.existsSync(`${dbFile}.lock`)).toBe(false);
  });
});
