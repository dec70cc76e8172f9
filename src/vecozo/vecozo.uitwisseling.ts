import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../auth/principal';
import type { Sleutels } from '../common/sleutels';
import { withTenant } from '../db/tenant';
import { parseMessage } from '../messaging/ijw/codec';
import { kop } from '../messaging/ijw/model';
import { log } from '../observability/logger';
import { bevrorenSql, moment } from '../messaging/verzendstop/verzendstop';
import { DEFINITIEVE_STATUSSEN, eigenKenmerk, ROL_AANBIEDER, ROL_GEMEENTE, berichtstroomVan, type PullMetadata, type PushMetadata } from './vecozo.types';
import { VspOnbereikbaar, type VspClient } from './vsp.client';

/**
 * The portal's exchange with VECOZO, run by the worker: push what portal providers wrote, pull
 * what VECOZO holds for them, follow the status of what was pushed. Each step commits before it
 * speaks to VECOZO again, so a process killed at any point loses nothing and doubles nothing:
 * - push: nothing is claimed while a freeze window holds VECOZO (src/messaging/verzendstop): the
 *   messages wait, their attempts untouched, and leave oldest first after it;
 *   a message is claimed for a while (`bezig_tot`), then pushed with the traceerId it got
 *   when it was stored; a 5xx, a timeout or a dropped connection leaves it to be pushed again,
 *   with the same traceerId, after a backoff; so does a worker that died mid-push, once its claim
 *   runs out. 400/422 is final (VECOZO: do not send the same request again).
 * - pull: each listed message is fetched, checked (size, SHA-256), committed (unique on
 *   traceerId) and only then confirmed with DELETE. Killed between commit and DELETE, the next
 *   pull lists it again: the commit finds it stored, so it is only confirmed.
 * A request VECOZO answers with an error (a 5xx) fails that message only: the round goes on with
 * the next, so one message VECOZO cannot serve holds up no other. A request without an answer
 * (timeout, dropped connection) ends the pull or status round: VECOZO is taken to be away.
 */

/** Whether a failure is of this request only (VECOZO answered), not of VECOZO being away. */
const alleenDitVerzoek = (e: unknown): e is VspOnbereikbaar => e instanceof VspOnbereikbaar && e.status !== undefined;

export interface PushOpties {
  /** How many messages one round claims (default 50). */
  batch?: number;
  /** How long a claim holds (default 60 s): longer than one push may take. */
  claimMs?: number;
  /** The first backoff after a failure, doubling per attempt up to 15 minutes (default 5 s). */
  backoffMs?: number;
}

interface Geclaimd {
  id: string;
  aanbieder_agb: string;
  type: string;
  gemeente_code: string;
  traceer_id: string;
  conversatie_id: string;
  als_antwoord_op: string | null;
  xml_versleuteld: Buffer;
  pogingen: number;
}

/** The push metadata of a stored portal message. */
export function pushMetadata(b: Pick<Geclaimd, 'aanbieder_agb' | 'type' | 'gemeente_code' | 'traceer_id' | 'conversatie_id' | 'als_antwoord_op'>): PushMetadata {
  return {
    routeringgegevens: {
      afzender: { rol: ROL_AANBIEDER, code: b.aanbieder_agb },
      geadresseerden: [{ rol: ROL_GEMEENTE, code: b.gemeente_code }],
      berichtstroom: berichtstroomVan(b.type),
    },
    referentiegegevens: { conversatieId: b.conversatie_id, traceerId: b.traceer_id, ...(b.als_antwoord_op && { alsAntwoordOp: b.als_antwoord_op }) },
  };
}

/**
 * One push round: claims messages due (oldest first), pushes each, records the outcome. Returns
 * how many were accepted, refused, and left for another attempt.
 */
