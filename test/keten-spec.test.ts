import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseMessage, writeMessage } from '../src/messaging/ijw/codec';
import { libxml2 } from '../src/messaging/ijw/xml';
import { defaultXsdDir } from '../src/messaging/ijw/xsd-validator';
import { bouwRetour } from '../src/messaging/processing/retour';
import { haalOp, verstuurOpen, volgStatussen } from '../src/vecozo/vecozo.uitwisseling';
import { VspClient } from '../src/vecozo/vsp.client';
import { GgkSimulator } from '../sim/ggk/simulator';
import { startVecozoSimulator, type VecozoSimulator } from '../sim/vecozo/simulator';
import { AGB } from './fixtures/regions';
import { knopen, type Conn } from './helpers/api';
import { testBsn, wachtOpBericht, zaakJw301, jw315Xml } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { wachtTot } from './helpers/wacht';

const dag = pinKlok();

/**
 * The hub's own outbound artefacts against the chain's spec files, read here directly (not
 * through the simulators, which only answer and record):
 * - GGk: every envelope the hub produces (the Di01 and Du01 it sends, the Bv03 and Fo03 it
 *   answers) is a SOAP 1.1 envelope whose one body element is the one the WSDL
 *   (spec/ggk0210 ...OntvangAsynchroon...wsdl and stuf0301_types.wsdl) names for its operation
 *   (input by SOAPAction; output Bv03 with HTTP 200; the fault `fout` as Fo03 in a SOAP Fault with
 *   HTTP 500), and that element is valid by the StUF-GGk 0210 XSDs (no SOAP wrapper schema of the
 *   project's own in between).
 * - VECOZO: every request the hub makes (push, list, payload, DELETE, status) matches an
 *   operation of VECOZO's OpenAPI documents (spec/vecozo-vsp) under the path of the
 *   document's `servers`: path and query parameters by their schemas, no unknown ones, the body by
 *   the request body's content type and schema (multipart parts by `encoding`), an Accept the
 *   success answer can meet. Requests are recorded by a plain proxy in front of the simulator.
 *   The hub uses the pull list, not `POST /berichten/zoeken`, so the documents' Zoekpad trap
 *   (sim/vecozo/openapi.ts) does not arise here; the test asserts that it is not used.
 */
const TOKEN = 'ggk-digikoppeling-token-voor-keten-spec-0123456789';
const SPEC = path.resolve(__dirname, '..', 'spec', 'ggk0210');
const VSP = path.resolve(__dirname, '..', 'spec', 'vecozo-vsp');
const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  wsoap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  GGK: 'http://www.stufstandaarden.nl/koppelvlak/ggk0210',
  StUF: 'http://www.egem.nl/StUF/StUF0301',
};

let hub: HubTestEnvironment;
let ggk: GgkSimulator;
let vz: VecozoSimulator;
let volg = 0;
const ALFA = { organisatie: AGB.alfa, applicatie: 'Alfa Zorgsoftware' };
const BOSCH = { organisatie: '0796', applicatie: 'GGk' };

beforeAll(async () => {
  ggk = await new GgkSimulator({ hubToken: TOKEN }).start();
  vz = await startVecozoSimulator();
  hub = await createHubTestEnvironment('keten-spec', {
    env: { GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk.url, IJW_XSD_DIR: defaultXsdDir() },
    worker: { pogingen: { attempts: 4, backoffMs: 50 } },
  });
  ggk.hubUrl = `${hub.api.url}/ggk/OntvangAsynchroon`;
});

afterAll(async () => {
  await hub?.close();
  await ggk?.stop();
  await vz?.stop();
});

// ---------------------------------------------------------------- GGk: WSDL and XSDs

type Lib = Awaited<ReturnType<typeof libxml2>>;
type QName = `{${string}}${string}`;

/** Per SOAPAction: the input element, and the output and fault elements (from the WSDL files). */
interface Operatie {
  naam: string;
  input: QName;
  output: QName;
  fout: QName;
}

function bestanden(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((f) => {
    const r = rel ? `${rel}/${f}` : f;
    return statSync(path.join(dir, r)).isDirectory() ? bestanden(dir, r) : [r];
  });
}

