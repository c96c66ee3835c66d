/**
 * The steps both ends share around the format: a blob of this database as a package's file
 * source, a package id already seen (replay), the record of a package made or taken in, and
 * the signed content validated against its schema (docs/EXCHANGE.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from '#domain/types';
import { attachmentDamaged } from '../attachments/integrity';
import { CHUNK_SIZE, newPackageId, PackageRefused, writePackage, type FileEntry, type FileSink, type FileSource, type PackageKind } from './format';
import { encryptionKeyOf, type PublicIdentity, type UnlockedKeys } from './keys';

/** A stored attachment's bytes as a package file: read once, when its turn comes, handed on in chunks. */
export function blobSource(sqlite: Database.Database, ref: string, name: string, size: number, sha256: string): FileSource {
  return {
    ref,
    name,
    size,
    sha256,
    *chunks() {
      const row = sqlite.prepare('SELECT data FROM attachment_blobs WHERE sha256 = ?').get(sha256) as { data: Buffer } | undefined;
      if (!row) throw attachmentDamaged(name);
      for (let off = 0; off < row.data.length; off += CHUNK_SIZE) yield row.data.subarray(off, off + CHUNK_SIZE);
    },
  };
}

/** One file assembled in memory (it goes into SQLite whole), then handed to `done`. */
export function collectFile(entry: FileEntry, done: (data: Buffer) => void): FileSink {
  const data = Buffer.allocUnsafe(entry.size);
  let at = 0;
  return {
    data: (piece) => {
      piece.copy(data, at);
      at += piece.length;
    },
    end: () => done(data),
  };
}

const KIND_ZH: Record<PackageKind, string> = { review: '送审包', reply: '回复包' };

/** A package id recorded before: the same package twice. */
export function refuseReplay(sqlite: Database.Database, kind: PackageKind, packageId: string): void {
  const seen = sqlite.prepare("SELECT at FROM exchange_packages WHERE package_id = ? AND direction = 'received'").get(packageId) as { at: string } | undefined;
  if (seen) {
    throw new PackageRefused('replayed', `这个${KIND_ZH[kind]}（编号 ${packageId.slice(0, 8)}）已于 ${seen.at.slice(0, 10)} 导入过，同一个包不能导入两次，本次未导入任何内容。`);
  }
}

export function recordPackage(
  sqlite: Database.Database,
  row: { packageId: string; direction: 'sent' | 'received'; kind: PackageKind; counselId: number | null; peerFingerprint: string; fileSha256: string; items: unknown; at: string; actor: string },
): void {
  sqlite
    .prepare(
      `INSERT INTO exchange_packages (package_id, direction, kind, counsel_id, peer_fingerprint, file_sha256, items, at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(row.packageId, row.direction, row.kind, row.counselId, row.peerFingerprint, row.fileSha256, JSON.stringify(row.items), row.at, row.actor);
}

/**
 * The signed content checked against its schema, and its file refs against the manifest:
 * each ref names a file of the package, used once, within the attachment limit.
 */
export function validContent<S extends z.ZodType>(schema: S, content: unknown, files: readonly FileEntry[], refsOf: (c: z.infer<S>) => string[]): z.infer<S> {
  const parsed = schema.safeParse(content);
  if (!parsed.success) throw new PackageRefused('damaged', `包的内容不符合格式（${parsed.error.issues[0]?.path.join('.') ?? ''}），未导入任何内容。`);
  const byRef = new Map(files.map((f) => [f.ref, f]));
  const used = new Set<string>();
  for (const ref of refsOf(parsed.data)) {
    const f = byRef.get(ref);
    if (!f || used.has(ref)) throw new PackageRefused('damaged', '包的内容与其中的文件对不上，未导入任何内容。');
    if (f.size > MAX_ATTACHMENT_BYTES || f.size === 0) throw new PackageRefused('damaged', `包中的文件“${f.name}”大小不对，未导入任何内容。`);
    used.add(ref);
  }
  return parsed.data;
}

/** Add a stored blob to a package's files; returns its ref for the content. */
export function addBlobFile(sqlite: Database.Database, files: FileSource[], f: { fileName: string; size: number; sha256: string }): string {
  const ref = `f${files.length + 1}`;
  files.push(blobSource(sqlite, ref, f.fileName, f.size, f.sha256));
  return ref;
}

/** Run the record of a package just written; if it fails, the file goes too (no package the ledger does not know of). */
export function recordOrRemove<T>(file: string, record: () => T): T {
  try {
    return record();
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
}

/** Write a package of this end's, signed with its keys, for the paired peer. */
export function sealFor(
  now: Date,
  kind: PackageKind,
  out: string,
  keys: UnlockedKeys,
  peer: PublicIdentity,
  content: unknown,
  files: readonly FileSource[],
): { packageId: string; file: string; size: number; sha256: string } {
  const packageId = newPackageId();
  const file = path.resolve(out);
  const written = writePackage(file, {
    kind,
    packageId,
    createdAt: now,
    sender: { signingKey: keys.signingKey, fingerprint: keys.fingerprint },
    recipient: { encryptionKey: encryptionKeyOf(peer), fingerprint: peer.fingerprint },
    content,
    files,
  });
  return { packageId, file, ...written };
}
