import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEEM, type Principal } from '../auth/principal';
import { HubError } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import type { Config } from '../config/config';
import { withTenant } from '../db/tenant';
import { CodecError } from '../messaging/ijw/codec.errors';
import { RETOURS, SOORTEN, VAN_AANBIEDER } from '../messaging/ijw/soorten';
import { XsdValidators } from '../messaging/ijw/xsd-validator';
import { leesEnvelopEnBericht } from '../messaging/inbox/envelope';
import { parseMessage } from '../messaging/ijw/codec';
import { checkSender, ONBEKENDE_PARTIJ, ontvangInTransactie } from '../messaging/inbox/inbox.service';
import { berichtStatus } from '../messaging/status';
import { log } from '../observability/logger';
import { randomUUID } from 'node:crypto';
import { GgkSchema } from './ggk.schema';
import { alsTijdstip, stijgt, vergelijkbaar, volgendeTijdstippen, volgendTijdstip } from './ggk.tijdstip';
import { MAX_ENVELOP_BYTES, SOAP_ACTION, type Fo03Code, type OntvangenEnvelop, type Operatie, type Stuurgegevens, type Systeem } from './ggk.types';
import { Groepscommit } from '../db/groepscommit';
import type { Envelope } from '../messaging/inbox/envelope';
import { registry } from '../observability/metrics';
import { Gauge } from 'prom-client';
import { bv03, fo03, type Antwoordgegevens } from './ggk.xml';
import { MESSAGE_TYPES, type MessageType } from '../messaging/ijw/definition';
import { prepared } from '../db/prepared';

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
 * StUF-GGk XSDs (GgkSchema.lees: the usual ones by the fast reader held to them); a Di01/Du01's payload goes onto the same inbox as POST /ijw/berichten (same
 * checks, same idempotency), in the transaction that records the envelope and the sender's
 * tijdstipBericht, so Bv03 means stored. An identical repeat of (zender, referentienummer) gets
 * the earlier Bv03 and stores nothing; other content under a known number is StUF016.
 */
export class GgkOntvangst {
  private xsd: Promise<XsdValidators | undefined> | undefined;
  private readonly schrijver = new Groepscommit<Kandidaat, SoapAntwoord>((agb, items) => this.schrijfBatch(agb, items), 500, (n) => wachtend.set(n));

  constructor(
    private readonly ds: DataSource,
    private readonly sleutels: Sleutels,
    private readonly cfg: Config,
  ) {}

  /** The official iJw XSDs when configured (IJW_XSD_DIR), as the worker has them: a payload must pass them too (StUF055). */
  private ijwXsd(): Promise<XsdValidators | undefined> {
    this.xsd ??= this.cfg.IJW_XSD_DIR ? XsdValidators.load(this.cfg.IJW_XSD_DIR) : Promise.resolve(undefined);
    return this.xsd;
  }

  /** An envelope as received (the port's charset is UTF-8) with its SOAPAction header. */
  async ontvang(xml: Buffer, soapAction: string | undefined): Promise<SoapAntwoord> {
    let sg: Stuurgegevens | undefined;
    try {
      if (xml.length > MAX_ENVELOP_BYTES) throw new Weigering('IB007', 'Het envelop is groter dan 25 MB');
      const operatie = operatieVan(soapAction);
      if (!operatie) throw new Weigering('StUF034', `Onbekende SOAPAction ${String(soapAction ?? '(geen)').slice(0, 100)}`);
      // No DTD may reach the parser (entities); the XSDs allow none anyway. Read as UTF-8, as the parser reads it.
      const tekst = xml.toString('utf8');
      if (/<!DOCTYPE/i.test(tekst)) throw new Weigering('StUF055', 'Het envelop bevat een DOCTYPE');
      const gelezen = (await GgkSchema.laad()).lees(xml, operatie, tekst);
      if ('bevindingen' in gelezen) throw new Weigering('StUF055', 'Het envelop voldoet niet aan de XSD van StUF-GGk 0210', 'client', gelezen.bevindingen.slice(0, 5).join(' | '));
      const env = gelezen.env;
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
      prepared<EerdereOntvangst>(em, `SELECT inhoud_hash, antwoord FROM ggk_envelop WHERE zender_organisatie = $1 AND zender_applicatie = $2 AND referentienummer = $3`, [
        sg.zender.organisatie,
        sg.zender.applicatie,
        sg.referentienummer,
      ]),
    );
    if (!rows[0]) return undefined;
    const a = alsHerhaling(rows[0], sg, hash);
    if (a instanceof Weigering) throw a;
    return a;
  }

