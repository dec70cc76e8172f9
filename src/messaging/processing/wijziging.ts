import type { IjwNode } from '../ijw/codec';
import { nietVerwijderdSql } from '../../toewijzing/toewijzing.rules';
import { add, type Niveau3Context, type Niveau3Regel } from './rules';

/** The Verzoek of a JW317 with the ToewijzingNummers it names as unchanged and as to change. */
function verzoekVan(c: Niveau3Context): { client: IjwNode; verzoek: IjwNode; ongewijzigd: IjwNode[]; teWijzigen: IjwNode[] } | undefined {
  if (c.message.type !== 'JW317') return undefined;
  const client = c.message.bericht.Client as IjwNode | undefined;
  const verzoek = client?.Verzoek as IjwNode | undefined;
  if (!client || !verzoek) return undefined;
  return {
    client,
    verzoek,
    ongewijzigd: ((verzoek.OngewijzigdeProducten as IjwNode | undefined)?.OngewijzigdProduct ?? []) as IjwNode[],
    teWijzigen: ((verzoek.TeWijzigenProducten as IjwNode | undefined)?.TeWijzigenProduct ?? []) as IjwNode[],
  };
}

/**
 * TR349 (9349), TR350 (9350), TR351 (9351): a request for change (JW317) states the client's
 * whole current package at this provider: every current toewijzing as unchanged or to change,
 * and only toewijzingen that are current (not deleted, not ended before the Dagtekening).
 */
export const WIJZIGING_REGELS: Record<string, Niveau3Regel> = {
  TR349_TR351: async (c, b) => {
    const v = verzoekVan(c);
    if (!v) return;
    const dag = ((c.message.bericht.Header as IjwNode).BerichtIdentificatie as IjwNode).Dagtekening as string;
    const actueel = await c.em.query<{ nummer: number }[]>(
      `SELECT t.nummer FROM toewijzing t JOIN client cl ON cl.id = t.client_id
        WHERE t.gemeente_code = $1 AND t.aanbieder_agb = $2 AND cl.bsn_hash = $3
          AND (t.einddatum IS NULL OR t.einddatum >= $4)
          AND ${nietVerwijderdSql('t')}`,
      [c.bericht.gemeenteCode, c.bericht.afzender, c.clientHash(v.client.Bsn as string), dag],
    );
    const bekend = new Set(actueel.map((t) => t.nummer));
    for (const p of v.ongewijzigd) if (!bekend.has(Number(p.ToewijzingNummer))) add(b, p, '9350');
    for (const p of v.teWijzigen) if (!bekend.has(Number(p.ToewijzingNummer))) add(b, p, '9351');
    const genoemd = new Set([...v.ongewijzigd, ...v.teWijzigen].map((p) => Number(p.ToewijzingNummer)));
    if ([...bekend].some((n) => !genoemd.has(n))) add(b, v.verzoek, '9349');
  },
};
