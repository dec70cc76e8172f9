import { IsOptional, Matches } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { clientScopeSql, Params, scopeClientData, schrijfRegio } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import { EENHEDEN, PRODUCTCATEGORIEEN } from '../catalogue/product.rules';
import { kolom, schrijfCsv, tabel } from '../http/csv';
import type { Contractvoorwaarde } from './contractvoorwaarde';
import { contractvoorwaardeKolommen } from './contractvoorwaarde.types';
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
   * prestatie with its invoice number, every code with its name; amounts in euros. No BSN: the
   * ToewijzingNummer identifies the care. The export is audited.
   */
  async csv(em: EntityManager, p: Principal, f: AfrekeningFilter): Promise<string> {
    checkMaand(f.maand);
    const P = new Params();
    const [maand, gemeente, aanbieder] = [P.add(f.maand), P.add(f.gemeenteCode ?? null), P.add(f.aanbiederAgb ?? null)];
    const rows = await em.query<AfrekeningRij[]>(
      `SELECT a.factuurnummer, a.gemeente_code, a.aanbieder_agb, to_char(a.maand, 'YYYY-MM-DD') AS maand, d.nummer AS declaratienummer,
              pr.referentie_nummer, pr.debet_credit, pr.toewijzing_nummer::text, pr.product_categorie, pr.product_code,
              to_char(pr.periode_begin, 'YYYY-MM-DD') AS periode_begin, to_char(pr.periode_eind, 'YYYY-MM-DD') AS periode_eind,
              pr.volume, pr.eenheid, pr.tarief_centen, pr.toegekend_centen, pr.contractvoorwaarden,
              (SELECT g.naam FROM gemeente g WHERE g.code = a.gemeente_code ORDER BY g.geldig_vanaf <= a.maand DESC, g.geldig_vanaf DESC LIMIT 1) AS gemeente_naam,
              (SELECT ab.naam FROM aanbieder ab WHERE ab.agb = a.aanbieder_agb) AS aanbieder_naam,
              (SELECT p.omschrijving FROM product p WHERE p.regio_code = a.regio_code AND p.code = pr.product_code) AS product_naam
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

/** A settled prestatie as the export reads it (pg gives bigint columns as text). */
interface AfrekeningRij {
  factuurnummer: string;
  gemeente_code: string;
  gemeente_naam: string | null;
  aanbieder_agb: string;
  aanbieder_naam: string | null;
  maand: string;
  declaratienummer: string;
  referentie_nummer: string;
  debet_credit: 'D' | 'C';
  toewijzing_nummer: string | null;
  product_categorie: string;
  product_code: string | null;
  product_naam: string | null;
  periode_begin: string;
  periode_eind: string;
  volume: number | string;
  eenheid: string;
  tarief_centen: number | string | null;
  toegekend_centen: number | string;
  /** Granted above the ceiling (policy: alert): the condition that flagged it. */
  contractvoorwaarden: Contractvoorwaarde[];
}

const DEBET_CREDIT: Record<AfrekeningRij['debet_credit'], string> = { D: 'debet', C: 'credit' };

/** The columns of the settlement CSV: every code followed by its name, amounts in euros (a credit negative). */
export const AFREKENING_KOLOMMEN = tabel<AfrekeningRij>(
  kolom.tekst('factuurnummer', (r) => r.factuurnummer),
  kolom.codeNaam('gemeente_code', 'gemeente_naam', (r) => r.gemeente_code, (r) => r.gemeente_naam),
  kolom.codeNaam('aanbieder_agb', 'aanbieder_naam', (r) => r.aanbieder_agb, (r) => r.aanbieder_naam),
  kolom.datum('maand', (r) => r.maand),
  kolom.tekst('declaratienummer', (r) => r.declaratienummer),
  kolom.tekst('referentie_nummer', (r) => r.referentie_nummer),
  kolom.codeNaam('debet_credit', 'debet_credit_naam', (r) => r.debet_credit, (r) => DEBET_CREDIT[r.debet_credit]),
  kolom.tekst('toewijzing_nummer', (r) => r.toewijzing_nummer),
  kolom.codeNaam('product_categorie', 'product_categorie_naam', (r) => r.product_categorie, (r) => PRODUCTCATEGORIEEN[r.product_categorie] ?? null),
  kolom.codeNaam('product_code', 'product_naam', (r) => r.product_code, (r) => r.product_naam),
  kolom.datum('periode_begin', (r) => r.periode_begin),
  kolom.datum('periode_eind', (r) => r.periode_eind),
  kolom.aantal('volume', (r) => r.volume),
  kolom.codeNaam('eenheid', 'eenheid_naam', (r) => r.eenheid, (r) => EENHEDEN[r.eenheid] ?? null),
  kolom.bedrag('tarief_euro', (r) => r.tarief_centen),
  kolom.bedrag('toegekend_euro', (r) => r.toegekend_centen),
  contractvoorwaardeKolommen((r) => r.contractvoorwaarden),
);

/** The settlement lines as CSV. */
function afrekeningCsv(rows: AfrekeningRij[]): string {
  return schrijfCsv(AFREKENING_KOLOMMEN, rows);
}
