import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../auth/principal';
import type { Sleutels } from '../common/sleutels';
import { withTenant } from '../db/tenant';
import { berichtStatus } from '../messaging/status';
import { HEADER_BERICHT_ID, HEADER_HANDTEKENING, HEADER_TIJDSTEMPEL, onderteken } from '../messaging/processing/ondertekening';
import { percentage } from './budget.rules';

/** What the region's endpoint receives for one budget alert (JSON; amounts in eurocents). */
export interface BudgetsignaalBericht {
  soort: 'budgetsignaal';
  /** The alert's id: receivers drop repeats by it (also in `x-hub-bericht-id`). */
  id: string;
  regioCode: string;
  contractId: string;
  contractNummer: string;
  aanbiederAgb: string;
  jaar: number;
  drempel: number;
  plafondCenten: number;
  toegekendCenten: number;
  toegekendPercentage: number | null;
  gesignaleerdOp: string;
}

interface Rij {
  id: string;
  regio_code: string;
  contract_id: string;
  nummer: string;
  aanbieder_agb: string;
  jaar: number;
  drempel: number;
  plafond_centen: string;
  toegekend_centen: string;
  gesignaleerd_op: Date;
  url: string | null;
  geheim: Buffer | null;
  vorig: Buffer | null;
  afgehandeld: boolean;
}

/**
 * Delivers a budget alert to its region's endpoint as signed JSON, the same signature as message
 * deliveries (x-hub-signature-256 over `<timestamp>.<alert id>.<body>`, one per valid secret).
 * The outbox row is marked done after the POST succeeded, or at once when the region has no
 * endpoint (the alert stays in `budgetstanden`); a failed POST throws, so BullMQ retries with
 * backoff and the outbox sweep restores a job Redis lost. The POST is at least once (a worker
 * that dies after posting posts again): receivers drop repeats by `x-hub-bericht-id`.
 */
export async function bezorgBudgetsignaal(ds: DataSource, sleutels: Sleutels, outboxId: string, budgetsignaalId: string): Promise<{ status: string }> {
  const r = await withTenant(ds, SYSTEEM, async (em) => {
    const rows = await em.query<Rij[]>(
      `SELECT s.id, s.regio_code, s.contract_id, c.nummer, s.aanbieder_agb, s.jaar, s.drempel, s.plafond_centen, s.toegekend_centen, s.gesignaleerd_op,
              a.url, a.geheim_versleuteld AS geheim, CASE WHEN a.vorig_geldig_tot > now() THEN a.vorig_geheim_versleuteld END AS vorig,
              (SELECT o.afgehandeld_op IS NOT NULL FROM outbox o WHERE o.id = $2) AS afgehandeld
         FROM budgetsignaal s JOIN contract c ON c.id = s.contract_id
         LEFT JOIN regio_bezorgadres a ON a.regio_code = s.regio_code
        WHERE s.id = $1`,
      [budgetsignaalId, outboxId],
    );
    return rows[0];
  });
  if (!r) {
    // The alert is gone (a sandbox reset removes its contracts and their alerts): nothing to send,
    // and its outbox row is done, or the sweep would hand it to the queue again and again.
    await withTenant(ds, SYSTEEM, (em) => berichtStatus.signaalBezorgd(em, outboxId));
    return { status: 'onbekend' };
  }
  if (r.afgehandeld) return { status: 'al afgehandeld' };
  let status: 'geen adres' | 'afgeleverd' = 'geen adres';
  if (r.url && r.geheim) {
    const bericht: BudgetsignaalBericht = {
      soort: 'budgetsignaal',
      id: r.id,
      regioCode: r.regio_code,
      contractId: r.contract_id,
      contractNummer: r.nummer,
      aanbiederAgb: r.aanbieder_agb,
      jaar: r.jaar,
      drempel: r.drempel,
      plafondCenten: Number(r.plafond_centen),
      toegekendCenten: Number(r.toegekend_centen),
      toegekendPercentage: percentage(Number(r.toegekend_centen), Number(r.plafond_centen)),
      gesignaleerdOp: r.gesignaleerd_op.toISOString(),
    };
    const body = Buffer.from(JSON.stringify(bericht), 'utf8');
    // A sandbox region's endpoint secret is under the sandbox's keys.
    const geheimen = [r.geheim, ...(r.vorig ? [r.vorig] : [])].map((g) => sleutels.voor(r.regio_code).ontsleutel(g).toString('utf8'));
    const tijdstempel = Math.floor(Date.now() / 1000);
    const res = await fetch(r.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [HEADER_HANDTEKENING]: onderteken(geheimen, tijdstempel, r.id, body),
        [HEADER_TIJDSTEMPEL]: String(tijdstempel),
        [HEADER_BERICHT_ID]: r.id,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`endpoint answered ${res.status}`);
    status = 'afgeleverd';
  }
  await withTenant(ds, SYSTEEM, (em) => berichtStatus.signaalBezorgd(em, outboxId));
  return { status };
}
