import type { EntityManager } from 'typeorm';
import { nu } from '../../common/klok';
import { legExternDeclaratieAntwoordVast } from '../../declaratie/extern';
import type { ClientInput } from '../../toewijzing/toewijzing.inputs';
import { legExterneToewijzingVast, type ExternProduct } from '../../toewijzing/toewijzing.service';
import type { IjwMessage, IjwNode } from '../ijw/codec';
import type { MessageType } from '../ijw/definition';
import { betekenisVan } from '../ijw/retourcodes';
import { nodes } from './rules';
import type { Sleutels } from '../../common/sleutels';

/**
 * Municipality → provider messages a municipality's own case system sends through the hub: the
 * hub checks and records them and forwards them to the provider; the provider answers them itself.
 */
export const DOORGESTUURD: ReadonlySet<MessageType> = new Set(['JW301', 'JW319', 'JW325']);

/** The heen message of each retour. */
export const HEEN_VAN: Partial<Record<MessageType, MessageType>> = {
  JW302: 'JW301',
  JW306: 'JW305',
  JW308: 'JW307',
  JW316: 'JW315',
  JW318: 'JW317',
  JW320: 'JW319',
};

interface Bericht {
  id: string;
  gemeente_code: string;
  aanbieder_agb: string;
  regio_code: string | null;
}

export type Fout = { path: string; message: string };

/**
 * What forwarding did: the message's new status; why it was refused (an official retour code goes
 * into `codes`, like the rules' codes, not only into the text); whether the provider now has it.
 */
export interface Doorgestuurd {
  status: string;
  fouten: Fout[];
  codes: string[];
  vrijgegeven: boolean;
}

/** A refusal found while recording: its retour code (when it has one) beside its text. */
function geweigerd(fouten: (Fout & { retourcode?: string })[]): Doorgestuurd {
  return {
    status: 'afgekeurd',
    fouten: fouten.map((f) => ({ path: f.path, message: f.message })),
    codes: [...new Set(fouten.flatMap((f) => (f.retourcode ? [f.retourcode] : [])))],
    vrijgegeven: false,
  };
}

/**
 * Forwards a checked municipality message: `codes` from the rules reject it (it is not
 * forwarded, the sender reads why); a clean JW301 is recorded as the hub's picture of the
 * allocation, a JW319 closes the request it answers. Only a forwarded message is released to
 * the provider: a refused one was never sent (OP286), so only its sender sees it.
 */
export async function doorsturen(em: EntityManager, sleutels: Sleutels, b: Bericht, message: IjwMessage, codes: string[]): Promise<Doorgestuurd> {
  if (codes.length) return { status: 'afgekeurd', fouten: codes.map((c) => ({ path: c, message: betekenisVan(c) })), codes, vrijgegeven: false };
  if (message.type === 'JW301') {
    const fouten = await legExterneToewijzingVast(em, sleutels, {
      gemeente: b.gemeente_code,
      regio: b.regio_code ?? '',
      agb: b.aanbieder_agb,
      client: clientVan(message.bericht.Client as IjwNode),
      producten: (((message.bericht.Client as IjwNode).ToegewezenProducten as IjwNode).ToegewezenProduct as IjwNode[]).map(productVan),
    });
    if (fouten.length) return geweigerd(fouten);
    // A JW301 carrying a request's ReferentieAanbieder honours it (TR379 checked it is open): closed.
    const producten = ((message.bericht.Client as IjwNode).ToegewezenProducten as IjwNode).ToegewezenProduct as IjwNode[];
    const refs = [...new Set(producten.map((p) => p.ReferentieAanbieder).filter((r): r is string => typeof r === 'string'))];
    if (refs.length) {
      await em.query(
        `UPDATE verzoek v SET status = 'toegewezen', beantwoord_op = $4,
                toewijzing_id = (SELECT t.id FROM toewijzing t WHERE t.gemeente_code = v.gemeente_code AND t.referentie_aanbieder = v.referentie_aanbieder ORDER BY t.nummer LIMIT 1)
          WHERE v.gemeente_code = $1 AND v.aanbieder_agb = $2 AND v.referentie_aanbieder = ANY ($3::text[]) AND v.status IN ('open', 'in_onderzoek')`,
        [b.gemeente_code, b.aanbieder_agb, refs, nu()],
      );
    }
  }
  if (message.type === 'JW325') {
    // The municipality judges claims in its own system: its answer becomes the claim's outcome.
    const fouten = await legExternDeclaratieAntwoordVast(em, b, message);
    if (fouten.length) return geweigerd(fouten);
  }
  if (message.type === 'JW319') {
    const a = message.bericht.Antwoord as IjwNode;
    const status = a.VerzoekAntwoord === '1' ? 'afgewezen' : 'in_onderzoek';
    await em.query(
      `UPDATE verzoek SET status = $4, reden_afwijzing = $5, beantwoord_op = $6
        WHERE gemeente_code = $1 AND aanbieder_agb = $2 AND referentie_aanbieder = $3 AND status IN ('open', 'in_onderzoek')`,
      [b.gemeente_code, b.aanbieder_agb, a.ReferentieAanbieder as string, status, (a.RedenAfwijzingVerzoek as string | undefined) ?? null, nu()],
    );
  }
  // The outbox row delivers it to the provider's endpoint or mailbox, like the hub's own messages.
  await em.query(`INSERT INTO outbox (soort, bericht_id) VALUES ('bezorg', $1)`, [b.id]);
  return { status: 'klaar', fouten: [], codes: [], vrijgegeven: true };
}

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

/**
 * A retour from the other party (JW302 on a JW301, JW320 on a JW319, …): linked to the message it
 * answers (same type pair, Afzender and Identificatie: a retour copies the heen header), so the
 * sender reads it beside its message. A second retour for one message is kept but not linked.
 */
export async function koppelRetour(em: EntityManager, id: string, message: IjwMessage): Promise<{ fouten: Fout[]; codes: string[] }> {
  const h = message.bericht.Header as IjwNode;
  const codes = [...nodes(message.bericht)].flatMap((n) => ((n.RetourCodes as IjwNode | undefined)?.RetourCode ?? []) as string[]);
  const heen = await em.query<{ id: string; retour_id: string | null }[]>(
    `SELECT id, retour_id FROM bericht WHERE type = $1 AND afzender = $2 AND identificatie = $3 AND status <> 'ongeldig' ORDER BY ontvangen_op DESC LIMIT 1`,
    [HEEN_VAN[message.type] ?? '', h.Afzender as string, (h.BerichtIdentificatie as IjwNode).Identificatie as string],
  );
  if (!heen[0]) return { fouten: [{ path: 'Header', message: 'onbekend heenbericht' }], codes };
  if (heen[0].retour_id) return { fouten: [{ path: 'Header', message: `heenbericht ${heen[0].id} heeft al een retour` }], codes };
  // Linked, it reaches the heen message's sender: a municipality's retour is then the provider's to read.
  await em.query(`UPDATE bericht SET heen_id = $2, aanbieder_ziet = true WHERE id = $1`, [id, heen[0].id]);
  await em.query(`UPDATE bericht SET retour_id = $2, retourcodes = $3 WHERE id = $1`, [heen[0].id, id, codes]);
  return { fouten: [], codes };
}