/** Reads the port's operations from the two WSDL files: SOAPAction → the elements of its messages. */
function leesWsdl(lib: Lib): Map<string, Operatie> {
  const berichten = new Map<string, QName>();
  const lees = (rel: string) => lib.XmlDocument.fromString(readFileSync(path.join(SPEC, rel), 'utf8'));
  const docs = [lees('0301/stuf0301_types.wsdl'), lees('ggk0210/ggkberichten/ggk0210_OntvangAsynchroon_ggkberichten.wsdl')];
  try {
    const qname = (el: InstanceType<Lib['XmlElement']>, waarde: string): QName => {
      const [prefix, lokaal] = waarde.split(':');
      return `{${el.namespaces[prefix]}}${lokaal}`;
    };
    for (const doc of docs) {
      const tns = doc.root.attr('targetNamespace')?.value ?? '';
      for (const m of doc.find('/wsdl:definitions/wsdl:message', NS) as InstanceType<Lib['XmlElement']>[]) {
        const part = m.get('wsdl:part', NS) as InstanceType<Lib['XmlElement']>;
        berichten.set(`{${tns}}${m.attr('name')!.value}`, qname(part, part.attr('element')!.value));
      }
    }
    const port = docs[1];
    const ops = new Map<string, Operatie>();
    for (const b of port.find('/wsdl:definitions/wsdl:binding/wsdl:operation', NS) as InstanceType<Lib['XmlElement']>[]) {
      const naam = b.attr('name')!.value;
      const actie = (b.get('wsoap:operation', NS) as InstanceType<Lib['XmlElement']>).attr('soapAction')!.value;
      const op = port.get(`/wsdl:definitions/wsdl:portType/wsdl:operation[@name='${naam}']`, NS) as InstanceType<Lib['XmlElement']>;
      const element = (p: string) => {
        const el = op.get(p, NS) as InstanceType<Lib['XmlElement']>;
        return berichten.get(qname(el, el.attr('message')!.value))!;
      };
      ops.set(actie, { naam, input: element('wsdl:input'), output: element('wsdl:output'), fout: element("wsdl:fault[@name='fout']") });
    }
    return ops;
  } finally {
    for (const d of docs) d.dispose();
  }
}

/** The StUF-GGk 0210 XSDs, both namespaces, as they are: a body element must be one they declare. */
function laadXsd(lib: Lib): InstanceType<Lib['XsdValidator']> {
  const files: Record<string, Uint8Array> = {};
  for (const f of bestanden(SPEC).filter((x) => x.endsWith('.xsd') && !x.startsWith('soap'))) files[`keten-spec/${f}`] = readFileSync(path.join(SPEC, f));
  files['keten-spec/alles.xsd'] = Buffer.from(
    `<schema xmlns="http://www.w3.org/2001/XMLSchema"><import namespace="${NS.GGK}" schemaLocation="ggk0210/ggkberichten/ggk0210_msg_ggkberichten.xsd"/>` +
      `<import namespace="${NS.StUF}" schemaLocation="ggk0210/ggkberichten/ggk0210_stuf0301_msg_ggkberichten.xsd"/></schema>`,
  );
  lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(files));
  const doc = lib.XmlDocument.fromBuffer(files['keten-spec/alles.xsd'], { url: 'keten-spec/alles.xsd' });
  try {
    return lib.XsdValidator.fromDoc(doc);
  } finally {
    doc.dispose();
  }
}

interface GgkArtefact {
  wat: string;
  /** The SOAPAction of the call (the hub's own calls), or of the call it answers. */
  actie: string;
  soort: 'input' | 'output' | 'fout';
  http?: number;
  xml: string;
}

