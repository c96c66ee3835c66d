import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** fsync a file (and, where the platform allows, its folder) so a rename after it is durable. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; NTFS metadata journaling covers the rename.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The names in a folder; none when it cannot be read (missing, no permission, not a folder). */
export function namesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Move a finished temp file to its final name: readers see the old file or the new one, never half of one. */
export function commitFile(tmp: string, finalPath: string): void {
  fsyncFile(tmp);
  fs.renameSync(tmp, finalPath);
  fsyncDir(path.dirname(finalPath));
}

/**
 * Create `file` with `content`, whole, or return false when it already exists:
 * written and fsynced under a temp name of this process, then hard-linked to
 * the final name (link fails if the name exists), so nobody ever sees it empty
 * or half-written. `mode` applies to the new file (0o600: owner only).
 */
export function createWhole(file: string, content: string | Buffer, mode = 0o644): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
