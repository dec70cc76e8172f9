import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { XmlElement } from 'libxml2-wasm';
import { MESSAGE_TYPES, type ComplexType, type SimpleType, type TypeTable } from './definition';
import { libxml2 } from './xml';

/**
 * Writes src/messaging/ijw/definitions/*.ts from the official iJw 3.2 XSDs:
 * `node dist/src/messaging/ijw/generate-definitions.js <xsd-dir>`. The XSDs use only
 * sequences of elements, named simple types (restrictions) and complex types; anything else
 * makes this script fail loudly rather than produce a partial definition.
 */
const XS = 'http://www.w3.org/2001/XMLSchema';

function children(e: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = e.firstChild; n; n = n.next) {
    const el = n as XmlElement;
    if ((el as { namespaceUri?: string }).namespaceUri === XS && (!name || el.name === name)) out.push(el);
  }
  return out;
}

function attr(e: XmlElement, name: string): string | undefined {
  const a = (e as unknown as { attr(n: string): { value: string } | null }).attr(name);
  return a?.value;
}

function qname(ref: string, prefixes: Record<string, string>): string {
  const [p, local] = ref.includes(':') ? ref.split(':') : ['', ref];
  const key = prefixes[p];
  if (key === undefined) throw new Error(`unknown prefix in ${ref}`);
  return key === 'xs' ? `xs:${local}` : `${key}:${local}`;
}

function restriction(r: XmlElement, prefixes: Record<string, string>): { base: string; facets: Omit<SimpleType, 'base'> } {
  const base = qname(attr(r, 'base') ?? '', prefixes);
  const f: Omit<SimpleType, 'base'> = {};
  for (const c of children(r)) {
    const v = attr(c, 'value') ?? '';
    switch (c.name) {
      case 'pattern':
        (f.patterns ??= []).push(v);
        break;
      case 'enumeration':
        (f.enumeration ??= []).push(v);
        break;
      case 'minLength':
        f.minLength = Number(v);
        break;
      case 'maxLength':
        f.maxLength = Number(v);
        break;
      case 'minInclusive':
        f.minInclusive = Number(v);
        break;
      case 'maxInclusive':
        f.maxInclusive = Number(v);
        break;
      case 'annotation':
        break;
      default:
        throw new Error(`unsupported facet ${c.name}`);
    }
  }
  return { base, facets: f };
}

interface RawSimple {
  base: string;
  facets: Omit<SimpleType, 'base'>;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: generate-definitions <xsd-dir> [--check]');
  const { XmlDocument } = await libxml2();
  const raw: Record<string, RawSimple> = {};
  const tables: Record<string, TypeTable> = {};

  const load = (file: string, key: string) => {
    const doc = XmlDocument.fromBuffer(readFileSync(path.join(dir, file)));
    try {
      const schema = doc.root;
      const prefixes: Record<string, string> = { xs: 'xs' };
      for (const [p, uri] of Object.entries((schema as unknown as { namespaces: Record<string, string> }).namespaces)) {
        if (uri === XS) prefixes[p] = 'xs';
        else if (uri.endsWith('/basisschema/schema')) prefixes[p] = 'ijw';
        else prefixes[p] = key;
      }
      const ns = attr(schema, 'targetNamespace') ?? '';
      const table: TypeTable = { simple: {}, complex: {} };
      let inline = 0;
      const elementsOf = (ct: XmlElement, owner: string) => {
        const seqs = children(ct, 'sequence');
        const other = children(ct).filter((c) => c.name !== 'sequence' && c.name !== 'annotation');
        if (seqs.length !== 1 || other.length) throw new Error(`${owner}: only one xs:sequence is supported`);
        return children(seqs[0], 'element').map((el) => {
          const name = attr(el, 'name') ?? '';
          let type = attr(el, 'type');
          if (!type) {
            const st = children(el, 'simpleType')[0];
            if (!st) throw new Error(`${owner}/${name}: no type`);
            const t = `${key}:${owner}_${name}_${inline++}`;
            raw[t] = restriction(children(st, 'restriction')[0], prefixes);
            type = t;
          } else {
            type = qname(type, prefixes);
          }
          const maxAttr = attr(el, 'maxOccurs');
          return { name, type, min: Number(attr(el, 'minOccurs') ?? '1'), max: maxAttr === 'unbounded' ? Infinity : Number(maxAttr ?? '1') };
        });
      };
      for (const st of children(schema, 'simpleType')) raw[`${key}:${attr(st, 'name') ?? ''}`] = restriction(children(st, 'restriction')[0], prefixes);
      for (const ct of children(schema, 'complexType')) {
        const name = attr(ct, 'name') ?? '';
        table.complex[`${key}:${name}`] = { ns, sequence: elementsOf(ct, name) } satisfies ComplexType;
      }
      tables[key] = table;
    } finally {
      doc.dispose();
    }
  };

  load('basisschema.xsd', 'ijw');
  for (const t of MESSAGE_TYPES) load(`${t.toLowerCase()}.xsd`, t.toLowerCase());