/** What is wrong with an artefact by the WSDL and the XSDs; empty when it conforms. */
async function bevindingen(a: GgkArtefact, ops: Map<string, Operatie>, xsd: InstanceType<Lib['XsdValidator']>): Promise<string[]> {
  const lib = await libxml2();
  const op = ops.get(a.actie);
  if (!op) return [`SOAPAction ${a.actie}: not an operation of the WSDL`];
  const fout: string[] = [];
  if (a.soort === 'output' && a.http !== 200) fout.push(`output with HTTP ${a.http}, expected 200`);
  if (a.soort === 'fout' && a.http !== 500) fout.push(`fault with HTTP ${a.http}, expected 500 (WS-I BP R1126)`);
  const doc = lib.XmlDocument.fromString(a.xml, { option: lib.ParseOption.XML_PARSE_NONET });
  try {
    const root = doc.root;
    if (`{${root.namespaceUri}}${root.name}` !== `{${NS.soap}}Envelope`) return [...fout, `root is ${root.name}, not soap:Envelope`];
    const body = root.find('soap:Body', NS);
    if (body.length !== 1) return [...fout, 'not exactly one soap:Body'];
    const kinderen = (el: InstanceType<Lib['XmlElement']>) => el.find('*') as InstanceType<Lib['XmlElement']>[];
    let el = kinderen(body[0] as InstanceType<Lib['XmlElement']>);
    if (el.length !== 1) return [...fout, `soap:Body holds ${el.length} elements, not one (WS-I BP R2201)`];
    if (a.soort === 'fout') {
      const f = el[0];
      if (`{${f.namespaceUri}}${f.name}` !== `{${NS.soap}}Fault`) return [...fout, 'a fault answer without soap:Fault'];
      const namen = kinderen(f).map((k) => `${k.namespaceUri}|${k.name}`);
      if (namen[0] !== '|faultcode' || namen[1] !== '|faultstring' || namen.at(-1) !== '|detail') fout.push(`soap:Fault holds ${namen.join(', ')}`);
      const code = f.get('faultcode')?.content.trim() ?? '';
      const [prefix, lokaal] = code.split(':');
      if (f.namespaces[prefix] !== NS.soap || !['Client', 'Server'].includes(lokaal)) fout.push(`faultcode ${code} is not soap:Client or soap:Server`);
      const detail = f.get('detail') as InstanceType<Lib['XmlElement']> | null;
      el = detail ? kinderen(detail) : [];
      if (el.length !== 1) return [...fout, 'detail does not hold exactly one element'];
    }
    const naam: QName = `{${el[0].namespaceUri}}${el[0].name}`;
    const verwacht = op[a.soort];
    if (naam !== verwacht) fout.push(`body element ${naam}, the WSDL names ${verwacht} for ${op.naam} ${a.soort}`);
    // The element by itself against the XSDs: every namespace it uses is declared on it or below.
    const los = lib.XmlDocument.fromString(el[0].toString(), { option: lib.ParseOption.XML_PARSE_NONET });
    try {
      xsd.validate(los);
    } catch (e) {
      const d = (e as { details?: { message: string }[] }).details;
      fout.push(...(d?.map((x) => `XSD: ${x.message.trim()}`) ?? [`XSD: ${(e as Error).message}`]));
    } finally {
      los.dispose();
    }
  } finally {
    doc.dispose();
  }
  return fout;
}

const jw315 = (bsn: string, referentie = `KSR${volg}`): string => jw315Xml({ bsn, identificatie: `KSP${++volg}`, referentie });

const ACTIE = { Di01: `${NS.GGK}/ggk_Di01`, Du01: `${NS.GGK}/ggk_Du01`, Fo01: `${NS.StUF}/Fo01` } as const;
const codeVan = (xml: string) => /<StUF:code>([^<]+)<\/StUF:code>/.exec(xml)?.[1];

