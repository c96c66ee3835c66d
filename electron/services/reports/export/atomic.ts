/**
 * Write a file so that the target is either the complete new file or untouched:
 * write a temp file next to it, fsync it, rename it over the target, fsync the
 * folder. A failure removes the temp file and leaves nothing half-written; a
 * full disk (ENOSPC) is told as such, with a calm message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { diskFull, isDiskFull } from '../../errors';

/** Why a file could not be written to a full disk; by then its temp file is gone and the target untouched. */
export const FILE_DISK_FULL_MESSAGE =
  '文件未能保存：目标位置的磁盘空间已满，未留下不完整的文件，台账数据不受影响。请清理磁盘空间或另选保存位置后重试。';

function fsyncPath(file: string, flags: string): void {
  const fd = fs.openSync(file, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Returns the size of the written file. */
export async function writeAtomically(target: string, write: (tempPath: string) => Promise<void>): Promise<number> {
  const dir = path.dirname(path.resolve(target));
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    throw new Error(`不能写入“${target}”：这是一个文件夹`);
  }
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await write(temp);
    fsyncPath(temp, 'r+');
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (isDiskFull(error)) throw diskFull(error, FILE_DISK_FULL_MESSAGE);
    throw error;
  }
  try {
    // Make the rename itself durable. Windows cannot open a folder for this; the rename is still atomic there.
    fsyncPath(dir, 'r');
  } catch {
    /* best effort */
  }
  return fs.statSync(target).size;
}

/**
 * End a file stream and wait until its file is closed (not just flushed):
 * Windows refuses to rename a file that still has an open handle.
 */
export function closeStream(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.closed) {
      resolve();
      return;
    }
    stream.once('error', reject);
    stream.once('close', () => resolve());
    if (!stream.writableEnded) stream.end();
  });
}