  private async heenOfRetour(env: OntvangenEnvelop, operatie: 'Di01' | 'Du01'): Promise<SoapAntwoord> {
    const sg = env.stuurgegevens;
    // The sender as the chain names it: a provider's AGB code. Its payload must be its own.
    if (!/^[0-9]{8}$/.test(sg.zender.organisatie)) throw new Weigering('StUF013', `Zender ${sg.zender.organisatie} is geen zorgaanbieder (AGB-code) die deze hub kent`);
    // Checked alone, before the write; a refusal found here is given unless the number turns out
    // to be known (an identical repeat gets its earlier Bv03, other content StUF016).
    let payload: Kandidaat['payload'];
    let weigering: unknown;
    try {
      payload = await this.payload(env, operatie);
    } catch (e) {
      weigering = e;
    }
    try {
      return await this.schrijver.voegToe(sg.zender.organisatie, { env, operatie, payload, weigering });
    } catch (e) {
      if (e instanceof Tweeling) {
        const a = await this.eerder(aanbiederVan(sg), sg, env.hash);
        if (a) return a;
      }
      throw e;
    }
  }

  /** The payload of a Di01/Du01, read and checked against its stuurgegevens and the iJw XSD. */
  private async payload(env: OntvangenEnvelop, operatie: 'Di01' | 'Du01'): Promise<NonNullable<Kandidaat['payload']>> {
    const sg = env.stuurgegevens;
    const functie = sg.functie ?? '';
    if (!FUNCTIES[operatie].has(functie)) throw new Weigering('StUF034', `Functie ${functie} wordt in een ${operatie} niet ontvangen`);
    if (env.bericht?.soort !== 'xml') throw new Weigering('StUF055', 'Een iJw-bericht hoort in xmlBestand, niet in tekstBestand');
    const xml = env.bericht.inhoud;
    let ijw;
    let gelezen;
    try {
      ({ env: ijw, gelezen } = await leesEnvelopEnBericht(xml, this.cfg.IJW_MAX_BYTES));
      // The structure check the worker's first level makes, from the reading just made (read again only when libxml2 read the header).
      gelezen ??= await parseMessage(xml, { maxBytes: this.cfg.IJW_MAX_BYTES });
    } catch (e) {
      if (e instanceof CodecError) throw new Weigering('StUF055', `Het iJw-bericht is ongeldig: ${e.message}`);
      throw e;
    }
    if (ijw.type !== functie) throw new Weigering('StUF037', `Functie ${functie} is niet het berichttype ${ijw.type} van het iJw-bericht`);
    if (ijw.gemeenteCode !== sg.ontvanger.organisatie) throw new Weigering('StUF010', `Ontvanger ${sg.ontvanger.organisatie} is niet de gemeente ${ijw.gemeenteCode} van het iJw-bericht`);
    try {
      checkSender(aanbiederVan(sg), ijw);
    } catch {
      throw new Weigering('StUF013', `Zender ${sg.zender.organisatie} is niet de afzender ${ijw.verzender} van het iJw-bericht`);
    }
    if (gelezen.issues.length) {
      throw new Weigering('StUF055', 'Het iJw-bericht voldoet niet aan de structuur van iJw 3.2', 'client', gelezen.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join(' | '));
    }
    const fouten = (await this.ijwXsd())?.validate(ijw.type, xml) ?? [];
    if (fouten.length) throw new Weigering('StUF055', 'Het iJw-bericht voldoet niet aan de XSD', 'client', fouten.slice(0, 5).join(' | '));
    return { env: ijw, xml };
  }