describe('GGk: every envelope the hub produces is what the WSDL and the StUF-GGk XSDs define', () => {
  it('the Di01 and Du01 it sends, the Bv03 it answers to a Di01, Du01 and Fo01, and every Fo03 it answers', async () => {
    const artefacten: GgkArtefact[] = [];
    const antwoord = (wat: string, actie: keyof typeof ACTIE, a: { http: number; xml: string }, code?: string) => {
      artefacten.push({ wat, actie: ACTIE[actie], soort: a.http === 200 ? 'output' : 'fout', http: a.http, xml: a.xml });
      if (code) expect([wat, codeVan(a.xml)]).toEqual([wat, code]);
      else expect([wat, a.http]).toEqual([wat, 200]);
    };

    // A JW315 in a Di01: Bv03; its JW316 out as a Du01.
    const e = ggk.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(testBsn(700), 'KSPEC-1') });
    antwoord('Bv03 to a Di01', 'Di01', (await ggk.lever('Di01', e.xml))[0]);
    await wachtTot('the Du01', () => ggk.ontvangen.some((o) => o.crossRefnummer === e.referentienummer));

    // The municipality allocates: a JW301 out as a Di01; the provider's JW302 back in a Du01: Bv03.
    const L = `query { verzoeken(filter: { status: open }, first: 50) { edges { node { id referentieAanbieder } } } }`;
    const v = knopen((await hub.api.gql<{ verzoeken: Conn<{ id: string; referentieAanbieder: string }> }>(hub.tokens.bosch, L)).data!.verzoeken).find((x) => x.referentieAanbieder === 'KSPEC-1')!;
    const r = await hub.api.gql<{ wijsVerzoekToe: { bericht: { id: string } } }>(
      hub.tokens.bosch,
      `mutation($input: WijsVerzoekToeInput!) { wijsVerzoekToe(input: $input) { bericht { id } } }`,
      { input: { verzoekId: v.id, adres: { postcode: '5211AB', huisnummer: 7 } } },
    );
    expect(r.errors).toBeUndefined();
    const heen = await wachtTot('the JW301 in a Di01', () => ggk.ontvangen.find((o) => o.actie === 'Di01' && o.functie === 'JW301'));
    const jw301 = (await parseMessage(Buffer.from(heen.payload!))).message;
    const jw302 = writeMessage(bouwRetour(jw301, { header: [], klassen: new Map() }, `P${++volg}`, dag));
    const du = ggk.envelop({ actie: 'Du01', zender: ALFA, ontvanger: BOSCH, functie: 'JW302', xml: jw302, crossRefnummer: heen.referentienummer });
    antwoord('Bv03 to a Du01', 'Du01', (await ggk.lever('Du01', du.xml))[0]);
    await wachtOpBericht(hub.api.url, hub.tokens.bosch, r.data!.wijsVerzoekToe.bericht.id, (s) => s.retour?.type === 'JW302');

    // The hub's sends, as the GGk received them, with their SOAPAction.
    for (const p of ggk.pogingen) artefacten.push({ wat: `the hub's ${p.actie.split('/').pop()}`, actie: p.actie, soort: 'input', xml: p.xml });
    expect(new Set(ggk.pogingen.map((p) => p.actie.split('/').pop()))).toEqual(new Set(['ggk_Di01', 'ggk_Du01']));

    // A Fo01 about the hub's Di01: Bv03.
    const du01 = ggk.ontvangen.find((o) => o.crossRefnummer === e.referentienummer)!;
    antwoord('Bv03 to a Fo01', 'Fo01', (await ggk.lever('Fo01', ggk.fo01({ crossRefnummer: du01.referentienummer, ontvanger: du01.zender, code: 'IB210', omschrijving: 'Ontvanger onbekend' }).xml))[0]);

    // Every refusal: a Fo03.
    const t = () => ggk.tijdstip();
    const di = (xml: string, o: { referentienummer?: string; tijdstipBericht?: string; functie?: string; zender?: typeof ALFA; ontvanger?: typeof BOSCH } = {}) =>
      ggk.envelop({ actie: 'Di01', zender: o.zender ?? ALFA, ontvanger: o.ontvanger ?? BOSCH, functie: o.functie ?? 'JW315', xml, ...o, tijdstipBericht: o.tijdstipBericht ?? t() }).xml;
    antwoord('StUF016', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(701)), { referentienummer: e.referentienummer })))[0], 'StUF016');
    antwoord('StUF019', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(702)), { tijdstipBericht: '20000101000000' })))[0], 'StUF019');
    antwoord('StUF055 payload', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(703)).replace('de Vries', 'x'.repeat(250)))))[0], 'StUF055');
    antwoord('StUF055 envelope', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(704))).replace('<StUF:functie>', '<StUF:onbekend/><StUF:functie>')))[0], 'StUF055');
    antwoord('StUF037', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(705)), { functie: 'JW305' })))[0], 'StUF037');
    antwoord('StUF034', 'Du01', (await ggk.lever('Du01', di(jw315(testBsn(706)))))[0], 'StUF034');
    antwoord('StUF034 functie', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(707)), { functie: 'JW316' })))[0], 'StUF034');
    antwoord('StUF013', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(708)), { zender: { organisatie: 'SVB', applicatie: 'Alfa Zorgsoftware' } })))[0], 'StUF013');
    antwoord('StUF010', 'Di01', (await ggk.lever('Di01', di(jw315(testBsn(709)), { ontvanger: { organisatie: '0828', applicatie: 'GGk' } })))[0], 'StUF010');
    antwoord('StUF043 Du01', 'Du01', (await ggk.lever('Du01', ggk.envelop({ actie: 'Du01', zender: ALFA, ontvanger: BOSCH, functie: 'JW302', xml: jw302, crossRefnummer: '00000000-0000-4000-8000-000000000000', tijdstipBericht: t() }).xml))[0], 'StUF043');
    antwoord('StUF043 Fo01', 'Fo01', (await ggk.lever('Fo01', ggk.fo01({ crossRefnummer: '00000000-0000-4000-8000-000000000000', ontvanger: du01.zender, code: 'IB210', omschrijving: 'x' }).xml))[0], 'StUF043');
    const groot = di(jw315(testBsn(710))).replace('<GGK:parameters>', `<!--${'x'.repeat(25 * 1024 * 1024)}--><GGK:parameters>`);
    antwoord('IB007', 'Di01', (await ggk.lever('Di01', groot))[0], 'IB007');

    const lib = await libxml2();
    const ops = leesWsdl(lib);
    expect([...ops.values()].map((o) => o.naam).sort()).toEqual(['Fo01', 'ggk_Di01', 'ggk_Du01']);
    const xsd = laadXsd(lib);
    try {
      const fouten: Record<string, string[]> = {};
      for (const a of artefacten) {
        const b = await bevindingen(a, ops, xsd);
        if (b.length) fouten[a.wat] = b;
      }
      expect(fouten).toEqual({});
      expect(artefacten.filter((a) => a.soort === 'fout')).toHaveLength(12);
      expect(artefacten.filter((a) => a.soort === 'input').length).toBeGreaterThanOrEqual(2);
    } finally {
      xsd.dispose();
    }
  });

  it('the check can fail: an element out of order, a Di01 under the Du01 SOAPAction, a fault with HTTP 200 are caught', async () => {
    const lib = await libxml2();
    const ops = leesWsdl(lib);
    const xsd = laadXsd(lib);
    try {
      const heen = ggk.ontvangen.find((o) => o.actie === 'Di01')!;
      const verwisseld = heen.xml.replace(/(<StUF:referentienummer>[^<]+<\/StUF:referentienummer>)(<StUF:tijdstipBericht>[^<]+<\/StUF:tijdstipBericht>)/, '$2$1');
      expect(verwisseld).not.toBe(heen.xml);
      expect((await bevindingen({ wat: 'x', actie: ACTIE.Di01, soort: 'input', xml: verwisseld }, ops, xsd)).join()).toMatch(/XSD/);
      expect(await bevindingen({ wat: 'x', actie: ACTIE.Du01, soort: 'input', xml: heen.xml }, ops, xsd)).toEqual([expect.stringMatching(/the WSDL names/)]);
      const [fo3] = await ggk.lever('Di01', heen.xml.replace(/<StUF:referentienummer>[^<]+/, '<StUF:referentienummer>niet-uuid'));
      expect(await bevindingen({ wat: 'x', actie: ACTIE.Di01, soort: 'fout', http: 200, xml: fo3.xml }, ops, xsd)).toEqual([expect.stringMatching(/expected 500/)]);
    } finally {
      xsd.dispose();
    }
  });
});

