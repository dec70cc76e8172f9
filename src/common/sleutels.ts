import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { isSandboxRegio } from './sandbox';

/**
 * The hub's keys, each for one job:
 * - `versleuteling`: a key ring for stored data (messages, client data, endpoint secrets). The
 *   first key writes; every key reads, so a rotation reads old blobs while writing new ones.
 * - `bsnHash`: the key of the keyed hash under which clients are found. Changing it orphans every
 *   stored hash (client, levering, verzoek, prestatie, and audit_log's, which is append-only), so it
 *   is not part of the ring.
 * Delivery signing secrets are per endpoint (see `bezorgadres`), never one of these keys.
 */

/** Blobs written with a key id start with this: 'h' 'k' and format version 1. */
const MAGIC = Buffer.from([0x68, 0x6b, 0x01]);
const IV = 12;
const TAG = 16;
const ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Blobs written before key ids existed carry none (iv + tag + ciphertext); they are read with
 * the key of this id. `HUB_ENCRYPTION_KEY` alone is the ring with just this key.
 */
export const LEGACY_ID = '0';

export interface Sleutel {
  id: string;
  key: Buffer;
}

export class SleutelFout extends Error {}

export class KeyRing {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly sleutels: readonly Sleutel[]) {
    if (sleutels.length === 0) throw new SleutelFout('a key ring needs at least one key');
    this.byId = new Map();
    for (const s of sleutels) {
      if (!ID.test(s.id)) throw new SleutelFout(`key id "${s.id}" must be 1-32 of A-Z a-z 0-9 _ -`);
      if (s.key.length !== 32) throw new SleutelFout(`key ${s.id} must be 32 bytes`);
      if (this.byId.has(s.id)) throw new SleutelFout(`key id ${s.id} appears twice`);
      this.byId.set(s.id, s.key);
    }
  }

  /** The id new blobs are written under. */
  get huidigId(): string {
    return this.sleutels[0].id;
  }

  /** Ids that only read (a rotation in progress while any is configured). */
  get oudeIds(): string[] {
    return this.sleutels.slice(1).map((s) => s.id);
  }

  /** The first bytes of every blob written under the current key: what re-encryption looks for. */
  get huidigPrefix(): Buffer {
    return header(this.huidigId);
  }

  /** AES-256-GCM under the current key: header (magic, id) + iv + tag + ciphertext; the header is authenticated. */
  versleutel(plain: Buffer): Buffer {
    const h = this.huidigPrefix;
    const iv = randomBytes(IV);
    const c = createCipheriv('aes-256-gcm', this.sleutels[0].key, iv);
    c.setAAD(h);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([h, iv, c.getAuthTag(), body]);
  }

  /** Reverses `versleutel` (and reads blobs without a key id); throws when tampered with or the key is not in the ring. */
  ontsleutel(blob: Buffer): Buffer {
    const id = sleutelIdVan(blob);
    if (id !== undefined) {
      const key = this.byId.get(id);
      if (key) {
        try {
          return gcmOpen(key, blob.subarray(0, MAGIC.length + 1 + id.length), blob.subarray(MAGIC.length + 1 + id.length));
        } catch (e) {
          // A blob without a key id may begin with these bytes by chance (its iv is random).
          if (!this.byId.has(LEGACY_ID)) throw e;
        }
      } else if (!this.byId.has(LEGACY_ID)) {
        throw new SleutelFout(`stored data is under key id ${id}, which is not configured (HUB_ENCRYPTION_KEYS)`);
      }
    }
    const legacy = this.byId.get(LEGACY_ID);
    if (!legacy) throw new SleutelFout(`stored data without a key id needs key id ${LEGACY_ID} (HUB_ENCRYPTION_KEYS)`);
    return gcmOpen(legacy, undefined, blob);
  }

  /** Decrypts under whichever key and encrypts under the current one. */
  herversleutel(blob: Buffer): Buffer {
    return this.versleutel(this.ontsleutel(blob));
  }
}

function header(id: string): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([id.length]), Buffer.from(id, 'ascii')]);
}

/** The key id a blob names in its header, or undefined for a blob without one. */
export function sleutelIdVan(blob: Buffer): string | undefined {
  if (blob.length < MAGIC.length + 2 + IV + TAG || !blob.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const n = blob[MAGIC.length];
  if (n < 1 || n > 32 || blob.length < MAGIC.length + 1 + n + IV + TAG) return undefined;
  const id = blob.subarray(MAGIC.length + 1, MAGIC.length + 1 + n).toString('latin1');
  return ID.test(id) ? id : undefined;
}

function gcmOpen(key: Buffer, aad: Buffer | undefined, rest: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, rest.subarray(0, IV));
  if (aad) d.setAAD(aad);
  d.setAuthTag(rest.subarray(IV, IV + TAG));
  return Buffer.concat([d.update(rest.subarray(IV + TAG)), d.final()]);
}

