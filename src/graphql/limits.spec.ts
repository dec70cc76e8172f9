import { parse } from 'graphql';
import { documentProblem } from './limits';

const L = { maxSelections: 10, maxDirectives: 3 };
const check = (q: string) => documentProblem(parse(q), L);

describe('documentProblem', () => {
  it('passes a document within the limits', () => {
    expect(check('{ a b { c d } e }')).toBeUndefined();
    expect(check('query { a @include(if: true) b @skip(if: false) c }')).toBeUndefined();
  });

  it('counts every field, inline fragment and spread', () => {
    expect(check('{ a a a a a a a a a a }')).toBeUndefined();
    expect(check('{ a a a a a a a a a a a }')).toEqual({ limit: 'selections', found: 11, message: 'De query heeft 11 selecties; hoogstens 10 toegestaan' });
    expect(check('{ ... on Query { a b c d e f g h i } }')).toBeUndefined();
    expect(check('{ ... on Query { a b c d e f g h i j } }')).toMatchObject({ limit: 'selections', found: 11 });
  });

  it('counts a fragment each time it is spread, fan-out included, without walking it each time', () => {
    // F2 has 2 selections: F1 = 2 spreads × (1 + 2) = 6; the operation = 1 spread + 6 = 7; plus the
    // fragment definitions themselves (2 + 2) = 11.
    expect(check('{ ...F1 } fragment F1 on Query { ...F2 ...F2 } fragment F2 on Query { a b }')).toMatchObject({ limit: 'selections', found: 11 });
    // Ten levels of ten spreads each would be 10^10 selections: counted, not walked.
    const levels = Array.from({ length: 10 }, (_, i) => `fragment F${i} on Query { ${Array(10).fill(`...F${i + 1}`).join(' ')} }`).join(' ');
    const started = process.hrtime.bigint();
    const p = documentProblem(parse(`{ ...F0 } ${levels} fragment F10 on Query { a }`), { maxSelections: 500, maxDirectives: 50 });
    expect(p?.limit).toBe('selections');
    expect(p!.found).toBeGreaterThan(1e10);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });

  it('refuses fragment cycles, direct and indirect, used or not', () => {
    expect(check('{ ...A } fragment A on Query { ...A }')).toMatchObject({ limit: 'fragmentCycle', message: 'Fragment "A" verwijst naar zichzelf' });
    expect(check('{ a } fragment A on Query { ...B } fragment B on Query { ...A }')).toMatchObject({ limit: 'fragmentCycle' });
  });

  it('counts directives on operations, fields and spread fragments', () => {
    expect(check('query Q @a { b @c @d }')).toBeUndefined();
    expect(check('query Q @a { b @c @d @e }')).toEqual({ limit: 'directives', found: 4, message: 'De query heeft 4 directives; hoogstens 3 toegestaan' });
    expect(check('{ ...F ...F } fragment F on Query { a @x }')).toBeUndefined();
    expect(check('{ ...F ...F ...F } fragment F on Query { a @x }')).toMatchObject({ limit: 'directives', found: 4 });
  });

  it('leaves unknown fragments to the standard rules', () => {
    expect(check('{ ...Nergens }')).toBeUndefined();
  });
});
