import { Groepscommit } from './groepscommit';

/** A write the test lets finish: its items, and how to end it. */
interface Schrijfbeurt {
  sleutel: string;
  items: string[];
  klaar: (uit?: (string | Error)[] | Error) => void;
}

function opzet() {
  const beurten: Schrijfbeurt[] = [];
  const peil: number[] = [];
  const g = new Groepscommit<string, string>(
    (sleutel, items) =>
      new Promise((resolve, reject) => {
        beurten.push({ sleutel, items, klaar: (uit) => (uit instanceof Error ? reject(uit) : resolve(uit ?? items.map((i) => `ok ${i}`))) });
      }),
    3,
    (n) => peil.push(n),
  );
  return { g, beurten, peil };
}

describe('Groepscommit', () => {
  it('writes what arrives during a write in the next one, in arrival order, at most `max` at a time, each key apart', async () => {
    const { g, beurten, peil } = opzet();
    const a = g.voegToe('x', 'a');
    expect(beurten.map((b) => b.items)).toEqual([['a']]);
    const rest = ['b', 'c', 'd', 'e'].map((i) => g.voegToe('x', i));
    const y = g.voegToe('y', 'p');
    expect(g.aantalWachtend).toBe(4);
    expect(beurten.map((b) => [b.sleutel, b.items])).toEqual([
      ['x', ['a']],
      ['y', ['p']],
    ]);
    beurten[0].klaar();
    await expect(a).resolves.toBe('ok a');
    await new Promise((r) => setImmediate(r));
    expect(beurten[2].items).toEqual(['b', 'c', 'd']);
    beurten[2].klaar(['ok b', new Error('c refused'), 'ok d']);
    await expect(rest[0]).resolves.toBe('ok b');
    await expect(rest[1]).rejects.toThrow('c refused');
    await new Promise((r) => setImmediate(r));
    expect(beurten[3].items).toEqual(['e']);
    beurten[3].klaar();
    beurten[1].klaar();
    await expect(Promise.all([rest[2], rest[3], y])).resolves.toEqual(['ok d', 'ok e', 'ok p']);
    expect(peil.at(-1)).toBe(0);
  });

  it('a batch that fails as a whole is written again item by item, so only the item at fault fails', async () => {
    const { g, beurten } = opzet();
    const eerste = g.voegToe('x', 'a');
    const b = g.voegToe('x', 'b');
    const c = g.voegToe('x', 'c');
    beurten[0].klaar();
    await eerste;
    await new Promise((r) => setImmediate(r));
    beurten[1].klaar(new Error('batch failed'));
    await new Promise((r) => setImmediate(r));
    expect(beurten[2].items).toEqual(['b']);
    beurten[2].klaar(new Error('b is at fault'));
    await expect(b).rejects.toThrow('b is at fault');
    await new Promise((r) => setImmediate(r));
    expect(beurten[3].items).toEqual(['c']);
    beurten[3].klaar();
    await expect(c).resolves.toBe('ok c');
  });
});
