import { nu } from '../../common/klok';
import { metGeaccepteerdePrestaties } from '../../declaratie/declaratie.verwerking';
import type { Wijzigingspakket } from '../verzoek.entity';
import { plusWerkdagen } from '../../common/werkdagen';
import type { IjwCDTOmvang, Jw301ToegewezenProduct, Jw315AangevraagdProduct, Jw315Client, Jw317Verzoek } from '../../messaging/ijw/definitions/types';
import { inhoud } from '../../messaging/ijw/model';
import { add, type Niveau3Context, type Niveau3Regel } from '../../messaging/processing/rules';
import { verzoekVan } from './wijziging';

function aangevraagd(c: Niveau3Context): { client: Jw315Client; producten: Jw315AangevraagdProduct[] } | undefined {
  const client = inhoud(c.message, 'JW315')?.Client;
  if (!client) return undefined;
  return { client, producten: client.AangevraagdeProducten.AangevraagdProduct };
}

/** TR347 (9347) and TR374 (9374) for a JW315 or a JW317, against the requests received before. */
export const VERZOEK_REGELS: Record<string, Niveau3Regel> = {
  /** TR347 → 9347: ReferentieAanbieder unique per provider, on each JW315 product or on the JW317's Verzoek. */
  TR347: async (c, b) => {
    const w = verzoekVan(c);
    // The classes that carry a ReferentieAanbieder: the JW317's Verzoek, each JW315 product.
    const producten: { ReferentieAanbieder: string }[] | undefined = w ? [w.verzoek] : aangevraagd(c)?.producten;
    if (!producten) return;
    const refs = producten.map((p) => p.ReferentieAanbieder);
    const bekend = await c.em.query<{ r: string }[]>(`SELECT referentie_aanbieder AS r FROM verzoek WHERE aanbieder_agb = $1 AND referentie_aanbieder = ANY ($2::text[])`, [
      c.bericht.afzender,
      refs,
    ]);
    const set = new Set(bekend.map((x) => x.r));
    for (const p of producten) if (set.has(p.ReferentieAanbieder)) add(b, p, '9347');
  },
  /**
   * TR374 → 9374: no other request of this provider for this client may still be open at this
   * municipality (OP350), for a JW315 or a JW317. Another municipality's requests are its own.
   */
  TR374: async (c, b) => {
    const jw317 = inhoud(c.message, 'JW317');
    const jw315 = aangevraagd(c);
    const client = jw317?.Client ?? jw315?.client;
    // The classes that get the code: the Verzoek of a JW317, each requested product of a JW315.
    const klassen: (Jw317Verzoek | Jw315AangevraagdProduct)[] = jw317 ? [jw317.Client.Verzoek] : (jw315?.producten ?? []);
    if (!client || !klassen.length) return;
    const open = await c.em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM verzoek WHERE aanbieder_agb = $1 AND gemeente_code = $2 AND client_hash = $3 AND status IN ('open', 'in_onderzoek')`,
      [c.bericht.afzender, c.bericht.gemeenteCode, c.sleutels.bsnHash(client.Bsn)],
    );
    if (open[0].n > 0) for (const k of klassen) if (!b.klassen.has(k)) add(b, k, '9374');
  },
};

/** Records an accepted JW317: one request holding the whole desired package, due in 5 working days (OP346). */
async function legWijzigingVast(c: Niveau3Context): Promise<void> {
  const w = verzoekVan(c);
  if (!w) return;
  const omvang = (p: { Omvang?: IjwCDTOmvang }) => ({ volume: p.Omvang?.Volume ?? null, eenheid: p.Omvang?.Eenheid ?? null, frequentie: p.Omvang?.Frequentie ?? null });
  const pakket: Wijzigingspakket = {
    ongewijzigd: w.ongewijzigd.map((p) => p.ToewijzingNummer),
    teWijzigen: w.teWijzigen.map((p) => ({
      toewijzingNummer: p.ToewijzingNummer,
      gewensteIngangsdatum: p.GewensteIngangsdatum,
      einddatum: p.Einddatum ?? null,
      ...omvang(p),
      budget: p.Budget ?? null,
    })),
    nieuw: w.nieuw.map((p) => ({
      productCategorie: p.Product?.Categorie ?? null,
      productCode: p.Product?.Code ?? null,
      gewensteIngangsdatum: p.GewensteIngangsdatum,
      einddatum: p.Einddatum ?? null,
      ...omvang(p),
      budget: p.Budget ?? null,
    })),
  };
  // TR353 (level 2) guarantees a TeWijzigenProduct or NieuwProduct; today only as a last resort.
  const ingang = [...pakket.teWijzigen, ...pakket.nieuw].map((p) => p.gewensteIngangsdatum).sort()[0] ?? c.vandaag;
  const bsn = w.client.Bsn;
  await c.em.query(
    `INSERT INTO verzoek (bericht_id, soort, regio_code, gemeente_code, aanbieder_agb, referentie_aanbieder, client_hash, gegevens_versleuteld,
                          ingangsdatum, reden_verzoek, pakket, uiterlijk, ontvangen_op)
     VALUES ($1, 'wijziging', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      c.bericht.id,
      c.bericht.regioCode,
      c.bericht.gemeenteCode,
      c.bericht.afzender,
      w.verzoek.ReferentieAanbieder,
      c.sleutels.bsnHash(bsn),
      c.sleutels.versleutel(Buffer.from(JSON.stringify({ bsn }))),
      ingang,
      w.verzoek.RedenVerzoek,
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
  const naam = v.client.Naam;
  const gegevens = {
    bsn: v.client.Bsn,
    geboortedatum: v.client.Geboortedatum.Datum,
    geslacht: v.client.Geslacht,
    achternaam: naam.Geslachtsnaam.Achternaam,
    voorvoegsel: naam.Geslachtsnaam.Voorvoegsel,
    voornamen: naam.Voornamen,
  };
  const blob = c.sleutels.versleutel(Buffer.from(JSON.stringify(gegevens)));
  const uiterlijk = plusWerkdagen(c.vandaag, 5);
  for (const p of v.producten) {
    await c.em.query(
      `INSERT INTO verzoek (bericht_id, regio_code, gemeente_code, aanbieder_agb, referentie_aanbieder, client_hash, gegevens_versleuteld,
                            product_categorie, product_code, ingangsdatum, einddatum, volume, eenheid, frequentie, budget, verwijzer_type, uiterlijk, ontvangen_op)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        c.bericht.id,
        c.bericht.regioCode,
        c.bericht.gemeenteCode,
        c.bericht.afzender,
        p.ReferentieAanbieder,
        c.sleutels.bsnHash(gegevens.bsn),
        blob,
        p.Product?.Categorie ?? null,
        p.Product?.Code ?? null,
        p.ToewijzingIngangsdatum,
        p.ToewijzingEinddatum ?? null,
        p.Omvang?.Volume ?? null,
        p.Omvang?.Eenheid ?? null,
        p.Omvang?.Frequentie ?? null,
        p.Budget ?? null,
        p.Verwijzer.Type,
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
    const jw301 = inhoud(c.message, 'JW301');
    if (!jw301) return;
    const metReferentie = jw301.Client.ToegewezenProducten.ToegewezenProduct.filter((p): p is Jw301ToegewezenProduct & { ReferentieAanbieder: string } => p.ReferentieAanbieder !== undefined);
    if (!metReferentie.length) return;
    const open = await c.em.query<{ r: string }[]>(
      `SELECT referentie_aanbieder AS r FROM verzoek
        WHERE gemeente_code = $1 AND aanbieder_agb = $2 AND referentie_aanbieder = ANY ($3::text[]) AND status IN ('open', 'in_onderzoek')`,
      [c.bericht.gemeenteCode, jw301.Header.Ontvanger, metReferentie.map((p) => p.ReferentieAanbieder)],
    );
    const set = new Set(open.map((x) => x.r));
    for (const p of metReferentie) if (!set.has(p.ReferentieAanbieder)) add(b, p, '9379');
  },
  /**
   * TR385 → 9385: a JW301 may not delete (Einddatum = Ingangsdatum, RedenWijziging 13) a
   * toewijzing that has accepted prestaties not credited since (OP362).
   */
  TR385: async (c, b) => {
    const producten = inhoud(c.message, 'JW301')?.Client.ToegewezenProducten.ToegewezenProduct ?? [];
    const weg = producten.filter((p) => p.RedenWijziging === '13' && p.Einddatum === p.Ingangsdatum);
    if (!weg.length) return;
    const met = new Set((await metGeaccepteerdePrestaties(c.em, c.bericht.gemeenteCode, weg.map((p) => p.ToewijzingNummer))).map(String));
    for (const p of weg) if (met.has(String(p.ToewijzingNummer))) add(b, p, '9385');
  },
};

/**
 * TR355 (9355), TR359 (9359), TR360 (9360), TR365 (9365) for a JW319: it must answer a request the
 * hub knows, not one already allocated or rejected, and "in onderzoek" only once.
 */
export const JW319_REGELS: Record<string, Niveau3Regel> = {
  TR355_TR365: async (c, b) => {
    const jw319 = inhoud(c.message, 'JW319');
    if (!jw319) return;
    const a = jw319.Antwoord;
    const v = await c.em.query<{ status: string }[]>(
      `SELECT status FROM verzoek WHERE gemeente_code = $1 AND aanbieder_agb = $2 AND referentie_aanbieder = $3`,
      [c.bericht.gemeenteCode, jw319.Header.Ontvanger, a.ReferentieAanbieder],
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
