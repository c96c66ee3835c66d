import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_SIZE,
  decryptPackage,
  MAGIC,
  newPackageId,
  verifyPackage,
  writePackage,
  type FileSource,
} from '../../electron/services/exchange/format';
import { encryptionKeyOf, generateIdentity, keyFileText, parseKeyFile, signingKeyOf, unlockIdentity, type Identity } from '../../electron/services/exchange/keys';
import { tempDir } from '../helpers/ledger';
import { refused } from '../helpers/exchange';

const office = generateIdentity('office', '某某局', 'office-password');
const counsel = generateIdentity('counsel', '王律师', 'counsel-password');
const stranger = generateIdentity('counsel', '李律师', 'stranger-password');
const officeKeys = unlockIdentity(office, 'office-password');
const counselKeys = unlockIdentity(counsel, 'counsel-password');
const strangerKeys = unlockIdentity(stranger, 'stranger-password');

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
function memSource(ref: string, name: string, data: Buffer): FileSource {
  return { ref, name, size: data.length, sha256: sha(data), chunks: () => [data.subarray(0, 1000), data.subarray(1000)] };
}

function write(dir: string, opts: { from?: typeof officeKeys; to?: Identity; files?: FileSource[]; kind?: 'review' | 'reply' } = {}) {
  const out = path.join(dir, `p-${randomBytes(3).toString('hex')}.clpkg`);
  const to = opts.to ?? counsel;
  writePackage(out, {
    kind: opts.kind ?? 'review',
    packageId: newPackageId(),
    createdAt: new Date('2025-06-10T02:00:00Z'),
    sender: { signingKey: (opts.from ?? officeKeys).signingKey, fingerprint: (opts.from ?? officeKeys).fingerprint },
    recipient: { encryptionKey: parseKeyFileKey(to), fingerprint: to.public.fingerprint },
    content: { hello: '你好' },
    files: opts.files ?? [memSource('f1', '合同.pdf', randomBytes(150_000)), memSource('f2', '空.txt', Buffer.alloc(0)), memSource('f3', '说明.txt', Buffer.from('说明'))],
  });
  return out;
}
const parseKeyFileKey = (id: Identity) => encryptionKeyOf(parseKeyFile(keyFileText(id.public)));

/** What the counsel's end does with a package: verify, then decrypt; returns the files' bytes. */
function open(file: string, me = counselKeys, trusted: Identity[] = [office]) {
  const { opened, digest } = verifyPackage(file, {
    kind: 'review',
    signerKey: (fp) => {
      const t = trusted.find((i) => i.public.fingerprint === fp);
      return t ? signingKeyOf(t.public) : null;
    },
    myFingerprint: me.fingerprint,
  });
  const got = new Map<string, Buffer[]>();
  const result = decryptPackage(file, opened, {
    decryptionKey: me.decryptionKey,
    expectDigest: digest,
    onFile: (entry) => {
      const parts: Buffer[] = [];
      return { data: (p) => parts.push(Buffer.from(p)), end: () => got.set(entry.ref, parts) };
    },
  });
  return { ...result, bytes: (ref: string) => Buffer.concat(got.get(ref) ?? []) };
}

/** The regions of a package file, from its own length words. */
function regions(file: string) {
  const b = fs.readFileSync(file);
  const hlen = b.readUInt32BE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  const header = b.subarray(headerStart, headerStart + hlen).toString('utf8');
  const at = (needle: string) => headerStart + Buffer.byteLength(header.slice(0, header.indexOf(needle)));
  const firstChunk = headerStart + hlen;
  const firstLen = b.readUInt32BE(firstChunk) & 0x7fffffff;
  const chunks: { word: number; body: number; len: number }[] = [];
  let off = firstChunk;
  for (;;) {
    const w = b.readUInt32BE(off);
    chunks.push({ word: off, body: off + 4, len: w & 0x7fffffff });
    off += 4 + (w & 0x7fffffff);
    if (w & 0x80000000) break;
  }
  return { b, hlen, headerStart, at, firstChunk, firstLen, chunks, signature: b.length - 64 };
}