/** The key id of sandbox regions' encrypted data: no production ring holds it (README, "Sandbox region"). */
export const SANDBOX_SLEUTEL_ID = 'sandbox';

/** The keys the processes hand to the code that stores, reads or looks up client data. */
export class Sleutels {
  private sandboxSleutels?: Sleutels;

  constructor(
    readonly versleuteling: KeyRing,
    private readonly bsnHashKey: Buffer,
    /** How long a rotated endpoint signing secret keeps signing beside the new one. */
    readonly geheimOverlapMs = 7 * 24 * 3600_000,
    /** These are a sandbox's keys (from `voor`). */
    private readonly sandbox = false,
  ) {
    if (bsnHashKey.length !== 32) throw new SleutelFout('the BSN hash key must be 32 bytes');
  }

  /**
   * The keys of a region's data: production's (these), or for a sandbox region the sandbox's own:
   * a ring of one key under id `sandbox` and a BSN hash key of its own, both derived (HKDF) from
   * the BSN hash key, which is never rotated. Production's ring cannot read a sandbox blob, the
   * sandbox's cannot read production's, and a BSN hashes differently in each. Call it on the
   * process's keys, with the region of the data (of the verified caller, or of the message).
   */
  voor(regio: string | null | undefined): Sleutels {
    if (this.sandbox) {
      // Handed to a sandbox caller: its data only (a production region here is a bug, never served).
      if (regio && !isSandboxRegio(regio)) throw new SleutelFout(`sandbox keys asked for region ${regio}`);
      return this;
    }
    if (!isSandboxRegio(regio)) return this;
    this.sandboxSleutels ??= new Sleutels(
      new KeyRing([{ id: SANDBOX_SLEUTEL_ID, key: afgeleid(this.bsnHashKey, 'sandbox versleuteling') }]),
      afgeleid(this.bsnHashKey, 'sandbox bsn-hash'),
      this.geheimOverlapMs,
      true,
    );
    return this.sandboxSleutels;
  }

  versleutel(plain: Buffer): Buffer {
    return this.versleuteling.versleutel(plain);
  }

  ontsleutel(blob: Buffer): Buffer {
    return this.versleuteling.ontsleutel(blob);
  }

  /** Keyed hash of a BSN, for look-ups without storing it in the clear. */
  bsnHash(bsn: string): string {
    return createHmac('sha256', this.bsnHashKey).update(bsn).digest('hex');
  }
}

function afgeleid(key: Buffer, doel: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, 'jeugdzorg-hub', doel, 32));
}

/** The key variables of the configuration (see config.ts). */
export interface SleutelConfig {
  NODE_ENV: string;
  HUB_ENCRYPTION_KEY?: string;
  HUB_ENCRYPTION_KEYS?: string;
  HUB_BSN_HASH_KEY?: string;
  JWT_SECRET?: string;
  BEZORG_GEHEIM_OVERLAP_UUR?: number;
}

/**
 * Development and test defaults. The old single key (bytes of 7) stays in the ring as id 0 and is
 * the BSN hash key, so a development database written before keys were separated still reads and
 * still finds its clients; new data is written under id `dev1`. Production refuses all of these.
 */
export const DEV_SLEUTELS = {
  HUB_ENCRYPTION_KEYS: `dev1:${Buffer.alloc(32, 8).toString('base64')},${LEGACY_ID}:${Buffer.alloc(32, 7).toString('base64')}`,
  HUB_BSN_HASH_KEY: Buffer.alloc(32, 7).toString('base64'),
};
const DEV_KEYS = [Buffer.alloc(32, 7), Buffer.alloc(32, 8)];

function base64Key(v: string): Buffer | undefined {
  const b = Buffer.from(v.trim(), 'base64');
  return b.length === 32 ? b : undefined;
}

/** Parses `id:base64,id:base64` (first = current); throws SleutelFout naming the problem. */
export function parseKeyRing(spec: string): KeyRing {
  const sleutels = spec.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const i = part.indexOf(':');
    if (i < 1) throw new SleutelFout('entries must be id:base64');
    const key = base64Key(part.slice(i + 1));
    if (!key) throw new SleutelFout(`key ${part.slice(0, i)} must be 32 bytes, base64-encoded`);
    return { id: part.slice(0, i), key };
  });
  return new KeyRing(sleutels);
}

/**
 * Validates the key variables and fills the development defaults (outside production).
 * Returns one line per problem, each naming its variable; an empty list means usable.
 */