  /**
   * The envelopes of one provider that arrived while its previous batch was written, in one
   * transaction (group commit; src/db/groepscommit.ts): each is answered after that commit, so
   * a Bv03 still means stored. Under the lock of each sending system's tijdstip row, which also
   * serialises api processes, the batch is judged in the senders' order (tijdstipBericht, then
   * arrival): a known number is a repeat (its earlier Bv03) or StUF016, a Du01 must answer a Di01
   * of the hub (StUF043), and each envelope's tijdstipBericht must rise above the stored one and
   * above those accepted before it in this batch (StUF019). The accepted payloads go onto the
   * inbox in that order, the envelopes and their Bv03s are recorded, and the sending systems' rows
   * keep the last accepted tijdstipBericht. A failure of the transaction as a whole (a party the
   * hub does not serve, a twin stored meanwhile) writes each envelope alone, as it was before.
   * Three statements besides the inbox's: the locks with what is known, the Bv03s' tijdstippen and
   * the records; a fourth only after a StUF019, a fresh look for a twin stored while this batch waited.
   */
  private async schrijfBatch(agb: string, items: Kandidaat[]): Promise<(SoapAntwoord | Error)[]> {
    const p: Principal = { sub: `ggk:${agb}`, rol: 'aanbieder', agb, gemeenten: [] };
    return withTenant(this.ds, p, async (em) => {
      const uit: (SoapAntwoord | Error | undefined)[] = items.map(() => undefined);
      const sgs = items.map((k) => k.env.stuurgegevens);
      const sys = (s: Systeem) => `${s.organisatie}\u0000${s.applicatie}`;
      const nummer = (zender: Systeem, referentienummer: string) => `${sys(zender)}\u0000${referentienummer}`;
      // The sending systems, in the order their rows are locked.
      const zenders = [...new Map(sgs.map((sg) => [sys(sg.zender), sg.zender])).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, z]) => z);
      // One statement: the sending systems' rows, locked in one order (no deadlock between api
      // processes), with their last tijdstipBericht; the numbers already received; and for Du01s
      // whether their crossRefnummer is a Di01 of the hub (StUF043). Its reads share the snapshot
      // taken before the lock: a twin another api process committed meanwhile is not among them,
      // and then the envelope's insert below finds it (the batch is written again, each alone).
      const cross = items.flatMap((k, i) => (k.operatie === 'Du01' ? [sgs[i].crossRefnummer ?? ''] : []));
      const gelezen = await prepared<{ soort: 't' | 'e' | 'h'; o: string; a: string; r: string; hash: string | null; antwoord: string | null }>(em,
        `WITH z AS (
           INSERT INTO ggk_tijdstip (organisatie, applicatie, laatste)
           SELECT z.o, z.a, '00000000000000000' FROM unnest($1::varchar[], $2::varchar[]) WITH ORDINALITY AS z(o, a, nr) ORDER BY z.nr
           ON CONFLICT (organisatie, applicatie) DO UPDATE SET laatste = ggk_tijdstip.laatste
           RETURNING organisatie, applicatie, laatste
         )
         SELECT 't' AS soort, organisatie AS o, applicatie AS a, laatste::varchar AS r, NULL::bpchar AS hash, NULL::text AS antwoord FROM z
         UNION ALL
         SELECT 'e', e.zender_organisatie, e.zender_applicatie, e.referentienummer, e.inhoud_hash, e.antwoord
           FROM unnest($3::varchar[], $4::varchar[], $5::varchar[]) AS k(o, a, r)
           JOIN ggk_envelop e ON e.zender_organisatie = k.o AND e.zender_applicatie = k.a AND e.referentienummer = k.r
         UNION ALL
         SELECT 'h', NULL, NULL, referentienummer, NULL, NULL FROM ggk_envelop
          WHERE cardinality($6::varchar[]) > 0 AND richting = 'uit' AND berichtcode = 'Di01' AND referentienummer = ANY($6::varchar[])`,
        [
          zenders.map((z) => z.organisatie),
          zenders.map((z) => z.applicatie),
          sgs.map((sg) => sg.zender.organisatie),
          sgs.map((sg) => sg.zender.applicatie),
          sgs.map((sg) => sg.referentienummer),
          cross,
        ],
      );
      const rijen = gelezen.filter((g) => g.soort === 't').map((g) => ({ organisatie: g.o, applicatie: g.a, laatste: g.r }));
      const laatste = new Map(rijen.map((r) => [sys(r), r.laatste]));
      const eerder = new Map(
        gelezen.filter((g) => g.soort === 'e').map((g) => [nummer({ organisatie: g.o, applicatie: g.a }, g.r), { inhoud_hash: g.hash, antwoord: g.antwoord }]),
      );
      // A Du01 answers a Di01 the hub sent: its crossRefnummer must be that Di01's referentienummer (StUF043).
      const heen = new Set(gelezen.filter((g) => g.soort === 'h').map((g) => g.r));
      const volgorde = items.map((_, i) => i).sort((a, b) => {
        const ta = vergelijkbaar(sgs[a].tijdstipBericht);
        const tb = vergelijkbaar(sgs[b].tijdstipBericht);
        return ta < tb ? -1 : ta > tb ? 1 : a - b;
      });
      const nieuw = new Map<string, number>();
      const tweeling = new Map<number, number>();
      const aangenomen: number[] = [];
      for (const i of volgorde) {
        const { env, operatie, payload, weigering } = items[i];
        const sg = sgs[i];
        const e = eerder.get(nummer(sg.zender, sg.referentienummer));
        if (e) {
          uit[i] = alsHerhaling(e, sg, env.hash);
          continue;
        }
        const j = nieuw.get(nummer(sg.zender, sg.referentienummer));
        if (j !== undefined) {
          // The same envelope twice in this batch: answered as the first; other content under its number: StUF016.
          if (items[j].env.hash === env.hash) tweeling.set(i, j);
          else uit[i] = andereInhoud(sg);
          continue;
        }
        if (weigering !== undefined || !payload) {
          uit[i] = weigering instanceof Error ? weigering : new Error(String(weigering));
          continue;
        }
        if (operatie === 'Du01' && !heen.has(sg.crossRefnummer ?? '')) {
          uit[i] = new Weigering('StUF043', `crossRefnummer ${sg.crossRefnummer ?? ''} is geen Di01 van deze hub`);
          continue;
        }
        const t = vergelijkbaar(sg.tijdstipBericht);
        if (t <= (laatste.get(sys(sg.zender)) ?? '')) {
          uit[i] = new Weigering('StUF019', `tijdstipBericht ${sg.tijdstipBericht} is niet later dan het vorige van deze zender`);
          continue;
        }
        laatste.set(sys(sg.zender), t);
        nieuw.set(nummer(sg.zender, sg.referentienummer), i);
        aangenomen.push(i);
      }
      // A StUF019 may be an identical repeat whose first delivery another api process committed
      // while this batch waited for the sending system's row: its number is looked up again, now.
      const laat = items.flatMap((_, i) => (uit[i] instanceof Weigering && uit[i].code === 'StUF019' ? [i] : []));
      if (laat.length) {
        const nu = await prepared<{ zender_organisatie: string; zender_applicatie: string; referentienummer: string; inhoud_hash: string | null; antwoord: string | null }>(em,
          `SELECT e.zender_organisatie, e.zender_applicatie, e.referentienummer, e.inhoud_hash, e.antwoord
             FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS k(o, a, r)
             JOIN ggk_envelop e ON e.zender_organisatie = k.o AND e.zender_applicatie = k.a AND e.referentienummer = k.r`,
          [laat.map((i) => sgs[i].zender.organisatie), laat.map((i) => sgs[i].zender.applicatie), laat.map((i) => sgs[i].referentienummer)],
        );
        const gevonden = new Map(nu.map((b) => [nummer({ organisatie: b.zender_organisatie, applicatie: b.zender_applicatie }, b.referentienummer), b]));
        for (const i of laat) {
          const e = gevonden.get(nummer(sgs[i].zender, sgs[i].referentienummer));
          if (e) uit[i] = alsHerhaling(e, sgs[i], items[i].env.hash);
        }
      }
      if (aangenomen.length) {
        // The payloads onto the inbox, numbered in the senders' order.
        const ontvangen = await ontvangInTransactie(
          em,
          this.sleutels,
          aangenomen.map((i) => items[i].payload!),
        );
        const berichtIds = ontvangen.map((o, n) => {
          if (!(o instanceof Error)) return o.id;
          // Refused as a whole; alone, it is refused as before (nothing of it stored).
          if (items.length > 1) throw new AlleenOpnieuw();
          if (o instanceof HubError) {
            const ijw = items[aangenomen[n]].payload!.env;
            const gemeente = o.code === (VAN_AANBIEDER.has(ijw.type) ? ONBEKENDE_PARTIJ.ontvanger : ONBEKENDE_PARTIJ.afzender);
            throw gemeente ? new Weigering('StUF010', o.message) : new Weigering('StUF013', o.message);
          }
          throw o;
        });
        // The Bv03s: each answering system's (the envelope's ontvanger) next tijdstipBericht values, in the same order.
        const antwoorden = new Map<number, string>();
        const perOntvanger = new Map<string, number[]>();
        for (const i of aangenomen) perOntvanger.set(sgs[i].ontvanger.organisatie, [...(perOntvanger.get(sgs[i].ontvanger.organisatie) ?? []), i]);
        for (const organisatie of [...perOntvanger.keys()].sort()) {
          const zender = { organisatie, applicatie: this.cfg.GGK_APPLICATIE };
          const lijst = perOntvanger.get(organisatie)!;
          const tijdstippen = await volgendeTijdstippen(em, zender, lijst.length);
          lijst.forEach((i, n) =>
            antwoorden.set(i, bv03({ zender, ontvanger: sgs[i].zender, referentienummer: randomUUID(), tijdstipBericht: tijdstippen[n], crossRefnummer: sgs[i].referentienummer })),
          );
        }
        const kol = <T>(f: (i: number) => T) => aangenomen.map(f);
        const vorige = new Map(rijen.map((r) => [sys(r), r.laatste]));
        const bijgewerkt = zenders.filter((z) => laatste.get(sys(z)) !== vorige.get(sys(z)));
        // One statement: the envelopes with their Bv03s, the sending systems' last accepted
        // tijdstipBericht, and the route: from now on the hub reaches this provider through the GGk.
        const [r] = await prepared<{ n: number }>(em,
          `WITH e AS (
             INSERT INTO ggk_envelop (richting, berichtcode, zender_organisatie, zender_applicatie, ontvanger_organisatie, referentienummer, tijdstip_bericht,
                                      cross_refnummer, functie, bericht_id, inhoud_hash, antwoord, status)
             SELECT 'in', e.code, e.zo, e.za, e.oo, e.ref, e.t, e.kruis, e.functie, e.bericht, e.hash, e.antwoord, 'ontvangen'
               FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::uuid[], $10::bpchar[], $11::text[])
                    WITH ORDINALITY AS e(code, zo, za, oo, ref, t, kruis, functie, bericht, hash, antwoord, nr)
              ORDER BY e.nr
             ON CONFLICT (zender_organisatie, zender_applicatie, referentienummer) DO NOTHING RETURNING id
           ), t AS (
             UPDATE ggk_tijdstip t SET laatste = z.laatste FROM unnest($12::varchar[], $13::varchar[], $14::bpchar[]) AS z(o, a, laatste)
              WHERE t.organisatie = z.o AND t.applicatie = z.a
           ), k AS (
             INSERT INTO keten_route (aanbieder_agb, kanaal) VALUES ($15, 'ggk') ON CONFLICT (aanbieder_agb) DO NOTHING
           )
           SELECT count(*)::int AS n FROM e`,
          [
            kol((i) => items[i].operatie),
            kol((i) => sgs[i].zender.organisatie),
            kol((i) => sgs[i].zender.applicatie),
            kol((i) => sgs[i].ontvanger.organisatie),
            kol((i) => sgs[i].referentienummer),
            kol((i) => sgs[i].tijdstipBericht),
            kol((i) => sgs[i].crossRefnummer ?? null),
            kol((i) => sgs[i].functie ?? null),
            berichtIds,
            kol((i) => items[i].env.hash),
            kol((i) => antwoorden.get(i)!),
            bijgewerkt.map((z) => z.organisatie),
            bijgewerkt.map((z) => z.applicatie),
            bijgewerkt.map((z) => laatste.get(sys(z))),
            agb,
          ],
        );
        // A twin of one of them committed meanwhile: roll back; each alone is answered as its twin was.
        if (r.n !== aangenomen.length) throw items.length > 1 ? new AlleenOpnieuw() : new Tweeling();
        for (const i of aangenomen) uit[i] = { http: 200, xml: antwoorden.get(i)! };
        for (const [i, j] of tweeling) uit[i] = uit[j];
      }
      return uit.map((u) => u ?? new Error('envelope neither answered nor refused'));
    });
  }

  /**
   * StUF019 unless the tijdstipBericht rises. A twin of this very envelope that committed while
   * this one waited for the sender's row is no StUF019: it is answered as that twin was.
   */
  private async oplopend(em: EntityManager, sg: Stuurgegevens): Promise<void> {
    if (await stijgt(em, sg.zender, sg.tijdstipBericht)) return;
    const twin = await prepared(em, `SELECT 1 FROM ggk_envelop WHERE zender_organisatie = $1 AND zender_applicatie = $2 AND referentienummer = $3`, [
      sg.zender.organisatie,
      sg.zender.applicatie,
      sg.referentienummer,
    ]);
    if (twin.length) throw new Tweeling();
    throw new Weigering('StUF019', `tijdstipBericht ${sg.tijdstipBericht} is niet later dan het vorige van deze zender`);
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
        const uit = await prepared<{ id: string; bericht_id: string; zender_organisatie: string }>(em,
          `SELECT id, bericht_id, zender_organisatie FROM ggk_envelop WHERE richting = 'uit' AND referentienummer = $1 AND status <> 'vervangen' FOR UPDATE`,
          [sg.crossRefnummer ?? ''],
        );
        if (!uit[0]) throw new Weigering('StUF043', `crossRefnummer ${sg.crossRefnummer ?? ''} is geen envelop van deze hub`);
        await this.oplopend(em, sg);
        const zender = { organisatie: uit[0].zender_organisatie, applicatie: this.cfg.GGK_APPLICATIE };
        const antwoord = bv03({ zender, ontvanger: sg.zender, referentienummer: randomUUID(), tijdstipBericht: await volgendTijdstip(em, zender), crossRefnummer: sg.referentienummer });
        const r = await prepared<{ id: string }>(em,
          `INSERT INTO ggk_envelop (richting, berichtcode, zender_organisatie, zender_applicatie, ontvanger_organisatie, referentienummer, tijdstip_bericht,
                                    cross_refnummer, bericht_id, inhoud_hash, antwoord, status, foutcode, foutplek, foutomschrijving)
           VALUES ('in', 'Fo01', $1, $2, $3, $4, $5, $6, $7, $8, $9, 'ontvangen', $10, $11, $12)
           ON CONFLICT (zender_organisatie, zender_applicatie, referentienummer) DO NOTHING RETURNING id`,
          [sg.zender.organisatie, sg.zender.applicatie, sg.ontvanger.organisatie, sg.referentienummer, sg.tijdstipBericht, sg.crossRefnummer, uit[0].bericht_id, env.hash, antwoord, f.code, f.plek, f.omschrijving],
        );
        if (!r[0]) throw new Tweeling();
        const opnieuw = OPNIEUW.has(f.code);
        await prepared(em,
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

/** A batch that cannot be written as a whole: its envelopes are written each alone. */
class AlleenOpnieuw extends Error {}

/** An envelope of a provider on its way to the batch that records it. */
interface Kandidaat {
  env: OntvangenEnvelop;
  operatie: 'Di01' | 'Du01';
  /** Its payload, read and checked; */
  payload?: { env: Envelope; xml: Buffer };
  /** or why it is refused, unless its number is known already. */
  weigering?: unknown;
}

/** The provider that sends through the GGk, as the inbox's principal. */
const aanbiederVan = (sg: Stuurgegevens): Principal => ({ sub: `ggk:${sg.zender.organisatie}`, rol: 'aanbieder', agb: sg.zender.organisatie, gemeenten: [] });

const andereInhoud = (sg: Stuurgegevens) => new Weigering('StUF016', `Referentienummer ${sg.referentienummer} van deze zender is al ontvangen met andere inhoud`);

/** An envelope under a number already received: the same content gets the earlier Bv03, other content StUF016. */
const alsHerhaling = (e: EerdereOntvangst, sg: Stuurgegevens, hash: string): SoapAntwoord | Weigering =>
  e.inhoud_hash === hash && e.antwoord ? { http: 200, xml: e.antwoord } : andereInhoud(sg);

/** Envelopes waiting for their batch's transaction: with the api's other gauges at /metrics. */
const wachtend = new Gauge({ name: 'hub_ggk_envelopes_waiting', help: 'GGk envelopes received and checked, waiting for the transaction that records them', registers: [registry] });