// ---------------------------------------------------------------- VECOZO: OpenAPI documents

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema: Record<string, unknown>;
}
interface Operation {
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, Record<string, unknown>>; required?: string[] }; encoding?: Record<string, { contentType: string }> }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const DOCUMENTEN = ['VSP-Koppeling_Berichtuitwisseling_REST_Push_V1_-_1.0.2.json', 'VSP-Koppeling_Berichtuitwisseling_REST_Pull_V1_-_1.0.0.json', 'vspkoppeling-berichtstatus-rest-pull-v3.json'];

/** A request as it went over the wire. */
interface Opgenomen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The documents, each under the path its `servers[0].url` gives below `/berichtenservice` (VECOZO_URL). */
class VspDocumenten {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly docs: { prefix: string; id: string; doc: Document }[];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'binary']) this.ajv.addFormat(f, true);
    this.docs = DOCUMENTEN.map((bestand, i) => {
      const doc = JSON.parse(readFileSync(path.join(VSP, bestand), 'utf8')) as Document;
      const id = `vsp-doc-${i}`;
      this.ajv.addSchema(doc, id);
      return { prefix: new URL(doc.servers[0].url).pathname.replace(/^\/berichtenservice/, ''), id, doc };
    });
  }

  /** Validates `waarde` against the schema at `pointer` (a JSON pointer into the document). */
  private check(id: string, pointer: string[], waarde: unknown, plaats: string): string[] {
    const ref = `${id}#/${pointer.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
    let v = this.cache.get(ref);
    if (!v) {
      v = this.ajv.compile({ $ref: ref });
      this.cache.set(ref, v);
    }
    return v(waarde) ? [] : (v.errors ?? []).map((e) => `${plaats}${e.instancePath}: ${e.message ?? ''}`);
  }

  /** What is wrong with a request by the documents; empty when it conforms. */
  fouten(r: Opgenomen): { operatie?: string; fouten: string[] } {
    const u = new URL(r.url, 'http://x');
    const d = this.docs.find((x) => u.pathname.startsWith(`${x.prefix}/`));
    if (!d) return { fouten: [`${u.pathname}: under no document's server path`] };
    const pad = u.pathname.slice(d.prefix.length);
    for (const [sjabloon, ops] of Object.entries(d.doc.paths)) {
      const namen: string[] = [];
      const m = new RegExp(`^${sjabloon.replace(/\{([^}]+)\}/g, (_, n: string) => (namen.push(n), '([^/]+)'))}$`).exec(pad);
      const methode = r.method.toLowerCase();
      const op = ops[methode];
      if (!m || !op) continue;
      const naam = `${r.method} ${sjabloon}`;
      const fouten: string[] = [];
      const waarden: Record<string, Record<string, string>> = { path: Object.fromEntries(namen.map((n, i) => [n, decodeURIComponent(m[i + 1])])), query: Object.fromEntries(u.searchParams) };
      (op.parameters ?? []).forEach((p, i) => {
        const ruw = waarden[p.in]?.[p.name];
        if (ruw === undefined) {
          if (p.required) fouten.push(`${p.name}: required`);
          return;
        }
        const waarde = p.schema.type === 'integer' && /^-?\d+$/.test(ruw) ? Number(ruw) : ruw;
        fouten.push(...this.check(d.id, ['paths', sjabloon, methode, 'parameters', String(i), 'schema'], waarde, p.name));
      });
      for (const k of u.searchParams.keys()) if (!(op.parameters ?? []).some((p) => p.in === 'query' && p.name === k)) fouten.push(`${k}: no parameter of ${naam}`);
      const soort = (r.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!op.requestBody) {
        if (r.body.length) fouten.push('a body where the operation has none');
      } else if (!op.requestBody.content[soort]) {
        fouten.push(`content-type ${soort}: the operation takes ${Object.keys(op.requestBody.content).join(', ')}`);
      } else if (soort === 'multipart/form-data') {
        const c = op.requestBody.content[soort];
        const delen = multipart(r.headers['content-type'] ?? '', r.body);
        for (const n of c.schema.required ?? []) if (!delen[n]) fouten.push(`part ${n}: missing`);
        for (const [n, deel] of Object.entries(delen)) {
          const schema = c.schema.properties?.[n];
          if (!schema) {
            fouten.push(`part ${n}: not in the schema`);
            continue;
          }
          const verwacht = c.encoding?.[n]?.contentType;
          if (verwacht && deel.contentType !== verwacht) fouten.push(`part ${n}: content-type ${deel.contentType}, the encoding says ${verwacht}`);
          if (schema.format === 'binary') {
            if (!deel.inhoud.length) fouten.push(`part ${n}: empty`);
          } else {
            const json = leesJson(deel.inhoud);
            if (json === GEEN_JSON) fouten.push(`part ${n}: no JSON`);
            else fouten.push(...this.check(d.id, ['paths', sjabloon, methode, 'requestBody', 'content', soort, 'schema', 'properties', n], json, n));
          }
        }
      } else {
        const json = leesJson(r.body);
        if (json === GEEN_JSON) fouten.push('body: no JSON');
        else fouten.push(...this.check(d.id, ['paths', sjabloon, methode, 'requestBody', 'content', soort, 'schema'], json, 'body'));
      }
      // What the hub accepts must include what the success answer carries.
      const succes = Object.entries(op.responses).find(([s]) => s.startsWith('2'))?.[1];
      const accept = String(r.headers.accept ?? '*/*');
      for (const t of Object.keys(succes?.content ?? {})) if (!accept.split(',').some((a) => ['*/*', t, `${t.split('/')[0]}/*`].includes(a.split(';')[0].trim()))) fouten.push(`accept ${accept} excludes ${t}`);
      return { operatie: naam, fouten };
    }
    return { fouten: [`${r.method} ${u.pathname}: no operation`] };
  }
}

