import { createHash } from 'node:crypto';
import { libxml2, type Libxml2Module } from '../messaging/ijw/xml';
import { BODY_ELEMENT, NS, type Fo03Code, type OntvangenEnvelop, type Operatie, type Stuurgegevens, type Systeem } from './ggk.types';

/**
 * Envelopes as plain XML: built from templates with escaped values and checked against the XSDs
 * (GgkSchema) before they leave; read from the document that passed the XSDs. No SOAP
 * framework: the port has three one-way operations whose bodies the XSDs fix to the element.
 */

// Most values (numbers, codes, names) have nothing to escape: then they are used as they are.
const esc = (s: string) => (/[&<>"]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s);

const systeem = (naam: string, s: Systeem) =>
  `<StUF:${naam}><StUF:organisatie>${esc(s.organisatie)}</StUF:organisatie><StUF:applicatie>${esc(s.applicatie)}</StUF:applicatie></StUF:${naam}>`;

/** A SOAP 1.1 envelope around one body element. */
export function soapEnvelop(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="${NS.soap}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** What a Bv03 or Fo03 answers: the received envelope's parties and number, and the answer's own. */
export interface Antwoordgegevens {
  /** The answering system (the received envelope's ontvanger). */
  zender: Systeem;
  /** The received envelope's zender. */
  ontvanger: Systeem;
  referentienummer: string;
  tijdstipBericht: string;
  /** The received envelope's referentienummer. */
  crossRefnummer: string;
}

function stuurgegevensAntwoord(code: 'Bv03' | 'Fo03', a: Antwoordgegevens): string {
  return (
    `<StUF:stuurgegevens><StUF:berichtcode>${code}</StUF:berichtcode>${systeem('zender', a.zender)}${systeem('ontvanger', a.ontvanger)}` +
    `<StUF:referentienummer>${esc(a.referentienummer)}</StUF:referentienummer><StUF:tijdstipBericht>${a.tijdstipBericht}</StUF:tijdstipBericht>` +
    `<StUF:crossRefnummer>${esc(a.crossRefnummer)}</StUF:crossRefnummer></StUF:stuurgegevens>`
  );
}

/** Bv03: the envelope is stored. */
export function bv03(a: Antwoordgegevens): string {
  return soapEnvelop(`<StUF:Bv03Bericht xmlns:StUF="${NS.stuf}">${stuurgegevensAntwoord('Bv03', a)}</StUF:Bv03Bericht>`);
}

/** Fo03 as the SOAP fault `fout` (HTTP 500): faultcode Client for the sender's error, Server for the hub's. */
export function fo03(a: Antwoordgegevens, f: { code: Fo03Code; plek: 'client' | 'server'; omschrijving: string; details?: string }): string {
  const omschrijving = f.omschrijving.slice(0, 200);
  const body =
    `<StUF:Fo03Bericht xmlns:StUF="${NS.stuf}">${stuurgegevensAntwoord('Fo03', a)}<StUF:body><StUF:code>${f.code}</StUF:code>` +
    `<StUF:plek>${f.plek}</StUF:plek><StUF:omschrijving>${esc(omschrijving)}</StUF:omschrijving>` +
    (f.details ? `<StUF:details>${esc(f.details.slice(0, 1000))}</StUF:details>` : '') +
    `</StUF:body></StUF:Fo03Bericht>`;
  return soapEnvelop(
    `<soap:Fault><faultcode>soap:${f.plek === 'client' ? 'Client' : 'Server'}</faultcode><faultstring>${esc(omschrijving)}</faultstring><detail>${body}</detail></soap:Fault>`,
  );
}

/** What a Di01 or Du01 the hub sends carries. */
export interface UitgaandEnvelop {
  berichtcode: 'Di01' | 'Du01';
  zender: Systeem;
  ontvanger: Systeem;
  referentienummer: string;
  tijdstipBericht: string;
  /** Du01: the Di01's referentienummer. */
  crossRefnummer: string | null;
  functie: string;
  versies: { applicatieVersie: string; applicatieSubversie: string; functieVersie: string; functieSubversie: string };
  /** The iJw XML (UTF-8, no BOM), sent as xmlBestand. */
  xml: Buffer;
}

/** A Di01 (envelopHeenbericht-ggk_Di01) or Du01 (envelopRetourbericht-ggk_Du01) in its SOAP envelope. */
export function envelop(e: UitgaandEnvelop): string {
  const el = BODY_ELEMENT[e.berichtcode].naam;
  const v = e.versies;
  return soapEnvelop(
    `<GGK:${el} xmlns:GGK="${NS.ggk}" xmlns:StUF="${NS.stuf}"><GGK:stuurgegevens><StUF:berichtcode>${e.berichtcode}</StUF:berichtcode>` +
      `${systeem('zender', e.zender)}${systeem('ontvanger', e.ontvanger)}<StUF:referentienummer>${e.referentienummer}</StUF:referentienummer>` +
      `<StUF:tijdstipBericht>${e.tijdstipBericht}</StUF:tijdstipBericht>` +
      (e.crossRefnummer ? `<StUF:crossRefnummer>${e.crossRefnummer}</StUF:crossRefnummer>` : '') +
      `<StUF:functie>${esc(e.functie)}</StUF:functie></GGK:stuurgegevens><GGK:parameters>` +
      `<GGK:applicatieVersie>${v.applicatieVersie}</GGK:applicatieVersie><GGK:applicatieSubversie>${v.applicatieSubversie}</GGK:applicatieSubversie>` +
      `<GGK:functieVersie>${v.functieVersie}</GGK:functieVersie><GGK:functieSubversie>${v.functieSubversie}</GGK:functieSubversie>` +
      `<GGK:bericht><GGK:xmlBestand>${e.xml.toString('base64')}</GGK:xmlBestand></GGK:bericht></GGK:parameters></GGK:${el}>`,
  );
}

const XP = { soap: NS.soap, GGK: NS.ggk, StUF: NS.stuf };

type Element = InstanceType<Libxml2Module['XmlElement']>;

/** An element of a received envelope's body as its reading needs it, whichever parser read it. */
export interface Knoop {
  uri: string;
  /** Its local name. */
  naam: string;
  attrs: readonly { uri: string; naam: string; waarde: string }[];
  kinderen: Knoop[];
  /** A leaf's text (no element children); '' for the others. */
  tekst: string;
}

/** The body element's tree from libxml2's document. */
function knoopVan(lib: Libxml2Module, el: Element): Knoop {
  const kinderen: Knoop[] = [];
  for (let n = el.firstChild; n; n = n.next) if (n instanceof lib.XmlElement) kinderen.push(knoopVan(lib, n));
  return {
    uri: el.namespaceUri,
    naam: el.name,
    attrs: el.attrs.map((a) => ({ uri: a.namespaceUri, naam: a.name, waarde: a.value })),
    kinderen,
    tekst: kinderen.length ? '' : el.content,
  };
}

/**
 * Reads an envelope that passed the XSDs, from the document that was validated (GgkSchema.lees):
 * one walk over the body's elements, no XPath and no second parse. `operatie` is the one the
 * SOAPAction named; the body's element must be that operation's, else undefined.
 */
export function leesEnvelop(lib: Libxml2Module, root: Element, operatie: Operatie): OntvangenEnvelop | undefined {
  const verwacht = BODY_ELEMENT[operatie];
  let body: Element | undefined;
  for (let n = root.firstChild; n && !body; n = n.next) {
    if (n instanceof lib.XmlElement && n.name === 'Body' && n.namespaceUri === NS.soap) {
      for (let k = n.firstChild; k; k = k.next) if (k instanceof lib.XmlElement) {
        body = k;
        break;
      }
    }
  }
  if (!body || body.name !== verwacht.naam || body.namespaceUri !== verwacht.ns) return undefined;
  return uitBody(knoopVan(lib, body), operatie);
}

/**
 * What a valid envelope's body element carries. The XSDs fix which namespace each element has
 * where, so the fields are found by their local names. The content hash covers names,
 * attributes and leaf texts in document order: whatever the prefixes or the whitespace between
 * elements, the same content gives the same hash, whichever parser read it.
 */
export function uitBody(body: Knoop, operatie: Operatie): OntvangenEnvelop {
  // Each leaf by its path of local names under the body (the first, should one repeat).
  const velden = new Map<string, string>();
  const inhoud: string[] = [];
  const loop = (el: Knoop, pad: string) => {
    inhoud.push('\u0001', el.uri, '\u0000', el.naam);
    for (const a of el.attrs) inhoud.push('\u0002', a.uri, '\u0000', a.naam, '\u0000', a.waarde);
    for (const k of el.kinderen) loop(k, pad ? `${pad}/${k.naam}` : k.naam);
    if (!el.kinderen.length) {
      inhoud.push('\u0003', el.tekst);
      if (!velden.has(pad)) velden.set(pad, el.tekst.trim());
    }
    inhoud.push('\u0004');
  };
  loop(body, '');
  const t = (p: string) => velden.get(p) ?? null;
  const sys = (naam: string): Systeem => ({ organisatie: t(`stuurgegevens/${naam}/organisatie`) ?? '', applicatie: t(`stuurgegevens/${naam}/applicatie`) ?? '' });
  const stuurgegevens: Stuurgegevens = {
    berichtcode: operatie,
    zender: sys('zender'),
    ontvanger: sys('ontvanger'),
    referentienummer: t('stuurgegevens/referentienummer') ?? '',
    tijdstipBericht: t('stuurgegevens/tijdstipBericht') ?? '',
    crossRefnummer: t('stuurgegevens/crossRefnummer'),
    functie: t('stuurgegevens/functie'),
  };
  // base64Binary may hold whitespace (the XSD allows it); Node's base64 decoding skips it.
  const xmlBestand = t('parameters/bericht/xmlBestand');
  const bericht = operatie === 'Fo01' ? null : xmlBestand !== null ? { soort: 'xml' as const, inhoud: Buffer.from(xmlBestand, 'base64') } : { soort: 'tekst' as const };
  const fout =
    operatie === 'Fo01'
      ? { code: t('body/code') ?? '', plek: t('body/plek') === 'server' ? ('server' as const) : ('client' as const), omschrijving: t('body/omschrijving') ?? '', details: t('body/details') }
      : null;
  return { stuurgegevens, bericht, fout, hash: createHash('sha256').update(inhoud.join('')).digest('hex') };
}

/** The stuurgegevens and fault body of a Bv03 or Fo03 answer (for the hub's own sends). */
export async function leesAntwoord(xml: string): Promise<{ code: 'Bv03' | 'Fo03'; crossRefnummer: string; fout: { code: string; plek: string; omschrijving: string } | null } | undefined> {
  const lib = await libxml2();
  const doc = lib.XmlDocument.fromString(xml, { option: lib.ParseOption.XML_PARSE_NONET });
  try {
    const bv = doc.root.get('soap:Body/StUF:Bv03Bericht', XP);
    const fo = doc.root.get('soap:Body/soap:Fault/detail/StUF:Fo03Bericht', XP);
    const el = bv ?? fo;
    if (!el) return undefined;
    const t = (p: string) => el.get(p, XP)?.content.trim() ?? '';
    return {
      code: bv ? 'Bv03' : 'Fo03',
      crossRefnummer: t('StUF:stuurgegevens/StUF:crossRefnummer'),
      fout: fo ? { code: t('StUF:body/StUF:code'), plek: t('StUF:body/StUF:plek'), omschrijving: t('StUF:body/StUF:omschrijving') } : null,
    };
  } finally {
    doc.dispose();
  }
}
