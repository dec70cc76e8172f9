import { overlapt } from '../../contracting/tarief.rules';
import { nietVerwijderdSql } from '../toewijzing.rules';
import type { Jw317Client, Jw317NieuwProduct, Jw317OngewijzigdProduct, Jw317TeWijzigenProduct, Jw317Verzoek } from '../../messaging/ijw/definitions/types';
import { inhoud, kop } from '../../messaging/ijw/model';
import { add, type Niveau3Context, type Niveau3Regel } from '../../messaging/processing/rules';

/** The Verzoek of a JW317 with the ToewijzingNummers it names as unchanged and as to change. */
export function verzoekVan(
  c: Niveau3Context,
): { client: Jw317Client; verzoek: Jw317Verzoek; ongewijzigd: Jw317OngewijzigdProduct[]; teWijzigen: Jw317TeWijzigenProduct[]; nieuw: Jw317NieuwProduct[] } | undefined {
  const client = inhoud(c.message, 'JW317')?.Client;
  if (!client) return undefined;
  const verzoek = client.Verzoek;
  return {
    client,
    verzoek,
    ongewijzigd: verzoek.OngewijzigdeProducten?.OngewijzigdProduct ?? [],
    teWijzigen: verzoek.TeWijzigenProducten?.TeWijzigenProduct ?? [],
    nieuw: verzoek.NieuweProducten?.NieuwProduct ?? [],
  };
}

const dagtekening = (c: Niveau3Context) => kop(c.message).BerichtIdentificatie.Dagtekening;

/** A toewijzing of this municipality and provider a JW317 refers to, as the rules need it. */
interface Genoemd {
  nummer: number;
  eigen: boolean;
  categorie: string;
  code: string | null;
  ingangsdatum: string;
  einddatum: string | null;
  volume: number | null;
  frequentie: string | null;
  budget: number | null;
}

const gelezen = new WeakMap<object, Promise<Map<number, Genoemd>>>();

/**
 * The not deleted toewijzingen of this municipality and provider with the numbers the JW317
 * names, each marked whether it is the client's own (`eigen`). Read once per message.
 */
function genoemd(c: Niveau3Context, v: NonNullable<ReturnType<typeof verzoekVan>>): Promise<Map<number, Genoemd>> {
  let m = gelezen.get(c.message);
  if (!m) {
    m = leesGenoemd(c, v);
    gelezen.set(c.message, m);
  }
  return m;
}

async function leesGenoemd(c: Niveau3Context, v: NonNullable<ReturnType<typeof verzoekVan>>): Promise<Map<number, Genoemd>> {
  const nummers = [...v.ongewijzigd, ...v.teWijzigen].map((p) => p.ToewijzingNummer);
  if (!nummers.length) return new Map();
  const rows = await c.em.query<
    { nummer: number; eigen: boolean; categorie: string; code: string | null; ingangsdatum: string; einddatum: string | null; volume: number | null; frequentie: string | null; budget: number | null }[]
  >(
    `SELECT t.nummer, cl.bsn_hash = $4 AS eigen, trim(t.product_categorie) AS categorie, t.product_code AS code,
            to_char(t.ingangsdatum, 'YYYY-MM-DD') AS ingangsdatum, to_char(t.einddatum, 'YYYY-MM-DD') AS einddatum, t.volume, t.frequentie, t.budget
       FROM toewijzing t JOIN client cl ON cl.id = t.client_id
      WHERE t.gemeente_code = $1 AND t.aanbieder_agb = $2 AND t.nummer = ANY ($3::int[]) AND ${nietVerwijderdSql('t')}`,
    [c.bericht.gemeenteCode, c.bericht.afzender, nummers, c.sleutels.bsnHash(v.client.Bsn)],
  );
  return new Map(rows.map((r) => [r.nummer, r]));
}

