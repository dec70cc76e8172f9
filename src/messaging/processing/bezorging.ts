import { createHmac } from 'node:crypto';
import { prepared } from '../../db/prepared';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { decrypt } from '../../common/crypto';
import { withTenant } from '../../db/tenant';
import { SYSTEEM } from './verwerking';

/** Outbound types whose recipient is the provider. */
const NAAR_AANBIEDER = ['JW301', 'JW306', 'JW308', 'JW316', 'JW318', 'JW319', 'JW325'];

/**
 * Delivers an outbound message: to the provider's registered endpoint as a signed POST when it
 * has one (a failure throws, so BullMQ retries with backoff and keeps it as failed after the
 * last attempt), otherwise it stays readable in the party's mailbox. The database side is
 * idempotent; the POST is at least once (a worker that dies after it posts again), so receivers
 * drop repeats by `x-hub-bericht-id`.
 */
export async function bezorgBericht(ds: DataSource, key: Buffer, id: string, signingKey: Buffer): Promise<{ status: string }> {
  const b = await withTenant(ds, SYSTEEM, async (em) => {
    const rows = await prepared<{ status: string; xml_versleuteld: Buffer; bezorg_url: string | null; type: string }>(em, 
      `SELECT b.status, b.xml_versleuteld, b.type, a.bezorg_url FROM bericht b LEFT JOIN aanbieder a ON a.agb = b.aanbieder_agb AND b.type = ANY($2::text[]) WHERE b.id = $1`,
      [id, NAAR_AANBIEDER],
    );
    return rows[0];
  });
  if (!b || b.status !== 'klaar') return { status: b?.status ?? 'onbekend' };
  let status = 'beschikbaar';
  if (b.bezorg_url) {
    const xml = decrypt(b.xml_versleuteld, key);
    const signature = createHmac('sha256', signingKey).update(xml).digest('hex');
    const res = await fetch(b.bezorg_url, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'x-hub-signature-256': `sha256=${signature}`, 'x-hub-bericht-id': id },
      body: xml,
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`endpoint answered ${res.status}`);
    status = 'afgeleverd';
  }
  await withTenant(ds, SYSTEEM, async (em) => {
    await prepared(em, `UPDATE bericht SET status = $2 WHERE id = $1 AND status = 'klaar'`, [id, status]);
    await prepared(em, `UPDATE outbox SET afgehandeld_op = now() WHERE bericht_id = $1 AND soort = 'bezorg' AND afgehandeld_op IS NULL`, [id]);
  });
  return { status };
}

/**
 * Called for every failed job. The dead letter: a delivery that failed its last attempt is `mislukt` and its outbox row done
 * (the failed job stays in Redis); an administrator redrives it with `herbezorg`.
 */
export async function naMislukking(ds: DataSource, job: Job | undefined): Promise<void> {
  if (job?.name !== 'bezorg-bericht' || job.attemptsMade < (job.opts.attempts ?? 1)) return;
  const id = (job.data as { berichtId: string }).berichtId;
  await withTenant(ds, SYSTEEM, async (em) => {
    await prepared(em, `UPDATE bericht SET status = 'mislukt' WHERE id = $1 AND status = 'klaar'`, [id]);
    await prepared(em, `UPDATE outbox SET afgehandeld_op = now() WHERE bericht_id = $1 AND soort = 'bezorg' AND afgehandeld_op IS NULL`, [id]);
  });
}
