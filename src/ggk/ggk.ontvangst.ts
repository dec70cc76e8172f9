import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEEM, type Principal } from '../auth/principal';
import { HubError } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import type { Config } from '../config/config';
import { withTenant } from '../db/tenant';
import { CodecError } from '../messaging/ijw/codec.errors';
import { RETOURS, SOORTEN, VAN_AANBIEDER } from '../messaging/ijw/soorten';
import { defaultXsdDir, XsdValidators } from '../messaging/ijw/xsd-validator';
import { readEnvelope } from '../messaging/inbox/envelope';
import { checkSender, ONBEKENDE_PARTIJ, ontvangInTransactie } from '../messaging/inbox/inbox.service';
import { berichtStatus } from '../messaging/status';
import { log } from '../observability/logger';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GgkSchema } from './ggk.schema';
import { alsTijdstip, stijgt, volgendTijdstip } from './ggk.tijdstip';
import { MAX_ENVELOP_BYTES, SOAP_ACTION, type Fo03Code, type OntvangenEnvelop, type Operatie, type Stuurgegevens } from './ggk.types';
import { bv03, fo03, leesEnvelop, type Antwoordgegevens } from './ggk.xml';
import { MESSAGE_TYPES, type MessageType } from '../messaging/ijw/definition';

/** The HTTP answer to a SOAP call: 200 with a Bv03, or 500 with a Fo03 fault. */
export interface SoapAntwoord {
  http: 200 | 500;
  xml: string;
}

/** A refusal: answered as Fo03, nothing stored. */
class Weigering extends Error {
  constructor(
    readonly code: Fo03Code,
    omschrijving: string,
    readonly plek: 'client' | 'server' = 'client',
    readonly details?: string,
  ) {
    super(omschrijving);
  }
}

/** What a provider sends through the GGk: heen messages in a Di01, its retours in a Du01. */
const FUNCTIES: Readonly<Record<'Di01' | 'Du01', ReadonlySet<string>>> = {
  Di01: new Set(MESSAGE_TYPES.filter((t) => VAN_AANBIEDER.has(t) && !RETOURS.has(t))),
  Du01: new Set(MESSAGE_TYPES.filter((t) => RETOURS.has(t) && SOORTEN[SOORTEN[t].retourOp as MessageType].van === 'gemeente')),
};

/** Fo01 codes after which the chain wants the same envelope again, unchanged, later (the type is frozen). */
const OPNIEUW = new Set(['IB103']);

const operatieVan = (soapAction: string | undefined): Operatie | undefined =>
  (Object.keys(SOAP_ACTION) as Operatie[]).find((o) => SOAP_ACTION[o] === (soapAction ?? '').trim().replace(/^"(.*)"$/, '$1'));

interface EerdereOntvangst {
  inhoud_hash: string | null;
  antwoord: string | null;
}

/**
 * The receiving side of the OntvangAsynchroon port. Every envelope is validated whole against the
 * StUF-GGk XSDs; a Di01/Du01's payload goes onto the same inbox as POST /ijw/berichten (same
 * checks, same idempotency), in the transaction that records the envelope and the sender's
 * tijdstipBericht, so Bv03 means stored. An identical repeat of (zender, referentienummer) gets
 * the earlier Bv03 and stores nothing; other content under a known number is StUF016.
 */