/** The own toewijzing a TeWijzigenProduct or OngewijzigdProduct names, if it is one. */
function eigenVan(m: Map<number, Genoemd>, p: Jw317OngewijzigdProduct | Jw317TeWijzigenProduct): Genoemd | undefined {
  const t = m.get(p.ToewijzingNummer);
  return t?.eigen ? t : undefined;
}

/** The product and period a product of the desired package stands for (TR361). */
interface Periode {
  node: Jw317OngewijzigdProduct | Jw317TeWijzigenProduct | Jw317NieuwProduct;
  categorie: string;
  code: string | null;
  vanaf: string;
  tot: string | null;
  /** Whether it names a current toewijzing (OngewijzigdProduct or TeWijzigenProduct). */
  bestaand: boolean;
}

/**
 * Level-3 rules of a JW317 (verzoek om wijziging), keyed by their official codes. A request for
 * change states the client's whole current package at this provider; its TeWijzigenProducten
 * must fit the toewijzingen they name.
 */
export const WIJZIGING_REGELS: Record<string, Niveau3Regel> = {
  /**
   * TR349 (9349), TR350 (9350), TR351 (9351): every current toewijzing as unchanged or to change,
   * and only toewijzingen that are current (not deleted, not ended before the Dagtekening). A
   * number that is another client's gets TR304 instead.
   */
  TR349_TR351: async (c, b) => {
    const v = verzoekVan(c);
    if (!v) return;
    const actueel = await c.em.query<{ nummer: number }[]>(
      `SELECT t.nummer FROM toewijzing t JOIN client cl ON cl.id = t.client_id
        WHERE t.gemeente_code = $1 AND t.aanbieder_agb = $2 AND cl.bsn_hash = $3
          AND (t.einddatum IS NULL OR t.einddatum >= $4)
          AND ${nietVerwijderdSql('t')}`,
      [c.bericht.gemeenteCode, c.bericht.afzender, c.sleutels.bsnHash(v.client.Bsn), dagtekening(c)],
    );
    const bekend = new Set(actueel.map((t) => t.nummer));
    const m = await genoemd(c, v);
    const vanAnder = (p: Jw317OngewijzigdProduct | Jw317TeWijzigenProduct) => m.get(p.ToewijzingNummer)?.eigen === false;
    for (const p of v.ongewijzigd) if (!bekend.has(p.ToewijzingNummer) && !vanAnder(p)) add(b, p, '9350');
    for (const p of v.teWijzigen) if (!bekend.has(p.ToewijzingNummer) && !vanAnder(p)) add(b, p, '9351');
    const genoemdeNummers = new Set([...v.ongewijzigd, ...v.teWijzigen].map((p) => p.ToewijzingNummer));
    if ([...bekend].some((n) => !genoemdeNummers.has(n))) add(b, v.verzoek, '9349');
  },

  /** TR304 → 8187: the Bsn must be that of the client of the toewijzingen the request names. */
  TR304: async (c, b) => {
    const v = verzoekVan(c);
    if (!v) return;
    const m = await genoemd(c, v);
    if ([...v.ongewijzigd, ...v.teWijzigen].some((p) => m.get(p.ToewijzingNummer)?.eigen === false)) add(b, v.client, '8187');
  },

  /**
   * TR357 → 9357: a change that does not start after the Dagtekening holds for the whole
   * duration, so its GewensteIngangsdatum is the toewijzing's Ingangsdatum (OP345).
   */
  TR357: async (c, b) => {
    const v = verzoekVan(c);
    if (!v?.teWijzigen.length) return;
    const m = await genoemd(c, v);
    const dag = dagtekening(c);
    for (const p of v.teWijzigen) {
      const t = eigenVan(m, p);
      const gewenst = p.GewensteIngangsdatum;
      if (t && gewenst <= dag && gewenst !== t.ingangsdatum) add(b, p, '9357');
    }
  },

  /**
   * TR373 → 9373: a changed Budget, or a changed total of a "totaal binnen geldigheidsduur"
   * (Frequentie 6), holds for the whole duration: GewensteIngangsdatum is the Ingangsdatum.
   */
  TR373: async (c, b) => {
    const v = verzoekVan(c);
    if (!v?.teWijzigen.length) return;
    const m = await genoemd(c, v);
    for (const p of v.teWijzigen) {
      const t = eigenVan(m, p);
      if (!t) continue;
      const o = p.Omvang;
      const budget = p.Budget !== undefined && p.Budget !== t.budget;
      const totaal = t.frequentie === '6' && o !== undefined && o.Frequentie === '6' && o.Volume !== t.volume;
      if ((budget || totaal) && p.GewensteIngangsdatum !== t.ingangsdatum) add(b, p, '9373');
    }
  },

  /**
   * TR411 (9411), TR412 (9412), TR375 (9375): a TeWijzigenProduct's Omvang follows the product of
   * the toewijzing it names: required with a product code (specifiek), absent without a code
   * (aspecifiek) or without a product (generiek) when the toewijzing runs past 2020.
   */
  TR375_TR411_TR412: async (c, b) => {
    const v = verzoekVan(c);
    if (!v?.teWijzigen.length) return;
    const m = await genoemd(c, v);
    for (const p of v.teWijzigen) {
      const t = eigenVan(m, p);
      if (!t) continue;
      const omvang = p.Omvang !== undefined;
      const einde = p.Einddatum ?? t.einddatum;
      const na2020 = einde === null || einde > '2020-12-31';
      if (t.code !== null && !omvang) add(b, p, '9411');
      else if (t.code === null && t.categorie !== '' && omvang && na2020) add(b, p, '9412');
      else if (t.categorie === '' && omvang && na2020) add(b, p, '9375');
    }
  },

  /**
   * TR361 → 9361: a product may occur more than once in the desired package only for periods
   * that do not overlap. Checked for the current toewijzingen the request names (by their
   * product) against every other product of the request; without a code the category counts,
   * without a category it overlaps with anything. The later of two clashing products gets it.
   */
  TR361: async (c, b) => {
    const v = verzoekVan(c);
    if (!v || !(v.ongewijzigd.length + v.teWijzigen.length)) return;
    const m = await genoemd(c, v);
    const perioden: Periode[] = [];
    for (const p of v.ongewijzigd) {
      const t = eigenVan(m, p);
      if (t) perioden.push({ node: p, categorie: t.categorie, code: t.code, vanaf: t.ingangsdatum, tot: t.einddatum, bestaand: true });
    }
    for (const p of v.teWijzigen) {
      const t = eigenVan(m, p);
      const gewenst = p.GewensteIngangsdatum;
      if (t) perioden.push({ node: p, categorie: t.categorie, code: t.code, vanaf: gewenst < t.ingangsdatum ? gewenst : t.ingangsdatum, tot: p.Einddatum ?? null, bestaand: true });
    }
    for (const p of v.nieuw) {
      perioden.push({
        node: p,
        categorie: p.Product?.Categorie ?? '',
        code: p.Product?.Code ?? null,
        vanaf: p.GewensteIngangsdatum,
        tot: p.Einddatum ?? null,
        bestaand: false,
      });
    }
    const zelfde = (x: Periode, y: Periode) =>
      x.categorie === '' || y.categorie === '' || (x.categorie === y.categorie && (x.code === null || y.code === null || x.code === y.code));
    for (let j = 1; j < perioden.length; j++) {
      for (let i = 0; i < j; i++) {
        const [x, y] = [perioden[i], perioden[j]];
        if (!(x.bestaand || y.bestaand) || !zelfde(x, y)) continue;
        if (overlapt({ vanaf: x.vanaf, tot: x.tot }, { vanaf: y.vanaf, tot: y.tot })) {
          if (!b.klassen.get(y.node)?.includes('9361')) add(b, y.node, '9361');
          break;
        }
      }
    }
  },
};
