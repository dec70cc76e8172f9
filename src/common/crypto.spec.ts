import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, keyedHash } from './crypto';

describe('crypto', () => {
  const key = randomBytes(32);
  it('round-trips and refuses tampering or another key', () => {
    const blob = encrypt(Buffer.from('<Bsn>999990019</Bsn>'), key);
    expect(blob.toString()).not.toContain('999990019');
    expect(decrypt(blob, key).toString()).toBe('<Bsn>999990019</Bsn>');
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decrypt(tampered, key)).toThrow();
    expect(() => decrypt(blob, randomBytes(32))).toThrow();
  });
  it('keyed hash is stable per key and differs between keys', () => {
    expect(keyedHash('999990019', key)).toBe(keyedHash('999990019', key));
    expect(keyedHash('999990019', key)).not.toBe(keyedHash('999990019', randomBytes(32)));
  });
});
