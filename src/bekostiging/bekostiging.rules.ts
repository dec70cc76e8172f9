import { HubError } from '../common/hub-error';
import { BekostigingError } from './bekostiging.errors';
import { Verdeelsleutel } from './bekostiging.enums';

/** The outcome of comparing the clients served with the lumpsum's band. */
export interface Bandafrekening {
  /** Clients below the minimum (negative), above the maximum (positive), or 0 inside the band. */
  verschil: number;
  /** Claw-back (negative) or extra payment (positive) in cents. */
  bedragCenten: number;
}

/**
 * Year-end settlement of a lumpsum against its band: below the minimum the provider pays back
 * (minimum − n) × the per-client amount, above the maximum it receives (n − maximum) × that
 * amount, inside the band nothing changes.
 */
export function bandafrekening(aantalClienten: number, minimum: number, maximum: number, bedragPerClientCenten: number): Bandafrekening {
  const verschil = aantalClienten < minimum ? aantalClienten - minimum : aantalClienten > maximum ? aantalClienten - maximum : 0;
  const bedragCenten = verschil * bedragPerClientCenten;
  if (!Number.isSafeInteger(bedragCenten)) throw new RangeError('bandafrekening: bedrag buiten bereik');
  return { verschil, bedragCenten: bedragCenten === 0 ? 0 : bedragCenten };
}

/** What a municipality brings to a cost-sharing key. */
export interface SleutelInvoer {
  inwoners: number;
  clienten: number;
}

/**
 * Integer weights per municipality for `verdeel`. By inhabitants or by use (clients) the counts
 * themselves; the mix gives `procentInwoners` % of the line by inhabitants and the rest by use:
 * w = p × inwoners × Σclienten + (100 − p) × clienten × Σinwoners, the exact mix scaled by
 * 100 × Σinwoners × Σclienten, so no rounding happens before `verdeel`.
 */
export function sleutelGewichten(sleutel: Verdeelsleutel, invoer: readonly SleutelInvoer[], procentInwoners: number): bigint[] {
  const somInwoners = invoer.reduce((a, g) => a + BigInt(g.inwoners), 0n);
  const somClienten = invoer.reduce((a, g) => a + BigInt(g.clienten), 0n);
  const geenGebruik = () =>
    new HubError(BekostigingError.NO_USE, 'Geen gebruik in de periode en productcategorieën: verdeel op inwoners of kies een andere periode', { veld: 'sleutel' });
  switch (sleutel) {
    case Verdeelsleutel.inwoners:
      if (somInwoners === 0n) throw new HubError(BekostigingError.NO_INHABITANTS, 'De gemeenten hebben samen geen inwoners', { veld: 'sleutel' });
      return invoer.map((g) => BigInt(g.inwoners));
    case Verdeelsleutel.gebruik:
      if (somClienten === 0n) throw geenGebruik();
      return invoer.map((g) => BigInt(g.clienten));
    case Verdeelsleutel.gemengd: {
      const p = BigInt(procentInwoners);
      if (somInwoners === 0n) throw new HubError(BekostigingError.NO_INHABITANTS, 'De gemeenten hebben samen geen inwoners', { veld: 'sleutel' });
      if (somClienten === 0n && p < 100n) throw geenGebruik();
      if (somClienten === 0n) return invoer.map((g) => BigInt(g.inwoners));
      return invoer.map((g) => p * BigInt(g.inwoners) * somClienten + (100n - p) * BigInt(g.clienten) * somInwoners);
    }
  }
}