describe('the .clpkg format', () => {
  it('carries the content and the files to the recipient, byte for byte', () => {
    const dir = tempDir();
    const big = randomBytes(3 * CHUNK_SIZE + 17);
    const file = write(dir, { files: [memSource('f1', '../../etc/passwd', big), memSource('f2', '空.txt', Buffer.alloc(0))] });
    const r = open(file);
    expect(r.content).toEqual({ hello: '你好' });
    expect(r.files.map((f) => f.name)).toEqual(['../../etc/passwd', '空.txt']);
    expect(r.bytes('f1').equals(big)).toBe(true);
    expect(r.bytes('f2').length).toBe(0);
    // nothing beside the package but the package (the .partial is gone)
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
    // the plaintext is not in the file
    expect(fs.readFileSync(file).includes(big.subarray(0, 64))).toBe(false);
    expect(fs.readFileSync(file).includes(Buffer.from('你好'))).toBe(false);
  });

  it('refuses a byte flipped in every region, each with the message of what it found', () => {
    const dir = tempDir();
    const file = write(dir);
    const g = regions(file);
    const cases: { name: string; offset: number; reason: string; says: RegExp }[] = [
      { name: 'magic', offset: 2, reason: 'notPackage', says: /不是本软件的交换包/ },
      { name: 'header length', offset: MAGIC.length + 1, reason: 'damaged', says: /包已损坏或被篡改（文件头长度不对）/ },
      { name: 'header JSON syntax', offset: g.headerStart, reason: 'damaged', says: /文件头无法读取/ },
      { name: 'package id', offset: g.at('"packageId"') + 14, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'sender fingerprint', offset: g.at('"senderFingerprint"') + 22, reason: 'unpairedSigner', says: /没有与本机配对/ },
      { name: 'recipient fingerprint', offset: g.at('"recipientFingerprint"') + 25, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'ephemeral key', offset: g.at('"ephemeralKey"') + 18, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'wrapped key', offset: g.at('"wrappedKey"') + 16, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'first chunk length word', offset: g.firstChunk + 3, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'first chunk ciphertext', offset: g.chunks[0]!.body + 10, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'first chunk tag', offset: g.chunks[0]!.body + g.chunks[0]!.len - 1, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'last chunk', offset: g.chunks.at(-1)!.body + 2, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'last flag', offset: g.chunks.at(-1)!.word, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'signature', offset: g.signature + 5, reason: 'damaged', says: /签名与内容不符/ },
      { name: 'signature end', offset: g.b.length - 1, reason: 'damaged', says: /签名与内容不符/ },
    ];
    expect(g.chunks.length).toBeGreaterThan(2);
    for (const c of cases) {
      const copy = Buffer.from(g.b);
      // inside the header's values another character of the same alphabet (the header still reads), elsewhere any other byte
      const inValue = c.offset > g.headerStart && c.offset < g.firstChunk && c.name !== 'header JSON syntax';
      copy[c.offset] = inValue ? (copy[c.offset] === 0x30 ? 0x31 : 0x30) : copy[c.offset]! ^ 0x5a;
      const bad = path.join(dir, `bad-${c.name.replaceAll(' ', '-')}.clpkg`);
      fs.writeFileSync(bad, copy);
      const e = refused(() => open(bad));
      expect({ name: c.name, reason: e.reason }).toEqual({ name: c.name, reason: c.reason });
      expect(e.message, c.name).toMatch(c.says);
    }
    // cut short, and something appended
    fs.writeFileSync(path.join(dir, 'short.clpkg'), g.b.subarray(0, g.b.length - 100));
    expect(refused(() => open(path.join(dir, 'short.clpkg'))).reason).toBe('damaged');
    fs.writeFileSync(path.join(dir, 'long.clpkg'), Buffer.concat([g.b, Buffer.from('x')]));
    expect(refused(() => open(path.join(dir, 'long.clpkg'))).reason).toBe('damaged');
    // the original still opens
    expect(open(file).content).toEqual({ hello: '你好' });
  });

  it('refuses a package signed by a key that is not paired, and one meant for another counsel', () => {
    const dir = tempDir();
    const forged = write(dir, { from: strangerKeys });
    expect(refused(() => open(forged)).message).toMatch(new RegExp(`签名密钥（指纹 ${stranger.public.fingerprint}）没有与本机配对`));
    const forOther = write(dir, { to: stranger });
    const e = refused(() => open(forOther));
    expect(e.reason).toBe('wrongRecipient');
    expect(e.message).toContain(`加密给另一把密钥（指纹 ${stranger.public.fingerprint}）`);
    // the right recipient opens it
    expect(open(forOther, strangerKeys).content).toEqual({ hello: '你好' });
    const reply = write(dir, { kind: 'reply' });
    expect(refused(() => open(reply)).message).toMatch(/这是回复包，这里只能打开送审包/);
    fs.writeFileSync(path.join(dir, 'x.clpkg'), 'PK\u0003\u0004 not a package at all, just some text that is long enough to have a signature');
    expect(refused(() => open(path.join(dir, 'x.clpkg'))).reason).toBe('notPackage');
  });

  it('a file whose bytes do not match its checksum is never packaged, and nothing is left behind', () => {
    const dir = tempDir();
    const src = memSource('f1', 'a.pdf', randomBytes(1000));
    expect(() => write(dir, { files: [{ ...src, sha256: '0'.repeat(64) }] })).toThrow(/内容与其校验值不符/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keys: the password opens the sealed private keys, a wrong one is refused; a key file that lies about its fingerprint is refused', () => {
    expect(() => unlockIdentity(office, 'wrong-password')).toThrow(/密钥口令不正确/);
    expect(office.sealed).not.toContain(officeKeys.signingKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    const text = keyFileText(counsel.public);
    expect(parseKeyFile(text)).toEqual(counsel.public);
    expect(counsel.public.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const lying = text.replace(counsel.public.signingKey, stranger.public.signingKey);
    expect(() => parseKeyFile(lying)).toThrow(/指纹与公钥不符/);
    expect(() => parseKeyFile('{"format":"x"}')).toThrow(/不是本软件导出的公钥文件/);
    expect(() => parseKeyFile('x'.repeat(5000))).toThrow(/公钥文件过大/);
  });

  it('50 MB of materials go through without being held in memory (peak RSS printed)', () => {
    const dir = tempDir();
    const sources: FileSource[] = [];
    for (let i = 0; i < 5; i++) {
      const f = path.join(dir, `m${i}.bin`);
      const h = createHash('sha256');
      const fd = fs.openSync(f, 'w');
      for (let k = 0; k < 10 * 16; k++) {
        const piece = randomBytes(64 * 1024);
        h.update(piece);
        fs.writeSync(fd, piece);
      }
      fs.closeSync(fd);
      const sha256 = h.digest('hex');
      sources.push({
        ref: `f${i}`,
        name: `材料${i}.bin`,
        size: 10 * 1024 * 1024,
        sha256,
        *chunks() {
          const rfd = fs.openSync(f, 'r');
          const buf = Buffer.allocUnsafe(CHUNK_SIZE);
          try {
            for (;;) {
              const n = fs.readSync(rfd, buf, 0, buf.length, null);
              if (n === 0) break;
              sample();
              yield buf.subarray(0, n);
            }
          } finally {
            fs.closeSync(rfd);
          }
        },
      });
    }
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const out = write(dir, { files: sources });
    const writePeak = (peak - base) / 1024 / 1024;
    expect(fs.statSync(out).size).toBeGreaterThan(50 * 1024 * 1024);
    const { opened, digest } = verifyPackage(out, { kind: 'review', signerKey: () => signingKeyOf(office.public), myFingerprint: counselKeys.fingerprint });
    const hashes: string[] = [];
    decryptPackage(out, opened, {
      decryptionKey: counselKeys.decryptionKey,
      expectDigest: digest,
      onFile: () => {
        const h = createHash('sha256');
        return { data: (p) => (sample(), h.update(p)), end: () => hashes.push(h.digest('hex')) };
      },
    });
    const totalPeak = (peak - base) / 1024 / 1024;
    console.log(`clpkg 50 MB: peak RSS growth writing ${writePeak.toFixed(1)} MB, writing and reading ${totalPeak.toFixed(1)} MB`);
    expect(hashes).toEqual(sources.map((s) => s.sha256));
    // held once would be 50 MB; streamed, the growth stays well below one copy
    expect(totalPeak).toBeLessThan(40);
  });
});
