import type { XmlDocument, XmlElement, XmlNode, XmlTreeNode } from 'libxml2-wasm';
import { BASIS_NS, MESSAGE_TYPES, messageNamespace, type ComplexType, type MessageDefinition, type MessageType, type SimpleType } from './definition';
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
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Parses XML with libxml2: no entity substitution, no DTD loading, no network; not well-formed is NOT_XML. */
export function leesDocument(lib: Libxml2Module, text: string): XmlDocument {
  try {
    return lib.XmlDocument.fromString(text, { option: lib.ParseOption.XML_PARSE_NONET });
  } catch (e) {
    throw new CodecError(CodecErrorCode.NOT_XML, `not well-formed XML: ${String((e as Error).message).split('\n')[0].slice(0, 200)}`);
  }
}

/** The message type of a document: its root must be `Bericht` in an iJw 3.2 message namespace. */
export function typeVan(root: XmlElement): MessageType {
  const type = TYPE_BY_NS.get(root.namespaceUri);
  if (!type) throw new CodecError(CodecErrorCode.UNKNOWN_NAMESPACE, `unknown namespace '${kort(root.namespaceUri, 100)}'`);
  if (root.name !== 'Bericht') throw new CodecError(CodecErrorCode.WRONG_ROOT, `root element is ${kort(root.name, 50)}, expected Bericht`);
  return type;
}

/** Checks text against a simple type; returns the typed value or a finding. */
export function checkSimple(t: SimpleType, raw: string): { value?: string | number; problem?: string } {
  const v = t.base === 'string' ? raw : raw.trim();
  // Lengths first: they bound the work any pattern has to do on hostile input.
  const len = [...v].length;
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
  if (bytes > maxBytes) throw new CodecError(CodecErrorCode.TOO_LARGE, `message of ${bytes} bytes exceeds ${maxBytes}`);
  let text: string;
  try {
    text = typeof input === 'string' ? input : utf8.decode(input);
  } catch {
    throw new CodecError(CodecErrorCode.NOT_XML, 'message is not valid UTF-8');
  }
  const decl = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(text);
  if (decl && !/^utf-?8$/i.test(decl[1])) throw new CodecError(CodecErrorCode.NOT_XML, `encoding ${decl[1]} is not UTF-8`);
  for (const f of FORBIDDEN) if (f.test(text)) throw new CodecError(CodecErrorCode.DOCTYPE_FORBIDDEN, 'DOCTYPE and entity declarations are not allowed');
  return text;
}

/**
 * Parses an iJw 3.2 message. Throws CodecError when it cannot be read (size, encoding, DOCTYPE,
 * not XML, unknown namespace, wrong root); returns structural issues otherwise.
 */
export async function parseMessage(input: string | Uint8Array, opts: { maxBytes?: number } = {}): Promise<ParseResult> {
  const text = cheapChecks(input, opts.maxBytes);
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
  private readonly delen: string[] = [];
  constructor(private readonly wortel: string) {}
  in(deel: string): void {
    this.delen.push(deel);
  }
  uit(): void {
    this.delen.pop();
  }
  /** The path of the current element, or of a child `naam` of it. */
  toString(naam?: string): string {
    const p = this.delen.length ? `${this.wortel}/${this.delen.join('/')}` : this.wortel;
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
    path.in(d.max > 1 ? `${name}[${counts[i]}]` : name);
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
