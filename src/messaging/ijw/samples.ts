import { BASISSCHEMA, DEFINITIONS } from './definitions';
import type { ComplexType, MessageType, SimpleType } from './definition';
import type { IjwMessage, IjwNode, IjwValue } from './codec';

/**
 * Builds a structurally valid instance of any message from its definition alone: `full`
 * fills every optional element (and two of every repeatable one), `minimal` only what is
 * required. Used by tests and the benchmark; business rules (dates in order, matching
 * references) are not its concern.
 */
export function sampleMessage(type: MessageType, mode: 'full' | 'minimal'): IjwMessage {
  const def = DEFINITIONS[type];
  const complex = (n: string): ComplexType | undefined => def.types.complex[n] ?? BASISSCHEMA.complex[n];
  const simple = (n: string): SimpleType | undefined => def.types.simple[n] ?? BASISSCHEMA.simple[n];
  let counter = 0;
  const build = (ct: ComplexType, depth: number): IjwNode => {
    const node: IjwNode = {};
    for (const d of ct.sequence) {
      if (d.min === 0 && (mode === 'minimal' || depth > 8)) continue;
      const count = d.max > 1 ? (mode === 'full' ? 2 : Math.max(1, d.min)) : 1;
      const sub = complex(d.type);
      const one = (): IjwValue => {
        counter++;
        if (sub) return build(sub, depth + 1);
        const st = simple(d.type);
        if (!st) throw new Error(`no type ${d.type}`);
        return sampleValue(st, d.name, counter);
      };
      node[d.name] = d.max > 1 ? Array.from({ length: count }, one) : one();
    }
    return node;
  };
  return { type, bericht: build(complex(def.root) as ComplexType, 0) };
}

const BY_PATTERN: Record<string, string> = {
  '[0-9]{9}': '999990019',
  '[0-9]{8}': '71000001',
  '[0-9]{4}': '0796',
  '[0-9]*': '1',
  '.*[^\\s].*': 'Tekst',
  '([a-zA-ZÀ-ỳ])+': 'Jansen',
  '([a-zA-Z0-9])+': 'A1',
  '([.\\s]*\\S+[.\\s]*)+': 'J.',
  '(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)': '1.0.0',
  '[^:Z]*': '12',
};

function sampleValue(t: SimpleType, name: string, n: number): string | number {
  if (t.enumeration) return t.enumeration[n % t.enumeration.length];
  if (t.base === 'date') return '2026-01-15';
  if (t.base === 'time') return '12:30:00';
  const literal = t.patterns?.find((p) => /^[0-9A-Za-z]+$/.test(p));
  if (literal) return t.base === 'integer' ? Number(literal) : literal;
  if (t.base === 'integer') {
    const lo = t.minInclusive ?? 0;
    const hi = t.maxInclusive ?? lo + 1000;
    return Math.min(hi, Math.max(lo, (n % 50) + 1));
  }
  let v = name === 'Postcode' ? '5211AB' : (t.patterns?.map((p) => BY_PATTERN[p]).find((x) => x !== undefined) ?? `${name}${n}`);
  if (t.maxLength !== undefined && v.length > t.maxLength) v = v.slice(0, t.maxLength);
  while (t.minLength !== undefined && v.length < t.minLength) v += 'x';
  return v;
}
