import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a delivery proves it comes from the hub. Each provider endpoint has its own secret (never a
 * hub key). The signed content is `<timestamp>.<message id>.<body>`, so a captured delivery cannot
 * be replayed later (the timestamp) or under another id (the id); during a rotation's overlap
 * the delivery carries one signature per valid secret, newest first.
 *
 *   x-hub-bericht-id:     the message id (receivers drop repeats by it)
 *   x-hub-timestamp:      Unix seconds when this attempt was signed
 *   x-hub-signature-256:  sha256=<hex>[,sha256=<hex>]   HMAC-SHA256 with the secret as key
 */
export const HEADER_HANDTEKENING = 'x-hub-signature-256';
export const HEADER_TIJDSTEMPEL = 'x-hub-timestamp';
export const HEADER_BERICHT_ID = 'x-hub-bericht-id';

function hmac(geheim: string, tijdstempel: number, berichtId: string, body: Buffer): string {
  return createHmac('sha256', geheim).update(`${tijdstempel}.${berichtId}.`).update(body).digest('hex');
}

/** The value of x-hub-signature-256 for these secrets (current first). */
export function onderteken(geheimen: readonly string[], tijdstempel: number, berichtId: string, body: Buffer): string {
  return geheimen.map((g) => `sha256=${hmac(g, tijdstempel, berichtId, body)}`).join(',');
}

/**
 * What a receiver does (reference implementation): accept when any signature matches its secret
 * and the timestamp lies within `toleranceS` of its own clock.
 */
export function verifieer(
  o: { handtekening: string; tijdstempel: string; berichtId: string; body: Buffer },
  geheim: string,
  nuS: number,
  toleranceS = 300,
): boolean {
  const ts = Number(o.tijdstempel);
  if (!Number.isInteger(ts) || Math.abs(nuS - ts) > toleranceS) return false;
  const verwacht = Buffer.from(hmac(geheim, ts, o.berichtId, o.body), 'hex');
  return o.handtekening.split(',').some((deel) => {
    const m = /^sha256=([0-9a-f]{64})$/.exec(deel.trim());
    return m !== null && timingSafeEqual(Buffer.from(m[1], 'hex'), verwacht);
  });
}
