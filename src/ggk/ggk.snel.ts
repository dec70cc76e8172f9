import { ONZEKER, snelleDoorgang, type Tag } from '../messaging/ijw/codec';
import { uitBody, type Knoop } from './ggk.xml';
import { BODY_ELEMENT, NS, UUID_V4, type OntvangenEnvelop, type Operatie } from './ggk.types';

/**
 * The usual Di01 or Du01 read without libxml2: the codec's fast tokenizer (src/messaging/ijw/codec.ts)
 * and the content model of the StUF-GGk 0210 XSDs for exactly these two bodies, written out below.
 * It only ever answers "valid, and this is what it carries", with the reading libxml2's path
 * gives (same tree, same `uitBody`); anything it is not sure of, it leaves to libxml2 and the
 * XSDs: a Header, an attribute other than a namespace declaration, a namespace other than the
 * port's three, a tekstBestand, whitespace around a value, a base64 value with whitespace or
 * non-canonical padding, an undecodable byte, an envelope over a million characters, and all the
 * tokenizer itself leaves alone (references, comments, CDATA, PIs, a DOCTYPE, carriage returns).
 * A Fo01 always goes to libxml2. ggk.snel.spec.ts holds the two to the same answers on the
 * hub's, the simulator's and the specification's envelopes and thousands of mutations of them.
 */

/** An element's content: its children in order (each at most once), or a leaf's value check. */
interface Model {
  uri: string;
  naam: string;
  optioneel?: boolean;
  inhoud: readonly Model[] | ((waarde: string) => boolean);
}

/** Above this the tokenizer's text could meet libxml2's limits (10,000,000 characters per text without XML_PARSE_HUGE). */
const MAX_TEKENS = 1_000_000;
const NAMESPACES = new Set<string>(Object.values(NS));
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const stuf = (naam: string, inhoud: Model['inhoud'], optioneel = false): Model => ({ uri: NS.stuf, naam, inhoud, optioneel });
const ggk = (naam: string, inhoud: Model['inhoud']): Model => ({ uri: NS.ggk, naam, inhoud });
/** xs:string with length facets (whitespace preserved: the length counts it). */
const lengte = (min: number, max: number) => (v: string) => v.length >= min && v.length <= max;
const gelijk = (s: string) => (v: string) => v === s;
const TIJDSTIP = /^[0-9]{8,17}$/;
const VERSIENR = /^[0-9]{4}$/;
/**
 * xs:base64Binary in its canonical form only (no whitespace, the padding's last bits zero): then
 * decoding it and encoding the bytes again gives the same text; for any other text it does not.
 */
const base64 = (v: string): boolean => Buffer.from(v, 'base64').toString('base64') === v;

/** StUF:Systeem_ggkberichten. */
const SYSTEEM: readonly Model[] = [stuf('organisatie', lengte(0, 200)), stuf('applicatie', lengte(3, 50)), stuf('administratie', lengte(0, 50), true), stuf('gebruiker', lengte(0, 100), true)];
const REFNUMMER = (v: string) => UUID_V4.test(v);

/** GGK:Parameters_ggkberichten with an xmlBestand. */
const PARAMETERS = ggk('parameters', [
  ggk('applicatieVersie', (v) => VERSIENR.test(v)),
  ggk('applicatieSubversie', (v) => VERSIENR.test(v)),
  ggk('functieVersie', (v) => VERSIENR.test(v)),
  ggk('functieSubversie', (v) => VERSIENR.test(v)),
  ggk('bericht', [ggk('xmlBestand', base64)]),
]);

const stuurgegevens = (code: 'Di01' | 'Du01'): Model =>
  ggk('stuurgegevens', [
    stuf('berichtcode', gelijk(code)),
    stuf('zender', SYSTEEM),
    stuf('ontvanger', SYSTEEM),
    stuf('referentienummer', REFNUMMER),
    stuf('tijdstipBericht', (v) => TIJDSTIP.test(v)),
    ...(code === 'Du01' ? [stuf('crossRefnummer', REFNUMMER)] : []),
    stuf('functie', lengte(0, 30)),
  ]);

/** The SOAP envelope around each body, as soap11-envelop.xsd allows it without a Header. */
const ENVELOP: Readonly<Record<'Di01' | 'Du01', Model>> = {
  Di01: { uri: NS.soap, naam: 'Envelope', inhoud: [{ uri: NS.soap, naam: 'Body', inhoud: [ggk(BODY_ELEMENT.Di01.naam, [stuurgegevens('Di01'), PARAMETERS])] }] },
  Du01: { uri: NS.soap, naam: 'Envelope', inhoud: [{ uri: NS.soap, naam: 'Body', inhoud: [ggk(BODY_ELEMENT.Du01.naam, [stuurgegevens('Du01'), PARAMETERS])] }] },
};

/** Whitespace only (the tokenizer passes no carriage return). */
const WIT = /^[ \t\n]*$/;

/** Whether an element and everything in it fits its model exactly. */
function past(k: Knoop, m: Model): boolean {
  if (k.uri !== m.uri || k.naam !== m.naam) return false;
  if (typeof m.inhoud === 'function') return k.kinderen.length === 0 && m.inhoud(k.tekst);
  // Element-only content: text between the children is whitespace.
  if (!WIT.test(k.tekst)) return false;
  let i = 0;
  for (const c of m.inhoud) {
    const kind = k.kinderen[i];
    if (kind && kind.uri === c.uri && kind.naam === c.naam) {
      if (!past(kind, c)) return false;
      i++;
    } else if (!c.optioneel) return false;
  }
  return i === k.kinderen.length;
}

/**
 * A Di01 or Du01 envelope (decoded as UTF-8) read and found valid without libxml2; undefined when
 * it is libxml2's to judge (see above).
 */
export function leesSnel(tekst: string, operatie: Operatie): OntvangenEnvelop | undefined {
  if (operatie === 'Fo01' || tekst.length > MAX_TEKENS || tekst.includes('\uFFFD')) return undefined;
  const stapel: Knoop[] = [];
  let wortel: Knoop | undefined;
  let anders = false;
  const r = snelleDoorgang(tekst, {
    naarDom: () => {
      throw new Error('the fast tokenizer does not call naarDom');
    },
    open: (tag: Tag) => {
      for (const naam in tag.attributes) {
        const a = tag.attributes[naam];
        if (a.uri !== XMLNS_NS || !NAMESPACES.has(a.value)) anders = true;
      }
      const k: Knoop = { uri: tag.uri, naam: tag.local, attrs: [], kinderen: [], tekst: '' };
      const ouder = stapel[stapel.length - 1];
      if (ouder) ouder.kinderen.push(k);
      else wortel = k;
      stapel.push(k);
    },
    tekst: (t: string) => {
      const k = stapel[stapel.length - 1];
      k.tekst = k.tekst ? k.tekst + t : t;
    },
    sluit: () => {
      const k = stapel.pop() as Knoop;
      // What uitBody reads of an element with children: no text.
      if (k.kinderen.length && !WIT.test(k.tekst)) anders = true;
      if (k.kinderen.length) k.tekst = '';
    },
  });
  if (r === ONZEKER || anders || !wortel || !past(wortel, ENVELOP[operatie])) return undefined;
  return uitBody(wortel.kinderen[0].kinderen[0], operatie);
}
