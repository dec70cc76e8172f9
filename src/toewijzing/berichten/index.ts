import { nu } from '../../common/klok';
import type { IjwNode } from '../../messaging/ijw/codec';
import type { BerichtHandler, Weigering } from '../../messaging/processing/handlers';
import type { Niveau3Context } from '../../messaging/processing/rules';
import type { ClientInput } from '../toewijzing.inputs';
import { legExterneToewijzingVast, type ExternProduct } from '../toewijzing.service';
import { LEVERING_REGELS, legLeveringenVast } from './levering';
import { JW301_REGELS, JW319_REGELS, legVerzoekenVast, VERZOEK_REGELS } from './verzoek';
import { WIJZIGING_REGELS } from './wijziging';

/**
 * A JW301 from a municipality's own case system, checked: recorded as the hub's picture of the
 * allocation, and a request whose ReferentieAanbieder it carries (TR379 checked it is open) closed.
 */
async function legJw301Vast(c: Niveau3Context): Promise<readonly Weigering[]> {
  const client = c.message.bericht.Client as IjwNode;
  const producten = (client.ToegewezenProducten as IjwNode).ToegewezenProduct as IjwNode[];
  const fouten = await legExterneToewijzingVast(c.em, c.sleutels, {
    gemeente: c.bericht.gemeenteCode,
    regio: c.bericht.regioCode ?? '',
    agb: c.bericht.aanbiederAgb,
    client: clientVan(client),
    producten: producten.map(productVan),
  });
  if (fouten.length) return fouten;
  const refs = [...new Set(producten.map((p) => p.ReferentieAanbieder).filter((r): r is string => typeof r === 'string'))];
  if (refs.length) {
    await c.em.query(
      `UPDATE verzoek v SET status = 'toegewezen', beantwoord_op = $4,
              toewijzing_id = (SELECT t.id FROM toewijzing t WHERE t.gemeente_code = v.gemeente_code AND t.referentie_aanbieder = v.referentie_aanbieder ORDER BY t.nummer LIMIT 1)
        WHERE v.gemeente_code = $1 AND v.aanbieder_agb = $2 AND v.referentie_aanbieder = ANY ($3::text[]) AND v.status IN ('open', 'in_onderzoek')`,
      [c.bericht.gemeenteCode, c.bericht.aanbiederAgb, refs, nu()],
    );
  }
  return [];
}

/** A JW319 from a municipality's own case system, checked: the request it answers is rejected or under investigation. */
async function legJw319Vast(c: Niveau3Context): Promise<readonly Weigering[]> {
  const a = c.message.bericht.Antwoord as IjwNode;
  const status = a.VerzoekAntwoord === '1' ? 'afgewezen' : 'in_onderzoek';
  await c.em.query(
    `UPDATE verzoek SET status = $4, reden_afwijzing = $5, beantwoord_op = $6
      WHERE gemeente_code = $1 AND aanbieder_agb = $2 AND referentie_aanbieder = $3 AND status IN ('open', 'in_onderzoek')`,
    [c.bericht.gemeenteCode, c.bericht.aanbiederAgb, a.ReferentieAanbieder as string, status, (a.RedenAfwijzingVerzoek as string | undefined) ?? null, nu()],
  );
  return [];
}

/** The messages of allocations, care delivered and requests: what each records and which rules judge it. */
export const TOEWIJZING_BERICHTEN: readonly BerichtHandler[] = [
  { type: 'JW301', regels: JW301_REGELS, legVast: legJw301Vast },
  { type: 'JW305', regels: LEVERING_REGELS, legVast: legLeveringenVast },
  { type: 'JW307', regels: LEVERING_REGELS, legVast: legLeveringenVast },
  { type: 'JW315', regels: VERZOEK_REGELS, legVast: legVerzoekenVast },
  { type: 'JW317', regels: { ...VERZOEK_REGELS, ...WIJZIGING_REGELS }, legVast: legVerzoekenVast },
  { type: 'JW319', regels: JW319_REGELS, legVast: legJw319Vast },
];

function clientVan(c: IjwNode): ClientInput {
  const naam = c.Naam as IjwNode;
  const contacten = ((c.Contactgegevens as IjwNode | undefined)?.Contact ?? []) as IjwNode[];
  const adres = (contacten.find((x) => x.Adres) ?? {}).Adres as IjwNode | undefined;
  const huis = adres?.Huis as IjwNode | undefined;
  return {
    bsn: c.Bsn as string,
    geboortedatum: (c.Geboortedatum as IjwNode).Datum as string,
    geslacht: c.Geslacht as string,
    achternaam: (naam.Geslachtsnaam as IjwNode).Achternaam as string,
    voorvoegsel: (naam.Geslachtsnaam as IjwNode).Voorvoegsel as string | undefined,
    voornamen: naam.Voornamen as string | undefined,
    adres: {
      postcode: (adres?.Postcode as string | undefined) ?? '',
      huisnummer: Number(huis?.Huisnummer ?? 0),
      huisletter: huis?.Huisletter as string | undefined,
      toevoeging: huis?.HuisnummerToevoeging as string | undefined,
      straatnaam: adres?.Straatnaam as string | undefined,
      plaatsnaam: adres?.Plaatsnaam as string | undefined,
    },
  };
}

function productVan(p: IjwNode): ExternProduct {
  const product = p.Product as IjwNode | undefined;
  const omvang = p.Omvang as IjwNode | undefined;
  return {
    nummer: Number(p.ToewijzingNummer),
    categorie: (product?.Categorie as string | undefined) ?? '',
    code: product?.Code as string | undefined,
    ingangsdatum: p.Ingangsdatum as string,
    einddatum: p.Einddatum as string | undefined,
    volume: omvang ? Number(omvang.Volume) : undefined,
    eenheid: omvang?.Eenheid as string | undefined,
    frequentie: omvang?.Frequentie as string | undefined,
    budget: p.Budget === undefined ? undefined : Number(p.Budget),
    redenWijziging: (p.RedenWijziging as string | undefined) ?? null,
    referentie: (p.ReferentieAanbieder as string | undefined) ?? null,
    toewijzingsdatum: p.Toewijzingsdatum as string,
    toewijzingstijd: p.Toewijzingstijd as string,
  };
}

