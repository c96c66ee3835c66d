/**
 * The .clpkg exchange package (docs/EXCHANGE.md): plain Node, no database.
 *
 *   magic "CLPKG01\n" | u32 header length | header JSON (plaintext) |
 *   chunks: u32 (top bit = last chunk, rest = length) + AES-256-GCM ciphertext and tag |
 *   64-byte Ed25519 signature over SHA-512 of everything before it
 *
 * The plaintext the chunks carry is u32 manifest length | manifest JSON | the files' bytes in
 * the manifest's order. The content key is fresh per package and wrapped for one recipient:
 * X25519 (an ephemeral key and the recipient's key) → HKDF-SHA256 → AES-256-GCM.
 * Writing and reading stream in CHUNK_SIZE pieces: a package's files are never held whole,
 * except one file at a time where the caller asks for it (storing it in SQLite).
 */
import { createCipheriv, createDecipheriv, createHash, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { publicKeyFromRaw, rawPublicKey } from './keys';

export const MAGIC = Buffer.from('CLPKG01\n', 'latin1');
export const CHUNK_SIZE = 64 * 1024;
const TAG = 16;
const SIGNATURE = 64;
const LAST = 0x8000_0000;
export const MAX_HEADER_BYTES = 16 * 1024;
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
/** a package's files together (materials of several items); one file's limit is the attachment limit */
export const MAX_PACKAGE_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_PACKAGE_FILES = 2_000;
const SIGN_CONTEXT = Buffer.from('counsel-ledger clpkg v1 signature\n', 'latin1');
const WRAP_INFO = 'counsel-ledger clpkg v1 content key';

/** Why a package was refused: each has its own message, worded where it is thrown. */
export type RefusalReason = 'notPackage' | 'tooLarge' | 'damaged' | 'unpairedSigner' | 'wrongRecipient' | 'replayed' | 'foreign' | 'wrongKind';

export class PackageRefused extends AppError {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    // the reason travels as the issue `package.<reason>`, so a screen can name the refusal in its own words
    super('VALIDATION', message, [{ path: `package.${reason}`, message }]);
    this.name = 'PackageRefused';
  }
}

const b64 = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/);
const fingerprint = z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
export const headerSchema = z.strictObject({
  format: z.literal('clpkg'),
  version: z.literal(1),
  kind: z.enum(['review', 'reply']),
  packageId: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.iso.datetime(),
  senderFingerprint: fingerprint,
  recipientFingerprint: fingerprint,
  ephemeralKey: b64,
  wrapIv: b64,
  wrappedKey: b64,
  noncePrefix: b64,
});
export type PackageHeader = z.infer<typeof headerSchema>;
export type PackageKind = PackageHeader['kind'];

