import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { sha256Hex } from '../common/crypto';
import { fromDatabaseError, HubError, HubErrorCode } from '../common/hub-error';
import { vandaag } from '../common/klok';
import type { Sleutels } from '../common/sleutels';
import { bouwJw323 } from '../declaratie/jw323';
import { paginate, type Connection, type PageArgs } from '../graphql/pagination';
import { CodecError } from '../messaging/ijw/codec.errors';
import { parseMessage, writeMessage, type IjwNode, type IjwValue } from '../messaging/ijw/codec';
import { kop } from '../messaging/ijw/model';
import { sampleMessage } from '../messaging/ijw/samples';
import type { XsdValidators } from '../messaging/ijw/xsd-validator';
import { VecozoAanbiederEntity } from './vecozo-aanbieder.entity';
import { VecozoBerichtEntity } from './vecozo-bericht.entity';
import { VecozoError } from './vecozo.errors';
import { eigenKenmerk } from './vecozo.types';
import type { Jw315Input, VecozoBerichtFilter, VecozoBerichtInput, VecozoJw323Input, VecozoZorgInput } from './vecozo.inputs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AGB = /^\d{8}$/;
/** The region of the municipality in parameter $3 (its latest version), null for an unknown one. */
const REGIO = '(SELECT g.regio_code FROM gemeente g WHERE g.code = $3::text ORDER BY g.geldig_vanaf DESC LIMIT 1)';

/** Every column but the XML: a list shows metadata. */
const METADATA = [
  'id', 'richting', 'aanbiederAgb', 'type', 'gemeenteCode', 'regioCode', 'identificatie', 'traceerId', 'conversatieId', 'alsAntwoordOp', 'grootte', 'sha256', 'status', 'pogingen',
  'laatsteFout', 'probleem', 'vecozoStatus', 'statusDefinitief', 'meldingen', 'statusGewijzigdOp', 'aangemaaktOp', 'verstuurdOp', 'vecozoOntvangenOp',
].map((k) => `b.${k}`);

