import type { Jw305StartProduct, Jw307StopProduct } from '../../messaging/ijw/definitions/types';
import { inhoud } from '../../messaging/ijw/model';
import { nietVerwijderdSql } from '../toewijzing.rules';
import { prepared } from '../../db/prepared';
import type { Bevindingen } from '../../messaging/processing/retour';
import { add, type Niveau3Context, type Niveau3Regel } from '../../messaging/processing/rules';

/** One StartProduct or StopProduct with the client it belongs to. */
interface Regel {
  node: Jw305StartProduct | Jw307StopProduct;
  bsn: string;
  nummer: number | null;
  categorie: string | null;
  code: string | null;
  begindatum: string;
  einddatum: string | null;
  reden: string | null;
  status: string;
}

/** A stored, not deleted start or stop of the same toewijzing (or, taakgericht, the same product). */
interface Gebeurtenis {
  id: string;
  soort: 'start' | 'stop';
  product_categorie: string | null;
  product_code: string | null;
  begindatum: string;
  einddatum: string | null;
  reden_beeindiging: string | null;
}

function regels(c: Niveau3Context): Regel[] {
  const jw305 = inhoud(c.message, 'JW305');
  if (jw305) return jw305.Client.StartProducten.StartProduct.map((n) => regel(jw305.Client.Bsn, n, null, null));
  const jw307 = inhoud(c.message, 'JW307');
  if (jw307) return jw307.Client.StopProducten.StopProduct.map((n) => regel(jw307.Client.Bsn, n, n.Einddatum, n.RedenBeeindiging));
  return [];
}

/** A start has no Einddatum and no RedenBeeindiging; a stop has both. */
function regel(bsn: string, n: Jw305StartProduct | Jw307StopProduct, einddatum: string | null, reden: string | null): Regel {
  return {
    node: n,
    bsn,
    nummer: n.ToewijzingNummer ?? null,
    categorie: n.Product?.Categorie ?? null,
    code: n.Product?.Code ?? null,
    begindatum: n.Begindatum,
    einddatum,
    reden,
    status: n.StatusAanlevering,
  };
}

const zelfdeProduct = (r: Regel, g: Gebeurtenis) => r.categorie === g.product_categorie && r.code === g.product_code;

/** A stored delivery as the batch keeps it: the key of its client and the order it was received in. */
interface Opgeslagen extends Gebeurtenis {
  toewijzing_nummer: number | null;
  volgnummer: string | null;
  ontvangen_op: Date;
}

const KOLOMMEN = `id, soort, toewijzing_nummer, product_categorie, product_code, to_char(begindatum, 'YYYY-MM-DD') AS begindatum,
                  to_char(einddatum, 'YYYY-MM-DD') AS einddatum, reden_beeindiging, volgnummer, ontvangen_op`;

/**
 * The live deliveries of a batch's clients ($1 provider, $2 municipality, $3 client hash, one
 * client per position). One index probe per client: LATERAL with OFFSET 0 (else the planner
 * flattens it into a join that may scan every delivery, row-level security checked on each), the
 * keys in the columns' own types (compared as text, no index applies). Every index on levering
 * that the probe can use leads with, or descends to, the client hash (migration
 * 1796930000000), so no plan, however stale the statistics, walks all of a provider's deliveries
 * per client (test/levering-plan.test.ts).
 */
export const LEVERINGEN_PER_CLIENT = `SELECT x.*, s.agb || '|' || s.gemeente || '|' || s.hash AS k
           FROM unnest($1::varchar[], $2::varchar[], $3::bpchar[]) AS s(agb, gemeente, hash)
          CROSS JOIN LATERAL (SELECT ${KOLOMMEN} FROM levering l
                               WHERE l.aanbieder_agb = s.agb AND l.gemeente_code = s.gemeente AND l.client_hash = s.hash AND NOT l.verwijderd
                              OFFSET 0) x`;