export function controleerSleutels(cfg: SleutelConfig, devJwtSecret: string): string[] {
  const fouten: string[] = [];
  const productie = cfg.NODE_ENV === 'production';
  if (cfg.HUB_ENCRYPTION_KEY && cfg.HUB_ENCRYPTION_KEYS) {
    fouten.push(`HUB_ENCRYPTION_KEYS: set either it or HUB_ENCRYPTION_KEY (= key id ${LEGACY_ID}), not both`);
    return fouten;
  }
  if (!cfg.HUB_ENCRYPTION_KEY && !cfg.HUB_ENCRYPTION_KEYS) {
    if (productie) fouten.push('HUB_ENCRYPTION_KEYS: required in production (or HUB_ENCRYPTION_KEY)');
    else cfg.HUB_ENCRYPTION_KEYS = DEV_SLEUTELS.HUB_ENCRYPTION_KEYS;
  }
  if (!cfg.HUB_BSN_HASH_KEY) {
    if (productie) fouten.push('HUB_BSN_HASH_KEY: required in production');
    else cfg.HUB_BSN_HASH_KEY = DEV_SLEUTELS.HUB_BSN_HASH_KEY;
  }
  let ring: KeyRing | undefined;
  try {
    if (cfg.HUB_ENCRYPTION_KEY) {
      const key = base64Key(cfg.HUB_ENCRYPTION_KEY);
      if (!key) fouten.push('HUB_ENCRYPTION_KEY: must be 32 bytes, base64-encoded');
      else ring = new KeyRing([{ id: LEGACY_ID, key }]);
    } else if (cfg.HUB_ENCRYPTION_KEYS) {
      ring = parseKeyRing(cfg.HUB_ENCRYPTION_KEYS);
    }
  } catch (e) {
    fouten.push(`HUB_ENCRYPTION_KEYS: ${(e as Error).message}`);
  }
  const bsn = cfg.HUB_BSN_HASH_KEY ? base64Key(cfg.HUB_BSN_HASH_KEY) : undefined;
  if (cfg.HUB_BSN_HASH_KEY && !bsn) fouten.push('HUB_BSN_HASH_KEY: must be 32 bytes, base64-encoded');
  if (ring) {
    const keys = ring.sleutels.map((s) => s.key);
    if (keys.some((k, i) => keys.findIndex((x) => x.equals(k)) !== i)) fouten.push('HUB_ENCRYPTION_KEYS: two key ids share one key');
    // The BSN key may equal a retired (read-only) key: that is how a database hashed under the
    // old single key is separated (see README); it must never be the key that writes.
    if (bsn?.equals(ring.sleutels[0].key)) fouten.push('HUB_BSN_HASH_KEY: must differ from the current encryption key');
  }
  if (productie) {
    const var_ = cfg.HUB_ENCRYPTION_KEY ? 'HUB_ENCRYPTION_KEY' : 'HUB_ENCRYPTION_KEYS';
    if (ring?.sleutels.some((s) => DEV_KEYS.some((d) => d.equals(s.key)))) fouten.push(`${var_}: a development key is not allowed in production`);
    if (bsn && DEV_KEYS.some((d) => d.equals(bsn))) fouten.push('HUB_BSN_HASH_KEY: a development key is not allowed in production');
    if (cfg.JWT_SECRET === devJwtSecret) fouten.push('JWT_SECRET: the development secret is not allowed in production');
    if (cfg.JWT_SECRET) {
      const jwt = Buffer.from(cfg.JWT_SECRET, 'utf8');
      const alle = [...(ring?.sleutels.map((s) => s.key) ?? []), ...(bsn ? [bsn] : [])];
      const strings = [cfg.HUB_ENCRYPTION_KEY, cfg.HUB_ENCRYPTION_KEYS, cfg.HUB_BSN_HASH_KEY].filter((s): s is string => !!s);
      if (alle.some((k) => k.equals(jwt) || k.toString('base64') === cfg.JWT_SECRET) || strings.some((s) => s.includes(cfg.JWT_SECRET as string))) {
        fouten.push('JWT_SECRET: must differ from the encryption and BSN hash keys');
      }
    }
  }
  return fouten;
}

/** The keys of a configuration `controleerSleutels` accepted. */
export function sleutelsUitConfig(cfg: SleutelConfig): Sleutels {
  const ring = cfg.HUB_ENCRYPTION_KEY
    ? new KeyRing([{ id: LEGACY_ID, key: Buffer.from(cfg.HUB_ENCRYPTION_KEY, 'base64') }])
    : parseKeyRing(cfg.HUB_ENCRYPTION_KEYS ?? '');
  return new Sleutels(ring, Buffer.from(cfg.HUB_BSN_HASH_KEY ?? '', 'base64'), (cfg.BEZORG_GEHEIM_OVERLAP_UUR ?? 7 * 24) * 3600_000);
}

/** A fresh random secret (32 bytes, hex) for signing deliveries to an endpoint. */
export function nieuwGeheim(): string {
  return randomBytes(32).toString('hex');
}
