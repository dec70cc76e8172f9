import type { EntityManager } from 'typeorm';
import { beheertRegio, systeemInRegio, type Principal } from '../auth/principal';
import { HubError, HubErrorCode } from '../common/hub-error';
import { vandaag as klokVandaag } from '../common/klok';
import { systeemLezen } from '../db/tenant';
import { CapaciteitError } from './capaciteit.errors';
import type { WachttijdFilter } from './capaciteit.inputs';
import { clientScopeSql, Params } from '../auth/scope';
import { BEGIN_WACHTLIJST, dagenSql, normSql, statistiekSql, WACHTDAGEN, wachtItemsSql } from './wachttijd.sql';
import { binnenNorm, dagenTerug, rangschik, VENSTER_DAGEN } from './wachttijd.rules';
import { AanbiederKeuze, SignaalSoort, WachtItem, WachttijdSignaal, WachttijdStatistiek } from './wachttijd.types';
import { mapConnection, pageOf, type Connection, type PageArgs } from '../graphql/pagination';
import type { RowReader } from '../db/prepared';
import { NormSoort } from './wachttijdnorm.entity';

/** Filters of the toewijzing (alias `t`) from the caller's scope and its filter. */
function toewijzingWhere(p: Principal | null, filter: WachttijdFilter | undefined, P: Params): string {
  const w = [p ? clientScopeSql(p, 't', P) : 'true'];
  if (filter?.aanbiederAgb) w.push(`t.aanbieder_agb = ${P.add(filter.aanbiederAgb)}`);
  if (filter?.gemeenteCode) w.push(`t.gemeente_code = ${P.add(filter.gemeenteCode)}`);
  if (filter?.productCategorie) w.push(`t.product_categorie = ${P.add(filter.productCategorie)}`);
  if (filter?.productCode) w.push(`t.product_code = ${P.add(filter.productCode)}`);
  return w.join(' AND ');
}

interface StatistiekRij {
  aantal_gestart: number;
  mediaan: number | null;
  p90: number | null;
  mediaan_toewijzing: number | null;
  p90_toewijzing: number | null;
  mediaan_start: number | null;
  p90_start: number | null;
  aantal_wachtend: number;
}

/** A row of the waiting list as read: the toewijzing's columns, the wait and its sort key. */
interface WachtRij {
  id: string;
  nummer: number;
  aanbieder_agb: string;
  gemeente_code: string;
  product_categorie: string;
  product_code: string | null;
  aangevraagd: string | null;
  toegewezen_op: string;
  ingangsdatum: string;
  dagen: number;
  /** The wait negated: longest first in an ascending keyset. */
  rang: number;
  norm: number | null;
}

/** An alert as read, with its identity (`id`) and sort key. */
interface SignaalRij {
  id: string;
  soort: SignaalSoort;
  norm_soort: NormSoort;
  norm: number;
  dagen: number;
  rang: number;
  regio_code: string;
  aanbieder_agb: string;
  gemeente_code: string | null;
  gemeente_volgorde: string;
  product_categorie: string | null;
  product_code: string | null;
  toewijzing_id: string | null;
  verzoek_id: string | null;
}

/**
 * Norms exceeded, as far as the caller may see: children waiting longer than the norm
 * request → start, requests unanswered longer than the norm request → allocation, and
 * providers whose 90th percentile (care started in the last 365 days, per product, in the
 * region) exceeds either norm. `p` null: everything (for /metrics). Each alert has an `id`
 * derived from what it is about (the toewijzing, the request, or provider, product and norm),
 * the keyset's last column; `rang` (days negated) and `gemeente_volgorde` (never null) sort it.
 */
