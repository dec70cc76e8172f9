import type { EntityManager } from 'typeorm';
import { berichtStatus } from '../messaging/status';
import type { IjwMessage, IjwNode, IjwValue } from '../messaging/ijw/codec';
import { lijst } from './jw325';

type Fout = { path: string; message: string };

const tekst = (v: IjwValue | undefined): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const retourcodesVan = (n: IjwNode | undefined): string[] => {
  const r = (n?.RetourCodes as IjwNode | undefined)?.RetourCode;
  return r === undefined ? [] : Array.isArray(r) ? r.map(tekst) : [tekst(r)];
};

/** The claim a JW325 answers: the JW323 the provider (its Ontvanger) sent with its DeclaratieIdentificatie. */
export async function declaratieVan(em: EntityManager, gemeente: string, jw325: IjwMessage, lock = false): Promise<{ id: string; bericht_id: string; antwoord_id: string | null } | undefined> {
  const h = jw325.bericht.Header as IjwNode;
  const rows = await em.query<{ id: string; bericht_id: string; antwoord_id: string | null }[]>(
    `SELECT d.id, d.bericht_id, d.antwoord_id FROM bericht b JOIN declaratie d ON d.bericht_id = b.id
      WHERE b.type = 'JW323' AND b.richting = 'in' AND b.afzender = $1 AND b.identificatie = $2 AND b.gemeente_code = $3${lock ? ' FOR UPDATE OF d' : ''}`,
    [tekst(h.Ontvanger), tekst((h.DeclaratieIdentificatie as IjwNode).Identificatie), gemeente],
  );
  return rows[0];
}

/**
 * A JW325 from a municipality's own system for a claim the hub holds for it: its outcome becomes
 * the claim's (the listed prestaties rejected with their codes, the others granted; a rejection
 * of the whole claim grants nothing), the JW323 is answered by it. Returns why it cannot be
 * recorded (then it is not forwarded).
 */
export async function legExternDeclaratieAntwoordVast(em: EntityManager, b: { id: string; gemeente_code: string }, jw325: IjwMessage): Promise<Fout[]> {
  const d = await declaratieVan(em, b.gemeente_code, jw325, true);
  if (!d) return [{ path: 'DeclaratieIdentificatie', message: 'geen declaratie (JW323) van deze aanbieder met deze identificatie' }];
  if (d.antwoord_id) return [{ path: 'DeclaratieIdentificatie', message: 'deze declaratie is al beantwoord' }];
  const a = jw325.bericht.DeclaratieAntwoord as IjwNode | undefined;
  const kop = retourcodesVan(jw325.bericht.Header as IjwNode);
  const antwoord = retourcodesVan(a);
  const geheel = !a ? kop : antwoord.filter((c) => c !== '0200' && c !== '8001');
  const afgewezen = new Map<string, string[]>();
  for (const c of lijst((a?.Clienten as IjwNode | undefined)?.Client)) {
    for (const p of lijst((c.Prestaties as IjwNode).Prestatie)) afgewezen.set(tekst((p.ProductReferentie as IjwNode).ReferentieNummer), retourcodesVan(p));
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
  return [];
}

/** The values of a prestatie that a JW325 must repeat exactly (TR367). */
export const PRESTATIE_VELDEN = ['ToewijzingNummer', 'ProductCategorie', 'ProductCode', 'ProductPeriode', 'GeleverdVolume', 'Eenheid', 'ProductTarief', 'IngediendBedrag'] as const;

/** A prestatie's values in one comparable string. */
export function prestatieSleutel(p: IjwNode): string {
  return PRESTATIE_VELDEN.map((k) => JSON.stringify(p[k] ?? null)).join('|');
}
