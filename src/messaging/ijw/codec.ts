import type { XmlDocument, XmlElement, XmlNode, XmlTreeNode } from 'libxml2-wasm';
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { BASIS_NS, MESSAGE_TYPES, messageNamespace, type ComplexType, type ElementDef, type MessageDefinition, type MessageType, type SimpleType } from './definition';
import { BASISSCHEMA, DEFINITIONS } from './definitions';
import { CodecError, CodecErrorCode, type CodecIssue } from './codec.errors';
import { libxml2, type Libxml2Module } from './xml';

/** A parsed element: simple content as string (or number for integer types), complex as node, repeats as arrays. */
export type IjwValue = string | number | IjwNode | IjwValue[];
export interface IjwNode {
  [element: string]: IjwValue | undefined;
}

/** A typed iJw message: its type and the content of `Bericht` (Header, Client, …). */
export interface IjwMessage {
  type: MessageType;
  bericht: IjwNode;
}

export interface ParseResult {
  message: IjwMessage;
  /** Structural findings (XSD level); empty when the message is structurally valid. */
  issues: CodecIssue[];
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

const TYPE_BY_NS = new Map<string, MessageType>(MESSAGE_TYPES.map((t) => [messageNamespace(t), t]));
const FORBIDDEN = [/<!DOCTYPE/i, /<!ENTITY/i];
const utf8 = new TextDecoder('utf-8', { fatal: true });

function complexType(def: MessageDefinition, name: string): ComplexType | undefined {
  return def.types.complex[name] ?? BASISSCHEMA.complex[name];
}
function simpleType(def: MessageDefinition, name: string): SimpleType | undefined {
  return def.types.simple[name] ?? BASISSCHEMA.simple[name];
}

const regexCache = new Map<string, RegExp>();
function fullMatch(pattern: string, v: string): boolean {
  let re = regexCache.get(pattern);
  if (!re) {
    // XSD patterns are implicitly anchored; the 3.2 set uses only syntax JavaScript shares.
    re = new RegExp(`^(?:${pattern})$`, 'u');
    regexCache.set(pattern, re);
  }
  return re.test(v);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** A real calendar date (no 2026-02-30). */
export function isCalendarDate(v: string): boolean {
  if (echteDatums.has(v)) return true;
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  const echt = y >= 1 && dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
  if (echt) {
    if (echteDatums.size >= 4096) echteDatums.clear();
    echteDatums.add(v);
  }
  return echt;
}
/** Dates found real: a claim repeats the same few thousand times. Bounded, so no input can grow it. */
const echteDatums = new Set<string>();

/** Parses XML with libxml2: no entity substitution, no DTD loading, no network; not well-formed is NOT_XML. */
export function leesDocument(lib: Libxml2Module, text: string): XmlDocument {
  try {
    return lib.XmlDocument.fromString(text, { option: lib.ParseOption.XML_PARSE_NONET });
  } catch (e) {
    throw new CodecError(CodecErrorCode.NOT_XML, `geen welgevormde XML; de parser meldt: "${String((e as Error).message).split('\n')[0].slice(0, 200)}"`);
  }
}

/** The message type of a document: its root must be `Bericht` in an iJw 3.2 message namespace. */
export function typeVan(root: XmlElement): MessageType {
  const type = TYPE_BY_NS.get(root.namespaceUri);
  if (!type) throw new CodecError(CodecErrorCode.UNKNOWN_NAMESPACE, `onbekende namespace '${kort(root.namespaceUri, 100)}'`);
  if (root.name !== 'Bericht') throw new CodecError(CodecErrorCode.WRONG_ROOT, `het root-element is ${kort(root.name, 50)}, verwacht Bericht`);
  return type;
}

/** Checks text against a simple type; returns the typed value or a finding. */
export function checkSimple(t: SimpleType, raw: string): { value?: string | number; problem?: string } {
  const v = t.base === 'string' ? raw : raw.trim();
  // Lengths first: they bound the work any pattern has to do on hostile input.
  // Code points, not UTF-16 units: the same when there is no surrogate, without an array per value.
  const len = /[\uD800-\uDFFF]/.test(v) ? [...v].length : v.length;
  if (t.minLength !== undefined && len < t.minLength) return { problem: `shorter than ${t.minLength}` };
  if (t.maxLength !== undefined && len > t.maxLength) return { problem: `longer than ${t.maxLength}` };
  if (t.base === 'integer') {
    if (!/^[+-]?\d{1,15}$/.test(v)) return { problem: `'${kort(v, 20)}' is not an integer` };
  } else if (t.base === 'date') {
    if (!isCalendarDate(v)) return { problem: `'${kort(v, 20)}' is not a date` };
  } else if (t.base === 'time') {
    if (!TIME.test(v)) return { problem: `'${kort(v, 20)}' is not a time` };
  }
  for (const p of t.patterns ?? []) if (!fullMatch(p, v)) return { problem: `'${kort(v, 40)}' does not match ${p}` };
  if (t.enumeration && !t.enumeration.includes(v)) return { problem: `'${kort(v, 20)}' is not in the code list` };
  if (t.base === 'integer') {
    const n = Number(v);
    if (t.minInclusive !== undefined && n < t.minInclusive) return { problem: `${n} below ${t.minInclusive}` };
    if (t.maxInclusive !== undefined && n > t.maxInclusive) return { problem: `${n} above ${t.maxInclusive}` };
    return { value: n };
  }
  return { value: v };
}

/**
 * The libxml2-wasm node classes: `instanceof` tells elements and text apart without touching
 * their children. Comments and processing instructions are neither: the XSD ignores them.
 */
type Klassen = Pick<Libxml2Module, 'XmlElement' | 'XmlText' | 'XmlCData'>;

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** At most `n` characters of a value quoted in a finding, cut between code points (jsonb refuses half a surrogate pair). */
function kort(v: string, n: number): string {
  return v.length <= n ? v : [...v].slice(0, n).join('');
}

/**
 * The child nodes of an element in document order. libxml2-wasm gives a processing instruction
 * no sibling link, so past one the rest come from an XPath query (rare: only when a PI is there).
 */
function* kinderen(el: XmlElement): Generator<XmlTreeNode | XmlNode> {
  let i = 0;
  for (let n: XmlTreeNode | null = el.firstChild; n; i++) {
    yield n;
    const volgende = (n as { next?: XmlTreeNode | null }).next;
    if (volgende === undefined) {
      yield* el.find('node()').slice(i + 1);
      return;
    }
    n = volgende;
  }
}

function textOf(e: XmlElement, k: Klassen): { text: string; hasElement: boolean } {
  let text = '';
  let hasElement = false;
  for (const n of kinderen(e)) {
    if (n instanceof k.XmlElement) hasElement = true;
    else if (n instanceof k.XmlText || n instanceof k.XmlCData) text += n.content;
  }
  return { text, hasElement };
}

/** The iJw XSDs declare no attributes: any but xsi's is a finding. */
function checkAttributen(el: XmlElement, path: string, issues: CodecIssue[]): void {
  for (const a of el.attrs) if (a.namespaceUri !== XSI) issues.push({ path, message: `attribute '${kort(a.name, 40)}' not allowed` });
}

/** Reads the bytes up to the DOM, refusing what must never reach the parser. */
export function cheapChecks(input: string | Uint8Array, maxBytes = DEFAULT_MAX_BYTES): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (bytes > maxBytes) throw new CodecError(CodecErrorCode.TOO_LARGE, `het bericht van ${bytes} bytes is groter dan ${maxBytes} bytes`);
  let text: string;
  try {
    text = typeof input === 'string' ? input : utf8.decode(input);
  } catch {
    throw new CodecError(CodecErrorCode.NOT_XML, 'het bericht is geen geldige UTF-8');
  }
  const decl = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(text);
  if (decl && !/^utf-?8$/i.test(decl[1])) throw new CodecError(CodecErrorCode.NOT_XML, `encoding ${decl[1]} is geen UTF-8`);
  // Both start with `<!`: a text without one (every plain message) needs no case-insensitive search.
  if (text.includes('<!')) for (const f of FORBIDDEN) if (f.test(text)) throw new CodecError(CodecErrorCode.DOCTYPE_FORBIDDEN, 'DOCTYPE- en entity-declaraties zijn niet toegestaan');
  return text;
}

/**
 * Parses an iJw 3.2 message. Throws CodecError when it cannot be read (size, encoding, DOCTYPE,
 * not XML, unknown namespace, wrong root); returns structural issues otherwise.
 *
 * One pass over the text (leesInEenDoorgang); a document that pass cannot vouch for (not
 * well-formed, beyond libxml2's limits, an XML version other than 1.0, an unusual namespace
 * binding) is read by libxml2 and the DOM walk instead, so such a document gets exactly
 * libxml2's verdict and message.
 */
export async function parseMessage(input: string | Uint8Array, opts: { maxBytes?: number } = {}): Promise<ParseResult> {
  const text = cheapChecks(input, opts.maxBytes);
  // A string (not bytes, which decode strictly) may hold a lone surrogate: libxml2's to judge.
  if (typeof input === 'string' && LOS_SURROGAAT.test(text)) return parseViaDom(text);
  return leesInEenDoorgang(text) ?? parseViaDom(text);
}
const LOS_SURROGAAT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The reference reader: libxml2 builds the document, a walk over its DOM reads it. The one-pass
 * reader gives the same model, issues and errors (codec.spec.ts proves it); this one gives
 * libxml2's word on documents that reader leaves to it.
 */
export async function parseViaDom(text: string): Promise<ParseResult> {
  const lib = await libxml2();
  const doc = leesDocument(lib, text);
  try {
    const root = doc.root;
    const type = typeVan(root);
    const def = DEFINITIONS[type];
    const issues: CodecIssue[] = [];
    checkAttributen(root, '/Bericht', issues);
    const bericht = readComplex(def, root, complexType(def, def.root) as ComplexType, '/Bericht', issues, lib);
    return { message: { type, bericht }, issues };
  } finally {
    doc.dispose();
  }
}

/**
 * Where the reader is, as a stack of segments: a finding's path is only built when there is a
 * finding, so a large valid message allocates no path strings.
 */
class Pad {
  private readonly namen: string[] = [];
  /** The position of a repeatable element among its siblings (`Prestatie[3]`), 0 for one that is not. */
  private readonly nummers: number[] = [];
  constructor(private readonly wortel: string) {}
  in(naam: string, nummer = 0): void {
    this.namen.push(naam);
    this.nummers.push(nummer);
  }
  uit(): void {
    this.namen.pop();
    this.nummers.pop();
  }
  /** The path of the current element, or of a child `naam` of it. */
  toString(naam?: string): string {
    let p = this.wortel;
    for (let i = 0; i < this.namen.length; i++) p += this.nummers[i] ? `/${this.namen[i]}[${this.nummers[i]}]` : `/${this.namen[i]}`;
    return naam === undefined ? p : `${p}/${naam}`;
  }
}

function readComplex(def: MessageDefinition, el: XmlElement, ct: ComplexType, pad: Pad | string, issues: CodecIssue[], k: Klassen): IjwNode {
  const path = typeof pad === 'string' ? new Pad(pad) : pad;
  const node: IjwNode = {};
  const seq = ct.sequence;
  const counts = new Array<number>(seq.length).fill(0);
  let i = 0;
  for (const n of kinderen(el)) {
    if (!(n instanceof k.XmlElement)) {
      if ((n instanceof k.XmlText || n instanceof k.XmlCData) && n.content.trim() !== '') issues.push({ path: path.toString(), message: 'text where only elements are allowed' });
      continue;
    }
    const name = n.name;
    const inNs = n.namespaceUri === ct.ns;
    while (i < seq.length && !(inNs && seq[i].name === name)) {
      if (counts[i] < seq[i].min) issues.push({ path: path.toString(seq[i].name), message: 'required element missing' });
      i++;
    }
    if (i === seq.length) {
      issues.push({ path: path.toString(kort(name, 60)), message: inNs ? 'element not allowed here (order or unknown)' : `element in wrong namespace '${kort(n.namespaceUri, 80)}'` });
      // Later siblings cannot match either: the sequence is exhausted.
      return node;
    }
    const d = seq[i];
    counts[i]++;
    path.in(name, d.max > 1 ? counts[i] : 0);
    try {
      if (counts[i] > d.max) {
        issues.push({ path: path.toString(), message: `more than ${d.max} allowed` });
        continue;
      }
      if (n.attrs.length) checkAttributen(n, path.toString(), issues);
      const sub = complexType(def, d.type);
      let value: IjwValue;
      if (sub) {
        value = readComplex(def, n, sub, path, issues, k);
      } else {
        const st = simpleType(def, d.type);
        if (!st) throw new Error(`definition has no type ${d.type}`);
        const { text, hasElement } = textOf(n, k);
        if (hasElement) issues.push({ path: path.toString(), message: 'element content where text is expected' });
        const r = checkSimple(st, text);
        if (r.problem) issues.push({ path: path.toString(), message: r.problem });
        value = r.value ?? text;
      }
      if (d.max > 1) {
        const list = (node[name] as IjwValue[] | undefined) ?? [];
        list.push(value);
        node[name] = list;
      } else {
        node[name] = value;
      }
    } finally {
      path.uit();
    }
  }
  for (; i < seq.length; i++) if (counts[i] < seq[i].min) issues.push({ path: path.toString(seq[i].name), message: 'required element missing' });
  return node;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes a message as XML in definition order; elements of the basisschema get the `ijw:` prefix. */
export function writeMessage(m: IjwMessage): string {
  const def = DEFINITIONS[m.type];
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<Bericht xmlns="${def.namespace}" xmlns:ijw="${BASIS_NS}">`,
  ];
  writeComplex(def, m.bericht, complexType(def, def.root) as ComplexType, parts, '/Bericht');
  parts.push('</Bericht>\n');
  return parts.join('');
}

function writeComplex(def: MessageDefinition, node: IjwNode, ct: ComplexType, out: string[], path: string): void {
  const prefix = ct.ns === BASIS_NS ? 'ijw:' : '';
  for (const d of ct.sequence) {
    const v = node[d.name];
    if (v === undefined || v === null) {
      if (d.min > 0) throw new Error(`cannot write ${path}/${d.name}: required`);
      continue;
    }
    const values = d.max > 1 ? (Array.isArray(v) ? v : [v]) : [v];
    const sub = complexType(def, d.type);
    for (const item of values) {
      const tag = `${prefix}${d.name}`;
      if (sub) {
        out.push(`<${tag}>`);
        writeComplex(def, item as IjwNode, sub, out, `${path}/${d.name}`);
        out.push(`</${tag}>`);
      } else {
        if (typeof item !== 'string' && typeof item !== 'number') throw new Error(`cannot write ${path}/${d.name}: expected text`);
        out.push(`<${tag}>${escapeText(String(item))}</${tag}>`);
      }
    }
  }
}

/*
 * The one-pass reader: saxes (a conformance-checking streaming parser) reads the text once and a
 * stack of frames does what readComplex does on the DOM, element by element, with the same
 * issues in the same order. It vouches only for documents on which it is sure libxml2 agrees:
 * anything saxes refuses, and anything near one of libxml2's limits or its non-fatal quirks,
 * goes to parseViaDom, which then gives libxml2's verdict (NOT_XML with its message, or a parse).
 */

/** libxml2's limits without XML_PARSE_HUGE are depth 256, names 50,000 and text 10,000,000 characters: well below them the reader is sure. */
const MAX_DIEPTE = 200;
const MAX_NAAM = 1_000;
const MAX_TEKST = 1_000_000;
/**
 * Namespace URIs the reader accepts without asking libxml2: libxml2 refuses a URI it cannot parse
 * (an error, so NOT_XML) and only warns about a relative one; these are plainly absolute.
 */
const GEWONE_URI = /^(?:https?:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9._~/-]*)?|urn:[A-Za-z0-9][A-Za-z0-9.:_-]*)$/;

/** The XML declarations the reader accepts; another (version 1.1, another encoding name) is libxml2's to judge. */
const GEWONE_DECLARATIE = /^\uFEFF?<\?xml\s+version\s*=\s*(?:"1\.0"|'1\.0')(?:\s+encoding\s*=\s*(?:"[Uu][Tt][Ff]-8"|'[Uu][Tt][Ff]-8'))?(?:\s+standalone\s*=\s*(?:"(?:yes|no)"|'(?:yes|no)'))?\s*\?>/;

/**
 * Whether a comment or processing instruction may be longer than MAX_TEKST (libxml2 limits
 * those too). Only a long text can hold one; `<!--` or `<?` inside CDATA or a value only makes
 * the answer cautious.
 */
function mogelijkLangeOpmerking(text: string): boolean {
  if (text.length <= MAX_TEKST) return false;
  for (const [open, sluit] of [['<!--', '-->'], ['<?', '?>']]) {
    for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) {
      const eind = text.indexOf(sluit, i + open.length);
      if (eind < 0 || eind - i > MAX_TEKST) return true;
      i = eind;
    }
  }
  return false;
}

/** What an element of a sequence holds: a complex type or a simple one, looked up once per definition. */
interface Soort {
  sub?: ComplexType;
  st?: SimpleType;
}
const soorten = new WeakMap<MessageDefinition, Map<ElementDef, Soort>>();
function soortVan(def: MessageDefinition, d: ElementDef): Soort {
  let perDef = soorten.get(def);
  if (!perDef) soorten.set(def, (perDef = new Map<ElementDef, Soort>()));
  let s = perDef.get(d);
  if (!s) {
    const sub = complexType(def, d.type);
    s = sub ? { sub } : { st: simpleType(def, d.type) };
    perDef.set(d, s);
  }
  return s;
}

/** A name within the limit with at most one colon, not at either end: other QNames are libxml2's to judge. */
function gewoneNaam(n: string): boolean {
  if (n.length > MAX_NAAM) return false;
  const c = n.indexOf(':');
  return c < 0 || (c > 0 && c < n.length - 1 && n.indexOf(':', c + 1) < 0);
}

/** Thrown inside the saxes handlers: this document is for parseViaDom. */
class NaarDom extends Error {}

interface Geopend {
  /** Whether opening this frame added a segment to the path. */
  padIn: boolean;
}
/** An element read against a complex type; `klaar` once an element did not fit (readComplex returned). */
interface ComplexRaam extends Geopend {
  soort: 'complex';
  ct: ComplexType;
  node: IjwNode;
  counts: number[];
  i: number;
  klaar: boolean;
  naam: string;
  d: ElementDef | undefined;
}
/** An element of a simple type: its own text and CDATA, whether it has a child element. */
interface SimpelRaam extends Geopend {
  soort: 'simpel';
  st: SimpleType;
  tekst: string;
  element: boolean;
  naam: string;
  d: ElementDef;
}
/** An element whose content the DOM walk never looks at. */
interface OverRaam extends Geopend {
  soort: 'over';
}
type Raam = ComplexRaam | SimpelRaam | OverRaam;

function nieuwComplex(ct: ComplexType, naam: string, d: ElementDef | undefined, padIn: boolean): ComplexRaam {
  return { soort: 'complex', ct, node: {}, counts: new Array<number>(ct.sequence.length).fill(0), i: 0, klaar: false, naam, d, padIn };
}

function zetIn(node: IjwNode, d: ElementDef, naam: string, value: IjwValue): void {
  if (d.max > 1) {
    const list = (node[naam] as IjwValue[] | undefined) ?? [];
    list.push(value);
    node[naam] = list;
  } else {
    node[naam] = value;
  }
}

/**
 * Reads a message in one pass; undefined when the document is for parseViaDom (see above).
 * Throws UNKNOWN_NAMESPACE or WRONG_ROOT, like typeVan, only once the whole text has parsed.
 */
export function leesInEenDoorgang(text: string, alleenSaxes = false): ParseResult | undefined {
  // A text the fast tokenizer reads has the usual declaration (or none) and no comment or PI at all.
  if (!alleenSaxes) {
    const snel = lees(text, snelleDoorgang);
    if (snel !== ONZEKER) return snel;
  }
  if ((/^\uFEFF?<\?xml[\s?]/.test(text) && !GEWONE_DECLARATIE.test(text)) || mogelijkLangeOpmerking(text)) return undefined;
  return lees(text, saxesDoorgang) as ParseResult | undefined;
}

/** What the one-pass reader does with each event of the text, whichever tokenizer reads it. */
export interface Gebeurtenissen {
  naarDom: () => never;
  open: (tag: Tag) => void;
  tekst: (t: string) => void;
  sluit: () => void;
}
/** The parts of a start tag the reader looks at (as saxes gives them with xmlns on). */
export type Tag = Pick<SaxesTagNS, 'name' | 'local' | 'uri' | 'attributes'>;
/** A tokenizer: reads the whole text into the events, or (the fast one) says it is not sure it reads it as saxes would. */
type Doorgang = (text: string, g: Gebeurtenissen) => void | typeof ONZEKER;
/** The fast tokenizer met something it leaves to saxes. */
export const ONZEKER = Symbol('onzeker');

/** saxes: the conformance-checking reader, for every document the fast tokenizer is not sure of. */
function saxesDoorgang(text: string, g: Gebeurtenissen): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  // Five handlers, no more: saxes stores each as a new property of the parser, and past six V8
  // turns the parser into a dictionary object, which made it five times slower (measured). The
  // XML declaration and the comments' size are checked on the text above instead.
  parser.on('error', g.naarDom);
  parser.on('opentag', g.open);
  parser.on('text', g.tekst);
  parser.on('cdata', g.tekst);
  parser.on('closetag', g.sluit);
  parser.write(text).close();
}

/** The reader's state and handlers over one tokenizer's events: the model, or undefined for parseViaDom, or ONZEKER. */
function lees(text: string, doorgang: Doorgang): ParseResult | undefined | typeof ONZEKER {
  const issues: CodecIssue[] = [];
  const stapel: Raam[] = [];
  let def: MessageDefinition | undefined;
  let type: MessageType | undefined;
  let wortelFout: CodecError | undefined;
  let bericht: IjwNode | undefined;
  let pad = new Pad('/Bericht');
  const naarDom = (): never => {
    throw new NaarDom();
  };
  const tekstOk = (t: string) => t.length <= MAX_TEKST || naarDom();
  /**
   * Every element's namespace declarations and attribute sizes; with a path, also the attributes
   * the XSD does not allow (checkAttributen), for an element the DOM walk looks at.
   */
  const attributen = (tag: Tag, path?: Pad | string): void => {
    for (const naam in tag.attributes) {
      const a = tag.attributes[naam];
      if (!gewoneNaam(naam) || a.value.length > MAX_TEKST) naarDom();
      if (naam === 'xmlns' || a.prefix === 'xmlns') {
        if ((naam !== 'xmlns' && (a.local === 'xml' || a.local === 'xmlns')) || !GEWONE_URI.test(a.value)) naarDom();
      } else if (path && a.uri !== XSI) {
        issues.push({ path: path.toString(), message: `attribute '${kort(a.local, 40)}' not allowed` });
      }
    }
  };
  const open = (tag: Tag): void => {
    if (stapel.length >= MAX_DIEPTE || !gewoneNaam(tag.name)) naarDom();
    const top = stapel[stapel.length - 1];
    if (!top) {
      // The root: typeVan's checks, thrown only if the rest of the text is well-formed.
      type = TYPE_BY_NS.get(tag.uri);
      if (!type) wortelFout = new CodecError(CodecErrorCode.UNKNOWN_NAMESPACE, `onbekende namespace '${kort(tag.uri, 100)}'`);
      else if (tag.local !== 'Bericht') wortelFout = new CodecError(CodecErrorCode.WRONG_ROOT, `het root-element is ${kort(tag.local, 50)}, verwacht Bericht`);
      if (wortelFout || !type) {
        attributen(tag);
        stapel.push({ soort: 'over', padIn: false });
        return;
      }
      def = DEFINITIONS[type];
      pad = new Pad('/Bericht');
      attributen(tag, '/Bericht');
      stapel.push(nieuwComplex(complexType(def, def.root) as ComplexType, 'Bericht', undefined, false));
      return;
    }
    if (top.soort !== 'complex' || top.klaar) {
      if (top.soort === 'simpel') top.element = true;
      attributen(tag);
      stapel.push({ soort: 'over', padIn: false });
      return;
    }
    const seq = top.ct.sequence;
    const name = tag.local;
    const inNs = tag.uri === top.ct.ns;
    while (top.i < seq.length && !(inNs && seq[top.i].name === name)) {
      if (top.counts[top.i] < seq[top.i].min) issues.push({ path: pad.toString(seq[top.i].name), message: 'required element missing' });
      top.i++;
    }
    if (top.i === seq.length) {
      issues.push({ path: pad.toString(kort(name, 60)), message: inNs ? 'element not allowed here (order or unknown)' : `element in wrong namespace '${kort(tag.uri, 80)}'` });
      // Later siblings cannot match either: the DOM walk stops reading this element.
      top.klaar = true;
      attributen(tag);
      stapel.push({ soort: 'over', padIn: false });
      return;
    }
    const d = seq[top.i];
    const n = ++top.counts[top.i];
    // The definition's copy of the name: the model's keys are then the same few strings, which
    // V8 has hashed once, instead of a new string per element from the parser.
    const naam = d.name;
    pad.in(naam, d.max > 1 ? n : 0);
    if (n > d.max) {
      issues.push({ path: pad.toString(), message: `more than ${d.max} allowed` });
      attributen(tag);
      stapel.push({ soort: 'over', padIn: true });
      return;
    }
    attributen(tag, pad);
    const { sub, st } = soortVan(def as MessageDefinition, d);
    if (sub) {
      stapel.push(nieuwComplex(sub, naam, d, true));
      return;
    }
    if (!st) throw new Error(`definition has no type ${d.type}`);
    stapel.push({ soort: 'simpel', st, tekst: '', element: false, naam, d, padIn: true });
  };
  const tekst = (t: string): void => {
    tekstOk(t);
    const top = stapel[stapel.length - 1];
    if (!top) return;
    if (top.soort === 'simpel') top.tekst += t;
    else if (top.soort === 'complex' && !top.klaar && t.trim() !== '') issues.push({ path: pad.toString(), message: 'text where only elements are allowed' });
  };
  const sluit = (): void => {
    const raam = stapel.pop() as Raam;
    let value: IjwValue | undefined;
    if (raam.soort === 'complex') {
      if (!raam.klaar) {
        const seq = raam.ct.sequence;
        for (; raam.i < seq.length; raam.i++) if (raam.counts[raam.i] < seq[raam.i].min) issues.push({ path: pad.toString(seq[raam.i].name), message: 'required element missing' });
      }
      value = raam.node;
    } else if (raam.soort === 'simpel') {
      if (raam.element) issues.push({ path: pad.toString(), message: 'element content where text is expected' });
      const r = checkSimple(raam.st, raam.tekst);
      if (r.problem) issues.push({ path: pad.toString(), message: r.problem });
      value = r.value ?? raam.tekst;
    }
    if (raam.padIn) pad.uit();
    const ouder = stapel[stapel.length - 1];
    if (value === undefined || raam.soort === 'over') return;
    if (!ouder) bericht = value as IjwNode;
    else if (ouder.soort === 'complex' && raam.d) zetIn(ouder.node, raam.d, raam.naam, value);
  };
  try {
    if (doorgang(text, { naarDom, open, tekst, sluit }) === ONZEKER) return ONZEKER;
  } catch (e) {
    if (e instanceof NaarDom) return undefined;
    throw e;
  }
  if (wortelFout) throw wortelFout;
  if (!type || !bericht) return undefined;
  return { message: { type, bericht }, issues };
}

/*
 * The fast tokenizer: the same events as saxes for the plain XML the hub's partners send (elements,
 * attributes, namespace declarations, text without references), read with indexOf and character
 * codes instead of saxes's character-by-character state machine (more than half of a large claim's
 * read). It takes nothing on trust: whatever it does not read exactly as saxes would (references,
 * comments, CDATA, processing instructions, carriage returns, control characters, surrogates,
 * non-ASCII names, anything not well-formed or an unusual namespace binding) makes it answer
 * ONZEKER, and the text is read again from the start by saxes. codec.spec.ts and doorgang.spec.ts
 * hold the two to the same result.
 */

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/**
 * What the fast tokenizer leaves to saxes wherever it occurs: a character other than tab, newline
 * and the printable ranges (so no carriage return, control character, C1 control, lone or paired
 * surrogate, U+FFFE/U+FFFF), an ampersand, `<!` (comment, CDATA, DOCTYPE), `<?` and `]]>`.
 */
const NIET_SNEL = /[^\t\n\x20-\x25\x27-\x7E\u00A0-\uD7FF\uE000-\uFFFD]|<[!?]|\]\]>/g;
const GEEN_NAMESPACES: ReadonlyMap<string, string> = new Map();
/**
 * The namespaces of the definitions, each as the definitions' own string: a declared URI equal to
 * one is handed on as that string, so the reader's `tag.uri === ct.ns` for every element compares
 * one string with itself instead of two copies of sixty characters.
 */
const BEKENDE_NAMESPACES = new Map<string, string>(
  [BASISSCHEMA, ...Object.values(DEFINITIONS).map((d) => d.types)].flatMap((types) => Object.values(types.complex).map((ct): [string, string] => [ct.ns, ct.ns])),
);
for (const t of MESSAGE_TYPES) if (!BEKENDE_NAMESPACES.has(messageNamespace(t))) BEKENDE_NAMESPACES.set(messageNamespace(t), messageNamespace(t));
const GEEN_ATTRIBUTEN: Record<string, SaxesAttributeNS> = Object.freeze({});

/** Past the XML whitespace (space, tab, newline: a carriage return never gets here) from i. */
function wit(t: string, i: number): number {
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9) i++;
    else return i;
  }
}
const isNaamBegin = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
/** Where an ASCII name from i ends (letters, digits, `_ . - :`, not beginning with a digit, `.`, `-` or `:`); i when none begins there. */
function naamEind(t: string, i: number): number {
  if (!isNaamBegin(t.charCodeAt(i))) return i;
  let j = i + 1;
  for (;;) {
    const c = t.charCodeAt(j);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45) j++;
    else return j;
  }
}
/** The prefix of a qualified name ('' for none); undefined for a name with more than one colon or one that leaves a part empty or not beginning as a name. */
function prefixVan(naam: string): string | undefined {
  const c = naam.indexOf(':');
  if (c < 0) return '';
  if (c === naam.length - 1 || naam.indexOf(':', c + 1) >= 0 || !isNaamBegin(naam.charCodeAt(c + 1))) return undefined;
  return naam.slice(0, c);
}

/** The fast tokenizer (see above): every event of the text in saxes's order, or ONZEKER. */
export function snelleDoorgang(t: string, g: Gebeurtenissen): void | typeof ONZEKER {
  if (t.charCodeAt(0) === 0xfeff) return ONZEKER;
  let i = 0;
  if (t.startsWith('<?xml')) {
    const decl = GEWONE_DECLARATIE.exec(t);
    if (!decl) return ONZEKER;
    i = decl[0].length;
  }
  NIET_SNEL.lastIndex = i;
  if (NIET_SNEL.test(t)) return ONZEKER;
  const n = t.length;
  /** The open elements' names, and the namespace bindings in force outside each. */
  const namen: string[] = [];
  const buiten: ReadonlyMap<string, string>[] = [];
  let scope = GEEN_NAMESPACES;
  let standaardVan: ReadonlyMap<string, string> | undefined;
  let standaard = '';
  let wortelGezien = false;
  // One tag object for every start tag: the reader only looks at it during the event.
  const tag: Tag = { name: '', local: '', uri: '', attributes: GEEN_ATTRIBUTEN };
  const attribuutNamen: string[] = [];
  const attribuutWaarden: string[] = [];
  while (i < n) {
    const lt = t.indexOf('<', i);
    const eind = lt < 0 ? n : lt;
    if (eind > i) {
      if (namen.length) g.tekst(t.slice(i, eind));
      else if (wit(t, i) < eind) return ONZEKER;
    }
    if (lt < 0) break;
    if (t.charCodeAt(lt + 1) === 47) {
      // An end tag: the open element's name, optional whitespace, `>`.
      const naam = namen.pop();
      if (naam === undefined) return ONZEKER;
      // The same name, compared in place (startsWith with a position cost more than the rest of the tag).
      const begin = lt + 2;
      for (let k = 0; k < naam.length; k++) if (t.charCodeAt(begin + k) !== naam.charCodeAt(k)) return ONZEKER;
      const j = wit(t, begin + naam.length);
      if (t.charCodeAt(j) !== 62) return ONZEKER;
      scope = buiten.pop() as ReadonlyMap<string, string>;
      g.sluit();
      i = j + 1;
      continue;
    }
    if (wortelGezien && !namen.length) return ONZEKER;
    wortelGezien = true;
    let j = naamEind(t, lt + 1);
    if (j === lt + 1) return ONZEKER;
    const naam = t.slice(lt + 1, j);
    if (attribuutNamen.length) {
      attribuutNamen.length = 0;
      attribuutWaarden.length = 0;
    }
    for (;;) {
      const k = wit(t, j);
      const c = t.charCodeAt(k);
      if (c === 62 || c === 47) {
        j = k;
        break;
      }
      // An attribute: after whitespace, a name, `=`, a quoted value without `<` or whitespace to normalise.
      const ne = naamEind(t, k);
      if (k === j || ne === k) return ONZEKER;
      let q = wit(t, ne);
      if (t.charCodeAt(q) !== 61) return ONZEKER;
      q = wit(t, q + 1);
      const aanhalingsteken = t.charCodeAt(q);
      if (aanhalingsteken !== 34 && aanhalingsteken !== 39) return ONZEKER;
      const ve = t.indexOf(aanhalingsteken === 34 ? '"' : "'", q + 1);
      if (ve < 0) return ONZEKER;
      const waarde = t.slice(q + 1, ve);
      if (waarde.includes('<') || waarde.includes('\t') || waarde.includes('\n')) return ONZEKER;
      attribuutNamen.push(t.slice(k, ne));
      attribuutWaarden.push(waarde);
      j = ve + 1;
    }
    let leeg = false;
    if (t.charCodeAt(j) === 47) {
      if (t.charCodeAt(j + 1) !== 62) return ONZEKER;
      leeg = true;
      j += 2;
    } else {
      j += 1;
    }
    const buitenScope = scope;
    let attributes = GEEN_ATTRIBUTEN;
    if (attribuutNamen.length) {
      // Namespace declarations first: they hold for the element's own name and attributes.
      for (let a = 0; a < attribuutNamen.length; a++) {
        const an = attribuutNamen[a];
        const p = an === 'xmlns' ? '' : an.startsWith('xmlns:') ? an.slice(6) : undefined;
        if (p === undefined) continue;
        const uri = attribuutWaarden[a];
        if (p === 'xml' || p === 'xmlns' || p.includes(':') || uri === '' || uri === XML_NS || uri === XMLNS_NS) return ONZEKER;
        if (scope === buitenScope) scope = new Map(buitenScope);
        (scope as Map<string, string>).set(p, BEKENDE_NAMESPACES.get(uri) ?? uri);
      }
      attributes = {};
      const gezien = new Set<string>();
      for (let a = 0; a < attribuutNamen.length; a++) {
        const an = attribuutNamen[a];
        const prefix = prefixVan(an);
        if (prefix === undefined || prefix === 'xml' || an === '__proto__') return ONZEKER;
        const local = prefix ? an.slice(prefix.length + 1) : an;
        const uri = prefix === '' ? (an === 'xmlns' ? XMLNS_NS : '') : prefix === 'xmlns' ? XMLNS_NS : scope.get(prefix);
        if (uri === undefined) return ONZEKER;
        const sleutel = prefix ? `{${uri}}${local}` : an;
        if (gezien.has(sleutel)) return ONZEKER;
        gezien.add(sleutel);
        attributes[an] = { name: an, prefix, local, uri, value: attribuutWaarden[a] };
      }
    }
    const prefix = prefixVan(naam);
    if (prefix === undefined || prefix === 'xml' || prefix === 'xmlns') return ONZEKER;
    let uri: string | undefined;
    if (prefix === '') {
      // The default namespace, looked up again only when the bindings in force changed.
      if (scope !== standaardVan) {
        standaardVan = scope;
        standaard = scope.get('') ?? '';
      }
      uri = standaard;
    } else {
      uri = scope.get(prefix);
      if (uri === undefined) return ONZEKER;
    }
    tag.name = naam;
    tag.local = prefix ? naam.slice(prefix.length + 1) : naam;
    tag.uri = uri;
    tag.attributes = attributes;
    g.open(tag);
    if (leeg) {
      scope = buitenScope;
      g.sluit();
    } else {
      namen.push(naam);
      buiten.push(buitenScope);
    }
    i = j;
  }
  if (namen.length || !wortelGezien) return ONZEKER;
}
