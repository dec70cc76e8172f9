import { HubError } from '../common/hub-error';
import { overlapt } from '../contracting/tarief.rules';
import { ToewijzingError } from './toewijzing.errors';

/** The Omvang/Budget part of an allocated product, as the access team gives it. */
export interface Vorm {
  productCode: string | null;
  ingangsdatum: string;
  einddatum: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  budget: number | null;
}

/** Allowed Frequentie per Eenheid (iJw 3.2 §1.3, CS338/CS343). */
export const FREQUENTIES_PER_EENHEID: Readonly<Record<string, readonly string[]>> = {
  '01': ['1', '2', '4', '6'],
  '04': ['1', '2', '4', '6'],
  '14': ['2', '4', '6'],
  '16': ['2', '4', '6'],
  '84': ['2', '4', '6'],
  '82': ['1', '2', '4', '6'],
  '83': ['2', '4', '6'],
};

const fout = (message: string, veld: string) => new HubError(ToewijzingError.INVALID_SHAPE, message, { veld });

/**
 * The shape rules of a toewijzing (specifiek / aspecifiek, CD041/CD075–CD080, CS338/CS343):
 * a product with a code needs a whole Omvang and no Budget; without a code no Omvang;
 * Omvang and Budget exclude each other; a Budget and a weekly frequency need an Einddatum.
 */
export function checkVorm(v: Vorm): void {
  if (v.einddatum !== null && v.einddatum < v.ingangsdatum) throw fout('Einddatum ligt vóór de Ingangsdatum', 'einddatum');
  const omvang = [v.volume, v.eenheid, v.frequentie].filter((x) => x !== null).length;
  if (omvang !== 0 && omvang !== 3) throw fout('Omvang is Volume, Eenheid en Frequentie samen', 'volume');
  if (omvang === 3 && v.budget !== null) throw fout('Omvang en Budget sluiten elkaar uit', 'budget');
  if (v.productCode !== null && omvang !== 3) throw fout('Een specifieke toewijzing (met productcode) heeft een Omvang', 'volume');
  if (v.productCode === null && omvang === 3) throw fout('Een aspecifieke toewijzing heeft geen Omvang', 'volume');
  if (v.budget !== null && v.einddatum === null) throw fout('Een Budget vraagt een Einddatum', 'einddatum');
  if (omvang === 3) {
    const toegestaan = FREQUENTIES_PER_EENHEID[v.eenheid ?? ''];
    if (!toegestaan) throw fout(`Onbekende Eenheid ${v.eenheid ?? ''}`, 'eenheid');
    if (!toegestaan.includes(v.frequentie ?? '')) throw fout(`Frequentie ${v.frequentie ?? ''} past niet bij Eenheid ${v.eenheid ?? ''}`, 'frequentie');
    if (v.frequentie === '2' && v.einddatum === null) throw fout('Een frequentie per week vraagt een Einddatum', 'einddatum');
    if (v.volume !== null && (v.volume < 1 || v.volume > 99_999_999)) throw fout('Volume ligt buiten 1 – 99 999 999', 'volume');
  }
}

function dagen(van: string, tot: string): number {
  return Math.round((Date.parse(`${tot}T00:00:00Z`) - Date.parse(`${van}T00:00:00Z`)) / 86_400_000) + 1;
}

function maanden(van: string, tot: string): number {
  return (Number(tot.slice(0, 4)) - Number(van.slice(0, 4))) * 12 + Number(tot.slice(5, 7)) - Number(van.slice(5, 7)) + 1;
}

/**
 * Estimated cost in euro cents of an allocation, counted against the provider's budget ceiling:
 * the Budget when there is one, otherwise Volume × periods × tariff, over the allocation's period
 * (or, open-ended, until `tot`, the contract's end). Minutes are priced at an hourly tariff / 60.
 */
export function raming(v: Vorm, tariefCenten: number, tariefEenheid: string, tot: string): number {
  if (v.budget !== null) return v.budget;
  if (v.volume === null) return 0;
  const einde = v.einddatum ?? tot;
  const perioden = { '1': dagen(v.ingangsdatum, einde), '2': Math.ceil(dagen(v.ingangsdatum, einde) / 7), '4': maanden(v.ingangsdatum, einde), '6': 1 }[v.frequentie ?? '6'] ?? 1;
  const eenheden = v.volume * perioden;
  const perEenheid = v.eenheid === '01' && tariefEenheid === '04' ? tariefCenten / 60 : tariefCenten;
  return Math.round(eenheden * perEenheid);
}

/** A current toewijzing for the no-stacking rule (OP259). */
export interface Lopend {
  nummer: number;
  productCategorie: string;
  productCode: string | null;
  ingangsdatum: string;
  einddatum: string | null;
}

/**
 * OP259: the same product (same code; same category when either has no code) must not be
 * allocated twice to one provider for overlapping periods. Returns the clashing number.
 */
export function stapeling(nieuw: Omit<Lopend, 'nummer'>, lopend: Lopend[]): number | undefined {
  const zelfde = (a: Omit<Lopend, 'nummer'>, b: Lopend) =>
    a.productCategorie === b.productCategorie && (a.productCode === null || b.productCode === null || a.productCode === b.productCode);
  return lopend.find((l) => zelfde(nieuw, l) && overlapt({ vanaf: nieuw.ingangsdatum, tot: nieuw.einddatum }, { vanaf: l.ingangsdatum, tot: l.einddatum }))?.nummer;
}

/** The SQL twin of `isVerwijderd`: a condition on `toewijzing` (under `alias`) that holds for rows not deleted. */
export function nietVerwijderdSql(alias?: string): string {
  const a = alias ? `${alias}.` : '';
  return `NOT (${a}reden_wijziging IN ('01', '13') AND ${a}einddatum = ${a}ingangsdatum)`;
}

/** Deleted (reden 13, or the old 01 with Einddatum = Ingangsdatum) toewijzingen are never current (OP087). */
export function isVerwijderd(t: { redenWijziging: string | null; ingangsdatum: string; einddatum: string | null }): boolean {
  return (t.redenWijziging === '13' || t.redenWijziging === '01') && t.einddatum === t.ingangsdatum;
}
