import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** AES-256-GCM with a random 96-bit IV: iv (12) + tag (16) + ciphertext. */
export function encrypt(plain: Buffer, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

/** Reverses `encrypt`; throws when the data was tampered with or the key is wrong. */
export function decrypt(blob: Buffer, key: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
  d.setAuthTag(blob.subarray(12, 28));
  return Buffer.concat([d.update(blob.subarray(28)), d.final()]);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Keyed hash for look-ups of secrets (a BSN) without storing them in the clear. */
export function keyedHash(value: string, key: Buffer): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

/** The keyed hash a BSN is stored and looked up under (clients, deliveries, message order). */
export function bsnHash(bsn: string, key: Buffer): string {
  return keyedHash(bsn, key);
}