const GEEN_JSON = Symbol('geen JSON');
function leesJson(b: Buffer): unknown {
  try {
    return JSON.parse(b.toString('utf8'));
  } catch {
    return GEEN_JSON;
  }
}

/** multipart/form-data (RFC 7578), read part by part with each part's own content type. */
function multipart(contentType: string, body: Buffer): Record<string, { contentType: string; inhoud: Buffer }> {
  const grens = /boundary=(?:"([^"]+)"|([^;\s]+))/.exec(contentType);
  if (!grens) throw new Error('no boundary');
  const scheiding = `--${grens[1] ?? grens[2]}`;
  const delen: Record<string, { contentType: string; inhoud: Buffer }> = {};
  const tekst = body.toString('latin1');
  const stukken = tekst.split(`\r\n${scheiding}`);
  stukken[0] = stukken[0].replace(scheiding, '');
  for (const stuk of stukken.slice(0, -1)) {
    const [kop, ...rest] = stuk.replace(/^\r\n/, '').split('\r\n\r\n');
    const naam = /name="([^"]*)"/.exec(kop)?.[1] ?? '';
    delen[naam] = { contentType: /content-type:\s*([^\r\n;]+)/i.exec(kop)?.[1].trim() ?? 'text/plain', inhoud: Buffer.from(rest.join('\r\n\r\n'), 'latin1') };
  }
  if (!stukken.at(-1)?.startsWith('--')) throw new Error('no closing boundary');
  return delen;
}