  // Resolve each simple type's base chain into one flat restriction.
  const flat = (name: string, seen: string[] = []): SimpleType => {
    const r = raw[name];
    if (!r) throw new Error(`unknown simple type ${name}`);
    if (seen.includes(name)) throw new Error(`cycle at ${name}`);
    const parent: SimpleType = r.base.startsWith('xs:') ? { base: xsBase(r.base) } : flat(r.base, [...seen, name]);
    const merged: SimpleType = { ...parent };
    const f = r.facets;
    // Patterns of one restriction step are alternatives; steps of the base chain all apply.
    if (f.patterns) merged.patterns = [...(parent.patterns ?? []), f.patterns.length === 1 ? f.patterns[0] : f.patterns.map((p) => `(?:${p})`).join('|')];
    if (f.enumeration) merged.enumeration = f.enumeration;
    for (const k of ['minLength', 'maxLength', 'minInclusive', 'maxInclusive'] as const) if (f[k] !== undefined) merged[k] = f[k];
    return merged;
  };
  for (const [key, table] of Object.entries(tables)) {
    for (const name of Object.keys(raw).filter((n) => n.startsWith(`${key}:`))) table.simple[name] = flat(name);
  }

  const out = path.join(__dirname.replace(`${path.sep}dist${path.sep}`, path.sep), 'definitions');
  const check = process.argv.includes('--check');
  const drift: string[] = [];
  const emit = (file: string, content: string) => {
    const target = path.join(out, file);
    if (!check) return writeFileSync(target, content);
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // a missing file is drift
    }
    if (committed !== content) drift.push(file);
  };
  const header = '// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.\n';
  const literal = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x === Infinity ? 'Infinity' : x), 2).replace(/"Infinity"/g, 'Infinity');
  emit('basisschema.definition.ts', `${header}import type { TypeTable } from '../definition';\n\nexport const BASISSCHEMA: TypeTable = ${literal(tables.ijw)};\n`);
  for (const t of MESSAGE_TYPES) {
    const key = t.toLowerCase();
    const table = tables[key];
    const codeType = table.complex[`${key}:Header`]?.sequence.find((e) => e.name === 'BerichtCode')?.type ?? '';
    const code = table.simple[codeType]?.patterns?.at(-1);
    if (!code) throw new Error(`${t}: no BerichtCode pattern`);
    const def = { type: t, berichtCode: code, namespace: `http://www.istandaarden.nl/ijw/3_2/${key}/schema`, root: `${key}:Root`, types: table };
    emit(`${key}.definition.ts`, `${header}import type { MessageDefinition } from '../definition';\n\nexport const ${t}: MessageDefinition = ${literal(def)};\n`);
  }
  emit('types.ts', typeScriptTypes(tables));
  if (check && drift.length) {
    process.stderr.write(`iJw definitions differ from the XSDs: ${drift.join(', ')}; run npm run ijw:definitions\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'iJw definitions: no drift\n' : `wrote ${MESSAGE_TYPES.length + 1} definitions to ${out}\n`);
}

/** An interface name for a complex type: 'jw305:Client' → Jw305Client, 'ijw:Contact' → IjwContact. */
function typeNaam(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

/**
 * The typed model of every message: a type per complex type, with the value types the codec
 * reads (integer → number, a code list → its codes, other text → string), optional where the XSD
 * lets an element out and an array where it may repeat; `Berichten` maps each type to its root.
 * Object type aliases, not interfaces: an alias has an implicit index signature, so a typed node
 * is also an IjwNode (what writeMessage, the retour's class codes and bouwJw325 take) without a cast.
 */
function typeScriptTypes(tables: Record<string, TypeTable>): string {
  const regels: string[] = [
    '// Generated from the official iJw 3.2 XSDs by generate-definitions.ts. Do not edit by hand.',
    '// The typed model of the messages the codec reads and writes (see src/messaging/ijw/model.ts).',
    '',
  ];
  const simpel = (name: string): string => {
    const st = tables.ijw.simple[name] ?? Object.values(tables).find((t) => t.simple[name])?.simple[name];
    if (!st) throw new Error(`unknown simple type ${name}`);
    if (st.base === 'integer') return 'number';
    if (st.enumeration && st.enumeration.length <= 60) return st.enumeration.map((e) => JSON.stringify(e)).join(' | ');
    return 'string';
  };
  const isComplex = (name: string) => Object.values(tables).some((t) => t.complex[name]);
  for (const table of Object.values(tables)) {
    for (const [name, ct] of Object.entries(table.complex).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      regels.push(`export type ${typeNaam(name)} = {`);
      for (const e of ct.sequence) {
        const t = isComplex(e.type) ? typeNaam(e.type) : simpel(e.type);
        const waarde = e.max > 1 ? (t.includes('|') ? `(${t})[]` : `${t}[]`) : t;
        regels.push(`  ${e.name}${e.min === 0 ? '?' : ''}: ${waarde};`);
      }
      regels.push('};', '');
    }
  }
  regels.push('/** The root of each message type. */', 'export interface Berichten {');
  for (const t of MESSAGE_TYPES) regels.push(`  ${t}: ${typeNaam(`${t.toLowerCase()}:Root`)};`);
  regels.push('}', '');
  return regels.join('\n');
}

function xsBase(b: string): SimpleType['base'] {
  const m: Record<string, SimpleType['base']> = { 'xs:string': 'string', 'xs:integer': 'integer', 'xs:date': 'date', 'xs:time': 'time' };
  const v = m[b];
  if (!v) throw new Error(`unsupported base ${b}`);
  return v;
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
