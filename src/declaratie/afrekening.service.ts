import { IsOptional, Matches } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { clientScopeSql, Params, scopeClientData, schrijfRegio } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import { toCsv } from '../http/csv';
import { AfrekeningEntity } from './declaratie.entity';

const MAAND = /^\d{4}-\d{2}-01$/;

@InputType({ description: 'Which settlements to list or run.' })
export class AfrekeningFilter {
  @Field(() => GraphQLLocalDate, { description: 'The DeclaratiePeriode (first day of the month).' })
  maand!: string;

  @Field({ nullable: true, description: 'One municipality (CBS code); a municipality caller is always limited to its own.' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;

  @Field({ nullable: true, description: 'One provider (AGB code).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;
}

/** The municipalities a caller settles for: a municipality its own (or one of them), the region all or one. */
function gemeenten(p: Principal, gevraagd: string | undefined): string[] | null {
  if (p.rol === 'gemeente') {
    if (gevraagd && !p.gemeenten.includes(gevraagd)) throw new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot deze gemeente');
    return gevraagd ? [gevraagd] : p.gemeenten;
  }
  return gevraagd ? [gevraagd] : null;
}

function checkMaand(maand: string): void {
  if (!MAAND.test(maand)) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Een maand is de eerste dag van die maand', { veld: 'maand' });
}

export const afrekeningService = {
  /**
   * The monthly settlement run for per-product claims: per provider and municipality, the granted
   * prestaties of answered claims of that DeclaratiePeriode not held and not settled before become
   * one invoice record, in one statement. Running it again settles only what came in since (the
   * next volgnummer); a run for the same month in parallel waits for the first.
   */
  async maak(em: EntityManager, p: Principal, f: AfrekeningFilter): Promise<AfrekeningEntity[]> {
    checkMaand(f.maand);
    const regio = schrijfRegio(p, null);
    const codes = gemeenten(p, f.gemeenteCode);
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('afrekening:' || $1::text || $2::text))`, [regio, f.maand]);
    const rows = await em.query<{ id: string }[]>(
      `WITH kandidaat AS (
         SELECT d.id, d.gemeente_code, d.aanbieder_agb, d.toegekend_centen,
                (SELECT count(*) FROM prestatie pr WHERE pr.declaratie_id = d.id AND pr.toegekend) AS n
           FROM declaratie d
          WHERE d.regio_code = $1 AND d.periode_begin = $2 AND d.afrekening_id IS NULL AND d.status = 'beantwoord' AND NOT d.aangehouden
            AND ($3::text[] IS NULL OR d.gemeente_code = ANY ($3::text[])) AND ($4::text IS NULL OR d.aanbieder_agb = $4::text)
       ), groep AS (
         SELECT gemeente_code, aanbieder_agb, sum(n)::int AS n, sum(toegekend_centen) AS bedrag FROM kandidaat GROUP BY gemeente_code, aanbieder_agb HAVING sum(n) > 0
       ), nieuw AS (
         INSERT INTO afrekening (regio_code, gemeente_code, aanbieder_agb, maand, volgnummer, factuurnummer, aantal_prestaties, bedrag_centen)
         SELECT $1, g.gemeente_code, g.aanbieder_agb, $2::date, v.volg,
                concat_ws('-', $1::text, to_char($2::date, 'YYYYMM'), g.gemeente_code, g.aanbieder_agb, v.volg), g.n, g.bedrag
           FROM groep g
          CROSS JOIN LATERAL (SELECT coalesce(max(a.volgnummer), 0) + 1 AS volg FROM afrekening a
                               WHERE a.gemeente_code = g.gemeente_code AND a.aanbieder_agb = g.aanbieder_agb AND a.maand = $2::date) v
         RETURNING id, gemeente_code, aanbieder_agb
       ), gemarkeerd AS (
         UPDATE declaratie d SET afrekening_id = n.id FROM kandidaat k JOIN nieuw n ON n.gemeente_code = k.gemeente_code AND n.aanbieder_agb = k.aanbieder_agb
          WHERE d.id = k.id RETURNING 1
       )
       SELECT id FROM nieuw`,
      [regio, f.maand, codes, f.aanbiederAgb ?? null],
    );
    await audit(em, p, 'afrekening.gemaakt', 'afrekening', null, { maand: f.maand, aantal: rows.length }, regio);
    return rows.length ? em.find(AfrekeningEntity, { where: rows.map((r) => ({ id: r.id })), order: { gemeenteCode: 'ASC', aanbiederAgb: 'ASC' } }) : [];
  },

  async lijst(em: EntityManager, p: Principal, f: AfrekeningFilter): Promise<AfrekeningEntity[]> {
    checkMaand(f.maand);
    const qb = scopeClientData(em.createQueryBuilder(AfrekeningEntity, 'a'), p).andWhere('a.maand = :maand', { maand: f.maand });
    if (f.gemeenteCode) qb.andWhere('a.gemeente_code = :g', { g: f.gemeenteCode });
    if (f.aanbiederAgb) qb.andWhere('a.aanbieder_agb = :a', { a: f.aanbiederAgb });
    return qb.orderBy('a.gemeente_code').addOrderBy('a.aanbieder_agb').addOrderBy('a.volgnummer').getMany();
  },

  /**
   * The settled prestaties of a month as CSV for a municipal finance system: one line per
   * prestatie with its invoice number; amounts in eurocents and in euros. No BSN: the
   * ToewijzingNummer identifies the care. The export is audited.
   */
  async csv(em: EntityManager, p: Principal, f: AfrekeningFilter): Promise<string> {
    checkMaand(f.maand);
    const P = new Params();
    const [maand, gemeente, aanbieder] = [P.add(f.maand), P.add(f.gemeenteCode ?? null), P.add(f.aanbiederAgb ?? null)];
    const rows = await em.query<Record<string, string | number | null>[]>(
      `SELECT a.factuurnummer, a.gemeente_code, a.aanbieder_agb, to_char(a.maand, 'YYYY-MM') AS maand, d.nummer AS declaratienummer,
              pr.referentie_nummer, pr.debet_credit, pr.toewijzing_nummer, pr.product_categorie, pr.product_code,
              to_char(pr.periode_begin, 'YYYY-MM-DD') AS periode_begin, to_char(pr.periode_eind, 'YYYY-MM-DD') AS periode_eind,
              pr.volume, pr.eenheid, pr.tarief_centen, pr.toegekend_centen
         FROM afrekening a JOIN declaratie d ON d.afrekening_id = a.id JOIN prestatie pr ON pr.declaratie_id = d.id AND pr.toegekend
        WHERE a.maand = ${maand} AND (${gemeente}::text IS NULL OR a.gemeente_code = ${gemeente}::text)
          AND (${aanbieder}::text IS NULL OR a.aanbieder_agb = ${aanbieder}::text) AND ${clientScopeSql(p, 'a', P)}
        ORDER BY a.factuurnummer, pr.referentie_nummer`,
      P.values,
    );
    await audit(em, p, 'afrekening.geexporteerd', 'afrekening', null, { maand: f.maand, regels: rows.length });
    return afrekeningCsv(rows);
  },
};

const KOLOMMEN = [
  'factuurnummer',
  'gemeente_code',
  'aanbieder_agb',
  'maand',
  'declaratienummer',
  'referentie_nummer',
  'debet_credit',
  'toewijzing_nummer',
  'product_categorie',
  'product_code',
  'periode_begin',
  'periode_eind',
  'volume',
  'eenheid',
  'tarief_centen',
  'toegekend_centen',
  'toegekend_euro',
];

/** Amounts and quantities: written as numbers, never neutralised as text. */
const GETALLEN = new Set(['volume', 'tarief_centen', 'toegekend_centen', 'toegekend_euro']);

/** The settlement lines with their amount in euros too. */
function afrekeningCsv(rows: Record<string, string | number | null>[]): string {
  const metEuro = rows.map((r) => ({ ...r, toegekend_euro: r.toegekend_centen === null ? null : (Number(r.toegekend_centen) / 100).toFixed(2) }));
  return toCsv(metEuro, KOLOMMEN, GETALLEN);
}
