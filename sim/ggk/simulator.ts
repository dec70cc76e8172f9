/**
 * A local GGk (the Inlichtingenbureau's gegevensknooppunt) for tests and the demo, written from
 * the StUF-GGk 0210 spec files (spec/ggk0210: WSDL, XSDs) and the digest's section C, without the
 * hub's adapter code. It serves the OntvangAsynchroon port: every envelope is validated against
 * the XSDs, (zender, referentienummer) is kept (an identical repeat gets the earlier answer, other
 * content StUF016), tijdstipBericht must rise per sender (StUF019), a Du01 must answer a Di01 it
 * delivered (StUF043); it answers Bv03 or a Fo03 fault (HTTP 500). It delivers Di01/Du01 and Fo01
 * to the hub's port, and injects faults: 5xx, a Fo03 or Fo01 code, delays, no answer at all,
 * dropped connections (before or after storing), duplicate deliveries; and holds a call at a gate
 * the test opens (`houd`), for killing the caller at an exact point. With `tls` it serves https
 * and admits only a caller with a client certificate of its CA (two-way TLS, as Digikoppeling);
 * with `hubTls` it shows its own certificate when it delivers to the hub.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type Server } from 'node:http';
import https from 'node:https';
import { wortel } from '../wortel';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { libxml2 } from '../../src/messaging/ijw/xml';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const GGK = 'http://www.stufstandaarden.nl/koppelvlak/ggk0210';
const STUF = 'http://www.egem.nl/StUF/StUF0301';
const ACTIES = { Di01: `${GGK}/ggk_Di01`, Du01: `${GGK}/ggk_Du01`, Fo01: `${STUF}/Fo01` } as const;
type Actie = keyof typeof ACTIES;
const BODY: Record<Actie, string> = { Di01: 'envelopHeenbericht-ggk_Di01', Du01: 'envelopRetourbericht-ggk_Du01', Fo01: 'Fo01Bericht' };
const MAX = 25 * 1024 * 1024;

type Lib = Awaited<ReturnType<typeof libxml2>>;

export interface SimSysteem {
  organisatie: string;
  applicatie: string;
}

/** An envelope the simulator accepted from the hub. */
export interface SimOntvangen {
  actie: Actie;
  xml: string;
  zender: SimSysteem;
  ontvanger: SimSysteem;
  referentienummer: string;
  tijdstipBericht: string;
  crossRefnummer: string | null;
  functie: string | null;
  /** The decoded xmlBestand. */
  payload: string | null;
}

/** Every call the hub made, answered or not (for asserting resends). */
export interface SimPoging {
  actie: string;
  xml: string;
  /** `verbroken`: the connection was dropped; `stil`: stored, never answered (the caller timed out). */
  http: number | 'verbroken' | 'stil';
}

/** Faults to inject into the next calls of the hub (each counter counts down per call). */
export interface SimStoringen {
  /** Answer the next n calls with 503 (nothing stored). */
  http5xx: number;
  /** Close the connection of the next n calls without an answer (nothing stored). */
  verbreek: number;
  /** Answer the next n calls after storing them, but close the connection before the Bv03 (the hub must resend; the repeat gets the Bv03). */
  verbreekNaOpslag: number;
  /** Answer the next call with this Fo03 (nothing stored). */
  fo03?: { code: string; plek: 'client' | 'server'; omschrijving: string };
  /** Wait this long before answering each call. */
  vertragingMs: number;
  /** Store the next n calls (as an accepted envelope) but never answer: the caller's own timeout ends the attempt. */
  stil?: number;
  /** The HTTP status of the `http5xx` answers (default 503). */
  http5xxStatus?: number;
  /**
   * For the next stored call: the receiver refuses it at once, so the GGk sends this Fo01 about it
   * to the hub before its own Bv03 goes back (the asynchronous fault overtakes the acknowledgement).
   */
  fo01VoorBv03?: { code: string; plek?: 'client' | 'server'; omschrijving: string };
}

/**
 * A gate: the next call is held at its point until the test opens it, so a test can act (kill
 * the caller) while the simulator holds a request, synchronising on state instead of time.
 * `voorOpslag`: held on arrival, nothing stored yet; `naOpslag`: stored (in `ontvangen`), the
 * answer held.
 */
