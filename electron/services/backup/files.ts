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

/** Move a finished temp file to its final name: readers see the old file or the new one, never half of one. */
export function commitFile(tmp: string, finalPath: string): void {
  fsyncFile(tmp);
  fs.renameSync(tmp, finalPath);
  fsyncDir(path.dirname(finalPath));
}