/** A JW315 from its typed input, on the generated definition (header: the caller to the municipality). */
export function bouwJw315(agb: string, i: Jw315Input): string {
  const m = sampleMessage('JW315', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = agb;
  h.Ontvanger = i.gemeente;
  h.BerichtIdentificatie = { Identificatie: i.identificatie, Dagtekening: i.dagtekening ?? vandaag() };
  m.bericht.Client = {
    Bsn: i.bsn,
    Geboortedatum: { Datum: i.geboortedatum },
    Geslacht: i.geslacht,
    Naam: { Geslachtsnaam: { Achternaam: i.achternaam } },
    AangevraagdeProducten: {
      AangevraagdProduct: i.producten.map((p) => {
        const n: IjwNode = { ReferentieAanbieder: p.referentieAanbieder };
        if (p.categorie) n.Product = p.code ? { Categorie: p.categorie, Code: p.code } : { Categorie: p.categorie };
        n.ToewijzingIngangsdatum = p.ingangsdatum;
        if (p.einddatum) n.ToewijzingEinddatum = p.einddatum;
        if (p.volume !== undefined && p.eenheid && p.frequentie) n.Omvang = { Volume: p.volume, Eenheid: p.eenheid, Frequentie: p.frequentie };
        const verwijzer: IjwNode = { Type: p.verwijzerType };
        if (p.verwijzerNaam) verwijzer.Naam = p.verwijzerNaam;
        if (p.verwijzerZorgverlenerCode) verwijzer.ZorgverlenerCode = p.verwijzerZorgverlenerCode;
        n.Verwijzer = verwijzer;
        return n;
      }),
    },
  };
  return writeMessage(m);
}

/** A JW305 (start) or JW307 (stop) from its typed input, on the generated definition. */
export function bouwZorg(type: 'JW305' | 'JW307', agb: string, i: VecozoZorgInput): string {
  const m = sampleMessage(type, 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = agb;
  h.Ontvanger = i.gemeente;
  h.BerichtIdentificatie = { Identificatie: i.identificatie, Dagtekening: i.dagtekening ?? vandaag() };
  const producten = i.producten.map((p) => {
    const n: IjwNode = {};
    if (p.toewijzingNummer !== undefined) n.ToewijzingNummer = p.toewijzingNummer;
    if (p.categorie) n.Product = p.code ? { Categorie: p.categorie, Code: p.code } : { Categorie: p.categorie };
    if (p.toewijzingIngangsdatum) n.ToewijzingIngangsdatum = p.toewijzingIngangsdatum;
    n.Begindatum = p.begindatum;
    if (type === 'JW307') {
      // Required by the JW307 (the caller checks they are given).
      n.RedenBeeindiging = p.redenBeeindiging ?? '';
      n.Einddatum = p.einddatum ?? '';
    }
    n.StatusAanlevering = p.statusAanlevering;
    return n;
  });
  m.bericht.Client = {
    Bsn: i.bsn,
    Geboortedatum: { Datum: i.geboortedatum },
    Geslacht: i.geslacht,
    Naam: { Geslachtsnaam: { Achternaam: i.achternaam } },
    ...(type === 'JW305' ? { StartProducten: { StartProduct: producten } } : { StopProducten: { StopProduct: producten } }),
  };
  return writeMessage(m);
}

/** A JW323 from its typed input: the pre-flight's fields and the claims module's builder. */
export function bouwVecozoJw323(agb: string, i: VecozoJw323Input): string {
  return writeMessage(
    bouwJw323({
      identificatie: i.identificatie,
      dagtekening: i.dagtekening ?? vandaag(),
      nummer: i.declaratieNummer,
      periode: i.periode,
      afzender: agb,
      gemeente: i.gemeenteCode,
      clienten: i.prestaties.map((x) => ({ bsn: x.bsn, prestaties: [{ ...x, vorigReferentieNummer: x.vorigReferentieNummer ?? null, productTariefCenten: x.productTariefCenten ?? null }] })),
    }),
  );
}

/** Every Bsn in a message (one client, or each client of a claim): for the audit trail, by its keyed hash. */
function bsns(v: IjwValue | undefined, uit: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => bsns(x, uit));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Bsn' && typeof x === 'string') uit.push(x);
      else bsns(x, uit);
    }
  }
  return uit;
}

const ongeldig = (fouten: string[]) => new HubError(VecozoError.ONGELDIG_BERICHT, 'Het bericht is geen geldig iJw-bericht', { fouten: fouten.slice(0, 50) });

/**
 * The VECOZO portal: a provider that uses the hub as its software writes its messages here; the
 * worker pushes them and pulls what VECOZO holds for it (vecozo.uitwisseling.ts).
 */
