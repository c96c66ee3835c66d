/**
 * Anchors of the audit chain outside the database: beside every backup, a small
 * JSON file with the chain's record count, last id and last hash at that backup.
 * `verify` compares the live chain with them: the count may only grow, and the
 * record an anchor names must still carry the same hash. Someone who rewrites or
 * trims the database alone cannot also rewrite every anchor in every backup
 * folder unnoticed. Anchors older than the last restore recorded in the chain
 * belong to the replaced history and are not compared.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AuditHead } from '../audit';
import { namesIn } from './files';

export interface AuditAnchor extends AuditHead {
  /** when the anchor was written (ISO) */
  at: string;
  /** the backup it stands beside */
  backup: string;
}

export const ANCHOR_SUFFIX = '.anchor.json';

/**
 * The same facts as a backup's anchor, as one line for a person: written into each report
 * export (XLSX 汇总 sheet, DOCX document properties) so that a printed or mailed export can be
 * compared with the audit log later (count never lower, the record named still with this hash).
 */
export function anchorLine(head: AuditHead): string {
  return `审计记录共 ${head.count} 条，最后一条（第 ${head.lastId} 号）的哈希：${head.head}`;
}

/** Write the anchor of a finished backup; a failure here does not undo the backup (it is told by verify's missing anchor, not lost data). */
export function writeAnchor(backupFile: string, head: AuditHead, at: Date): void {
  const anchor: AuditAnchor = { ...head, at: at.toISOString(), backup: path.basename(backupFile) };
  const file = `${backupFile}${ANCHOR_SUFFIX}`;
  const tmp = `${file}.partial`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(anchor, null, 2)}\n`);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

function isAnchor(v: unknown): v is AuditAnchor {
  const a = v as AuditAnchor;
  return typeof a === 'object' && a !== null && Number.isInteger(a.count) && Number.isInteger(a.lastId) && typeof a.head === 'string' && typeof a.at === 'string';
}

/** Every readable anchor in these folders (a folder that cannot be read is skipped). */
export function readAnchors(dirs: readonly string[]): AuditAnchor[] {
  const out: AuditAnchor[] = [];
  for (const dir of dirs) {
    for (const name of namesIn(dir)) {
      if (!name.endsWith(ANCHOR_SUFFIX)) continue;
      try {
        const v: unknown = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
        if (isAnchor(v)) out.push(v);
      } catch {
        /* a damaged anchor is no evidence either way */
      }
    }
  }
  return out;
}

/** The anchor beside one backup, or null when there is none or it cannot be read. */
export function readAnchorOf(backupFile: string): AuditAnchor | null {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(`${backupFile}${ANCHOR_SUFFIX}`, 'utf8'));
    return isAnchor(v) ? v : null;
  } catch {
    return null;
  }
}