export async function verstuurOpen(ds: DataSource, sleutels: Sleutels, client: VspClient, o: PushOpties = {}): Promise<{ aangenomen: number; geweigerd: number; opnieuw: number }> {
  const uitkomst = { aangenomen: 0, geweigerd: 0, opnieuw: 0 };
  // RETURNING keeps no order: the claimed rows are read back oldest first, as they were written.
  const rijen = await withTenant(ds, SYSTEEM, (em) =>
    em.query<Geclaimd[]>(
      `WITH c AS (
         UPDATE vecozo_bericht SET bezig_tot = now() + make_interval(secs => $2::double precision / 1000), pogingen = pogingen + 1
          WHERE id IN (SELECT id FROM vecozo_bericht
                        WHERE status = 'te_versturen' AND (volgende_poging IS NULL OR volgende_poging <= now()) AND (bezig_tot IS NULL OR bezig_tot < now())
                          AND NOT ${bevrorenSql(`'vecozo'`, 'vecozo_bericht.regio_code', '$3::timestamptz')}
                        ORDER BY aangemaakt_op, id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id, aanbieder_agb, type, gemeente_code, traceer_id, conversatie_id, als_antwoord_op, xml_versleuteld, pogingen, aangemaakt_op)
       SELECT * FROM c ORDER BY aangemaakt_op, id`,
      [o.batch ?? 50, o.claimMs ?? 60_000, moment()],
    ),
  );
  for (const b of rijen) {
    try {
      const r = await client.push(pushMetadata(b), sleutels.ontsleutel(b.xml_versleuteld));
      if (r.soort === 'aangenomen') {
        await withTenant(ds, SYSTEEM, (em) =>
          em.query(`UPDATE vecozo_bericht SET status = 'verstuurd', verstuurd_op = now(), bezig_tot = NULL, laatste_fout = NULL WHERE id = $1 AND status = 'te_versturen'`, [b.id]),
        );
        uitkomst.aangenomen++;
      } else {
        await withTenant(ds, SYSTEEM, (em) =>
          em.query(`UPDATE vecozo_bericht SET status = 'geweigerd', probleem = $2, bezig_tot = NULL WHERE id = $1 AND status = 'te_versturen'`, [b.id, JSON.stringify(r.probleem)]),
        );
        log.warn('vecozo push refused', { berichtId: b.id, status: r.status });
        uitkomst.geweigerd++;
      }
    } catch (e) {
      if (!(e instanceof VspOnbereikbaar)) throw e;
      const wacht = Math.min((o.backoffMs ?? 5000) * 2 ** Math.max(0, b.pogingen - 1), 15 * 60_000);
      await withTenant(ds, SYSTEEM, (em) =>
        em.query(
          `UPDATE vecozo_bericht SET bezig_tot = NULL, laatste_fout = $2, volgende_poging = now() + make_interval(secs => $3::double precision / 1000)
            WHERE id = $1 AND status = 'te_versturen'`,
          [b.id, e.message.slice(0, 500), wacht],
        ),
      );
      log.warn('vecozo push failed, will retry', { berichtId: b.id, pogingen: b.pogingen, error: e.message });
      uitkomst.opnieuw++;
    }
  }
  return uitkomst;
}

/** The provider a pulled message is for: the addressee in the provider's role (else the first). */
function geadresseerdeVan(m: PullMetadata): string | undefined {
  const g = m.routeringgegevens.geadresseerden;
  return (g.find((x) => x.rol === ROL_AANBIEDER) ?? g[0])?.code;
}

/** Whether the payload is what the list said: its size, and its SHA-256. */
function klopt(m: PullMetadata, payload: Buffer): boolean {
  const p = m.basisgegevens.payload;
  if (payload.length !== p.grootte) return false;
  if (p.checksum.algoritme.toUpperCase().replace('-', '') !== 'SHA256') return false;
  return createHash('sha256').update(payload).digest('hex') === p.checksum.waarde.toLowerCase();
}

export type Opgehaald = 'opgeslagen' | 'al_opgeslagen' | 'weg' | 'afwijkend';

