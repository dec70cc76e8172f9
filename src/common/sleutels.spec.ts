import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { controleerSleutels, KeyRing, parseKeyRing, SANDBOX_SLEUTEL_ID, SleutelFout, sleutelIdVan, Sleutels } from './sleutels';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

/** A blob as the hub wrote it before key ids: iv + tag + ciphertext. */
function zonderId(plain: string, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

describe('KeyRing', () => {
  it('round-trips under the current key, names it in the blob and refuses tampering', () => {
    const ring = new KeyRing([{ id: 'k1', key: k1 }]);
    const blob = ring.versleutel(Buffer.from('<Bsn>999990019</Bsn>'));
    expect(blob.toString()).not.toContain('999990019');
    expect(sleutelIdVan(blob)).toBe('k1');
    expect(ring.ontsleutel(blob).toString()).toBe('<Bsn>999990019</Bsn>');
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => ring.ontsleutel(tampered)).toThrow();
    // The key id is authenticated: relabelling a blob does not make another key read it.
    const relabelled = Buffer.from(blob);
    relabelled[4] = 'x'.charCodeAt(0);
    expect(() => new KeyRing([{ id: 'x1', key: k1 }]).ontsleutel(relabelled)).toThrow();
  });

  it('reads old keys while writing the current one; without the old key it says which id is missing', () => {
    const oud = new KeyRing([{ id: 'k1', key: k1 }]).versleutel(Buffer.from('oud'));
    const ring = parseKeyRing(`k2:${k2.toString('base64')},k1:${k1.toString('base64')}`);
    expect(ring.huidigId).toBe('k2');
    expect(ring.oudeIds).toEqual(['k1']);
    expect(ring.ontsleutel(oud).toString()).toBe('oud');
    const nieuw = ring.herversleutel(oud);
    expect(sleutelIdVan(nieuw)).toBe('k2');
    expect(nieuw.subarray(0, ring.huidigPrefix.length).equals(ring.huidigPrefix)).toBe(true);
    expect(new KeyRing([{ id: 'k2', key: k2 }]).ontsleutel(nieuw).toString()).toBe('oud');
    expect(() => new KeyRing([{ id: 'k2', key: k2 }]).ontsleutel(oud)).toThrow(/k1/);
  });

  it('reads blobs written before key ids with key id 0', () => {
    const legacy = zonderId('van voor sleutel-ids', k1);
    expect(new KeyRing([{ id: 'k2', key: k2 }, { id: '0', key: k1 }]).ontsleutel(legacy).toString()).toBe('van voor sleutel-ids');
    expect(() => new KeyRing([{ id: 'k2', key: k2 }]).ontsleutel(legacy)).toThrow(/key id 0/);
  });

  it('refuses malformed rings', () => {
    expect(() => parseKeyRing('zonder-dubbele-punt')).toThrow();
    expect(() => parseKeyRing(`a:${Buffer.alloc(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`a:${k1.toString('base64')},a:${k2.toString('base64')}`)).toThrow(/twice/);
  });
});

describe('Sleutels', () => {
  it('hashes a BSN with its own key, not with the encryption key', () => {
    const bsnKey = randomBytes(32);
    const s = new Sleutels(new KeyRing([{ id: 'k1', key: k1 }]), bsnKey);
    expect(s.bsnHash('999990019')).toBe(createHmac('sha256', bsnKey).update('999990019').digest('hex'));
    expect(s.bsnHash('999990019')).not.toBe(createHmac('sha256', k1).update('999990019').digest('hex'));
  });
});

describe('controleerSleutels', () => {
  const dev = 'development-only';
  const b64 = (k: Buffer) => k.toString('base64');
  it('fills distinct development keys outside production', () => {
    const cfg: Parameters<typeof controleerSleutels>[0] = { NODE_ENV: 'development' };
    expect(controleerSleutels(cfg, dev)).toEqual([]);
    expect(cfg.HUB_ENCRYPTION_KEYS).toMatch(/^dev1:/);
    expect(cfg.HUB_BSN_HASH_KEY).toBeDefined();
  });
  it('lets the BSN key be a retired encryption key (the separation of an existing database), never the current one', () => {
    expect(controleerSleutels({ NODE_ENV: 'production', HUB_ENCRYPTION_KEYS: `k2:${b64(k2)},0:${b64(k1)}`, HUB_BSN_HASH_KEY: b64(k1) }, dev)).toEqual([]);
    expect(controleerSleutels({ NODE_ENV: 'production', HUB_ENCRYPTION_KEY: b64(k1), HUB_BSN_HASH_KEY: b64(k1) }, dev).join()).toMatch(/HUB_BSN_HASH_KEY/);
  });
});

describe('a sandbox region\'s keys', () => {
  const s = new Sleutels(new KeyRing([{ id: 'a', key: Buffer.alloc(32, 1) }]), Buffer.alloc(32, 2));
  const sb = s.voor('SANDBOX-RIOZ');

  it('are its own: neither ring reads the other\'s blobs, and a BSN hashes differently', () => {
    expect(s.voor('RIOZ')).toBe(s);
    expect(s.voor(null)).toBe(s);
    expect(s.voor('SANDBOX-RGO')).toBe(sb);
    const blob = sb.versleutel(Buffer.from('x'));
    expect(sleutelIdVan(blob)).toBe(SANDBOX_SLEUTEL_ID);
    expect(sb.ontsleutel(blob).toString()).toBe('x');
    expect(() => s.ontsleutel(blob)).toThrow(SleutelFout);
    expect(() => sb.ontsleutel(s.versleutel(Buffer.from('y')))).toThrow(SleutelFout);
    expect(sb.bsnHash('999900006')).not.toBe(s.bsnHash('999900006'));
  });

  it('are never handed out for a production region', () => {
    expect(sb.voor('SANDBOX-RIOZ')).toBe(sb);
    expect(() => sb.voor('RIOZ')).toThrow(SleutelFout);
  });
});
