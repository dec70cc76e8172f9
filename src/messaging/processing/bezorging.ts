import { prepared } from '../../db/prepared';
import { berichtStatus } from '../status';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { withTenant } from '../../db/tenant';
import { SYSTEEM } from './verwerking';
import { HEADER_BERICHT_ID, HEADER_HANDTEKENING, HEADER_TIJDSTEMPEL, onderteken } from './ondertekening';
import type { Sleutels } from '../../common/sleutels';

import { NAAR_AANBIEDER } from '../ijw/soorten';
import { NIET_VIA_KANAAL, type Bezorgkanaal } from './bezorgkanaal';
import { bevrorenSql, moment } from '../verzendstop/verzendstop';
import { currentRequestId, isRequestId, REQUEST_ID_HEADER, runInRequest } from '../../observability/request-context';

interface TeBezorgen {
  status: string;
  regio_code: string | null;
  type: string;
  aanbieder_agb: string;
  gemeente_code: string;
  heen_id: string | null;
  kanaal: string | null;
  xml_versleuteld: Buffer;
  url: string | null;
  geheim: Buffer | null;
  vorig: Buffer | null;
  /** Its chain channel is frozen now (src/messaging/verzendstop). */
  bevroren: boolean;
  /** The round of its open delivery row (outbox.ronde). */
  ronde: number | null;
}

/**
 * Delivers an outbound message: through a chain channel (`kanalen`) when the provider is reached
 * through the chain (table keten_route); else to the provider's registered endpoint as a POST signed with
 * that endpoint's secret (see ondertekening.ts) when it has one (a failure throws, so BullMQ
 * retries with backoff and keeps it as failed after the last attempt), otherwise it stays
 * readable in the party's mailbox. The database side is idempotent; the POST is at least once
 * (a worker that dies after it posts again), so receivers drop repeats by `x-hub-bericht-id`.
 * `requestId` (of the request that caused the message) scopes its log lines and goes along as
 * `X-Request-Id`.
 */
export async function bezorgBericht(ds: DataSource, sleutels: Sleutels, id: string, requestId?: string, kanalen: readonly Bezorgkanaal[] = [], ronde = 0): Promise<{ status: string }> {
  // The id came through Redis: used only when it still looks like one.
  return isRequestId(requestId) ? runInRequest({ requestId }, () => bezorg(ds, sleutels, id, kanalen, ronde)) : bezorg(ds, sleutels, id, kanalen, ronde);
}

async function bezorg(ds: DataSource, sleutels: Sleutels, id: string, kanalen: readonly Bezorgkanaal[], ronde: number): Promise<{ status: string }> {
  const requestId = currentRequestId();
  const b = await withTenant(ds, SYSTEEM, async (em) => {
    // The previous secret signs too while its overlap lasts (the database clock decides).
    const rows = await prepared<TeBezorgen>(em,
      `SELECT b.status, b.regio_code, b.type, b.aanbieder_agb, b.gemeente_code, b.heen_id, b.xml_versleuteld, a.url, a.geheim_versleuteld AS geheim,
              CASE WHEN a.vorig_geldig_tot > now() THEN a.vorig_geheim_versleuteld END AS vorig, k.kanaal,
              k.kanaal IS NOT NULL AND ${bevrorenSql('k.kanaal', 'b.regio_code', '$3::timestamptz')} AS bevroren,
              (SELECT o.ronde FROM outbox o WHERE o.bericht_id = b.id AND o.soort = 'bezorg' AND o.afgehandeld_op IS NULL ORDER BY o.id DESC LIMIT 1) AS ronde
         FROM bericht b LEFT JOIN bezorgadres a ON a.aanbieder_agb = b.aanbieder_agb AND b.type = ANY($2::text[])
              LEFT JOIN keten_route k ON k.aanbieder_agb = b.aanbieder_agb AND b.type = ANY($2::text[])
        WHERE b.id = $1`,
      [id, [...NAAR_AANBIEDER], moment()],
    );
    return rows[0];
  });
  if (!b || b.status !== 'klaar') return { status: b?.status ?? 'onbekend' };
  // A job of an earlier round (its row was handed back by a freeze and went out again): nothing to do.
  if (b.ronde !== null && ronde < b.ronde) return { status: b.status };
  if (b.bevroren) {
    // A freeze window: not sent (a GGk envelope gets no tijdstipBericht yet); the row goes back, held, and this job ends without using an attempt.
    await withTenant(ds, SYSTEEM, (em) => berichtStatus.uitgesteld(em, id, ronde));
    return { status: 'later te versturen' };
  }
  let status: 'beschikbaar' | 'afgeleverd' | 'mislukt' = 'beschikbaar';
  // A sandbox's message and its fictitious provider's endpoint are under the sandbox's keys.
  const eigen = sleutels.voor(b.regio_code);
  // A provider reached through the chain: that channel's adapter delivers it (a retour of a message
  // that came in directly goes back the way that came, below).
  const kanaal = b.kanaal ? kanalen.find((k) => k.kanaal === b.kanaal) : undefined;
  if (b.kanaal && !kanaal) throw new Error(`no delivery channel ${b.kanaal} in this process`);
  const vastleggen = kanaal
    ? await kanaal.bezorg({ id, type: b.type, xml: eigen.ontsleutel(b.xml_versleuteld), aanbiederAgb: b.aanbieder_agb, gemeenteCode: b.gemeente_code, heenId: b.heen_id })
    : NIET_VIA_KANAAL;
  if (vastleggen !== NIET_VIA_KANAAL) {
    return withTenant(ds, SYSTEEM, async (em) => {
      const uitkomst = await vastleggen(em);
      // Rolled back: the chain wants the message again, and the job's retry sends it.
      if (uitkomst === 'opnieuw') throw new Error(`the chain asked for message ${id} again`);
      await berichtStatus.bezorgd(em, id, uitkomst);
      return { status: uitkomst };
    });
  }
  if (b.url) {
    // Never unsigned and never with a hub key: an endpoint without its own secret gets nothing
    // (the job fails, then redrive after `roteerOndertekeningsgeheim`).
    if (!b.geheim) throw new Error('endpoint has no signing secret');
    const geheimen = [b.geheim, ...(b.vorig ? [b.vorig] : [])].map((g) => eigen.ontsleutel(g).toString('utf8'));
    const xml = eigen.ontsleutel(b.xml_versleuteld);
    const tijdstempel = Math.floor(Date.now() / 1000);
    const res = await fetch(b.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        [HEADER_HANDTEKENING]: onderteken(geheimen, tijdstempel, id, xml),
        [HEADER_TIJDSTEMPEL]: String(tijdstempel),
        [HEADER_BERICHT_ID]: id,
        ...(requestId && { [REQUEST_ID_HEADER]: requestId }),
      },
      body: xml,
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`endpoint answered ${res.status}`);
    status = 'afgeleverd';
  }
  await withTenant(ds, SYSTEEM, (em) => berichtStatus.bezorgd(em, id, status));
  return { status };
}

/**
 * Called for every failed job. The dead letter: a delivery that failed its last attempt is `mislukt` and its outbox row done
 * (the failed job stays in Redis); an administrator redrives it with `herbezorg`.
 */
export async function naMislukking(ds: DataSource, job: Job | undefined): Promise<void> {
  if (job?.name !== 'bezorg-bericht' || job.attemptsMade < (job.opts.attempts ?? 1)) return;
  const id = (job.data as { berichtId: string }).berichtId;
  await withTenant(ds, SYSTEEM, (em) => berichtStatus.bezorgd(em, id, 'mislukt'));
}
