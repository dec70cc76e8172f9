import type { IjwMessage, IjwNode } from '../messaging/ijw/codec';
import { eigenKop } from '../messaging/processing/retour';
import type { ToewijzingEntity } from './toewijzing.entity';

/** What the hub keeps of a client, encrypted (the JW301 needs it all). */
export interface ClientGegevens {
  bsn: string;
  geboortedatum: string;
  /** Geslacht: 0 onbekend, 1 man, 2 vrouw. */
  geslacht: string;
  achternaam: string;
  voorvoegsel?: string;
  voornamen?: string;
  adres: { postcode: string; huisnummer: number; huisletter?: string; toevoeging?: string; straatnaam?: string; plaatsnaam?: string };
}

/** One ToegewezenProduct as the JW301 carries it; RedenWijziging only for numbers changed now (IV099). */
function product(t: ToewijzingEntity, gewijzigd: boolean, referentie: string | null): IjwNode {
  const p: IjwNode = { ToewijzingNummer: t.nummer };
  if (referentie) p.ReferentieAanbieder = referentie;
  p.Product = t.productCode ? { Categorie: t.productCategorie, Code: t.productCode } : { Categorie: t.productCategorie };
  p.Toewijzingsdatum = t.toewijzingsdatum;
  p.Toewijzingstijd = t.toewijzingstijd.slice(0, 8);
  p.Ingangsdatum = t.ingangsdatum;
  if (t.einddatum) p.Einddatum = t.einddatum;
  if (gewijzigd && t.redenWijziging) p.RedenWijziging = t.redenWijziging;
  if (t.volume !== null && t.eenheid && t.frequentie) p.Omvang = { Volume: t.volume, Eenheid: t.eenheid, Frequentie: t.frequentie };
  if (t.budget !== null) p.Budget = t.budget;
  return p;
}

/**
 * A JW301 with the complete current picture for one client at one provider (OP087): every
 * toewijzing in `actueel`, with RedenWijziging on those in `gewijzigd` and ReferentieAanbieder
 * only on those that honour the request being answered (IV094/IV097, TR379).
 */
export function bouwJw301(a: {
  gemeenteCode: string;
  aanbiederAgb: string;
  identificatie: string;
  dagtekening: string;
  client: ClientGegevens;
  actueel: ToewijzingEntity[];
  gewijzigd: ReadonlySet<number>;
  beantwoordt?: ReadonlySet<number>;
}): IjwMessage {
  const c = a.client;
  const huis: IjwNode = { Huisnummer: c.adres.huisnummer };
  if (c.adres.huisletter) huis.Huisletter = c.adres.huisletter;
  if (c.adres.toevoeging) huis.HuisnummerToevoeging = c.adres.toevoeging;
  const adres: IjwNode = { Huis: huis, Postcode: c.adres.postcode };
  if (c.adres.straatnaam) adres.Straatnaam = c.adres.straatnaam;
  if (c.adres.plaatsnaam) adres.Plaatsnaam = c.adres.plaatsnaam;
  adres.LandCode = 'NL';
  const geslachtsnaam: IjwNode = { Achternaam: c.achternaam };
  if (c.voorvoegsel) geslachtsnaam.Voorvoegsel = c.voorvoegsel;
  const naam: IjwNode = { Geslachtsnaam: geslachtsnaam };
  if (c.voornamen) naam.Voornamen = c.voornamen;
  naam.NaamGebruik = '1';
  return {
    type: 'JW301',
    bericht: {
      Header: eigenKop('JW301', a.gemeenteCode, a.aanbiederAgb, a.identificatie, a.dagtekening),
      Client: {
        Bsn: c.bsn,
        Geboortedatum: { Datum: c.geboortedatum },
        Geslacht: c.geslacht,
        Naam: naam,
        Contactgegevens: { Contact: [{ Soort: '01', Adres: adres }] },
        ToegewezenProducten: {
          ToegewezenProduct: [...a.actueel]
            .sort((x, y) => x.nummer - y.nummer)
            .map((t) => product(t, a.gewijzigd.has(t.nummer), a.beantwoordt?.has(t.nummer) ? t.referentieAanbieder : null)),
        },
      },
    },
  };
}