export interface SimPoort {
  punt: 'voorOpslag' | 'naOpslag';
  /** Whether a call is being held now (or was held). */
  bezet: boolean;
  /** Whether the caller of the held call closed its connection (e.g. it was killed). */
  klantWeg: boolean;
  /** Lets the held call go on (an answer to a caller that died goes nowhere). */
  open(): void;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sys = (n: string, s: SimSysteem) => `<StUF:${n}><StUF:organisatie>${esc(s.organisatie)}</StUF:organisatie><StUF:applicatie>${esc(s.applicatie)}</StUF:applicatie></StUF:${n}>`;
const envelop = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP}"><s:Body>${body}</s:Body></s:Envelope>`;

function bestanden(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((f) => {
    const r = rel ? `${rel}/${f}` : f;
    return statSync(path.join(dir, r)).isDirectory() ? bestanden(dir, r) : [r];
  });
}

class Xsd {
  private constructor(
    private readonly lib: Lib,
    private readonly v: InstanceType<Lib['XsdValidator']>,
  ) {}

  static async laad(dir: string): Promise<Xsd> {
    const lib = await libxml2();
    const files: Record<string, Uint8Array> = {};
    for (const f of bestanden(dir).filter((f) => f.endsWith('.xsd'))) files[`ggk-sim/${f}`] = readFileSync(path.join(dir, f));
    lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(files));
    const doc = lib.XmlDocument.fromBuffer(files['ggk-sim/soap11-envelop.xsd'], { url: 'ggk-sim/soap11-envelop.xsd' });
    try {
      return new Xsd(lib, lib.XsdValidator.fromDoc(doc));
    } finally {
      doc.dispose();
    }
  }

  /** Findings, or the document's reader when valid. */
  lees(xml: string): { fouten: string[]; get?: (xp: string) => string | null; bodyNaam?: string; bodyXml?: string } {
    if (/<!DOCTYPE/i.test(xml)) return { fouten: ['DOCTYPE'] };
    let doc;
    try {
      doc = this.lib.XmlDocument.fromString(xml, { option: this.lib.ParseOption.XML_PARSE_NONET });
    } catch (e) {
      return { fouten: [(e as Error).message] };
    }
    try {
      this.v.validate(doc);
      const ns = { s: SOAP, GGK, StUF: STUF };
      const body = doc.root.get('s:Body/*', ns) as InstanceType<Lib['XmlElement']>;
      const waarden = new Map<string, string | null>();
      const get = (xp: string) => {
        if (!waarden.has(xp)) waarden.set(xp, body.get(xp, ns)?.content.trim() ?? null);
        return waarden.get(xp) ?? null;
      };
      // Read everything needed now: the document is disposed below.
      for (const xp of LEES) get(xp.replace('SG', body.name === 'Fo01Bericht' ? 'StUF:stuurgegevens' : 'GGK:stuurgegevens'));
      return { fouten: [], get, bodyNaam: body.name, bodyXml: body.toString() };
    } catch (e) {
      const d = (e as { details?: { message: string }[] }).details;
      return { fouten: d?.map((x) => x.message.trim()) ?? [(e as Error).message] };
    } finally {
      doc.dispose();
    }
  }
}

const LEES = [
  'SG/StUF:zender/StUF:organisatie',
  'SG/StUF:zender/StUF:applicatie',
  'SG/StUF:ontvanger/StUF:organisatie',
  'SG/StUF:ontvanger/StUF:applicatie',
  'SG/StUF:referentienummer',
  'SG/StUF:tijdstipBericht',
  'SG/StUF:crossRefnummer',
  'SG/StUF:functie',
  'GGK:parameters/GGK:bericht/GGK:xmlBestand',
  'StUF:stuurgegevens/StUF:crossRefnummer',
  'StUF:stuurgegevens/StUF:berichtcode',
  'StUF:body/StUF:code',
  'StUF:body/StUF:plek',
];

export interface GgkSimulatorOpties {
  /** The hub's port, e.g. http://127.0.0.1:4000/ggk/OntvangAsynchroon (may be set later). */
  hubUrl?: string;
  /** Bearer token the Digikoppeling side presents to the hub. */
  hubToken?: string;
  /** Directory of the spec files (default: the repository's spec/ggk0210). */
  specDir?: string;
  /** Serve https with this certificate and require a client certificate issued under `ca`. */
  tls?: { cert: Buffer; key: Buffer; ca: Buffer };
  /** Deliver to an https hubUrl with this client certificate, trusting `ca` for the hub's server. */
  hubTls?: { cert?: Buffer; key?: Buffer; ca: Buffer };
}

