import type { EntityManager } from 'typeorm';
import { prepared } from '../../db/prepared';

/**
 * The reference data every message is checked against (the municipalities the hub knows, each
 * region's product book), held by the worker and read again whenever `referentie_versie` moved:
 * its triggers raise it with every committed change of those tables, and each batch reads it.
 */
export interface Referentie {
  /** TR378: the municipality is known to the hub. */
  gemeenteBekend(code: string): boolean;
  /** A product of the region's book by category and code, with its execution variant. */
  product(regio: string | null, categorie: string | null, code: string | null): { uitvoeringsvariant: string } | undefined;
}

const sleutel = (regio: string | null, categorie: string | null, code: string | null) => `${regio ?? ''}\u0000${categorie ?? '\u0001'}\u0000${code ?? '\u0001'}`;

class Stand implements Referentie {
  constructor(
    readonly versie: string,
    private readonly gemeenten: ReadonlySet<string>,
    private readonly producten: ReadonlyMap<string, { uitvoeringsvariant: string }>,
  ) {}

  gemeenteBekend(code: string): boolean {
    return this.gemeenten.has(code);
  }

  product(regio: string | null, categorie: string | null, code: string | null) {
    return this.producten.get(sleutel(regio, categorie, code));
  }
}

/** One process's cache; `lees` gives the current data for the caller's transaction. */
export class ReferentieCache {
  private stand?: Stand;

  /** The data as of `versie` (read by the caller in its transaction), loaded again when it moved. */
  async lees(em: EntityManager, versie: string): Promise<Referentie> {
    if (this.stand?.versie === versie) return this.stand;
    const gemeenten = await prepared<{ code: string }>(em, `SELECT DISTINCT code FROM gemeente`);
    const producten = await prepared<{ regio_code: string; categorie: string; code: string; uitvoeringsvariant: string }>(em, `SELECT regio_code, categorie, code, uitvoeringsvariant FROM product`);
    const stand = new Stand(
      versie,
      new Set(gemeenten.map((g) => g.code)),
      new Map(producten.map((p) => [sleutel(p.regio_code, p.categorie, p.code), { uitvoeringsvariant: p.uitvoeringsvariant }])),
    );
    this.stand = stand;
    return stand;
  }
}