/** A plain recording proxy in front of the simulator: what the hub's client sends, byte for byte. */
async function proxy(doel: string): Promise<{ url: string; opgenomen: Opgenomen[]; stop: () => Promise<void> }> {
  const opgenomen: Opgenomen[] = [];
  const server = http.createServer((req, res) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => {
      const body = Buffer.concat(delen);
      opgenomen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const verder = http.request(`${doel}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (antwoord) => {
        res.writeHead(antwoord.statusCode ?? 502, antwoord.headers);
        antwoord.pipe(res);
      });
      verder.on('error', () => res.destroy());
      verder.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    opgenomen,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('VECOZO: every request the hub makes is what the OpenAPI documents define', () => {
  it('push, list, payload, DELETE and status query', async () => {
    const p = await proxy(vz.url);
    try {
      const client = new VspClient({ url: p.url });
      const aan = await hub.api.gql(hub.tokens.alfa, `mutation { zetVecozoPortaal(aanbiederAgb: "${AGB.alfa}", aan: true) { actief } }`);
      expect(aan.errors).toBeUndefined();
      // Two portal messages pushed: one composed field by field, one uploaded as XML.
      const stel = async (input: Record<string, unknown>) => {
        const r = await hub.api.gql<{ stelVecozoBerichtOp: { id: string; traceerId: string } }>(hub.tokens.alfa, `mutation($input: VecozoBerichtInput!) { stelVecozoBerichtOp(input: $input) { id traceerId } }`, { input });
        expect(r.errors).toBeUndefined();
        return r.data!.stelVecozoBerichtOp;
      };
      await stel({
        soort: 'JW315',
        jw315: { gemeente: '0796', identificatie: 'KSV1', bsn: testBsn(720), geboortedatum: '2015-03-01', geslacht: '2', achternaam: 'Smit', producten: [{ referentieAanbieder: 'KSV1', categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', verwijzerType: '02', verwijzerNaam: 'Huisarts' }] },
      });
      const b = await stel({ soort: 'JW315', xml: jw315(testBsn(721)) });
      expect(await verstuurOpen(hub.ds, hub.sleutels, client)).toMatchObject({ aangenomen: 2 });
      expect(await volgStatussen(hub.ds, client)).toBe(2);
      // A message VECOZO holds for the hub; its listed payload URL is the simulator's, not below the proxy's base, so it is fetched by traceerId.
      vz.lever({ payload: zaakJw301({ bsn: testBsn(722), nummer: 9722, identificatie: 'KSV3', dagtekening: dag }) });
      expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1 });

      const docs = new VspDocumenten();
      const gezien = new Set<string>();
      const fouten: Record<string, string[]> = {};
      for (const r of p.opgenomen) {
        const f = docs.fouten(r);
        if (f.operatie) gezien.add(f.operatie);
        if (f.fouten.length) fouten[`${r.method} ${r.url}`] = f.fouten;
      }
      expect(fouten).toEqual({});
      expect([...gezien].sort()).toEqual(['DELETE /berichten/{traceerId}', 'GET /berichten', 'GET /berichten/{traceerId}/payload', 'GET /berichtstatussen', 'POST /berichten']);
      // The status query names exactly one of traceerId and conversatieId (the document's description).
      for (const r of p.opgenomen.filter((x) => x.url.includes('/berichtstatussen'))) {
        const q = new URL(r.url, 'http://x').searchParams;
        expect(q.has('traceerId') !== q.has('conversatieId')).toBe(true);
      }
      expect(p.opgenomen.some((r) => r.url.includes(b.traceerId))).toBe(true);
      expect(vz.afwijkingen).toEqual([]);

      // The check can fail: a push whose traceerId is no uuid, a limit above 250, a DELETE of no uuid, a payload asked for as JSON.
      const push = p.opgenomen.find((r) => r.method === 'POST')!;
      const kapot = { ...push, body: Buffer.from(push.body.toString('latin1').replace(/"traceerId":"[^"]+"/, '"traceerId":"geen-uuid"'), 'latin1') };
      expect(docs.fouten(kapot).fouten.join()).toMatch(/traceerId/);
      expect(docs.fouten({ method: 'GET', url: '/berichten/rest-pull/v1/berichten?limit=251', headers: { accept: 'application/json' }, body: Buffer.alloc(0) }).fouten.join()).toMatch(/limit/);
      expect(docs.fouten({ method: 'DELETE', url: '/berichten/rest-pull/v1/berichten/x', headers: {}, body: Buffer.alloc(0) }).fouten.join()).toMatch(/traceerId/);
      expect(docs.fouten({ method: 'GET', url: '/berichten/rest-pull/v1/berichten/00000000-0000-4000-8000-000000000000/payload', headers: { accept: 'application/json' }, body: Buffer.alloc(0) }).fouten.join()).toMatch(/accept/);
    } finally {
      await p.stop();
    }
  });
});