/** The local GGk. `start()` listens on a random port of 127.0.0.1. */
export class GgkSimulator {
  hubUrl?: string;
  hubToken?: string;
  readonly ontvangen: SimOntvangen[] = [];
  readonly pogingen: SimPoging[] = [];
  /** The hub's answers to the Fo01s sent by `storingen.fo01VoorBv03`. */
  readonly fo01Antwoorden: { http: number; xml: string }[] = [];
  readonly storingen: SimStoringen = { http5xx: 0, verbreek: 0, verbreekNaOpslag: 0, vertragingMs: 0 };
  /** Called with each envelope the simulator accepted (once: an identical repeat is not new), e.g. to carry it on through VECOZO. */
  readonly bijOntvangst: ((o: SimOntvangen) => void)[] = [];
  private readonly bekend = new Map<string, { hash: string; antwoord: string }>();
  private readonly laatste = new Map<string, string>();
  private readonly di01Gezien = new Set<string>();
  private eigenTijdstip = '';
  private poort?: SimPoort & { wacht: Promise<void> };
  private server?: Server | https.Server;
  /** Handshakes refused: a caller without a client certificate of the CA (the hub never reached the port). */
  readonly geweigerd: string[] = [];
  private xsd?: Xsd;
  url = '';

  constructor(private readonly o: GgkSimulatorOpties = {}) {
    this.hubUrl = o.hubUrl;
    this.hubToken = o.hubToken;
  }