/** A file inside the package: `ref` ties it to the manifest's content; `name` is shown, never used as a path. */
export const fileEntrySchema = z.strictObject({
  ref: z.string().regex(/^f[0-9]{1,5}$/),
  name: z.string().min(1).max(255),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

const manifestSchema = z.strictObject({
  packageId: z.string(),
  files: z.array(fileEntrySchema).max(MAX_PACKAGE_FILES),
  content: z.unknown(),
});

/** Who signs and who may open. */
export interface Sender {
  signingKey: KeyObject;
  fingerprint: string;
}
export interface Recipient {
  encryptionKey: KeyObject;
  fingerprint: string;
}

export interface FileSource extends FileEntry {
  /** the bytes, in pieces; called once, when the file's turn comes */
  chunks(): Iterable<Buffer>;
}

function wrapKeyFor(shared: Buffer, packageId: string, ephemeralRaw: Buffer, recipientRaw: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(packageId, 'hex'), Buffer.concat([Buffer.from(WRAP_INFO), ephemeralRaw, recipientRaw]), 32));
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function nonce(prefix: Buffer, index: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 4);
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

function chunkAad(headerHash: Buffer, index: number, last: boolean): Buffer {
  const b = Buffer.alloc(headerHash.length + 9);
  headerHash.copy(b);
  b.writeBigUInt64BE(BigInt(index), headerHash.length);
  b[headerHash.length + 8] = last ? 1 : 0;
  return b;
}

export interface WriteInput {
  kind: PackageKind;
  packageId: string;
  createdAt: Date;
  sender: Sender;
  recipient: Recipient;
  content: unknown;
  files: readonly FileSource[];
}

/**
 * Write a package to `out` atomically (a .partial beside it, fsync, rename): nothing is left
 * at `out` unless the whole package was written. Returns the SHA-256 of the file.
 */
export function writePackage(out: string, input: WriteInput): { sha256: string; size: number } {
  const contentKey = randomBytes(32);
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPublicKey(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: input.recipient.encryptionKey });
  const wrapKey = wrapKeyFor(shared, input.packageId, ephRaw, rawPublicKey(input.recipient.encryptionKey));
  const wrapIv = randomBytes(12);
  const wrapCipher = createCipheriv('aes-256-gcm', wrapKey, wrapIv);
  wrapCipher.setAAD(Buffer.from(input.packageId, 'hex'));
  const wrapped = Buffer.concat([wrapCipher.update(contentKey), wrapCipher.final(), wrapCipher.getAuthTag()]);
  const noncePrefix = randomBytes(4);
  const header: PackageHeader = {
    format: 'clpkg',
    version: 1,
    kind: input.kind,
    packageId: input.packageId,
    createdAt: input.createdAt.toISOString(),
    senderFingerprint: input.sender.fingerprint,
    recipientFingerprint: input.recipient.fingerprint,
    ephemeralKey: ephRaw.toString('base64url'),
    wrapIv: wrapIv.toString('base64url'),
    wrappedKey: wrapped.toString('base64url'),
    noncePrefix: noncePrefix.toString('base64url'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const headerHash = createHash('sha256').update(headerBytes).digest();
  const manifest = Buffer.from(
    JSON.stringify({ packageId: input.packageId, files: input.files.map(({ ref, name, size, sha256 }) => ({ ref, name, size, sha256 })), content: input.content }),
    'utf8',
  );
  if (manifest.length > MAX_MANIFEST_BYTES) throw new AppError('VALIDATION', '包的清单过大，请分成几个包');

  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(6).toString('hex')}.partial`);
  const fd = fs.openSync(tmp, 'wx');
  const digest = createHash('sha512').update(SIGN_CONTEXT);
  let size = 0;
  const emit = (b: Buffer): void => {
    digest.update(b);
    let off = 0;
    while (off < b.length) off += fs.writeSync(fd, b, off);
    size += b.length;
  };
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  const seal = (plain: Buffer, last: boolean): void => {
    const c = createCipheriv('aes-256-gcm', contentKey, nonce(noncePrefix, index));
    c.setAAD(chunkAad(headerHash, index, last));
    const ct = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    emit(u32((last ? LAST : 0) + ct.length));
    emit(ct);
    index++;
  };
  const feed = (b: Buffer): void => {
    pending = pending.length === 0 ? b : Buffer.concat([pending, b]);
    while (pending.length > CHUNK_SIZE) {
      seal(pending.subarray(0, CHUNK_SIZE), false);
      pending = pending.subarray(CHUNK_SIZE);
    }
  };
  try {
    emit(MAGIC);
    emit(u32(headerBytes.length));
    emit(headerBytes);
    feed(u32(manifest.length));
    feed(manifest);
    for (const f of input.files) {
      const h = createHash('sha256');
      let n = 0;
      for (const piece of f.chunks()) {
        h.update(piece);
        n += piece.length;
        if (n > f.size) break;
        feed(piece);
      }
      if (n !== f.size || h.digest('hex') !== f.sha256) throw new AppError('INTERNAL', `文件“${f.name}”的内容与其校验值不符，未生成包`);
    }
    seal(pending, true);
    const signature = sign(null, digest.digest(), input.sender.signingKey);
    let off = 0;
    while (off < signature.length) off += fs.writeSync(fd, signature, off);
    size += signature.length;
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, out);
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      /* closed already */
    }
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  return { sha256: fileSha256(out), size };
}

export function fileSha256(file: string): string {
  const h = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_SIZE);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

/** A sequential reader over a file descriptor with an exact end. */
class Reader {
  private pos = 0;
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}
  get offset(): number {
    return this.pos;
  }
  read(n: number): Buffer {
    if (n < 0 || this.pos + n > this.size) throw damaged('文件不完整');
    const b = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const r = fs.readSync(this.fd, b, got, n - got, this.pos + got);
      if (r === 0) throw damaged('文件不完整');
      got += r;
    }
    this.pos += n;
    return b;
  }
}

export const damaged = (detail: string): PackageRefused =>
  new PackageRefused('damaged', `包已损坏或被篡改（${detail}），未导入任何内容。请让对方重新生成并发送。`);

export interface OpenedHeader {
  header: PackageHeader;
  /** the header's bytes as read: the decryption pass must find the same */
  raw: Buffer;
  size: number;
}

/** Read the header only (bounded): what the package says it is, before anything is trusted. */
export function readHeader(file: string): OpenedHeader {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new PackageRefused('notPackage', `不是文件：${path.basename(file)}`);
  const maxSize = MAX_PACKAGE_FILE_BYTES + MAX_MANIFEST_BYTES + MAX_HEADER_BYTES + 1024 * 1024 * 16;
  if (stat.size > maxSize) throw new PackageRefused('tooLarge', `文件过大（${(stat.size / 1024 / 1024).toFixed(0)} MB），不是本软件生成的交换包`);
  const fd = fs.openSync(file, 'r');
  try {
    const r = new Reader(fd, stat.size);
    if (stat.size < MAGIC.length + 4 + SIGNATURE || !r.read(MAGIC.length).equals(MAGIC)) {
      throw new PackageRefused('notPackage', `“${path.basename(file)}”不是本软件的交换包（.clpkg）文件`);
    }
    const len = r.read(4).readUInt32BE();
    if (len === 0 || len > MAX_HEADER_BYTES) throw damaged('文件头长度不对');
    let parsed: unknown;
    const raw = r.read(len);
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw damaged('文件头无法读取');
    }
    const header = headerSchema.safeParse(parsed);
    if (!header.success) throw damaged('文件头内容不对');
    return { header: header.data, raw, size: stat.size };
  } finally {
    fs.closeSync(fd);
  }
}

/** SHA-512 (with the signature's context) of everything before the signature, and the signature. */
function signedDigest(file: string, size: number): { digest: Buffer; signature: Buffer } {
  const fd = fs.openSync(file, 'r');
  try {
    const h = createHash('sha512').update(SIGN_CONTEXT);
    const end = size - SIGNATURE;
    const buf = Buffer.allocUnsafe(CHUNK_SIZE);
    let pos = 0;
    while (pos < end) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n === 0) throw damaged('文件不完整');
      h.update(buf.subarray(0, n));
      pos += n;
    }
    const signature = Buffer.allocUnsafe(SIGNATURE);
    fs.readSync(fd, signature, 0, SIGNATURE, end);
    return { digest: h.digest(), signature };
  } finally {
    fs.closeSync(fd);
  }
}

/** Check the signature over the whole file with the sender's key. Returns the signed digest. */
export function verifySignature(file: string, size: number, signerKey: KeyObject): Buffer {
  const { digest, signature } = signedDigest(file, size);
  if (!verify(null, digest, signerKey, signature)) throw damaged('签名与内容不符');
  return digest;
}

export interface FileSink {
  /** a piece of the file, in order */
  data(piece: Buffer): void;
  /** the whole file arrived and matched its size and SHA-256 */
  end(): void;
}

export interface DecryptOptions {
  /** this end's private encryption key */
  decryptionKey: KeyObject;
  /** the validated manifest's content is handed here before any file; return a sink per file (or null to only check it) */
  onManifest?(files: readonly FileEntry[], content: unknown): void;
  onFile?(entry: FileEntry): FileSink | null;
  /** the digest the signature check saw: the decryption pass must read the same bytes */
  expectDigest?: Buffer;
}

/**
 * Decrypt and check the whole package in one streamed pass: every chunk's tag, the last
 * chunk present, the manifest (bounded, zod), every file's size and SHA-256, nothing after
 * the last chunk but the signature. Returns the manifest.
 */
export function decryptPackage(file: string, opened: OpenedHeader, options: DecryptOptions): { files: FileEntry[]; content: unknown } {
  const { header } = opened;
  const fd = fs.openSync(file, 'r');
  try {
    const r = new Reader(fd, opened.size);
    const digest = createHash('sha512').update(SIGN_CONTEXT);
    const take = (n: number): Buffer => {
      const b = r.read(n);
      digest.update(b);
      return b;
    };
    take(MAGIC.length);
    const hlen = take(4).readUInt32BE();
    const rawHeader = take(hlen);
    if (!rawHeader.equals(opened.raw)) throw damaged('文件头内容不对');
    const headerHash = createHash('sha256').update(rawHeader).digest();

    let contentKey: Buffer;
    try {
      const ephemeral = publicKeyFromRaw('x25519', Buffer.from(header.ephemeralKey, 'base64url'));
      const shared = diffieHellman({ privateKey: options.decryptionKey, publicKey: ephemeral });
      const myRaw = rawPublicKey(options.decryptionKey);
      const wrapKey = wrapKeyFor(shared, header.packageId, Buffer.from(header.ephemeralKey, 'base64url'), myRaw);
      const wrapped = Buffer.from(header.wrappedKey, 'base64url');
      const d = createDecipheriv('aes-256-gcm', wrapKey, Buffer.from(header.wrapIv, 'base64url'));
      d.setAAD(Buffer.from(header.packageId, 'hex'));
      d.setAuthTag(wrapped.subarray(wrapped.length - TAG));
      contentKey = Buffer.concat([d.update(wrapped.subarray(0, wrapped.length - TAG)), d.final()]);
    } catch {
      throw damaged('内容密钥无法解开');
    }
    const noncePrefix = Buffer.from(header.noncePrefix, 'base64url');
    if (noncePrefix.length !== 4 || contentKey.length !== 32) throw damaged('文件头内容不对');

    // the plaintext parser: manifest length, manifest, then each file in turn
    let stage: 'len' | 'manifest' | 'files' = 'len';
    let buffered: Buffer[] = [];
    let bufferedLen = 0;
    let manifestLen = 0;
    let manifest: z.infer<typeof manifestSchema> | null = null;
    let fileIndex = 0;
    let fileLeft = 0;
    let fileHash = createHash('sha256');
    let sink: FileSink | null = null;
    const startFile = (): void => {
      while (manifest && fileIndex < manifest.files.length && manifest.files[fileIndex]!.size === 0) {
        sink = options.onFile?.(manifest.files[fileIndex]!) ?? null;
        finishFile();
      }
      if (manifest && fileIndex < manifest.files.length) {
        const entry = manifest.files[fileIndex]!;
        fileLeft = entry.size;
        fileHash = createHash('sha256');
        sink = options.onFile?.(entry) ?? null;
      }
    };
    const finishFile = (): void => {
      const entry = manifest!.files[fileIndex]!;
      if (fileHash.digest('hex') !== entry.sha256) throw damaged(`文件“${entry.name}”的校验值不符`);
      sink?.end();
      sink = null;
      fileIndex++;
      fileHash = createHash('sha256');
    };
    const consume = (plain: Buffer): void => {
      let p = plain;
      while (p.length > 0) {
        if (stage === 'len' || stage === 'manifest') {
          const need = (stage === 'len' ? 4 : manifestLen) - bufferedLen;
          const part = p.subarray(0, need);
          buffered.push(part);
          bufferedLen += part.length;
          p = p.subarray(part.length);
          if (bufferedLen < (stage === 'len' ? 4 : manifestLen)) continue;
          const all = Buffer.concat(buffered);
          buffered = [];
          bufferedLen = 0;
          if (stage === 'len') {
            manifestLen = all.readUInt32BE();
            if (manifestLen === 0 || manifestLen > MAX_MANIFEST_BYTES) throw damaged('清单长度不对');
            stage = 'manifest';
          } else {
            manifest = parseManifest(all, header.packageId);
            options.onManifest?.(manifest.files, manifest.content);
            stage = 'files';
            startFile();
          }
          continue;
        }
        if (!manifest || fileIndex >= manifest.files.length) throw damaged('内容比清单多');
        const part = p.subarray(0, fileLeft);
        fileHash.update(part);
        sink?.data(part);
        fileLeft -= part.length;
        p = p.subarray(part.length);
        if (fileLeft === 0) {
          finishFile();
          startFile();
        }
      }
    };

    let index = 0;
    for (;;) {
      if (opened.size - r.offset < 4 + SIGNATURE) throw damaged('文件不完整');
      const word = take(4).readUInt32BE();
      const last = word >= LAST;
      const len = last ? word - LAST : word;
      if (len < TAG || len > CHUNK_SIZE + TAG) throw damaged('数据块长度不对');
      const ct = take(len);
      const d = createDecipheriv('aes-256-gcm', contentKey, nonce(noncePrefix, index));
      d.setAAD(chunkAad(headerHash, index, last));
      d.setAuthTag(ct.subarray(len - TAG));
      let plain: Buffer;
      try {
        plain = Buffer.concat([d.update(ct.subarray(0, len - TAG)), d.final()]);
      } catch {
        throw damaged(`第 ${index + 1} 个数据块校验失败`);
      }
      consume(plain);
      index++;
      if (last) break;
    }
    if (opened.size - r.offset !== SIGNATURE) throw damaged('签名之外还有多余的内容');
    // (assigned inside consume: TypeScript cannot see it)
    const m = manifest as z.infer<typeof manifestSchema> | null;
    if ((stage as string) !== 'files' || !m) throw damaged('清单不完整');
    if (fileIndex !== m.files.length) throw damaged('文件不完整');
    if (options.expectDigest && !digest.digest().equals(options.expectDigest)) throw damaged('文件在读取期间被改动');
    return { files: m.files, content: m.content };
  } finally {
    fs.closeSync(fd);
  }
}

function parseManifest(bytes: Buffer, packageId: string): z.infer<typeof manifestSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged('清单无法读取');
  }
  const m = manifestSchema.safeParse(raw);
  if (!m.success || m.data.packageId !== packageId) throw damaged('清单内容不对');
  const refs = new Set(m.data.files.map((f) => f.ref));
  const total = m.data.files.reduce((s, f) => s + f.size, 0);
  if (refs.size !== m.data.files.length || total > MAX_PACKAGE_FILE_BYTES) throw damaged('清单中的文件不对');
  return m.data;
}

/** A fresh package id (128 random bits, hex). */
export const newPackageId = (): string => randomBytes(16).toString('hex');

export interface VerifyOptions {
  /** which kind this end accepts here */
  kind: PackageKind;
  /** the paired, unrevoked signing key with this fingerprint, or null */
  signerKey(fingerprint: string): KeyObject | null;
  /** this end's fingerprint: the package must be encrypted to it */
  myFingerprint: string;
}

const KIND_ZH: Record<PackageKind, string> = { review: '送审包', reply: '回复包' };

/**
 * Everything that can be checked before decrypting, in the order that gives the clearest
 * message: a .clpkg at all, the expected kind, a paired signer, the signature over the whole
 * file, and this end as the recipient. Returns the header and the signed digest.
 */
export function verifyPackage(file: string, options: VerifyOptions): { opened: OpenedHeader; digest: Buffer } {
  const opened = readHeader(file);
  const { header } = opened;
  if (header.kind !== options.kind) {
    throw new PackageRefused('wrongKind', `这是${KIND_ZH[header.kind]}，这里只能打开${KIND_ZH[options.kind]}，未导入任何内容。`);
  }
  const key = options.signerKey(header.senderFingerprint);
  if (!key) {
    throw new PackageRefused(
      'unpairedSigner',
      `包的签名密钥（指纹 ${header.senderFingerprint}）没有与本机配对（或已被撤销），无法确认来源，未导入任何内容。请先核对并添加对方的公钥。`,
    );
  }
  const digest = verifySignature(file, opened.size, key);
  if (header.recipientFingerprint !== options.myFingerprint) {
    throw new PackageRefused(
      'wrongRecipient',
      `此包是加密给另一把密钥（指纹 ${header.recipientFingerprint}）的，不是给本机（指纹 ${options.myFingerprint}）的，无法打开，未导入任何内容。`,
    );
  }
  return { opened, digest };
}
