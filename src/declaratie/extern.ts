import type { EntityManager } from 'typeorm';
import { berichtStatus } from '../messaging/status';
import type { Fout } from '../messaging/processing/handlers';
import type { IjwMessage } from '../messaging/ijw/codec';
import type { Jw325RetourCodes } from '../messaging/ijw/definitions/types';
import { inhoud } from '../messaging/ijw/model';


const retourcodesVan = (n: { RetourCodes: Jw325RetourCodes } | undefined): string[] => [...(n?.RetourCodes.RetourCode ?? [])];

/** The content of a JW325; the handlers call these only with one. */
function jw325Van(m: IjwMessage) {
  const jw325 = inhoud(m, 'JW325');
  if (!jw325) throw new Error(`${m.type} is geen JW325`);
  return jw325;
}

/** The claim a JW325 answers: the JW323 the provider (its Ontvanger) sent with its DeclaratieIdentificatie. */
export async function declaratieVan(em: EntityManager, gemeente: string, jw325: IjwMessage, lock = false): Promise<{ id: string; bericht_id: string; antwoord_id: string | null } | undefined> {
  const h = jw325Van(jw325).Header;
  const rows = await em.query<{ id: string; bericht_id: string; antwoord_id: string | null }[]>(
    `SELECT d.id, d.bericht_id, d.antwoord_id FROM bericht b JOIN declaratie d ON d.bericht_id = b.id
      WHERE b.type = 'JW323' AND b.richting = 'in' AND b.afzender = $1 AND b.identificatie = $2 AND b.gemeente_code = $3${lock ? ' FOR UPDATE OF d' : ''}`,
    [h.Ontvanger, h.DeclaratieIdentificatie.Identificatie, gemeente],
  );
  return rows[0];
}

/**
 * A JW325 from a municipality's own system for a claim the hub holds for it: its outcome becomes
 * the claim's (the listed prestaties rejected with their codes, the others granted; a rejection
 * of the whole claim grants nothing), the JW323 is answered by it. Returns why it cannot be
 * recorded (then it is not forwarded), else the claim it settled.
 */
export async function legExternDeclaratieAntwoordVast(
  em: EntityManager,
  b: { id: string; gemeente_code: string },
  jw325: IjwMessage,
): Promise<{ fouten: Fout[]; declaratieId?: string }> {
  const d = await declaratieVan(em, b.gemeente_code, jw325, true);
  if (!d) return { fouten: [{ path: 'DeclaratieIdentificatie', message: 'geen declaratie (JW323) van deze aanbieder met deze identificatie' }] };
  if (d.antwoord_id) return { fouten: [{ path: 'DeclaratieIdentificatie', message: 'deze declaratie is al beantwoord' }] };
  const bericht = jw325Van(jw325);
  const a = bericht.DeclaratieAntwoord;
  const kop = retourcodesVan(bericht.Header);
  const antwoord = retourcodesVan(a);
  const geheel = !a ? kop : antwoord.filter((c) => c !== '0200' && c !== '8001');
  const afgewezen = new Map<string, string[]>();
  for (const c of a?.Clienten?.Client ?? []) {
    for (const p of c.Prestaties.Prestatie) afgewezen.set(p.ProductReferentie.ReferentieNummer, retourcodesVan(p));
  }
  await em.query(
    `UPDATE prestatie p SET toegekend = x.codes IS NULL, toegekend_centen = CASE WHEN x.codes IS NULL THEN p.ingediend_centen ELSE 0 END,
            retourcodes = coalesce(x.codes, '{}')
       FROM (SELECT q.id, CASE WHEN $2 THEN $3::text[] WHEN r.ref IS NULL THEN NULL ELSE string_to_array(r.codes, ',') END AS codes
               FROM prestatie q LEFT JOIN unnest($4::text[], $5::text[]) AS r(ref, codes) ON r.ref = q.referentie_nummer WHERE q.declaratie_id = $1) x
      WHERE p.id = x.id`,
    [d.id, geheel.length > 0, geheel, [...afgewezen.keys()], [...afgewezen.values()].map((c) => c.join(','))],
  );
  const codes = geheel.length ? geheel : antwoord;
  await em.query(
    `UPDATE declaratie SET toegekend_centen = coalesce((SELECT sum(toegekend_centen) FROM prestatie WHERE declaratie_id = $1), 0), retourcodes = $3,
            antwoord_id = $2, beantwoord_op = now(), aangehouden = false, aanhoud_reden = NULL,
            status = CASE WHEN status = 'afgewezen' THEN 'afgewezen' ELSE 'beantwoord' END
      WHERE id = $1`,
    [d.id, b.id, codes],
  );
  await berichtStatus.beantwoord(em, d.bericht_id, b.id, [...new Set([...codes, ...[...afgewezen.values()].flat()])]);
  await berichtStatus.koppel(em, b.id, d.bericht_id, false);
  return { fouten: [], declaratieId: d.id };
}

/** The values of a prestatie that a JW325 must repeat exactly (TR367). */
export const PRESTATIE_VELDEN = ['ToewijzingNummer', 'ProductCategorie', 'ProductCode', 'ProductPeriode', 'GeleverdVolume', 'Eenheid', 'ProductTarief', 'IngediendBedrag'] as const;

/** A prestatie's values in one comparable string (of a JW323 or a JW325: the fields both have). */
export function prestatieSleutel(p: Partial<Record<(typeof PRESTATIE_VELDEN)[number], unknown>>): string {
  return PRESTATIE_VELDEN.map((k) => JSON.stringify(p[k] ?? null)).join('|');
}