  async start(): Promise<this> {
    this.xsd = await Xsd.laad(this.o.specDir ?? path.join(wortel(), 'spec', 'ggk0210'));
    const handler = (req: IncomingMessage, res: http.ServerResponse) => {
      this.behandel(req).then(
        (a) => {
          if (a === 'verbreek') {
            req.socket.destroy();
            return;
          }
          res.writeHead(a.http, { 'content-type': 'text/xml; charset=utf-8' }).end(a.xml);
        },
        () => res.writeHead(500).end(),
      );
    };
    const tls = this.o.tls;
    if (tls) {
      const server = https.createServer({ cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: true }, handler);
      server.on('tlsClientError', (e) => this.geweigerd.push(e.message));
      this.server = server;
    } else this.server = http.createServer(handler);
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}/OntvangAsynchroon`;
    return this;
  }

  /**
   * Over https: from now on admit only client certificates issued under `ca` (a CA that did not
   * issue the hub's refuses it). Open connections are closed, so the next call shakes hands anew.
   */
  vertrouw(ca: Buffer): void {
    const tls = this.o.tls;
    if (!tls || !(this.server instanceof https.Server)) throw new Error('the simulator serves http');
    this.server.setSecureContext({ cert: tls.cert, key: tls.key, ca });
    this.server.closeAllConnections();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** Holds the next call at `punt` until the returned gate is opened. */
  houd(punt: SimPoort['punt']): SimPoort {
    let open = () => {};
    const wacht = new Promise<void>((r) => (open = r));
    const poort = { punt, bezet: false, klantWeg: false, open, wacht };
    this.poort = poort;
    return poort;
  }

  /** The gate for this call at `punt`, if one is set there (used once). */
  /** Holds the call at the gate set for `punt`, if any; true when it held it. */
  private async poortBij(punt: SimPoort['punt'], req: IncomingMessage): Promise<boolean> {
    const p = this.poort;
    if (!p || p.punt !== punt) return false;
    this.poort = undefined;
    if (req.socket.destroyed) p.klantWeg = true;
    else req.socket.once('close', () => (p.klantWeg = true));
    p.bezet = true;
    await p.wacht;
    return true;
  }

  /** The simulator's own tijdstipBericht: strictly rising. */
  tijdstip(): string {
    const d = new Date();
    const p = (n: number, l = 2) => String(n).padStart(l, '0');
    let t = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds(), 3)}`;
    if (t <= this.eigenTijdstip) t = String(BigInt(this.eigenTijdstip) + 1n);
    this.eigenTijdstip = t;
    return t;
  }

  private antwoord(code: 'Bv03' | 'Fo03', zender: SimSysteem, ontvanger: SimSysteem, cross: string, fout?: { code: string; plek: string; omschrijving: string }): string {
    const sg = `<StUF:stuurgegevens><StUF:berichtcode>${code}</StUF:berichtcode>${sys('zender', zender)}${sys('ontvanger', ontvanger)}<StUF:referentienummer>${randomUUID()}</StUF:referentienummer><StUF:tijdstipBericht>${this.tijdstip()}</StUF:tijdstipBericht><StUF:crossRefnummer>${esc(cross)}</StUF:crossRefnummer></StUF:stuurgegevens>`;
    if (code === 'Bv03') return envelop(`<StUF:Bv03Bericht xmlns:StUF="${STUF}">${sg}</StUF:Bv03Bericht>`);
    const f = fout!;
    return envelop(
      `<s:Fault><faultcode>s:${f.plek === 'server' ? 'Server' : 'Client'}</faultcode><faultstring>${esc(f.omschrijving)}</faultstring><detail><StUF:Fo03Bericht xmlns:StUF="${STUF}">${sg}<StUF:body><StUF:code>${f.code}</StUF:code><StUF:plek>${f.plek}</StUF:plek><StUF:omschrijving>${esc(f.omschrijving)}</StUF:omschrijving></StUF:body></StUF:Fo03Bericht></detail></s:Fault>`,
    );
  }

  private async behandel(req: IncomingMessage): Promise<{ http: number; xml: string } | 'verbreek'> {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of req) {
      n += (c as Buffer).length;
      if (n <= MAX + 1) chunks.push(c as Buffer);
    }
    const xml = Buffer.concat(chunks).toString('utf8');
    const actieHeader = String(req.headers.soapaction ?? '').replace(/^"(.*)"$/, '$1');
    const actie = (Object.keys(ACTIES) as Actie[]).find((a) => ACTIES[a] === actieHeader);
    if (this.storingen.vertragingMs) await new Promise((r) => setTimeout(r, this.storingen.vertragingMs));
    // A caller that went away while its call was held: nothing is stored for it.
    if ((await this.poortBij('voorOpslag', req)) && req.socket.destroyed) {
      this.pogingen.push({ actie: actieHeader, xml, http: 'verbroken' });
      return 'verbreek';
    }
    if (this.storingen.verbreek > 0) {
      this.storingen.verbreek -= 1;
      this.pogingen.push({ actie: actieHeader, xml, http: 'verbroken' });
      return 'verbreek';
    }
    if (this.storingen.http5xx > 0) {
      this.storingen.http5xx -= 1;
      const status = this.storingen.http5xxStatus ?? 503;
      this.pogingen.push({ actie: actieHeader, xml, http: status });
      return { http: status, xml: '' };
    }
    const a = this.verwerk(xml, n, actie);
    if (a.http === 200 && (this.storingen.stil ?? 0) > 0) {
      this.storingen.stil! -= 1;
      this.pogingen.push({ actie: actieHeader, xml, http: 'stil' });
      // Never answered: held until the caller gives up and closes the connection.
      await new Promise<void>((r) => req.socket.once('close', () => r()));
      return 'verbreek';
    }
    await this.poortBij('naOpslag', req);
    this.pogingen.push({ actie: actieHeader, xml, http: a.http });
    const vooraf = this.storingen.fo01VoorBv03;
    if (a.http === 200 && vooraf) {
      this.storingen.fo01VoorBv03 = undefined;
      const o = this.ontvangen[this.ontvangen.length - 1];
      this.fo01Antwoorden.push(...(await this.lever('Fo01', this.fo01({ crossRefnummer: o.referentienummer, ontvanger: o.zender, ...vooraf }).xml)));
    }
    if (a.http === 200 && this.storingen.verbreekNaOpslag > 0) {
      this.storingen.verbreekNaOpslag -= 1;
      return 'verbreek';
    }
    return a;
  }

  private verwerk(xml: string, grootte: number, actie: Actie | undefined): { http: number; xml: string } {
    const wij = { organisatie: 'IB', applicatie: 'GGk' };
    const onbekend = { organisatie: '', applicatie: 'onbekend' };
    const fo3 = (code: string, omschrijving: string, ontvanger = onbekend, cross = '') => ({ http: 500, xml: this.antwoord('Fo03', wij, ontvanger, cross, { code, plek: 'client', omschrijving }) });
    if (grootte > MAX) return fo3('IB007', 'Bericht groter dan 25 MB');
    if (!actie || actie === 'Fo01') return fo3('IB240', 'Onbekende SOAPAction');
    const r = this.xsd!.lees(xml);
    if (r.fouten.length || !r.get) return fo3('RIN001', `Envelop niet XSD-valide: ${r.fouten[0] ?? ''}`.slice(0, 200));
    if (r.bodyNaam !== BODY[actie]) return fo3('IB240', 'Body past niet bij de SOAPAction');
    const g = (x: string) => r.get!(x.replace('SG', 'GGK:stuurgegevens'));
    const zender = { organisatie: g('SG/StUF:zender/StUF:organisatie') ?? '', applicatie: g('SG/StUF:zender/StUF:applicatie') ?? '' };
    const ontvanger = { organisatie: g('SG/StUF:ontvanger/StUF:organisatie') ?? '', applicatie: g('SG/StUF:ontvanger/StUF:applicatie') ?? '' };
    const ref = g('SG/StUF:referentienummer') ?? '';
    const tijdstip = g('SG/StUF:tijdstipBericht') ?? '';
    const cross = g('SG/StUF:crossRefnummer');
    const sleutel = `${zender.organisatie}|${zender.applicatie}|${ref}`;
    const hash = createHash('sha256').update(r.bodyXml ?? '').digest('hex');
    const eerder = this.bekend.get(sleutel);
    if (eerder) return eerder.hash === hash ? { http: 200, xml: eerder.antwoord } : fo3('StUF016', 'Referentienummer al ontvangen met andere inhoud', zender, ref);
    if (this.storingen.fo03) {
      const f = this.storingen.fo03;
      this.storingen.fo03 = undefined;
      return { http: 500, xml: this.antwoord('Fo03', wij, zender, ref, f) };
    }
    if (ontvanger.applicatie !== 'GGk') return fo3('StUF010', 'Ontvanger-applicatie moet GGk zijn', zender, ref);
    const vorig = this.laatste.get(`${zender.organisatie}|${zender.applicatie}`);
    if (vorig && tijdstip.padEnd(17, '0') <= vorig) return fo3('StUF019', 'tijdstipBericht niet oplopend', zender, ref);
    if (actie === 'Du01' && !this.di01Gezien.has(cross ?? '')) return fo3('StUF043', 'crossRefnummer onbekend', zender, ref);
    this.laatste.set(`${zender.organisatie}|${zender.applicatie}`, tijdstip.padEnd(17, '0'));
    const antwoord = this.antwoord('Bv03', wij, zender, ref);
    this.bekend.set(sleutel, { hash, antwoord });
    const b64 = g('GGK:parameters/GGK:bericht/GGK:xmlBestand');
    this.ontvangen.push({ actie, xml, zender, ontvanger, referentienummer: ref, tijdstipBericht: tijdstip, crossRefnummer: cross, functie: g('SG/StUF:functie'), payload: b64 === null ? null : Buffer.from(b64, 'base64').toString('utf8') });
    if (actie === 'Di01') this.di01Gezien.add(ref);
    const o = this.ontvangen[this.ontvangen.length - 1];
    for (const f of this.bijOntvangst) f(o);
    return { http: 200, xml: antwoord };
  }

  /** A Di01 or Du01 as the GGk delivers a provider's message to the hub. */
  envelop(o: { actie: 'Di01' | 'Du01'; zender: SimSysteem; ontvanger: SimSysteem; functie: string; xml: string | Buffer; referentienummer?: string; tijdstipBericht?: string; crossRefnummer?: string }): { xml: string; referentienummer: string } {
    const ref = o.referentienummer ?? randomUUID();
    const el = BODY[o.actie];
    const body =
      `<GGK:${el} xmlns:GGK="${GGK}" xmlns:StUF="${STUF}"><GGK:stuurgegevens><StUF:berichtcode>${o.actie}</StUF:berichtcode>${sys('zender', o.zender)}${sys('ontvanger', o.ontvanger)}` +
      `<StUF:referentienummer>${ref}</StUF:referentienummer><StUF:tijdstipBericht>${o.tijdstipBericht ?? this.tijdstip()}</StUF:tijdstipBericht>` +
      (o.crossRefnummer ? `<StUF:crossRefnummer>${o.crossRefnummer}</StUF:crossRefnummer>` : '') +
      `<StUF:functie>${esc(o.functie)}</StUF:functie></GGK:stuurgegevens><GGK:parameters><GGK:applicatieVersie>0001</GGK:applicatieVersie>` +
      `<GGK:applicatieSubversie>0000</GGK:applicatieSubversie><GGK:functieVersie>0003</GGK:functieVersie><GGK:functieSubversie>0002</GGK:functieSubversie>` +
      `<GGK:bericht><GGK:xmlBestand>${Buffer.from(o.xml).toString('base64')}</GGK:xmlBestand></GGK:bericht></GGK:parameters></GGK:${el}>`;
    return { xml: envelop(body), referentienummer: ref };
  }

  /** An asynchronous fault about an envelope of the hub (crossRefnummer = its referentienummer). */
  fo01(o: { crossRefnummer: string; ontvanger: SimSysteem; code: string; plek?: 'client' | 'server'; omschrijving: string; referentienummer?: string }): { xml: string; referentienummer: string } {
    const ref = o.referentienummer ?? randomUUID();
    const sg = `<StUF:stuurgegevens><StUF:berichtcode>Fo01</StUF:berichtcode>${sys('zender', { organisatie: 'IB', applicatie: 'GGK' })}${sys('ontvanger', o.ontvanger)}<StUF:referentienummer>${ref}</StUF:referentienummer><StUF:tijdstipBericht>${this.tijdstip()}</StUF:tijdstipBericht><StUF:crossRefnummer>${o.crossRefnummer}</StUF:crossRefnummer></StUF:stuurgegevens>`;
    return {
      xml: envelop(`<StUF:Fo01Bericht xmlns:StUF="${STUF}">${sg}<StUF:body><StUF:code>${o.code}</StUF:code><StUF:plek>${o.plek ?? 'client'}</StUF:plek><StUF:omschrijving>${esc(o.omschrijving)}</StUF:omschrijving></StUF:body></StUF:Fo01Bericht>`),
      referentienummer: ref,
    };
  }

  /** Delivers an envelope to the hub's port with its SOAPAction; `keer` > 1 delivers it again (duplicate delivery). */
  async lever(actie: Actie, xml: string, keer = 1): Promise<{ http: number; xml: string }[]> {
    if (!this.hubUrl) throw new Error('hubUrl not set');
    const uit: { http: number; xml: string }[] = [];
    // A Du01 of the hub may answer a Di01 delivered to it.
    const ref = /<StUF:referentienummer>([^<]+)</.exec(xml)?.[1];
    if (actie === 'Di01' && ref) this.di01Gezien.add(ref);
    for (let i = 0; i < keer; i++) {
      uit.push(await this.post(this.hubUrl, xml, { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ACTIES[actie]}"`, ...(this.hubToken && { authorization: `Bearer ${this.hubToken}` }) }));
    }
    return uit;
  }

  private post(url: string, xml: string, headers: Record<string, string>): Promise<{ http: number; xml: string }> {
    const doel = new URL(url);
    const data = Buffer.from(xml, 'utf8');
    const t = this.o.hubTls;
    return new Promise((resolve, reject) => {
      const opties = { method: 'POST', headers: { ...headers, 'content-length': String(data.length) } };
      const antwoord = (res: IncomingMessage) => {
        const delen: Buffer[] = [];
        res.on('data', (d: Buffer) => delen.push(d));
        res.on('end', () => resolve({ http: res.statusCode ?? 0, xml: Buffer.concat(delen).toString('utf8') }));
        res.on('error', reject);
      };
      const req = doel.protocol === 'https:' ? https.request(doel, { ...opties, agent: false, cert: t?.cert, key: t?.key, ca: t?.ca }, antwoord) : http.request(doel, opties, antwoord);
      req.on('error', reject);
      req.end(data);
    });
  }

  /**
   * Delivers an envelope whose connection drops halfway through its body (the receiver gets part
   * of it and no end): resolves once the connection is closed. Nothing may be stored of it.
   */
  async leverAfgebroken(actie: Actie, xml: string): Promise<void> {
    if (!this.hubUrl) throw new Error('hubUrl not set');
    const body = Buffer.from(xml);
    const req = http.request(this.hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(body.length), soapaction: `"${ACTIES[actie]}"`, ...(this.hubToken && { authorization: `Bearer ${this.hubToken}` }) },
    });
    const dicht = new Promise<void>((r) => req.once('close', () => r()));
    req.on('error', () => undefined);
    req.write(body.subarray(0, Math.floor(body.length / 2)), () => req.destroy());
    await dicht;
  }

  /** Whether `xml` is a valid SOAP envelope by the XSDs (for answers of the hub). */
  geldig(xml: string): string[] {
    return this.xsd!.lees(xml).fouten;
  }
}
