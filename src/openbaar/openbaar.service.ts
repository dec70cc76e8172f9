import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { nu, vandaag } from '../common/klok';
import { systeemLezen } from '../db/tenant';
import { OPEN_WACHTTIJDEN_SQL, type OpenWachttijdRij } from './openbaar.sql';
import { DREMPEL, periode, publiceerCel } from './openbaar.rules';
import type { OpenFeed } from './openbaar.types';

/**
 * Who reads the feed's figures: the hub itself over all regions, read-only, on a connection of its
 * own (`systeemLezen`). The public never gets a tenant context; it gets only what this read made.
 */
const OPEN_LEZER: Principal = { sub: 'systeem:open-wachttijden', rol: 'beheerder', gemeenten: [] };

/** The feed and how many more seconds it stays fresh. */
export interface VersFeed {
  feed: OpenFeed;
  resterendSeconden: number;
}

/**
 * The public waiting-time feed, computed by one statement and kept in this process for
 * `ttlSeconden` by the hub's clock. Requests that arrive while it is being computed wait for that
 * same computation (single flight); a failed computation is not kept, the next request tries again.
 */
export class OpenWachttijden {
  private bewaard?: { feed: OpenFeed; verlooptOp: number };
  private lopend?: Promise<OpenFeed>;

  constructor(
    private readonly ds: DataSource,
    private readonly ttlSeconden: number,
  ) {}

  async lees(): Promise<VersFeed> {
    const b = this.bewaard;
    if (b && nu().getTime() < b.verlooptOp) return { feed: b.feed, resterendSeconden: Math.ceil((b.verlooptOp - nu().getTime()) / 1000) };
    this.lopend ??= this.bereken().finally(() => {
      this.lopend = undefined;
    });
    const feed = await this.lopend;
    return { feed, resterendSeconden: this.ttlSeconden };
  }

  private async bereken(): Promise<OpenFeed> {
    const p = periode(vandaag());
    const rijen = await systeemLezen(this.ds.manager, OPEN_LEZER, (em) => em.query<OpenWachttijdRij[]>(OPEN_WACHTTIJDEN_SQL, [p.van, p.tot]));
    const gegenereerd = nu();
    const feed: OpenFeed = {
      periode: p,
      gegenereerdOp: gegenereerd.toISOString(),
      drempel: DREMPEL,
      cellen: rijen.map((r) =>
        publiceerCel({
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
        }),
      ),
    };
    this.bewaard = { feed, verlooptOp: gegenereerd.getTime() + this.ttlSeconden * 1000 };
    return feed;
  }
}
