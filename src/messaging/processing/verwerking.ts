import type { DataSource, EntityManager } from 'typeorm';
import { prepared } from '../../db/prepared';
import { SYSTEEM } from '../../auth/principal';
import { vandaag } from '../../common/klok';
import { withTenant } from '../../db/tenant';
import type { XsdValidators } from '../ijw/xsd-validator';
import { schrijfUitgaandBulk } from '../uitgaand';
import { VOLGEND_RETOURNUMMER } from '../nummering';
import { bouwRetour } from './retour';
import { oordeel, type Ontvangen, type Uitkomst } from './oordeel';
import { ReferentieCache } from './referentie';
import { berichtStatus } from '../status';
import { clientSlot, vergrendelClienten } from '../clientslot';
import type { BerichtHandlers } from './handlers';
import type { BatchKennis, Vooraf } from './rules';
import type { Sleutels } from '../../common/sleutels';
import { log } from '../../observability/logger';
import { isRequestId, runInRequest } from '../../observability/request-context';

export { SYSTEEM };

export interface Verwerkt {
  status: 'verwerkt' | 'ongeldig' | 'al-verwerkt' | 'mislukt' | 'vastgelopen';
  retourId?: string;
  retourcodes?: string[];
}

/** How a batch is claimed and how an unexpected failure is retried. */
export interface BatchOpties {
  /** Most messages in one batch. */
  grootte: number;
  /** A batch stops growing once its messages hold this many bytes (one message always fits). */
  maxBytes: number;
  /** Attempts before a message that keeps failing is `vastgelopen` (the dead letter). */
  pogingen: number;
  /** First backoff after a failed attempt, doubling after each. */
  backoffMs: number;
  xsd?: XsdValidators;
  /** The domain modules' handlers, one per message type (see src/modules.ts). */
  handlers: BerichtHandlers;
  /** A pre-flight's batch (verwerkInTransactie only). */
  vooraf?: Vooraf;
}

/** How received messages are judged: the modules' handlers and, when configured, the official XSDs. What the api gives features that judge a message without storing it. */
export interface Verwerking {
  handlers: BerichtHandlers;
  xsd?: XsdValidators;
}

/** What a caller gives: the handlers, and any options it does not take as they are. */
export type BatchInstellingen = Partial<Omit<BatchOpties, 'handlers'>> & Pick<BatchOpties, 'handlers'>;

export const STANDAARD_BATCH: Omit<BatchOpties, 'handlers'> = { grootte: 100, maxBytes: 4 * 1024 * 1024, pogingen: 8, backoffMs: 1000 };

/** What one batch did: per message claimed and judged, its result. */
export type BatchResultaat = Map<string, Verwerkt>;

interface Kandidaat {
  id: string;
  grootte: number;
  client_sleutel: string | null;
  gemeente_code: string;
  volgnummer: string;
  /** The reference data's version, read with the claim. */
  rv: string;
}

// What waits, oldest first; a row another worker holds is skipped, not waited for.
// Only the first waiting message of each client: one that waits behind an earlier one (backing
// off after a failure, or still being judged) is not claimed, so it can never fill a batch and
// hold up everybody else's messages. The earlier one is looked for with one index probe per
// candidate (LATERAL with LIMIT: as a plain anti-join the planner may hash everything that waits).
const CLAIM_SQL = `SELECT b.id, b.grootte, b.client_sleutel, b.gemeente_code, b.volgnummer, (SELECT versie FROM referentie_versie) AS rv
   FROM bericht b
   LEFT JOIN LATERAL (SELECT 1 AS er FROM bericht e
                       WHERE b.client_sleutel IS NOT NULL AND e.client_sleutel = b.client_sleutel AND e.gemeente_code = b.gemeente_code
                         AND e.status = 'ontvangen' AND e.volgnummer < b.volgnummer LIMIT 1) eerder ON true
   WHERE b.status = 'ontvangen' AND b.richting = 'in' AND (b.volgende_poging IS NULL OR b.volgende_poging <= now()) AND eerder.er IS NULL
   ORDER BY b.volgnummer LIMIT $1 FOR UPDATE OF b SKIP LOCKED`;

// Named messages (a caller that must see them done), waited for if another worker holds them.
const CLAIM_IDS_SQL = `SELECT id, grootte, client_sleutel, gemeente_code, volgnummer, (SELECT versie FROM referentie_versie) AS rv FROM bericht
   WHERE id = ANY($1::uuid[]) AND status = 'ontvangen' AND richting = 'in' ORDER BY volgnummer FOR UPDATE`;