function signalenSql(p: Principal | null, P: Params): string {
  const vandaag = klokVandaag();
  const dag = P.add(vandaag);
  const items = wachtItemsSql(toewijzingWhere(p, undefined, P));
  const verzoekScope = p ? clientScopeSql(p, 'v', P) : 'true';
  const vanaf = P.add(dagenTerug(vandaag, VENSTER_DAGEN));
  return `WITH i AS (${items}),
       wachtend AS (
         SELECT 'wachtend_boven_norm' AS soort, 'aanmelding_tot_start' AS norm_soort, ${normSql('i', NormSoort.aanmelding_tot_start)} AS norm,
                ${dagenSql(BEGIN_WACHTLIJST, `${dag}::date`)}::float8 AS dagen, i.regio_code, i.aanbieder_agb, i.gemeente_code, i.product_categorie, i.product_code,
                i.id AS toewijzing_id, NULL::uuid AS verzoek_id
           FROM i WHERE i.gestart IS NULL AND (i.einddatum IS NULL OR i.einddatum >= ${dag}::date)),
       verzoeken AS (
         SELECT 'verzoek_boven_norm' AS soort, 'aanmelding_tot_toewijzing' AS norm_soort, ${normSql('v', NormSoort.aanmelding_tot_toewijzing)} AS norm,
                ${dagenSql(`(v.ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date`, `${dag}::date`)}::float8 AS dagen, v.regio_code, v.aanbieder_agb, v.gemeente_code,
                v.product_categorie, v.product_code, NULL::uuid AS toewijzing_id, v.id AS verzoek_id
           FROM verzoek v WHERE v.status IN ('open', 'in_onderzoek') AND v.regio_code IS NOT NULL AND ${verzoekScope}),
       p90 AS (
         SELECT i.regio_code, i.aanbieder_agb, i.product_categorie, i.product_code,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY ${WACHTDAGEN}) AS start,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY ${dagenSql('i.aangevraagd', 'i.toegewezen')}) FILTER (WHERE i.aangevraagd IS NOT NULL) AS toewijzing
           FROM i WHERE i.gestart >= ${vanaf}::date
          GROUP BY i.regio_code, i.aanbieder_agb, i.product_categorie, i.product_code),
       aanbieders AS (
         SELECT 'aanbieder_boven_norm' AS soort, 'aanmelding_tot_start' AS norm_soort, ${normSql('p90', NormSoort.aanmelding_tot_start)} AS norm, p90.start AS dagen,
                p90.regio_code, p90.aanbieder_agb, NULL AS gemeente_code, p90.product_categorie, p90.product_code, NULL::uuid AS toewijzing_id, NULL::uuid AS verzoek_id
           FROM p90
         UNION ALL
         SELECT 'aanbieder_boven_norm', 'aanmelding_tot_toewijzing', ${normSql('p90', NormSoort.aanmelding_tot_toewijzing)}, p90.toewijzing,
                p90.regio_code, p90.aanbieder_agb, NULL, p90.product_categorie, p90.product_code, NULL::uuid, NULL::uuid
           FROM p90)
       SELECT s.*, -s.dagen AS rang, coalesce(s.gemeente_code, '') AS gemeente_volgorde,
              md5(concat_ws('|', s.soort, s.norm_soort, s.regio_code, s.aanbieder_agb, coalesce(s.product_categorie, ''), coalesce(s.product_code, ''),
                            coalesce(s.toewijzing_id::text, ''), coalesce(s.verzoek_id::text, '')))::uuid AS id
         FROM (SELECT * FROM wachtend UNION ALL SELECT * FROM verzoeken UNION ALL SELECT * FROM aanbieders) s
        WHERE s.norm IS NOT NULL AND s.dagen > s.norm`;
}

/**
 * Waiting lists and waiting times derived from the messages (JW315 received → JW301 → JW305
 * Begindatum), never typed in; norms per region and the alerts when they are exceeded.
 */
export const wachttijdService = {
  /**
   * The current waiting list: allocated, not started, not deleted, not ended; longest wait first
   * (then by ToewijzingNummer), one keyset page: the sort key is the wait negated, so the keyset
   * runs ascending like every page.
   */
  async wachtlijst(reader: RowReader, p: Principal, filter: WachttijdFilter | undefined, page: PageArgs): Promise<Connection<WachtItem>> {
    const P = new Params();
    const vandaag = P.add(klokVandaag());
    const from = `(SELECT i.*, coalesce(i.toegewezen, i.laatst_toegewezen) AS toegewezen_op, d.dagen, -d.dagen AS rang, ${normSql('i', NormSoort.aanmelding_tot_start)} AS norm
                     FROM (${wachtItemsSql(toewijzingWhere(p, filter, P))}) i, LATERAL (SELECT ${dagenSql(BEGIN_WACHTLIJST, `${vandaag}::date`)} AS dagen) d
                    WHERE i.gestart IS NULL AND (i.einddatum IS NULL OR i.einddatum >= ${vandaag}::date)) w`;
    const conn = await pageOf<WachtRij>(
      reader,
      { columns: 'w.*', from, alias: 'w', where: [], params: P, sortColumn: ['rang', 'nummer'], sortKey: (r) => [String(r.rang), String(r.nummer)] },
      page,
    );
    return mapConnection(conn, (r) => ({
      toewijzingId: r.id,
      toewijzingNummer: r.nummer,
      aanbiederAgb: r.aanbieder_agb,
      gemeenteCode: r.gemeente_code,
      productCategorie: r.product_categorie,
      productCode: r.product_code,
      aangevraagdOp: r.aangevraagd,
      toegewezenOp: r.toegewezen_op,
      ingangsdatum: r.ingangsdatum,
      dagenWachtend: r.dagen,
      normDagen: r.norm,
      bovenNorm: r.norm !== null && r.dagen > r.norm,
    }));
  },

  /**
   * Median and 90th percentile per provider, product and municipality, computed in SQL: an
   * aggregate bounded by the contracts (one row per combination with starts or waiting children),
   * never cut off, so no cell of a region silently goes missing.
   */
  async statistiek(em: EntityManager, p: Principal, filter: WachttijdFilter | undefined): Promise<WachttijdStatistiek[]> {
    const vandaag = klokVandaag();
    const P = new Params();
    const where = toewijzingWhere(p, filter, P);
    const stats = statistiekSql(P, { vanaf: filter?.startVanaf ?? dagenTerug(vandaag, VENSTER_DAGEN), tot: filter?.startTot ?? '9999-12-31', vandaag });
    const rows = await em.query<(StatistiekRij & { aanbieder_agb: string; gemeente_code: string; product_categorie: string; product_code: string | null })[]>(
      `SELECT i.aanbieder_agb, i.gemeente_code, i.product_categorie, i.product_code, ${stats}
         FROM (${wachtItemsSql(where)}) i
        GROUP BY i.aanbieder_agb, i.gemeente_code, i.product_categorie, i.product_code
        ORDER BY i.aanbieder_agb, i.product_categorie, i.product_code NULLS FIRST, i.gemeente_code`,
      P.values,
    );
    return rows.map((r) => ({
      aanbiederAgb: r.aanbieder_agb,
      gemeenteCode: r.gemeente_code,
      productCategorie: r.product_categorie,
      productCode: r.product_code,
      aantalGestart: r.aantal_gestart,
      mediaanDagen: r.mediaan,
      p90Dagen: r.p90,
      mediaanDagenTotToewijzing: r.mediaan_toewijzing,
      p90DagenTotToewijzing: r.p90_toewijzing,
      mediaanDagenToewijzingTotStart: r.mediaan_start,
      p90DagenToewijzingTotStart: r.p90_start,
      aantalWachtend: r.aantal_wachtend,
    }));
  },

  /**
   * Norms exceeded, as far as the caller may see (signalenSql), one keyset page: by kind, most
   * days first, provider and municipality.
   */
  async signalen(reader: RowReader, p: Principal, page: PageArgs): Promise<Connection<WachttijdSignaal>> {
    const P = new Params();
    const conn = await pageOf<SignaalRij>(
      reader,
      {
        columns: 'g.*',
        from: `(${signalenSql(p, P)}) g`,
        alias: 'g',
        where: [],
        params: P,
        sortColumn: ['soort', 'rang', 'aanbieder_agb', 'gemeente_volgorde'],
        sortKey: (r) => [r.soort, String(r.rang), r.aanbieder_agb, r.gemeente_volgorde],
      },
      page,
    );
    return mapConnection(conn, (r) => ({
      soort: r.soort,
      normSoort: r.norm_soort,
      normDagen: r.norm,
      dagen: r.dagen,
      regioCode: r.regio_code,
      aanbiederAgb: r.aanbieder_agb,
      gemeenteCode: r.gemeente_code,
      productCategorie: r.product_categorie,
      productCode: r.product_code,
      toewijzingId: r.toewijzing_id,
      verzoekId: r.verzoek_id,
    }));
  },

  /** Alerts per kind over all regions, for /metrics (counts only, every alert counted). */
  async telSignalen(em: EntityManager): Promise<Record<SignaalSoort, number>> {
    const tel: Record<SignaalSoort, number> = { wachtend_boven_norm: 0, verzoek_boven_norm: 0, aanbieder_boven_norm: 0 };
    const P = new Params();
    const rows = await em.query<{ soort: SignaalSoort; n: number }[]>(`SELECT g.soort, count(*)::int AS n FROM (${signalenSql(null, P)}) g GROUP BY g.soort`, P.values);
    for (const r of rows) tel[r.soort] = r.n;
    return tel;
  },

  /**
   * The access team's question: which providers are contracted today for this product in the
   * child's municipality, what room do they have and how long do children wait there. Best
   * first (open with capacity, within the norm, lowest 90th percentile). A constant number of
   * statements whatever the number of providers: contracts, capacity and norm in one; waiting
   * times over the region in one more (aggregates only, read in the system context because a
   * provider's waiting time spans municipalities the caller may not see one by one).
   */
  async passendeAanbieders(em: EntityManager, p: Principal, gemeenteCode: string, productCode: string): Promise<AanbiederKeuze[]> {
    if ((p.rol === 'toegang' || p.rol === 'gemeente') && p.gemeenten.length > 0 && !p.gemeenten.includes(gemeenteCode)) {
      throw new HubError(HubErrorCode.FORBIDDEN, `Geen toegang tot gemeente ${gemeenteCode}`, { veld: 'gemeenteCode' });
    }
    const vandaag = klokVandaag();
    const rows = await em.query<
      { regio_code: string | null; product_id: string | null; categorie: string | null; norm: number | null; aanbieder_agb: string | null; naam: string | null; contract_nummer: string | null; open: boolean | null; vrije_plaatsen: number | null; intakes: number | null }[]
    >(
      `WITH g AS (SELECT code, regio_code FROM gemeente WHERE code = $1 AND geldig_vanaf <= $3::date AND (geldig_tot IS NULL OR geldig_tot >= $3::date)),
            pr AS (SELECT pr.id, pr.regio_code, pr.categorie FROM product pr JOIN g ON g.regio_code = pr.regio_code WHERE pr.code = $2),
            k AS (SELECT c.aanbieder_agb, min(c.nummer) AS contract_nummer
                    FROM contract c
                    JOIN contract_gemeente cg ON cg.contract_id = c.id AND cg.gemeente_code = $1
                    JOIN contract_product cp ON cp.contract_id = c.id
                    JOIN pr ON pr.id = cp.product_id
                   WHERE c.status <> 'beeindigd' AND $3::date BETWEEN c.begindatum AND c.einddatum
                   GROUP BY c.aanbieder_agb),
            cap AS (SELECT cap.aanbieder_agb, bool_or(cap.open_voor_nieuwe_clienten) AS open,
                           coalesce(sum(cap.vrije_plaatsen) FILTER (WHERE cap.open_voor_nieuwe_clienten), 0)::int AS vrije_plaatsen,
                           coalesce(sum(cap.intakes_per_week) FILTER (WHERE cap.open_voor_nieuwe_clienten), 0)::int AS intakes
                      FROM capaciteit cap JOIN pr ON pr.id = cap.product_id
                     WHERE cap.geldig_tot IS NULL
                     GROUP BY cap.aanbieder_agb)
       SELECT pr.regio_code, pr.id AS product_id, pr.categorie, ${normSql('pr', NormSoort.aanmelding_tot_start, 'categorie')} AS norm,
              k.aanbieder_agb, a.naam, k.contract_nummer, cap.open, cap.vrije_plaatsen, cap.intakes
         FROM pr
         LEFT JOIN k ON true
         LEFT JOIN aanbieder a ON a.agb = k.aanbieder_agb
         LEFT JOIN cap ON cap.aanbieder_agb = k.aanbieder_agb`,
      [gemeenteCode, productCode, vandaag],
    );
    if (!rows.length) {
      const gem = await em.query<{ regio_code: string }[]>(`SELECT regio_code FROM gemeente WHERE code = $1`, [gemeenteCode]);
      if (!gem[0]) throw new HubError(CapaciteitError.UNKNOWN_MUNICIPALITY, `Onbekende gemeente ${gemeenteCode}`, { veld: 'gemeenteCode' });
      if (!beheertRegio(p, gem[0].regio_code) && gem[0].regio_code !== p.regio) throw new HubError(HubErrorCode.FORBIDDEN, `Geen toegang tot gemeente ${gemeenteCode}`, { veld: 'gemeenteCode' });
      throw new HubError(CapaciteitError.UNKNOWN_PRODUCT, `Product ${productCode} staat niet in het productboek van de regio`, { veld: 'productCode' });
    }
    const { regio_code: regio, norm } = rows[0];
    if (regio === null) return [];
    if (!beheertRegio(p, regio) && p.regio !== regio) throw new HubError(HubErrorCode.FORBIDDEN, `Geen toegang tot gemeente ${gemeenteCode}`, { veld: 'gemeenteCode' });
    const kandidaten = rows.filter((r) => r.aanbieder_agb !== null);
    if (!kandidaten.length) return [];
    const P = new Params();
    const where = `t.regio_code = ${P.add(regio)} AND t.product_categorie = ${P.add(rows[0].categorie)} AND t.product_code = ${P.add(productCode)} AND t.aanbieder_agb = ANY (${P.add(kandidaten.map((k) => k.aanbieder_agb))}::text[])`;
    const stats = statistiekSql(P, { vanaf: dagenTerug(vandaag, VENSTER_DAGEN), tot: '9999-12-31', vandaag });
    // Waiting times of other municipalities' children count too: aggregates only, read as the region.
    const perAanbieder = await systeemLezen(em, systeemInRegio('wachttijden', regio), (sys) =>
      sys.query<(StatistiekRij & { aanbieder_agb: string })[]>(
        `SELECT i.aanbieder_agb, ${stats} FROM (${wachtItemsSql(where)}) i GROUP BY i.aanbieder_agb`,
        P.values,
      ),
    );
    const stat = new Map(perAanbieder.map((s) => [s.aanbieder_agb, s]));
    return rangschik(
      kandidaten.map((k): AanbiederKeuze => {
        const s = stat.get(k.aanbieder_agb ?? '');
        const open = k.open ?? false;
        const vrijePlaatsen = k.vrije_plaatsen ?? 0;
        const intakesPerWeek = k.intakes ?? 0;
        const p90 = s?.p90 ?? null;
        return {
          aanbiederAgb: k.aanbieder_agb ?? '',
          naam: k.naam ?? '',
          contractNummer: k.contract_nummer ?? '',
          open,
          vrijePlaatsen,
          intakesPerWeek,
          heeftCapaciteit: open && (vrijePlaatsen > 0 || intakesPerWeek > 0),
          aantalGestart: s?.aantal_gestart ?? 0,
          mediaanDagen: s?.mediaan ?? null,
          p90Dagen: p90,
          aantalWachtend: s?.aantal_wachtend ?? 0,
          normDagen: norm,
          binnenNorm: binnenNorm(p90, norm),
        };
      }),
    );
  },
};
