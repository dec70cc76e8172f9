/**
 * Money splits in whole euro cents that lose no cent: the largest-remainder method.
 *
 * Every share first gets the floor of its exact quota `totaal × gewicht / Σ gewichten`; the cents
 * left over go one each to the largest remainders, ties to the lowest index. Callers order their
 * weights by a stable key (e.g. CBS code), so a split is the same on every run. Arithmetic is in
 * BigInt: products of large weights and amounts exceed 2^53.
 */
export function verdeel(totaalCenten: number, gewichten: readonly (number | bigint)[]): number[] {
  if (!Number.isSafeInteger(totaalCenten)) throw new RangeError(`verdeel: totaal ${totaalCenten} is geen geheel aantal centen`);
  if (totaalCenten < 0) return verdeel(-totaalCenten, gewichten).map((c) => (c === 0 ? 0 : -c));
  const w = gewichten.map((g) => {
    if (typeof g === 'number' && !Number.isSafeInteger(g)) throw new RangeError(`verdeel: gewicht ${g} is geen geheel getal`);
    const b = BigInt(g);
    if (b < 0n) throw new RangeError('verdeel: negatief gewicht');
    return b;
  });
  if (totaalCenten === 0) return w.map(() => 0);
  const som = w.reduce((a, b) => a + b, 0n);
  if (som === 0n) throw new RangeError('verdeel: de gewichten zijn samen 0');
  const totaal = BigInt(totaalCenten);
  const delen = w.map((g) => (totaal * g) / som);
  const resten = w.map((g) => (totaal * g) % som);
  let over = totaal - delen.reduce((a, b) => a + b, 0n);
  // Indexes by remainder, largest first; equal remainders keep index order (lowest first).
  const volgorde = resten.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of volgorde) {
    if (over === 0n) break;
    delen[i] += 1n;
    over -= 1n;
  }
  return delen.map(Number);
}

/**
 * The monthly advances of a yearly budget over weighted parties (municipalities), as a 12 × n
 * matrix in cents. Months sum to `verdeel(budget, twaalf gelijke)`, each party's 12 advances sum
 * to its yearly share `verdeel(budget, gewichten)`, and each month's row sums to that month's
 * advance: a month splits over the parties by what each still has to receive, so the last month
 * takes exactly what is left. Pure and deterministic, so any month can be recomputed alone.
 */
export function voorschotSchema(budgetCenten: number, gewichten: readonly (number | bigint)[]): number[][] {
  const maanden = verdeel(budgetCenten, Array.from({ length: 12 }, () => 1));
  const resterend = verdeel(budgetCenten, gewichten);
  return maanden.map((maandCenten) => {
    const rij = maandCenten === 0 ? resterend.map(() => 0) : verdeel(maandCenten, resterend);
    rij.forEach((c, i) => (resterend[i] -= c));
    return rij;
  });
}