// Clients with a message received earlier than their first in the batch that is still waiting
// outside it: their messages in this batch wait for a later one. One index probe per client
// (LATERAL with LIMIT, so the planner cannot turn it into a scan of everything that waits), the
// keys in the columns' own types (compared as text, no index applies).
const EERDER_SQL = `SELECT k.cs, k.gc FROM unnest($1::bpchar[], $2::varchar[], $3::bigint[]) AS k(cs, gc, vn)
   CROSS JOIN LATERAL (SELECT 1 FROM bericht b WHERE b.client_sleutel = k.cs AND b.gemeente_code = k.gc AND b.status = 'ontvangen'
                         AND b.volgnummer < k.vn AND b.id <> ALL($4::uuid[]) LIMIT 1) e`;

// The body is not read for messages the caller has read already (a pre-flight's, see Vooraf).
const INHOUD_SQL = `SELECT id, type, afzender, ontvanger, identificatie, gemeente_code, aanbieder_agb, regio_code,
        CASE WHEN id = ANY($2::uuid[]) THEN NULL ELSE xml_versleuteld END AS xml_versleuteld, client_sleutel, volgnummer, verzoek_id
   FROM bericht WHERE id = ANY($1::uuid[]) ORDER BY volgnummer`;

// TR056 for the whole batch: per message the other inbound messages with its sender, type and
// Identificatie received before it that are not invalid.
const EERDER_IDENTIFICATIE_SQL = `SELECT b.id, array_agg(o.id) AS ids FROM bericht b
     JOIN bericht o ON o.afzender = b.afzender AND o.type = b.type AND o.identificatie = b.identificatie
                   AND o.id <> b.id AND o.richting = 'in' AND o.status <> 'ongeldig' AND o.volgnummer < b.volgnummer
    WHERE b.id = ANY($1::uuid[]) GROUP BY b.id`;

