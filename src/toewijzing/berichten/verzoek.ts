import { nu } from '../../common/klok';
import { metGeaccepteerdePrestaties } from '../../declaratie/declaratie.verwerking';
import type { Wijzigingspakket } from '../verzoek.entity';
import { plusWerkdagen } from '../../common/werkdagen';
import type { IjwNode } from '../../messaging/ijw/codec';
import { add, type Niveau3Context, type Niveau3Regel } from '../../messaging/processing/rules';
import { verzoekVan } from './wijziging';

function aangevraagd(c: Niveau3Context): { client: IjwNode; producten: IjwNode[] } | undefined {
  if (c.message.type !== 'JW315') return undefined;
  const client = c.message.bericht.Client as IjwNode | undefined;
  if (!client) return undefined;
  return { client, producten: ((client.AangevraagdeProducten as IjwNode | undefined)?.AangevraagdProduct ?? []) as IjwNode[] };
}

/** TR347 (9347) and TR374 (9374) for a JW315 or a JW317, against the requests received before. */
export const VERZOEK_REGELS: Record<string, Niveau3Regel> = {
  /** TR347 → 9347: ReferentieAanbieder unique per provider, on each JW315 product or on the JW317's Verzoek. */
  TR347: async (c, b) => {
    const w = verzoekVan(c);
    const v = w ? { producten: [w.verzoek] } : aangevraagd(c);
    if (!v) return;
    const refs = v.producten.map((p) => p.ReferentieAanbieder as string);
    const bekend = await c.em.query<{ r: string }[]>(`SELECT referentie_aanbieder AS r FROM verzoek WHERE aanbieder_agb = $1 AND referentie_aanbieder = ANY ($2::text[])`, [
      c.bericht.afzender,
      refs,
    ]);
    const set = new Set(bekend.map((x) => x.r));
    for (const p of v.producten) if (set.has(p.ReferentieAanbieder as string)) add(b, p, '9347');
  },
  /**
   * TR374 → 9374: no other request of this provider for this client may still be open at this
   * municipality (OP350), for a JW315 or a JW317. Another municipality's requests are its own.
   */
  TR374: async (c, b) => {
    const client = c.message.bericht.Client as IjwNode | undefined;
    // The classes that get the code: the Verzoek of a JW317, each requested product of a JW315.
    const klassen = c.message.type === 'JW317' ? [client?.Verzoek as IjwNode] : c.message.type === 'JW315' ? (aangevraagd(c)?.producten ?? []) : [];
    if (!client || !klassen.length) return;
    const open = await c.em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM verzoek WHERE aanbieder_agb = $1 AND gemeente_code = $2 AND client_hash = $3 AND status IN ('open', 'in_onderzoek')`,
      [c.bericht.afzender, c.bericht.gemeenteCode, c.clientHash(client.Bsn as string)],
    );
    if (open[0].n > 0) for (const k of klassen) if (!b.klassen.has(k)) add(b, k, '9374');
  },
};

/** Records an accepted JW317: one request holding the whole desired package, due in 5 working days (OP346). */
async function legWijzigingVast(c: Niveau3Context): Promise<void> {
  const w = verzoekVan(c);
  if (!w) return;
  const getal = (x: unknown) => (x === undefined ? null : Number(x));
  const omvang = (p: IjwNode) => {
    const o = p.Omvang as IjwNode | undefined;
    return { volume: getal(o?.Volume), eenheid: (o?.Eenheid as string | undefined) ?? null, frequentie: (o?.Frequentie as string | undefined) ?? null };
  };
  const pakket: Wijzigingspakket = {
    ongewijzigd: w.ongewijzigd.map((p) => Number(p.ToewijzingNummer)),
    teWijzigen: w.teWijzigen.map((p) => ({
      toewijzingNummer: Number(p.ToewijzingNummer),
      gewensteIngangsdatum: p.GewensteIngangsdatum as string,
      einddatum: (p.Einddatum as string | undefined) ?? null,
      ...omvang(p),
      budget: getal(p.Budget),
    })),
    nieuw: w.nieuw.map((p) => ({
      productCategorie: ((p.Product as IjwNode | undefined)?.Categorie as string | undefined) ?? null,
      productCode: ((p.Product as IjwNode | undefined)?.Code as string | undefined) ?? null,
      gewensteIngangsdatum: p.GewensteIngangsdatum as string,
      einddatum: (p.Einddatum as string | undefined) ?? null,
      ...omvang(p),
      budget: getal(p.Budget),
    })),
  };
  // TR353 (level 2) guarantees a TeWijzigenProduct or NieuwProduct; today only as a last resort.
  const ingang = [...pakket.teWijzigen, ...pakket.nieuw].map((p) => p.gewensteIngangsdatum).sort()[0] ?? c.vandaag;
  const bsn = w.client.Bsn as string;
  await c.em.query(
    `INSERT INTO verzoek (bericht_id, soort, regio_code, gemeente_code, aanbieder_agb, referentie_aanbieder, client_hash, gegevens_versleuteld,
                          ingangsdatum, reden_verzoek, pakket, uiterlijk, ontvangen_op)
     VALUES ($1, 'wijziging', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      c.bericht.id,
      c.bericht.regioCode,
      c.bericht.gemeenteCode,
      c.bericht.afzender,
      w.verzoek.ReferentieAanbieder as string,
      c.clientHash(bsn),
      c.sleutels.versleutel(Buffer.from(JSON.stringify({ bsn }))),
      ingang,
      w.verzoek.RedenVerzoek as string,
      JSON.stringify(pakket),
      plusWerkdagen(c.vandaag, 5),
      nu(),
    ],
  );
}