/** ORDER BY volgnummer NULLS FIRST, ontvangen_op, id: the order the history is read in. */
function opVolgorde(a: Opgeslagen, b: Opgeslagen): number {
  if (a.volgnummer !== b.volgnummer) {
    if (a.volgnummer === null) return -1;
    if (b.volgnummer === null) return 1;
    return BigInt(a.volgnummer) < BigInt(b.volgnummer) ? -1 : 1;
  }
  if (a.ontvangen_op.getTime() !== b.ontvangen_op.getTime()) return a.ontvangen_op.getTime() - b.ontvangen_op.getTime();
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The live deliveries of the batch's clients, read once for all of its starts and stops and kept
 * up to date with what the batch records, so a later message of the same client sees them.
 */
class Leveringen {
  private readonly perClient = new Map<string, Opgeslagen[]>();
  private geladen = false;

  private static sleutel = (agb: string, gemeente: string, hash: string) => `${agb}|${gemeente}|${hash}`;

  async van(c: Niveau3Context, hash: string): Promise<Opgeslagen[]> {
    if (!this.geladen) {
      this.geladen = true;
      const k = c.batch.berichten.filter((b) => (b.type === 'JW305' || b.type === 'JW307') && b.client_sleutel);
      for (const x of k) this.perClient.set(Leveringen.sleutel(x.aanbieder_agb, x.gemeente_code, x.client_sleutel!), []);
      const rijen = await prepared<Opgeslagen & { k: string }>(c.em, LEVERINGEN_PER_CLIENT, [
        k.map((x) => x.aanbieder_agb),
        k.map((x) => x.gemeente_code),
        k.map((x) => x.client_sleutel),
      ]);
      for (const { k: sleutel, ...r } of rijen) this.perClient.get(sleutel)?.push(r);
      for (const lijst of this.perClient.values()) lijst.sort(opVolgorde);
    }
    const sleutel = Leveringen.sleutel(c.bericht.afzender, c.bericht.gemeenteCode, hash);
    let lijst = this.perClient.get(sleutel);
    if (!lijst) {
      // A client key that differs from the one read at receipt: read it now.
      lijst = (await prepared<Opgeslagen>(c.em, `SELECT ${KOLOMMEN} FROM levering WHERE aanbieder_agb = $1 AND gemeente_code = $2 AND client_hash = $3 AND NOT verwijderd`, [
        c.bericht.afzender,
        c.bericht.gemeenteCode,
        hash,
      ])).sort(opVolgorde);
      this.perClient.set(sleutel, lijst);
    }
    return lijst;
  }

  voegToe(c: Niveau3Context, hash: string, r: Opgeslagen): void {
    const lijst = this.perClient.get(Leveringen.sleutel(c.bericht.afzender, c.bericht.gemeenteCode, hash));
    if (!lijst) return;
    lijst.push(r);
    lijst.sort(opVolgorde);
  }

  verwijder(c: Niveau3Context, hash: string, weg: (g: Opgeslagen) => boolean): void {
    const sleutel = Leveringen.sleutel(c.bericht.afzender, c.bericht.gemeenteCode, hash);
    const lijst = this.perClient.get(sleutel);
    if (lijst) this.perClient.set(sleutel, lijst.filter((g) => !weg(g)));
  }
}

/** The batch's deliveries, unless it runs message by message (then every read goes to the database). */
const leveringen = (c: Niveau3Context) => (c.batch.voorzichtig ? undefined : c.batch.eigen('toewijzing.leveringen', () => new Leveringen()));

/** Of the toewijzing of `r`, or without one of the same (taakgericht) product. */
const vanZelfde = (r: Regel) => (g: Opgeslagen) =>
  r.nummer !== null ? g.toewijzing_nummer === r.nummer : g.toewijzing_nummer === null && g.product_categorie === r.categorie && g.product_code === r.code;

/** The deliveries so far of the toewijzing (or the taakgericht product) of `r`, in the order their messages were received. */
async function geschiedenis(c: Niveau3Context, r: Regel): Promise<Gebeurtenis[]> {
  const batch = leveringen(c);
  if (batch) return (await batch.van(c, c.sleutels.bsnHash(r.bsn))).filter(vanZelfde(r));
  return prepared<Gebeurtenis>(c.em,
    `SELECT id, soort, product_categorie, product_code, to_char(begindatum, 'YYYY-MM-DD') AS begindatum, to_char(einddatum, 'YYYY-MM-DD') AS einddatum, reden_beeindiging
       FROM levering
      WHERE aanbieder_agb = $1 AND gemeente_code = $2 AND client_hash = $3 AND NOT verwijderd
        AND (toewijzing_nummer = $4 OR ($4::int IS NULL AND toewijzing_nummer IS NULL AND product_categorie IS NOT DISTINCT FROM $5 AND product_code IS NOT DISTINCT FROM $6))
      ORDER BY volgnummer NULLS FIRST, ontvangen_op, id`,
    [c.bericht.afzender, c.bericht.gemeenteCode, c.sleutels.bsnHash(r.bsn), r.nummer, r.categorie, r.code],
  );
}

/** Whether the start or stop is linked to a toewijzing of this provider, or is taakgericht (IV096). */
async function gekoppeld(c: Niveau3Context, r: Regel): Promise<boolean> {
  if (r.nummer === null) return c.referentie.product(c.bericht.regioCode ?? '', r.categorie, r.code)?.uitvoeringsvariant === 'taakgericht';
  const t = await prepared<{ product_categorie: string; product_code: string | null; c: string }>(c.em, 
    `SELECT t.product_categorie, t.product_code, cl.bsn_hash AS c
       FROM toewijzing t JOIN client cl ON cl.id = t.client_id
      WHERE t.gemeente_code = $1 AND t.nummer = $2 AND t.aanbieder_agb = $3
        AND ${nietVerwijderdSql('t')}`,
    [c.bericht.gemeenteCode, r.nummer, c.bericht.afzender],
  );
  if (!t[0] || t[0].c !== c.sleutels.bsnHash(r.bsn)) return false;
  // The product mirrors the toewijzing: specifiek category + code, aspecifiek category only (IV075).
  return t[0].product_categorie === r.categorie && (t[0].product_code === null || t[0].product_code === r.code);
}

/** Checks one start or stop against the state machine of §4.5; returns the retour code or undefined. */
async function toestand(c: Niveau3Context, r: Regel): Promise<string | undefined> {
  const eerder = await geschiedenis(c, r);
  const metSleutel = eerder.filter(
    (g) => zelfdeProduct(r, g) && g.begindatum === r.begindatum && (c.message.type === 'JW305' ? g.soort === 'start' : g.soort === 'stop' && g.reden_beeindiging === r.reden && g.einddatum === r.einddatum),
  );
  if (r.status === '3') {
    if (!metSleutel.length) return '9063';
    if (c.message.type === 'JW305' && eerder.some((g) => g.soort === 'stop' && g.begindatum === r.begindatum)) return '9071';
    return undefined;
  }
  if (metSleutel.length) return '9074';
  if (!(await gekoppeld(c, r))) return '9019';
  const laatste = eerder.at(-1);
  if (c.message.type === 'JW305') {
    // A new start needs no current one: none yet, or the last one stopped (temporarily or for good).
    return laatste?.soort === 'start' ? '9326' : undefined;
  }
  const vorigeStop = [...eerder].reverse().find((g) => g.soort === 'stop');
  if (vorigeStop && vorigeStop.reden_beeindiging !== '20' && laatste?.soort === 'stop') return '9415';
  if (laatste?.soort === 'stop' && laatste.reden_beeindiging === '20' && r.reden === '20') return '9413';
  if (laatste?.soort === 'stop' && laatste.reden_beeindiging === '20') {
    // A definitive stop after a temporary one: Einddatum not before the temporary one's (OP377–OP379).
    return r.einddatum !== null && laatste.einddatum !== null && r.einddatum < laatste.einddatum ? '9414' : undefined;
  }
  const start = [...eerder].reverse().find((g) => g.soort === 'start');
  if (laatste?.soort !== 'start' || !start || start.begindatum !== r.begindatum || !zelfdeProduct(r, start)) return '9069';
  return undefined;
}

/**
 * TR019, TR063, TR071, TR074, TR326, TR382, TR413, TR414, TR415: the start/stop state machine
 * (§4.5), per StartProduct / StopProduct against the deliveries accepted before.
 */
export const LEVERING_REGELS: Record<string, Niveau3Regel> = {
  START_STOP: async (c, b: Bevindingen) => {
    for (const r of regels(c)) {
      // A class already rejected (e.g. S329, unknown product) is not assessed further.
      if (b.klassen.has(r.node)) continue;
      const code = await toestand(c, r);
      if (code) add(b, r.node, code);
    }
  },
};

/** Records an accepted JW305/JW307: new deliveries, and deletes (status 3) of earlier ones. */
export async function legLeveringenVast(c: Niveau3Context): Promise<void> {
  const batch = leveringen(c);
  for (const r of regels(c)) {
    const soort = c.message.type === 'JW305' ? 'start' : 'stop';
    const hash = c.sleutels.bsnHash(r.bsn);
    if (r.status === '3') {
      await prepared(c.em,
        `UPDATE levering SET verwijderd = true
          WHERE aanbieder_agb = $1 AND gemeente_code = $2 AND client_hash = $3 AND soort = $4 AND NOT verwijderd
            AND toewijzing_nummer IS NOT DISTINCT FROM $5 AND product_categorie IS NOT DISTINCT FROM $6 AND product_code IS NOT DISTINCT FROM $7
            AND begindatum = $8 AND einddatum IS NOT DISTINCT FROM $9 AND reden_beeindiging IS NOT DISTINCT FROM $10`,
        [c.bericht.afzender, c.bericht.gemeenteCode, hash, soort, r.nummer, r.categorie, r.code, r.begindatum, r.einddatum, r.reden],
      );
      batch?.verwijder(c, hash, (g) =>
        g.soort === soort && g.toewijzing_nummer === r.nummer && g.product_categorie === r.categorie && g.product_code === r.code &&
        g.begindatum === r.begindatum && g.einddatum === r.einddatum && g.reden_beeindiging === r.reden);
      continue;
    }
    const [nieuw] = await prepared<Opgeslagen>(c.em,
      `INSERT INTO levering (soort, aanbieder_agb, gemeente_code, regio_code, toewijzing_nummer, client_hash, product_categorie, product_code, begindatum, einddatum, reden_beeindiging, bericht_id, volgnummer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, (SELECT volgnummer FROM bericht WHERE id = $12))
       RETURNING ${KOLOMMEN}`,
      [soort, c.bericht.afzender, c.bericht.gemeenteCode, c.bericht.regioCode, r.nummer, hash, r.categorie, r.code, r.begindatum, r.einddatum, r.reden, c.bericht.id],
    );
    batch?.voegToe(c, hash, nieuw);
  }
}