/** The unique index that keeps two live deliveries with one key apart (the last guard of the order). */
const isDubbeleLevering = (e: unknown) => (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'uq_levering_levend';

const clientKey = (k: Kandidaat) => clientSlot(k.gemeente_code, k.client_sleutel ?? '');

/**
 * Claims received messages and processes them in one transaction: each judged in receipt order,
 * then every retour and every new status written with one statement each. With `ids`, exactly
 * those messages (and none other); otherwise what waits, oldest first, skipping what another
 * worker holds.
 *
 * Messages about one client are judged one at a time in the order the hub received them: a
 * message whose client has an earlier one still waiting outside this batch stays for a later
 * batch, and each client of the batch is locked for its duration.
 *
 * One bad message never fails the others: when anything fails, the whole batch is undone and run
 * again with a savepoint around each message; a message that fails there is tried again later
 * (`pogingen`, backoff) and after the last attempt is `vastgelopen`; the later messages of its
 * client wait for it.
 */
export async function verwerkBatch(ds: DataSource, sleutels: Sleutels, opties: BatchInstellingen, ids?: string[]): Promise<BatchResultaat> {
  const o: BatchOpties = { ...STANDAARD_BATCH, ...opties };
  try {
    return await withTenant(ds, SYSTEEM, (em) => batch(em, sleutels, o, ids, false));
  } catch {
    // Some message failed: everything is undone. Again, one message at a time behind a savepoint.
    return withTenant(ds, SYSTEEM, (em) => batch(em, sleutels, o, ids, true));
  }
}

/**
 * Judges exactly these received messages in the caller's transaction (tenant context SYSTEEM),
 * as the worker would: no retry, no savepoints. What the claim pre-flight runs (with `vooraf`)
 * before it rolls everything back.
 */
export function verwerkInTransactie(em: EntityManager, sleutels: Sleutels, opties: BatchInstellingen, ids: string[]): Promise<BatchResultaat> {
  return batch(em, sleutels, { ...STANDAARD_BATCH, ...opties, grootte: ids.length, maxBytes: Number.MAX_SAFE_INTEGER }, ids, false);
}

async function batch(em: EntityManager, sleutels: Sleutels, o: BatchOpties, ids: string[] | undefined, voorzichtig: boolean): Promise<BatchResultaat> {
  const resultaat: BatchResultaat = new Map();
  const geclaimd = ids ? await prepared<Kandidaat>(em, CLAIM_IDS_SQL, [ids]) : await prepared<Kandidaat>(em, CLAIM_SQL, [o.grootte]);
  if (!geclaimd.length) return resultaat;
  // Cut at the byte limit: the rest stays locked (and waiting) until this batch commits.
  let bytes = 0;
  const gekozen = geclaimd.filter((k, i) => (bytes += k.grootte) <= o.maxBytes || i === 0);
  const mee = await opVolgorde(em, gekozen);
  if (!mee.length) return resultaat;
  const berichten = await prepared<Ontvangen>(em, INHOUD_SQL, [mee.map((k) => k.id), [...(o.vooraf?.gelezen.keys() ?? [])]]);
  const dag = vandaag();
  const referentie = await referentieVan(em).lees(em, geclaimd[0].rv);
  const eerder = await prepared<{ id: string; ids: string[] }>(em, EERDER_IDENTIFICATIE_SQL, [mee.map((k) => k.id)]);
  const ongeldig = new Set<string>();
  const eigen = new Map<string, unknown>();
  const kennis: BatchKennis = {
    eerderMetIdentificatie: new Map(eerder.map((e) => [e.id, e.ids])),
    ongeldig,
    berichten,
    voorzichtig,
    eigen: <T>(sleutel: string, maak: () => T): T => {
      if (!eigen.has(sleutel)) eigen.set(sleutel, maak());
      return eigen.get(sleutel) as T;
    },
  };
  const omgeving = { vandaag: dag, referentie, handlers: o.handlers, batch: kennis, ...(o.xsd && { xsd: o.xsd }), ...(o.vooraf && { vooraf: o.vooraf }) };
  const uitkomsten: { b: Ontvangen; u: Uitkomst }[] = [];
  /** Clients with a failed message in this batch: their later messages wait for it. */
  const gestrand = new Set<string>();
  for (const b of berichten) {
    const sleutel = b.client_sleutel ? clientSlot(b.gemeente_code, b.client_sleutel) : undefined;
    if (sleutel && gestrand.has(sleutel)) continue;
    // Judged in the scope of the request that posted it: its log lines and what it writes carry that id.
    const sl = sleutels.voor(b.regio_code);
    const beoordeel = () => (voorzichtig ? metSavepoint(em, () => oordeel(em, sl, b, omgeving)) : oordeel(em, sl, b, omgeving));
    const u = isRequestId(b.verzoek_id) ? await runInRequest({ requestId: b.verzoek_id }, beoordeel) : await beoordeel();
    if ('fout' in u) {
      const status = await berichtStatus.mislukt(em, b.id, { backoffMs: o.backoffMs, pogingen: o.pogingen, fout: String(u.fout).slice(0, 500) });
      log.warn('message failed', { berichtId: b.id, type: b.type, status, ...(isRequestId(b.verzoek_id) && { requestId: b.verzoek_id }) });
      resultaat.set(b.id, { status: status === 'vastgelopen' ? 'vastgelopen' : 'mislukt' });
      if (sleutel) gestrand.add(sleutel);
    } else {
      log.debug('message judged', { berichtId: b.id, type: b.type, status: u.status, ...(isRequestId(b.verzoek_id) && { requestId: b.verzoek_id }) });
      uitkomsten.push({ b, u });
      if (u.status === 'ongeldig') ongeldig.add(b.id);
    }
  }
  await schrijfUitkomsten(em, sleutels, uitkomsten, dag, resultaat);
  return resultaat;
}

/**
 * The claimed messages that may be judged now, in receipt order: not those whose client has an
 * earlier message still waiting outside the batch. Locks the batch's clients first: the inbox
 * holds a client's lock from numbering its message until that commits, so once the lock is held,
 * every earlier message of the client is visible to the check.
 */
async function opVolgorde(em: EntityManager, gekozen: Kandidaat[]): Promise<Kandidaat[]> {
  const eerste = new Map<string, Kandidaat>();
  for (const k of gekozen) if (k.client_sleutel && !eerste.has(clientKey(k))) eerste.set(clientKey(k), k);
  if (!eerste.size) return gekozen;
  await vergrendelClienten(em, eerste.keys());
  const firsts = [...eerste.values()];
  const wachtend = await prepared<{ cs: string; gc: string }>(em, EERDER_SQL, [
    firsts.map((k) => k.client_sleutel),
    firsts.map((k) => k.gemeente_code),
    firsts.map((k) => k.volgnummer),
    gekozen.map((k) => k.id),
  ]);
  const wacht = new Set(wachtend.map((w) => clientSlot(w.gc, w.cs)));
  return gekozen.filter((k) => !k.client_sleutel || !wacht.has(clientKey(k)));
}

/** The reference data cache of each database (one per process and DataSource). */
const caches = new WeakMap<object, ReferentieCache>();
function referentieVan(em: EntityManager): ReferentieCache {
  let c = caches.get(em.dataSource);
  if (!c) caches.set(em.dataSource, (c = new ReferentieCache()));
  return c;
}

let savepoints = 0;

/**
 * Runs `fn` behind a savepoint: on failure its writes are undone and the failure returned. A
 * delivery that would duplicate a live one (only possible if the order was bypassed) is judged
 * once more, now against that delivery.
 */
async function metSavepoint<T>(em: EntityManager, fn: () => Promise<T>): Promise<T | { fout: unknown }> {
  for (let poging = 0; ; poging++) {
    const naam = `bericht_${++savepoints}`;
    await em.query(`SAVEPOINT ${naam}`);
    try {
      const r = await fn();
      await em.query(`RELEASE SAVEPOINT ${naam}`);
      return r;
    } catch (e) {
      await em.query(`ROLLBACK TO SAVEPOINT ${naam}`);
      if (poging === 0 && isDubbeleLevering(e)) continue;
      return { fout: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
}

/** The retours numbered in receipt order and written together, then every new status in one statement. */
async function schrijfUitkomsten(em: EntityManager, sleutels: Sleutels, uitkomsten: { b: Ontvangen; u: Uitkomst }[], dag: string, resultaat: BatchResultaat): Promise<void> {
  const metRetour = uitkomsten.filter((x) => x.u.retour);
  const retourIds = new Map<string, string>();
  if (metRetour.length) {
    const nummers = await prepared<{ n: string }>(em, `SELECT ${VOLGEND_RETOURNUMMER} AS n FROM generate_series(1, $1::int)`, [metRetour.length]);
    const ids = await schrijfUitgaandBulk(
      em,
      sleutels,
      metRetour.map(({ b, u }, i) => ({
        message: bouwRetour(u.retour!.message, u.retour!.bevindingen, `R${nummers[i].n}`, dag),
        meta: { regioCode: b.regio_code, aanbiederAgb: b.aanbieder_agb, gemeenteCode: b.gemeente_code, heenId: b.id, retourcodes: u.retourcodes },
      })),
    );
    metRetour.forEach(({ b }, i) => retourIds.set(b.id, ids[i]));
  }
  const rijen = uitkomsten
    .filter(({ u }) => !u.geschreven)
    .map(({ b, u }) => ({ id: b.id, status: u.status, codes: u.retourcodes, fouten: u.fouten, retour_id: retourIds.get(b.id) ?? null, ziet: u.aanbiederZiet ?? null }));
  await berichtStatus.afgehandeld(em, rijen);
  for (const { b, u } of uitkomsten) {
    const retourId = u.geschreven?.retourId ?? retourIds.get(b.id);
    resultaat.set(b.id, {
      status: u.status === 'ongeldig' ? 'ongeldig' : 'verwerkt',
      ...(retourId && { retourId }),
      ...(u.status !== 'ongeldig' && u.status !== 'aangehouden' && { retourcodes: u.retourcodes }),
    });
  }
}

/**
 * Processes one message now (and first, in their order, the earlier-received messages of its
 * client that still wait), as one batch. What tests, scripts and the bench call; the worker runs
 * `startVerwerker`.
 */
export async function verwerkBericht(ds: DataSource, sleutels: Sleutels, id: string, o: { handlers: BerichtHandlers; xsd?: XsdValidators }): Promise<Verwerkt> {
  const eerder = await withTenant(ds, SYSTEEM, (em) =>
    prepared<{ id: string }>(em,
      `SELECT e.id FROM bericht b JOIN bericht e ON e.client_sleutel = b.client_sleutel AND e.gemeente_code = b.gemeente_code
        WHERE b.id = $1 AND e.status = 'ontvangen' AND e.volgnummer < b.volgnummer ORDER BY e.volgnummer`,
      [id],
    ),
  );
  const r = await verwerkBatch(ds, sleutels, { ...o, grootte: eerder.length + 1, maxBytes: Number.MAX_SAFE_INTEGER }, [...eerder.map((e) => e.id), id]);
  return r.get(id) ?? { status: 'al-verwerkt' };
}
