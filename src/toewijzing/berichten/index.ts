import { nu } from '../../common/klok';
import type { Jw301Client, Jw301ToegewezenProduct } from '../../messaging/ijw/definitions/types';
import { inhoud } from '../../messaging/ijw/model';
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
  const jw301 = inhoud(c.message, 'JW301');
  if (!jw301) return [];
  const client = jw301.Client;
  const producten = client.ToegewezenProducten.ToegewezenProduct;
  const fouten = await legExterneToewijzingVast(c.em, c.sleutels, {
    gemeente: c.bericht.gemeenteCode,
    regio: c.bericht.regioCode ?? '',
    agb: c.bericht.aanbiederAgb,
    client: clientVan(client),
    producten: producten.map(productVan),
  });
  if (fouten.length) return fouten;
  const refs = [...new Set(producten.map((p) => p.ReferentieAanbieder).filter((r) => r !== undefined))];
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
  const a = inhoud(c.message, 'JW319')?.Antwoord;
  if (!a) return [];
  const status = a.VerzoekAntwoord === '1' ? 'afgewezen' : 'in_onderzoek';
  await c.em.query(
    `UPDATE verzoek SET status = $4, reden_afwijzing = $5, beantwoord_op = $6
      WHERE gemeente_code = $1 AND aanbieder_agb = $2 AND referentie_aanbieder = $3 AND status IN ('open', 'in_onderzoek')`,
    [c.bericht.gemeenteCode, c.bericht.aanbiederAgb, a.ReferentieAanbieder, status, a.RedenAfwijzingVerzoek ?? null, nu()],
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

function clientVan(c: Jw301Client): ClientInput {
  const naam = c.Naam;
  const adres = c.Contactgegevens.Contact.find((x) => x.Adres)?.Adres;
  const huis = adres?.Huis;
  return {
    bsn: c.Bsn,
    geboortedatum: c.Geboortedatum.Datum,
    geslacht: c.Geslacht,
    achternaam: naam.Geslachtsnaam.Achternaam,
    voorvoegsel: naam.Geslachtsnaam.Voorvoegsel,
    voornamen: naam.Voornamen,
    adres: {
      postcode: adres?.Postcode ?? '',
      huisnummer: huis?.Huisnummer ?? 0,
      huisletter: huis?.Huisletter,
      toevoeging: huis?.HuisnummerToevoeging,
      straatnaam: adres?.Straatnaam,
      plaatsnaam: adres?.Plaatsnaam,
    },
  };
}

function productVan(p: Jw301ToegewezenProduct): ExternProduct {
  return {
    nummer: p.ToewijzingNummer,
    categorie: p.Product?.Categorie ?? '',
    code: p.Product?.Code,
    ingangsdatum: p.Ingangsdatum,
    einddatum: p.Einddatum,
    volume: p.Omvang?.Volume,
    eenheid: p.Omvang?.Eenheid,
    frequentie: p.Omvang?.Frequentie,
    budget: p.Budget,
    redenWijziging: p.RedenWijziging ?? null,
    referentie: p.ReferentieAanbieder ?? null,
    toewijzingsdatum: p.Toewijzingsdatum,
    toewijzingstijd: p.Toewijzingstijd,
  };
}