/**
 * Records an accepted JW315 or JW317 in the access team's work list, due in 5 working days:
 * one request per JW315 product, one per JW317 (its whole package).
 */
export async function legVerzoekenVast(c: Niveau3Context): Promise<void> {
  await legWijzigingVast(c);
  const v = aangevraagd(c);
  if (!v) return;
  const naam = v.client.Naam as IjwNode;
  const gegevens = {
    bsn: v.client.Bsn as string,
    geboortedatum: (v.client.Geboortedatum as IjwNode).Datum as string,
    geslacht: v.client.Geslacht as string,
    achternaam: (naam.Geslachtsnaam as IjwNode).Achternaam as string,
    voorvoegsel: (naam.Geslachtsnaam as IjwNode).Voorvoegsel as string | undefined,
    voornamen: naam.Voornamen as string | undefined,
  };
  const blob = c.sleutels.versleutel(Buffer.from(JSON.stringify(gegevens)));
  const uiterlijk = plusWerkdagen(c.vandaag, 5);
  for (const p of v.producten) {
    const product = p.Product as IjwNode | undefined;
    const omvang = p.Omvang as IjwNode | undefined;
    await c.em.query(
      `INSERT INTO verzoek (bericht_id, regio_code, gemeente_code, aanbieder_agb, referentie_aanbieder, client_hash, gegevens_versleuteld,
                            product_categorie, product_code, ingangsdatum, einddatum, volume, eenheid, frequentie, budget, verwijzer_type, uiterlijk, ontvangen_op)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        c.bericht.id,
        c.bericht.regioCode,
        c.bericht.gemeenteCode,
        c.bericht.afzender,
        p.ReferentieAanbieder as string,
        c.clientHash(gegevens.bsn),
        blob,
        (product?.Categorie as string | undefined) ?? null,
        (product?.Code as string | undefined) ?? null,
        p.ToewijzingIngangsdatum as string,
        (p.ToewijzingEinddatum as string | undefined) ?? null,
        omvang ? Number(omvang.Volume) : null,
        (omvang?.Eenheid as string | undefined) ?? null,
        (omvang?.Frequentie as string | undefined) ?? null,
        p.Budget === undefined ? null : Number(p.Budget),
        (p.Verwijzer as IjwNode).Type as string,
        uiterlijk,
        nu(),
      ],
    );
  }
}

/**
 * Rules for the answers a municipality's case system sends through the hub (a broken one is not
 * forwarded). TR379 (9379) and TR385 (9385) for a JW301: a ReferentieAanbieder only where it
 * honours an open request, no deletion of a toewijzing with accepted prestaties.
 */
export const JW301_REGELS: Record<string, Niveau3Regel> = {
  /**
   * TR379 → 9379: a ToegewezenProduct carries a ReferentieAanbieder only when the JW301 honours
   * that request (VOT or VOW) of this provider at this municipality, and only the first time:
   * the request must still be open or in onderzoek.
   */
  TR379: async (c, b) => {
    if (c.message.type !== 'JW301') return;
    const producten = (((c.message.bericht.Client as IjwNode | undefined)?.ToegewezenProducten as IjwNode | undefined)?.ToegewezenProduct ?? []) as IjwNode[];
    const metReferentie = producten.filter((p) => typeof p.ReferentieAanbieder === 'string');
    if (!metReferentie.length) return;
    const open = await c.em.query<{ r: string }[]>(
      `SELECT referentie_aanbieder AS r FROM verzoek
        WHERE gemeente_code = $1 AND aanbieder_agb = $2 AND referentie_aanbieder = ANY ($3::text[]) AND status IN ('open', 'in_onderzoek')`,
      [c.bericht.gemeenteCode, (c.message.bericht.Header as IjwNode).Ontvanger as string, metReferentie.map((p) => p.ReferentieAanbieder as string)],
    );
    const set = new Set(open.map((x) => x.r));
    for (const p of metReferentie) if (!set.has(p.ReferentieAanbieder as string)) add(b, p, '9379');
  },
  /**
   * TR385 → 9385: a JW301 may not delete (Einddatum = Ingangsdatum, RedenWijziging 13) a
   * toewijzing that has accepted prestaties not credited since (OP362).
   */
  TR385: async (c, b) => {
    if (c.message.type !== 'JW301') return;
    const producten = (((c.message.bericht.Client as IjwNode | undefined)?.ToegewezenProducten as IjwNode | undefined)?.ToegewezenProduct ?? []) as IjwNode[];
    const weg = producten.filter((p) => p.RedenWijziging === '13' && p.Einddatum === p.Ingangsdatum);
    if (!weg.length) return;
    const met = new Set((await metGeaccepteerdePrestaties(c.em, c.bericht.gemeenteCode, weg.map((p) => Number(p.ToewijzingNummer)))).map(String));
    for (const p of weg) if (met.has(String(Number(p.ToewijzingNummer)))) add(b, p, '9385');
  },
};

/**
 * TR355 (9355), TR359 (9359), TR360 (9360), TR365 (9365) for a JW319: it must answer a request the
 * hub knows, not one already allocated or rejected, and "in onderzoek" only once.
 */
export const JW319_REGELS: Record<string, Niveau3Regel> = {
  TR355_TR365: async (c, b) => {
    if (c.message.type !== 'JW319') return;
    const a = c.message.bericht.Antwoord as IjwNode;
    const v = await c.em.query<{ status: string }[]>(
      `SELECT status FROM verzoek WHERE gemeente_code = $1 AND aanbieder_agb = $2 AND referentie_aanbieder = $3`,
      [c.bericht.gemeenteCode, (c.message.bericht.Header as IjwNode).Ontvanger as string, a.ReferentieAanbieder as string],
    );
    const status = v[0]?.status;
    const code = !status
      ? '9355'
      : status === 'toegewezen'
        ? '9359'
        : status === 'afgewezen'
          ? '9365'
          : status === 'in_onderzoek' && a.VerzoekAntwoord === '2'
            ? '9360'
            : undefined;
    if (code) add(b, a, code);
  },
};
