import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { nu, vandaag } from '../common/klok';
import { systeemLezen } from '../db/tenant';
import { OPEN_WACHTTIJDEN_SQL, type OpenWachttijdRij } from './openbaar.sql';
import { DREMPEL, periode, publiceerCel } from './openbaar.rules';
import type { OpenFeed, Periode, RuweCel } from './openbaar.types';

/**
 * Who reads the feed's figures: the hub itself over all regions, read-only, on a connection of its
 * own (`systeemLezen`). The public never gets a tenant context; it gets only what this read made.
 */
const OPEN_LEZER: Principal = { sub: 'systeem:open-wachttijden', rol: 'beheerder', gemeenten: [] };

/** Reads every cell of a period, unsuppressed: what the feed is computed from. */
export type CelLezer = (p: Periode) => Promise<RuweCel[]>;

/** The cells of a period in one statement (OPEN_WACHTTIJDEN_SQL), read as the hub, read-only. */
export function openCellen(ds: DataSource): CelLezer {
  return async (p) => {
    const rijen = await systeemLezen(ds.manager, OPEN_LEZER, (em) => em.query<OpenWachttijdRij[]>(OPEN_WACHTTIJDEN_SQL, [p.van, p.tot]));
    return rijen.map((r) => ({
      regioCode: r.regio_code,
      regioNaam: r.regio_naam,
      productCategorie: r.product_categorie,
      aanbiederAgb: r.aanbieder_agb,
      aanbiederNaam: r.aanbieder_naam,
      aantal: r.aantal,
      aantalMetAanmelding: r.aantal_met_aanmelding,
      mediaanAanmeldingTotStart: r.mediaan_aanmelding_start,
      p80AanmeldingTotStart: r.p80_aanmelding_start,
      mediaanAanmeldingTotToewijzing: r.mediaan_aanmelding_toewijzing,
      p80AanmeldingTotToewijzing: r.p80_aanmelding_toewijzing,
      mediaanToewijzingTotStart: r.mediaan_toewijzing_start,
      p80ToewijzingTotStart: r.p80_toewijzing_start,
    }));
  };
}

/** The feed and how many more seconds it stays fresh. */
export interface VersFeed {
  feed: OpenFeed;
  resterendSeconden: number;
}

/**
 * The public waiting-time feed, suppressed before it is kept, and kept in this process for
 * `ttlSeconden` by the hub's clock. Requests that arrive while it is being computed wait for that
 * same computation (single flight); a failed computation is not kept, the next request tries again.
 */
export class OpenWachttijden {
  private bewaard?: { feed: OpenFeed; vanaf: number; verlooptOp: number };
  private lopend?: Promise<OpenFeed>;

  constructor(
    private readonly cellen: CelLezer,
    private readonly ttlSeconden: number,
  ) {}

  async lees(): Promise<VersFeed> {
    const b = this.bewaard;
    const nuMs = nu().getTime();
    // A clock set back (a test, a corrected clock) does not keep an old feed longer.
    if (b && nuMs >= b.vanaf && nuMs < b.verlooptOp) return { feed: b.feed, resterendSeconden: Math.ceil((b.verlooptOp - nuMs) / 1000) };
    this.lopend ??= this.bereken().finally(() => {
      this.lopend = undefined;
    });
    const feed = await this.lopend;
    return { feed, resterendSeconden: this.ttlSeconden };
  }

  private async bereken(): Promise<OpenFeed> {
    const p = periode(vandaag());
    const cellen = await this.cellen(p);
    const gegenereerd = nu();
    const feed: OpenFeed = { periode: p, gegenereerdOp: gegenereerd.toISOString(), drempel: DREMPEL, cellen: cellen.map((c) => publiceerCel(c)) };
    this.bewaard = { feed, vanaf: gegenereerd.getTime(), verlooptOp: gegenereerd.getTime() + this.ttlSeconden * 1000 };
    return feed;
  }
}
