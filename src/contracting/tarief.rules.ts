import { HubError } from '../common/hub-error';
import { ContractingError } from './contracting.errors';

/** A tariff version's validity: `tot` inclusive, null = open. */
export interface Periode {
  vanaf: string;
  tot: string | null;
}

/** Whether two validity periods share a day. */
export function overlapt(a: Periode, b: Periode): boolean {
  const aEindeNaB = a.tot === null || a.tot >= b.vanaf;
  const bEindeNaA = b.tot === null || b.tot >= a.vanaf;
  return aEindeNaB && bEindeNaA;
}

/** Picks the one version valid on `datum`, or undefined; throws if the data ever holds two. */
export function tariefOpDatum<T extends { geldigVanaf: string; geldigTot: string | null }>(versies: T[], datum: string): T | undefined {
  const hits = versies.filter((v) => v.geldigVanaf <= datum && (v.geldigTot === null || v.geldigTot >= datum));
  if (hits.length > 1) throw new Error('overlapping tariff versions');
  return hits[0];
}

/** The day before an ISO date. */
export function dagErvoor(datum: string): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Refuses a period whose end lies before its start. */
export function checkPeriode(vanaf: string, tot: string | null | undefined, veld = 'geldigTot'): void {
  if (tot != null && tot < vanaf) {
    throw new HubError(ContractingError.END_BEFORE_START, `Einddatum ${tot} ligt voor begindatum ${vanaf}`, { veld });
  }
}

/**
 * The effective indexation in units of 0.00001 %, computed in integers so that no float
 * rounding creeps into money: a plain percentage, or the Jeugd formula
 * (gewichtOva × OVA + gewichtPpc × PPC) / 100 with weights in whole percent.
 */
export function effectiefE5(
  input:
    | { methode: 'percentage'; percentage: number }
    | { methode: 'jeugdformule'; ova: number; ppc: number; gewichtOva: number; gewichtPpc: number },
): number {
  const milli = (x: number) => Math.round(x * 1000);
  if (input.methode === 'percentage') return milli(input.percentage) * 100;
  return milli(input.ova) * input.gewichtOva + milli(input.ppc) * input.gewichtPpc;
}

/** Applies an indexation to an amount in cents, rounded to whole cents (half away from zero). */
export function indexeer(bedragCenten: number, e5: number): number {
  // bedrag × (1 + e5 / 10^7), exact in integers: 10^7 × bedrag stays far below 2^53 for real tariffs.
  const teller = bedragCenten * (10_000_000 + e5);
  const q = Math.trunc(teller / 10_000_000);
  const rest = teller - q * 10_000_000;
  return Math.abs(rest) * 2 >= 10_000_000 ? q + Math.sign(teller) : q;
}