/**
 * Takes in one listed message: stored already (an earlier pull died before its DELETE) → only
 * confirmed; else fetched, checked and committed, then confirmed. A payload that does not match
 * its size or checksum is not stored and not confirmed: it is fetched again on the next pull.
 */
export async function neemAan(ds: DataSource, sleutels: Sleutels, client: VspClient, m: PullMetadata): Promise<Opgehaald> {
  const tid = m.referentiegegevens.traceerId;
  const bekend = await withTenant(ds, SYSTEEM, (em) => em.query<unknown[]>(`SELECT 1 FROM vecozo_bericht WHERE traceer_id = $1`, [tid]));
  if (bekend.length) {
    await client.bevestig(tid);
    await bevestigd(ds, tid);
    return 'al_opgeslagen';
  }
  const payload = await client.payload(m);
  if (!payload) return 'weg';
  if (!klopt(m, payload)) {
    log.warn('vecozo payload does not match its size or checksum; left for the next pull', { traceerId: tid });
    return 'afwijkend';
  }
  let type: string | null = null;
  let identificatie: string | null = null;
  let gemeente: string | null = null;
  let afzender: string | null = null;
  let dagtekening: string | null = null;
  try {
    const { message, issues } = await parseMessage(payload);
    if (!issues.length) {
      const h = kop(message);
      type = message.type;
      ({ identificatie, dagtekening } = eigenKenmerk(h));
      afzender = h.Afzender;
      // A retour keeps its heen message's header: the municipality is its Ontvanger.
      gemeente = [h.Afzender, h.Ontvanger].find((x) => /^\d{4}$/.test(x)) ?? null;
    }
  } catch {
    // Not readable as iJw: kept as it came (type null), for the provider to see.
  }
  await withTenant(ds, SYSTEEM, (em) =>
    em.query(
      `INSERT INTO vecozo_bericht (richting, aanbieder_agb, type, gemeente_code, regio_code, identificatie, traceer_id, conversatie_id, als_antwoord_op,
                                   xml_versleuteld, grootte, sha256, status, vecozo_ontvangen_op, afzender, dagtekening)
       VALUES ('in', $1, $2, $3::text, (SELECT g.regio_code FROM gemeente g WHERE g.code = $3::text ORDER BY g.geldig_vanaf DESC LIMIT 1), $4, $5, $6, $7, $8, $9, $10, 'ontvangen', $11, $12, $13)
       ON CONFLICT (traceer_id) DO NOTHING`,
      [
        (geadresseerdeVan(m) ?? '').slice(0, 8),
        type,
        gemeente,
        identificatie,
        tid,
        m.referentiegegevens.conversatieId,
        m.referentiegegevens.alsAntwoordOp ?? null,
        sleutels.versleutel(payload),
        payload.length,
        m.basisgegevens.payload.checksum.waarde.toLowerCase(),
        m.basisgegevens.ontvangenOp,
        afzender,
        dagtekening,
      ],
    ),
  );
  // Only now, with the message committed.
  await client.bevestig(tid);
  await bevestigd(ds, tid);
  return 'opgeslagen';
}