export class GgkOntvangst {
  private xsd: Promise<XsdValidators | undefined> | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly sleutels: Sleutels,
    private readonly cfg: Config,
  ) {}

  /** The iJw XSDs, when the hub has them (IJW_XSD_DIR or the checkout's): a payload must pass them (StUF055). */
  private ijwXsd(): Promise<XsdValidators | undefined> {
    const dir = this.cfg.IJW_XSD_DIR ?? defaultXsdDir();
    this.xsd ??= existsSync(path.join(dir, 'basisschema.xsd')) ? XsdValidators.load(dir) : Promise.resolve(undefined);
    return this.xsd;
  }

  async ontvang(tekst: string, soapAction: string | undefined): Promise<SoapAntwoord> {
    let sg: Stuurgegevens | undefined;
    try {
      if (Buffer.byteLength(tekst) > MAX_ENVELOP_BYTES) throw new Weigering('IB007', 'Het envelop is groter dan 25 MB');
      const operatie = operatieVan(soapAction);
      if (!operatie) throw new Weigering('StUF034', `Onbekende SOAPAction ${String(soapAction ?? '(geen)').slice(0, 100)}`);
      // No DTD may reach the parser (entities); the XSDs allow none anyway.
      if (/<!DOCTYPE/i.test(tekst)) throw new Weigering('StUF055', 'Het envelop bevat een DOCTYPE');
      const bevindingen = (await GgkSchema.laad()).bevindingen(tekst);
      if (bevindingen.length) throw new Weigering('StUF055', 'Het envelop voldoet niet aan de XSD van StUF-GGk 0210', 'client', bevindingen.slice(0, 5).join(' | '));
      const env = await leesEnvelop(tekst, operatie);
      if (!env) throw new Weigering('StUF034', `De body past niet bij SOAPAction ${SOAP_ACTION[operatie]}`);
      sg = env.stuurgegevens;
      return operatie === 'Fo01' ? await this.fo01(env) : await this.heenOfRetour(env, operatie);
    } catch (e) {
      if (e instanceof Weigering) return { http: 500, xml: fo03(this.fo03Gegevens(sg), { code: e.code, plek: e.plek, omschrijving: e.message, details: e.details }) };
      log.error('ggk envelope not stored', { error: (e as Error).message });
      return { http: 500, xml: fo03(this.fo03Gegevens(sg), { code: 'StUF046', plek: 'server', omschrijving: 'Het bericht kon niet worden opgeslagen; stuur het ongewijzigd opnieuw' }) };
    }
  }

  /** A Fo03 for an envelope that could not be read at all (too large, a broken connection). */
  weiger(code: Fo03Code, omschrijving: string): Promise<SoapAntwoord> {
    return Promise.resolve({ http: 500, xml: fo03(this.fo03Gegevens(undefined), { code, plek: code === 'StUF046' ? 'server' : 'client', omschrijving }) });
  }

  private fo03Gegevens(sg: Stuurgegevens | undefined): Antwoordgegevens {
    return {
      zender: { organisatie: sg?.ontvanger.organisatie ?? '', applicatie: this.cfg.GGK_APPLICATIE },
      ontvanger: { organisatie: sg?.zender.organisatie ?? '', applicatie: sg?.zender.applicatie || 'onbekend' },
      referentienummer: randomUUID(),
      // A refusal stores nothing, its own tijdstip included.
      tijdstipBericht: alsTijdstip(new Date()),
      crossRefnummer: sg?.referentienummer ?? '',
    };
  }

  /** An identical repeat: the earlier answer; other content under the same number: StUF016. */
  private async eerder(p: Principal, sg: Stuurgegevens, hash: string): Promise<SoapAntwoord | undefined> {
    const rows = await withTenant(this.ds, p, (em) =>
      em.query<EerdereOntvangst[]>(`SELECT inhoud_hash, antwoord FROM ggk_envelop WHERE zender_organisatie = $1 AND zender_applicatie = $2 AND referentienummer = $3`, [
        sg.zender.organisatie,
        sg.zender.applicatie,
        sg.referentienummer,
      ]),
    );
    if (!rows[0]) return undefined;
    if (rows[0].inhoud_hash !== hash || !rows[0].antwoord) throw new Weigering('StUF016', `Referentienummer ${sg.referentienummer} van deze zender is al ontvangen met andere inhoud`);
    return { http: 200, xml: rows[0].antwoord };
  }

  private async heenOfRetour(env: OntvangenEnvelop, operatie: 'Di01' | 'Du01'): Promise<SoapAntwoord> {
    const sg = env.stuurgegevens;
    // The sender as the chain names it: a provider's AGB code. Its payload must be its own.
    const p: Principal = { sub: `ggk:${sg.zender.organisatie}`, rol: 'aanbieder', agb: sg.zender.organisatie, gemeenten: [] };
    if (!/^[0-9]{8}$/.test(sg.zender.organisatie)) throw new Weigering('StUF013', `Zender ${sg.zender.organisatie} is geen zorgaanbieder (AGB-code) die deze hub kent`);
    const herhaling = await this.eerder(p, sg, env.hash);
    if (herhaling) return herhaling;
    const functie = sg.functie ?? '';
    if (!FUNCTIES[operatie].has(functie)) throw new Weigering('StUF034', `Functie ${functie} wordt in een ${operatie} niet ontvangen`);
    if (env.bericht?.soort !== 'xml') throw new Weigering('StUF055', 'Een iJw-bericht hoort in xmlBestand, niet in tekstBestand');
    const xml = env.bericht.inhoud;
    let ijw;
    try {
      ijw = await readEnvelope(xml, this.cfg.IJW_MAX_BYTES);
    } catch (e) {
      if (e instanceof CodecError) throw new Weigering('StUF055', `Het iJw-bericht is ongeldig: ${e.message}`);
      throw e;
    }
    if (ijw.type !== functie) throw new Weigering('StUF037', `Functie ${functie} is niet het berichttype ${ijw.type} van het iJw-bericht`);
    if (ijw.gemeenteCode !== sg.ontvanger.organisatie) throw new Weigering('StUF010', `Ontvanger ${sg.ontvanger.organisatie} is niet de gemeente ${ijw.gemeenteCode} van het iJw-bericht`);
    try {
      checkSender(p, ijw);
    } catch {
      throw new Weigering('StUF013', `Zender ${sg.zender.organisatie} is niet de afzender ${ijw.verzender} van het iJw-bericht`);
    }
    const fouten = (await this.ijwXsd())?.validate(ijw.type, xml.toString('utf8')) ?? [];
    if (fouten.length) throw new Weigering('StUF055', 'Het iJw-bericht voldoet niet aan de XSD', 'client', fouten.slice(0, 5).join(' | '));

    try {
      return await withTenant(this.ds, p, async (em) => {
        if (operatie === 'Du01') await this.bekendeHeen(em, sg.crossRefnummer ?? '');
        await this.oplopend(em, sg);
        const [o] = await ontvangInTransactie(em, this.sleutels, [{ env: ijw, xml }]);
        if (o instanceof HubError) {
          const gemeente = (o.code) === (VAN_AANBIEDER.has(ijw.type) ? ONBEKENDE_PARTIJ.ontvanger : ONBEKENDE_PARTIJ.afzender);
          throw gemeente ? new Weigering('StUF010', o.message) : new Weigering('StUF013', o.message);
        }
        if (o instanceof Error) throw o;
        const zender = { organisatie: sg.ontvanger.organisatie, applicatie: this.cfg.GGK_APPLICATIE };
        const antwoord = bv03({ zender, ontvanger: sg.zender, referentienummer: randomUUID(), tijdstipBericht: await volgendTijdstip(em, zender), crossRefnummer: sg.referentienummer });
        const r = await em.query<{ id: string }[]>(
          `INSERT INTO ggk_envelop (richting, berichtcode, zender_organisatie, zender_applicatie, ontvanger_organisatie, referentienummer, tijdstip_bericht,
                                    cross_refnummer, functie, bericht_id, inhoud_hash, antwoord, status)
           VALUES ('in', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ontvangen')
           ON CONFLICT (zender_organisatie, zender_applicatie, referentienummer) DO NOTHING RETURNING id`,
          [operatie, sg.zender.organisatie, sg.zender.applicatie, sg.ontvanger.organisatie, sg.referentienummer, sg.tijdstipBericht, sg.crossRefnummer, functie, o.id, env.hash, antwoord],
        );
        // A twin of this envelope committed meanwhile: roll back, and answer as it was answered.
        if (!r[0]) throw new Tweeling();
        // From now on the hub reaches this provider through the GGk.
        await em.query(`INSERT INTO keten_route (aanbieder_agb, kanaal) VALUES ($1, 'ggk') ON CONFLICT (aanbieder_agb) DO NOTHING`, [sg.zender.organisatie]);
        return { http: 200 as const, xml: antwoord };
      });
    } catch (e) {
      if (e instanceof Tweeling) {
        const a = await this.eerder(p, sg, env.hash);
        if (a) return a;
      }
      throw e;
    }
  }

  /**
   * StUF019 unless the tijdstipBericht rises. A twin of this very envelope that committed while
   * this one waited for the sender's row is no StUF019: it is answered as that twin was.
   */
  private async oplopend(em: EntityManager, sg: Stuurgegevens): Promise<void> {
    if (await stijgt(em, sg.zender, sg.tijdstipBericht)) return;
    const twin = await em.query<unknown[]>(`SELECT 1 FROM ggk_envelop WHERE zender_organisatie = $1 AND zender_applicatie = $2 AND referentienummer = $3`, [
      sg.zender.organisatie,
      sg.zender.applicatie,
      sg.referentienummer,
    ]);
    if (twin.length) throw new Tweeling();
    throw new Weigering('StUF019', `tijdstipBericht ${sg.tijdstipBericht} is niet later dan het vorige van deze zender`);
  }

  /** A Du01 answers a Di01 the hub sent: its crossRefnummer must be that Di01's referentienummer (StUF043). */
  private async bekendeHeen(em: EntityManager, crossRefnummer: string): Promise<void> {
    const r = await em.query<unknown[]>(`SELECT 1 FROM ggk_envelop WHERE richting = 'uit' AND berichtcode = 'Di01' AND referentienummer = $1`, [crossRefnummer]);
    if (!r.length) throw new Weigering('StUF043', `crossRefnummer ${crossRefnummer} is geen Di01 van deze hub`);
  }

  /**
   * An asynchronous fault about an envelope the hub sent (crossRefnummer = its referentienummer):
   * the envelope and its message are marked; IB103 (type frozen) sends the same envelope again,
   * any other code makes the message a dead letter that an administrator redrives.
   */
  private async fo01(env: OntvangenEnvelop): Promise<SoapAntwoord> {
    const sg = env.stuurgegevens;
    const f = env.fout as NonNullable<OntvangenEnvelop['fout']>;
    const herhaling = await this.eerder(SYSTEEM, sg, env.hash);
    if (herhaling) return herhaling;
    try {
      return await withTenant(this.ds, SYSTEEM, async (em) => {
        const uit = await em.query<{ id: string; bericht_id: string; zender_organisatie: string }[]>(
          `SELECT id, bericht_id, zender_organisatie FROM ggk_envelop WHERE richting = 'uit' AND referentienummer = $1 AND status <> 'vervangen' FOR UPDATE`,
          [sg.crossRefnummer ?? ''],
        );
        if (!uit[0]) throw new Weigering('StUF043', `crossRefnummer ${sg.crossRefnummer ?? ''} is geen envelop van deze hub`);
        await this.oplopend(em, sg);
        const zender = { organisatie: uit[0].zender_organisatie, applicatie: this.cfg.GGK_APPLICATIE };
        const antwoord = bv03({ zender, ontvanger: sg.zender, referentienummer: randomUUID(), tijdstipBericht: await volgendTijdstip(em, zender), crossRefnummer: sg.referentienummer });
        const r = await em.query<{ id: string }[]>(
          `INSERT INTO ggk_envelop (richting, berichtcode, zender_organisatie, zender_applicatie, ontvanger_organisatie, referentienummer, tijdstip_bericht,
                                    cross_refnummer, bericht_id, inhoud_hash, antwoord, status, foutcode, foutplek, foutomschrijving)
           VALUES ('in', 'Fo01', $1, $2, $3, $4, $5, $6, $7, $8, $9, 'ontvangen', $10, $11, $12)
           ON CONFLICT (zender_organisatie, zender_applicatie, referentienummer) DO NOTHING RETURNING id`,
          [sg.zender.organisatie, sg.zender.applicatie, sg.ontvanger.organisatie, sg.referentienummer, sg.tijdstipBericht, sg.crossRefnummer, uit[0].bericht_id, env.hash, antwoord, f.code, f.plek, f.omschrijving],
        );
        if (!r[0]) throw new Tweeling();
        const opnieuw = OPNIEUW.has(f.code);
        await em.query(
          `UPDATE ggk_envelop SET status = $2, foutcode = $3, foutplek = $4, foutomschrijving = $5, afgehandeld_op = now() WHERE id = $1`,
          [uit[0].id, opnieuw ? 'opnieuw' : 'fout', f.code, f.plek, f.omschrijving],
        );
        await berichtStatus.ketenFout(em, uit[0].bericht_id, opnieuw);
        return { http: 200 as const, xml: antwoord };
      });
    } catch (e) {
      if (e instanceof Tweeling) {
        const a = await this.eerder(SYSTEEM, sg, env.hash);
        if (a) return a;
      }
      throw e;
    }
  }
}

/** A concurrent twin of the envelope was stored first. */
class Tweeling extends Error {}