export const vecozoService = {
  /** Whether `agb` is a portal provider now. */
  async actief(em: EntityManager, agb: string): Promise<boolean> {
    const r = await em.query<{ actief: boolean }[]>(`SELECT actief FROM vecozo_aanbieder WHERE aanbieder_agb = $1`, [agb]);
    return r[0]?.actief ?? false;
  },

  /**
   * Switches a provider's VECOZO portal on or off: the provider itself, or a region that
   * contracted or registered it (row-level security decides: another's is not found).
   */
  async zetPortaal(em: EntityManager, p: Principal, agb: string, aan: boolean): Promise<VecozoAanbiederEntity> {
    if (!AGB.test(agb)) throw new HubError(HubErrorCode.BAD_USER_INPUT, 'Een AGB-code heeft acht cijfers', { veld: 'aanbiederAgb' });
    if (p.rol === 'aanbieder' && p.agb !== agb) throw new HubError(HubErrorCode.FORBIDDEN, 'Een aanbieder zet alleen zijn eigen portaal aan of uit');
    const bestaat = await em.query<unknown[]>(`SELECT 1 FROM aanbieder WHERE agb = $1`, [agb]);
    if (!bestaat.length) throw new HubError(HubErrorCode.NOT_FOUND, 'Aanbieder niet gevonden');
    try {
      await em.query(
        `INSERT INTO vecozo_aanbieder (aanbieder_agb, actief) VALUES ($1, $2)
         ON CONFLICT (aanbieder_agb) DO UPDATE SET actief = EXCLUDED.actief, gewijzigd_op = now()`,
        [agb, aan],
      );
    } catch (e) {
      // Row-level security: not a provider this caller keeps.
      if ((e as { code?: string }).code === '42501') throw new HubError(HubErrorCode.FORBIDDEN, 'Geen beheerder van deze aanbieder');
      throw e;
    }
    await audit(em, p, 'aanbieder.vecozo.gezet', 'aanbieder', agb, { aan });
    return em.getRepository(VecozoAanbiederEntity).findOneByOrFail({ aanbiederAgb: agb });
  },

  /**
   * Stores a provider's message to push through VECOZO: composed or uploaded, read by the codec
   * and validated against the iJw XSD (when the hub has them), Afzender the caller, Ontvanger a
   * municipality. It gets its traceerId now: every push attempt sends this one.
   */
  async stelOp(em: EntityManager, p: Principal, sleutels: Sleutels, xsd: XsdValidators | undefined, input: VecozoBerichtInput): Promise<VecozoBerichtEntity> {
    const agb = p.agb;
    if (p.rol !== 'aanbieder' || !agb) throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een aanbieder verstuurt via VECOZO');
    if (!(await vecozoService.actief(em, agb))) throw new HubError(VecozoError.PORTAAL_UIT, 'Deze aanbieder verstuurt niet via VECOZO (zet het portaal eerst aan)');
    if ([input.xml, input.jw315, input.zorg, input.jw323].filter((x) => x !== undefined && x !== null).length !== 1) throw new HubError(HubErrorCode.BAD_USER_INPUT, 'Geef precies één van xml, jw315, zorg en jw323', { veld: 'input' });
    if (input.zorg && input.soort !== 'JW305' && input.soort !== 'JW307') throw new HubError(HubErrorCode.BAD_USER_INPUT, 'zorg hoort bij soort JW305 of JW307', { veld: 'soort' });
    if (input.zorg && input.soort === 'JW307') {
      const mist = input.zorg.producten.flatMap((p, i) => [...(p.einddatum ? [] : [`StopProduct[${i}]/Einddatum: ontbreekt`]), ...(p.redenBeeindiging ? [] : [`StopProduct[${i}]/RedenBeeindiging: ontbreekt`])]);
      if (mist.length) throw ongeldig(mist);
    }
    if (input.jw315 && input.soort !== 'JW315') throw new HubError(HubErrorCode.BAD_USER_INPUT, 'jw315 hoort bij soort JW315', { veld: 'soort' });
    if (input.jw323 && input.soort !== 'JW323') throw new HubError(HubErrorCode.BAD_USER_INPUT, 'jw323 hoort bij soort JW323', { veld: 'soort' });
    for (const [veld, v] of [['conversatieId', input.conversatieId], ['alsAntwoordOp', input.alsAntwoordOp]] as const) {
      if (v !== undefined && !UUID.test(v)) throw new HubError(HubErrorCode.BAD_USER_INPUT, `${veld} moet een uuid zijn`, { veld });
    }
    let xml: string;
    try {
      if (input.jw315) xml = bouwJw315(agb, input.jw315);
      else if (input.zorg) xml = bouwZorg(input.soort === 'JW307' ? 'JW307' : 'JW305', agb, input.zorg);
      else if (input.jw323) xml = bouwVecozoJw323(agb, input.jw323);
      else xml = input.xml as string;
    } catch (e) {
      // A value the message cannot carry (too long, wrong pattern): the caller's error.
      if (e instanceof CodecError) throw ongeldig([e.message]);
      throw e;
    }
    let gelezen;
    try {
      gelezen = await parseMessage(xml);
    } catch (e) {
      throw ongeldig([(e as Error).message]);
    }
    if (gelezen.issues.length) throw ongeldig(gelezen.issues.map((i) => `${i.path}: ${i.message}`));
    const { message } = gelezen;
    if (message.type !== input.soort) throw ongeldig([`het bericht is een ${message.type}, geen ${input.soort}`]);
    const xsdFouten = xsd?.validate(message.type, xml) ?? [];
    if (xsdFouten.length) throw ongeldig(xsdFouten);
    const h = kop(message);
    if (h.Afzender !== agb) throw ongeldig([`Header/Afzender ${h.Afzender} is niet de aanbieder ${agb}`]);
    if (!/^\d{4}$/.test(h.Ontvanger)) throw ongeldig([`Header/Ontvanger ${h.Ontvanger} is geen gemeentecode`]);
    const { identificatie, dagtekening } = eigenKenmerk(h);
    const bytes = Buffer.from(xml, 'utf8');
    let id: string;
    try {
      const rij = await em.query<{ id: string }[]>(
        `INSERT INTO vecozo_bericht (richting, aanbieder_agb, type, gemeente_code, regio_code, identificatie, traceer_id, conversatie_id, als_antwoord_op,
                                     xml_versleuteld, grootte, sha256, status, afzender, dagtekening)
         VALUES ('uit', $1, $2, $3::text, ${REGIO}, $4, $5, $6, $7, $8, $9, $10, 'te_versturen', $1, $11) RETURNING id`,
        [agb, message.type, h.Ontvanger, identificatie, randomUUID(), input.conversatieId ?? randomUUID(), input.alsAntwoordOp ?? null, sleutels.versleutel(bytes), bytes.length, sha256Hex(bytes), dagtekening],
      );
      id = rij[0].id;
    } catch (e) {
      fromDatabaseError(e, { uq_vecozo_bericht_identificatie: new HubError(VecozoError.DUBBELE_IDENTIFICATIE, `Er is al een ${message.type} met identificatie ${identificatie}`, { veld: 'identificatie' }) });
    }
    await audit(em, p, 'bericht.vecozo.opgesteld', 'vecozo_bericht', id, { type: message.type }, null, bsns(message.bericht).map((b) => sleutels.bsnHash(b)));
    return em.getRepository(VecozoBerichtEntity).findOneByOrFail({ id });
  },

  /** Portal messages the caller may see (row-level security), newest first, metadata only. */
  async lijst(em: EntityManager, p: Principal, filter: VecozoBerichtFilter | undefined, page: Partial<PageArgs>): Promise<Connection<VecozoBerichtEntity>> {
    const qb = em.createQueryBuilder(VecozoBerichtEntity, 'b').select(METADATA);
    if (p.rol === 'aanbieder') qb.andWhere('b.aanbieder_agb = :eigen', { eigen: p.agb ?? '' });
    if (p.rol === 'beheerder' && p.regio) qb.andWhere('b.regio_code = :regio', { regio: p.regio });
    if (filter?.aanbiederAgb) qb.andWhere('b.aanbieder_agb = :agb', { agb: filter.aanbiederAgb });
    if (filter?.richting) {
      if (filter.richting !== 'in' && filter.richting !== 'uit') throw new HubError(HubErrorCode.BAD_USER_INPUT, "richting is 'in' of 'uit'", { veld: 'richting' });
      qb.andWhere('b.richting = :richting', { richting: filter.richting });
    }
    return paginate(qb, page, 'aangemaakt_op', (b) => b.aangemaaktOp.toISOString());
  },

  /** Portal messages by id that the caller may see (for node(id)). */
  async perId(em: EntityManager, p: Principal, ids: string[]): Promise<VecozoBerichtEntity[]> {
    if (!ids.length) return [];
    const qb = em.createQueryBuilder(VecozoBerichtEntity, 'b').select(METADATA).where('b.id IN (:...ids)', { ids });
    if (p.rol === 'aanbieder') qb.andWhere('b.aanbieder_agb = :eigen', { eigen: p.agb ?? '' });
    return qb.getMany();
  },

  /** The XML of one portal message (it carries client data: the read is audited). */
  async xml(em: EntityManager, p: Principal, sleutels: Sleutels, id: string): Promise<string> {
    const r = await em.query<{ xml_versleuteld: Buffer }[]>(`SELECT xml_versleuteld FROM vecozo_bericht WHERE id = $1`, [id]);
    if (!r.length) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
    await audit(em, p, 'bericht.vecozo.xml.gelezen', 'vecozo_bericht', id, {}, null);
    return sleutels.ontsleutel(r[0].xml_versleuteld).toString('utf8');
  },
};