/** Records when VECOZO confirmed a pulled message's DELETE (the first time: a repeat changes nothing). */
async function bevestigd(ds: DataSource, traceerId: string): Promise<void> {
  await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE vecozo_bericht SET bevestigd_op = now() WHERE traceer_id = $1 AND bevestigd_op IS NULL`, [traceerId]));
}

/**
 * Pulls until VECOZO holds nothing more (later messages appear only once earlier ones are
 * confirmed), or until a round takes nothing in (what is left does not check out, or VECOZO
 * answered its requests with an error: next time).
 */
export async function haalOp(ds: DataSource, sleutels: Sleutels, client: VspClient): Promise<Record<Opgehaald | 'mislukt', number> & { rondes: number }> {
  const telling = { opgeslagen: 0, al_opgeslagen: 0, weg: 0, afwijkend: 0, mislukt: 0, rondes: 0 };
  for (;;) {
    const lijst = await client.lijst(250);
    telling.rondes++;
    if (!lijst.length) break;
    let verder = false;
    for (const m of lijst) {
      let u: Opgehaald | 'mislukt';
      try {
        u = await neemAan(ds, sleutels, client, m);
      } catch (e) {
        if (!alleenDitVerzoek(e)) throw e;
        // Stored or not, it is listed again until confirmed: the next pull sees to it.
        log.warn('vecozo message not taken in or not confirmed; left for the next pull', { traceerId: m.referentiegegevens.traceerId, error: e.message });
        u = 'mislukt';
      }
      telling[u]++;
      if (u !== 'afwijkend' && u !== 'mislukt') verder = true;
    }
    if (!verder) break;
  }
  return telling;
}

/**
 * Follows the status (berichtstatus V3) of each pushed message whose status is not final yet;
 * returns how many changed. Statuses of messages answering it (`alsAntwoordOp`) are not its own.
 */
export async function volgStatussen(ds: DataSource, client: VspClient, batch = 200): Promise<number> {
  const rijen = await withTenant(ds, SYSTEEM, (em) =>
    em.query<{ id: string; traceer_id: string; vecozo_status: string | null; status_gewijzigd_op: Date | null }[]>(
      `SELECT id, traceer_id, vecozo_status, status_gewijzigd_op FROM vecozo_bericht
        WHERE status = 'verstuurd' AND NOT status_definitief ORDER BY verstuurd_op LIMIT $1`,
      [batch],
    ),
  );
  let gewijzigd = 0;
  for (const r of rijen) {
    let statussen;
    try {
      statussen = await client.statussen(r.traceer_id);
    } catch (e) {
      if (!alleenDitVerzoek(e)) throw e;
      log.warn('vecozo status not read; asked again next round', { traceerId: r.traceer_id, error: e.message });
      continue;
    }
    const eigen = statussen.find((s) => s.referentiegegevens.traceerId === r.traceer_id);
    if (!eigen) continue;
    const op = new Date(eigen.berichtstatusGewijzigdOp);
    if (eigen.berichtstatus === r.vecozo_status && r.status_gewijzigd_op?.getTime() === op.getTime()) continue;
    await withTenant(ds, SYSTEEM, (em) =>
      em.query(
        `UPDATE vecozo_bericht SET vecozo_status = $2::text, status_gewijzigd_op = $3, meldingen = $4, status_definitief = $5,
                statusverloop = coalesce(statusverloop, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('status', $2::text, 'op', $6::text))
          WHERE id = $1`,
        [r.id, eigen.berichtstatus, op, eigen.meldingen ? JSON.stringify(eigen.meldingen) : null, DEFINITIEVE_STATUSSEN.has(eigen.berichtstatus), op.toISOString()],
      ),
    );
    gewijzigd++;
  }
  return gewijzigd;
}

/**
 * The worker's loop: push, pull, follow, every `intervalMs`, until stopped; a round that fails
 * (VECOZO away) is reported and the next one tries again.
 */
export function startVecozo(ds: DataSource, sleutels: Sleutels, client: VspClient, o: { intervalMs: number }, onError: (e: unknown) => void): { stop: () => Promise<void> } {
  let gestopt = false;
  let wek: (() => void) | undefined;
  const ronde = async () => {
    while (!gestopt) {
      for (const stap of [() => verstuurOpen(ds, sleutels, client), () => haalOp(ds, sleutels, client), () => volgStatussen(ds, client)]) {
        if (gestopt) break;
        try {
          await stap();
        } catch (e) {
          onError(e);
        }
      }
      await new Promise<void>((r) => {
        wek = r;
        setTimeout(r, o.intervalMs).unref();
      });
    }
  };
  const loopt = ronde();
  return {
    stop: async () => {
      gestopt = true;
      wek?.();
      await loopt;
    },
  };
}
