/**
 * The exchange keys of one end (docs/EXCHANGE.md): an X25519 pair to open packages and an
 * Ed25519 pair to sign them. The private halves are sealed under the owner's password
 * (scrypt → AES-256-GCM); the public halves travel as a small .clkey file with a short
 * fingerprint to read out on the phone.
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';

export type ExchangeEnd = 'office' | 'counsel';

/** 32-byte raw public key of an X25519 or Ed25519 key (public or private KeyObject). */
export function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
}

export function publicKeyFromRaw(crv: 'x25519' | 'ed25519', raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new AppError('VALIDATION', '公钥长度不对');
  return createPublicKey({ key: { kty: 'OKP', crv: crv === 'x25519' ? 'X25519' : 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The short fingerprint of a pair of public keys: 80 bits of SHA-256 as 16 Crockford base-32
 * characters in four groups (XXXX-XXXX-XXXX-XXXX), easy to read out and compare on the phone.
 */
export function fingerprintOf(encryptionKey: Buffer, signingKey: Buffer): string {
  const h = createHash('sha256').update('counsel-ledger exchange key v1\n').update(encryptionKey).update(signingKey).digest();
  let bits = 0n;
  for (const byte of h.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let s = '';
  for (let i = 15; i >= 0; i--) s += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return s.match(/.{4}/g)!.join('-');
}

/** The public half of an end, as stored and as exported. */
export interface PublicIdentity {
  end: ExchangeEnd;
  name: string;
  encryptionKey: string;
  signingKey: string;
  fingerprint: string;
}

/** The sealed private halves (JSON in exchange_identity.sealed_private). */
const sealedSchema = z.strictObject({
  kdf: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
  iv: z.string(),
  data: z.string(),
});
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const scryptKey = (password: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer =>
  scryptSync(password.normalize('NFC'), salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 });

export interface Identity {
  public: PublicIdentity;
  sealed: string;
}

export interface UnlockedKeys {
  decryptionKey: KeyObject;
  signingKey: KeyObject;
  fingerprint: string;
}

/** Make both key pairs and seal the private halves under `password`. */
export function generateIdentity(end: ExchangeEnd, name: string, password: string): Identity {
  if (password.length < 8) throw new AppError('VALIDATION', '保护密钥的口令至少 8 个字符');
  const enc = generateKeyPairSync('x25519');
  const sig = generateKeyPairSync('ed25519');
  const encRaw = rawPublicKey(enc.publicKey);
  const sigRaw = rawPublicKey(sig.publicKey);
  return {
    public: { end, name, encryptionKey: encRaw.toString('base64url'), signingKey: sigRaw.toString('base64url'), fingerprint: fingerprintOf(encRaw, sigRaw) },
    sealed: seal(enc.privateKey, sig.privateKey, password),
  };
}

/** The private halves sealed under `password` (scrypt → AES-256-GCM), as stored in exchange_identity.sealed_private. */
function seal(decryptionKey: KeyObject, signingKey: KeyObject, password: string): string {
  const secret = Buffer.from(
    JSON.stringify({
      enc: decryptionKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      sig: signingKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    }),
  );
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', scryptKey(password, salt, SCRYPT), iv);
  const data = Buffer.concat([c.update(secret), c.final(), c.getAuthTag()]);
  secret.fill(0);
  return JSON.stringify({ kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), data: data.toString('base64') });
}

/** The same key pairs sealed under a new password (the owner changed theirs); the old one must open them. */
export function resealIdentity(identity: Identity, oldPassword: string, newPassword: string): string {
  if (newPassword.length < 8) throw new AppError('VALIDATION', '保护密钥的口令至少 8 个字符');
  const keys = unlockIdentity(identity, oldPassword);
  return seal(keys.decryptionKey, keys.signingKey, newPassword);
}

/** Open the sealed private halves with the password; a wrong password says so. */
export function unlockIdentity(identity: Identity, password: string): UnlockedKeys {
  const s = sealedSchema.parse(JSON.parse(identity.sealed));
  const data = Buffer.from(s.data, 'base64');
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', scryptKey(password, Buffer.from(s.salt, 'base64'), s), Buffer.from(s.iv, 'base64'));
    d.setAuthTag(data.subarray(data.length - 16));
    plain = Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]);
  } catch {
    throw new AppError('VALIDATION', '密钥口令不正确，无法使用本机的交换密钥');
  }
  const keys = JSON.parse(plain.toString('utf8')) as { enc: string; sig: string };
  plain.fill(0);
  return {
    decryptionKey: createPrivateKey({ key: Buffer.from(keys.enc, 'base64'), format: 'der', type: 'pkcs8' }),
    signingKey: createPrivateKey({ key: Buffer.from(keys.sig, 'base64'), format: 'der', type: 'pkcs8' }),
    fingerprint: identity.public.fingerprint,
  };
}

/** The .clkey file: one end's public keys and fingerprint. */
export const KEY_FILE_FORMAT = 'counsel-ledger-public-key';
export const MAX_KEY_FILE_BYTES = 4096;
const keyFileSchema = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(1),
  end: z.enum(['office', 'counsel']),
  name: z.string().min(1).max(100),
  encryptionKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  signingKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  fingerprint: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
});

export function keyFileText(p: PublicIdentity): string {
  return `${JSON.stringify({ format: KEY_FILE_FORMAT, version: 1, ...p }, null, 2)}\n`;
}

/** Read a .clkey file's text: validated, the fingerprint recomputed from the keys (a file that lies about it is refused). */
export function parseKeyFile(text: string): PublicIdentity {
  if (text.length > MAX_KEY_FILE_BYTES) throw new AppError('VALIDATION', '公钥文件过大，不是本软件导出的公钥文件');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', '公钥文件无法读取，不是本软件导出的公钥文件（.clkey）');
  }
  const k = keyFileSchema.safeParse(raw);
  if (!k.success) throw new AppError('VALIDATION', '公钥文件内容不对，不是本软件导出的公钥文件（.clkey）');
  const enc = Buffer.from(k.data.encryptionKey, 'base64url');
  const sig = Buffer.from(k.data.signingKey, 'base64url');
  publicKeyFromRaw('x25519', enc);
  publicKeyFromRaw('ed25519', sig);
  if (fingerprintOf(enc, sig) !== k.data.fingerprint) throw new AppError('VALIDATION', '公钥文件中的指纹与公钥不符，文件可能被改动过');
  const { format: _f, version: _v, ...pub } = k.data;
  return pub;
}

export const encryptionKeyOf = (p: PublicIdentity): KeyObject => publicKeyFromRaw('x25519', Buffer.from(p.encryptionKey, 'base64url'));
export const signingKeyOf = (p: PublicIdentity): KeyObject => publicKeyFromRaw('ed25519', Buffer.from(p.signingKey, 'base64url'));
