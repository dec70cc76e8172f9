import { IsOptional, Length, Matches } from 'class-validator';
import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { clientScopeSql, Params, schrijfRegio, scopeClientData, scopeContractData } from '../auth/scope';
import { GemeenteEntity } from '../registry/gemeente.entity';
import { HubError, HubErrorCode } from '../common/hub-error';
import { vandaag } from '../common/klok';
import { ContractEntity } from '../contracting/contract.entity';
import { mapConnection, pageOf, paginate, type Connection, type PageArgs } from '../graphql/pagination';
import type { RowReader } from '../db/prepared';
import { parseMessage } from '../messaging/ijw/codec';
import { betekenisVan } from '../messaging/ijw/retourcodes';
import { RetourCodeType } from '../messaging/graphql/bericht.types';
import { verstuurJw325 } from './antwoord';
import { EENHEDEN, PRODUCTCATEGORIEEN } from '../catalogue/product.rules';
import { kolom, schrijfCsv, tabel } from '../http/csv';
import type { Contractvoorwaarde } from './contractvoorwaarde';
import { alsContractvoorwaardeType, contractvoorwaardeKolommen, ContractvoorwaardeType } from './contractvoorwaarde.types';
import { DeclaratieEntity, DeclaratieStatus, PrestatieEntity } from './declaratie.entity';
import type { Sleutels } from '../common/sleutels';

export enum DeclaratieFoutCode {
  DECLARATIE_NOT_FOUND = 'DECLARATIE_NOT_FOUND',
  DECLARATIE_NOT_HELD = 'DECLARATIE_NOT_HELD',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAAND = /^\d{4}-\d{2}-01$/;

@InputType({ description: 'Which claims to list; all given conditions must hold.' })
export class DeclaratieFilter {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'DeclaratiePeriode from this month (first day).' })
  @IsOptional()
  vanaf?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'DeclaratiePeriode up to and including this month (first day).' })
  @IsOptional()
  tot?: string;

  @Field({ nullable: true, description: 'One municipality (CBS code).' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;

  @Field({ nullable: true, description: 'One provider (AGB code).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;

  @Field(() => DeclaratieStatus, { nullable: true, description: 'One status.' })
  @IsOptional()
  status?: DeclaratieStatus;

  @Field({ nullable: true, description: 'Only held claims (or, false, only those not held).' })
  @IsOptional()
  aangehouden?: boolean;
}

@ObjectType('Toewijzingsomvang', { description: 'What the matched toewijzing allowed.' })
export class ToewijzingsomvangType {
  @Field(() => Int, { description: 'iJw ToewijzingNummer.' })
  nummer!: number;

  @Field(() => String, { nullable: true, description: 'iJw ProductCode (empty for an aspecifieke toewijzing).' })
  productCode!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'iJw Ingangsdatum.' })
  ingangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'iJw Einddatum.' })
  einddatum!: string | null;

  @Field(() => Int, { nullable: true, description: 'iJw Omvang Volume.' })
  volume!: number | null;

  @Field(() => String, { nullable: true, description: 'iJw Omvang Eenheid (WJ756).' })
  eenheid!: string | null;

  @Field(() => String, { nullable: true, description: 'iJw Omvang Frequentie.' })
  frequentie!: string | null;

  @Field(() => Int, { nullable: true, description: 'Budget in eurocents.' })
  budget!: number | null;
}

@ObjectType('Prestatieafstemming', { description: 'A prestatie for reconciliation: outcome, codes with their meaning, the matched toewijzing, contract and tariff.' })
export class PrestatieafstemmingType {
  @Field(() => PrestatieEntity, { description: 'The prestatie as claimed, with its outcome.' })
  prestatie!: PrestatieEntity;

  @Field(() => [RetourCodeType], { description: 'Its retour codes with their Dutch meaning (empty when granted).' })
  retourcodes!: RetourCodeType[];

  @Field(() => ToewijzingsomvangType, { nullable: true, description: 'The toewijzing it was matched to.' })
  toewijzing!: ToewijzingsomvangType | null;

  @Field(() => String, { nullable: true, description: 'Number of the contract whose tariff applies.' })
  contractNummer!: string | null;

  @Field(() => GraphQLSafeInt, { description: 'Claimed minus granted, in eurocents.' })
  verschilCenten!: number;

  @Field(() => Int, { nullable: true, description: 'Claimed tariff minus contract tariff, in eurocents.' })
  tariefverschilCenten!: number | null;

  @Field(() => [ContractvoorwaardeType], { description: 'The contract conditions behind its rejection or flag, with contract, lot and clause (empty when none).' })
  contractvoorwaarden!: ContractvoorwaardeType[];
}

@ObjectType('Declaratietotaal', { description: 'Claimed, granted and rejected per month, municipality and provider.' })
export class DeclaratietotaalType {
  @Field(() => GraphQLLocalDate, { description: 'The DeclaratiePeriode (first day of the month).' })
  maand!: string;

  @Field({ description: 'The municipality (CBS code).' })
  gemeenteCode!: string;

  @Field({ description: 'The provider (AGB code).' })
  aanbiederAgb!: string;

  @Field(() => Int, { description: 'Claims.' })
  declaraties!: number;

  @Field(() => Int, { description: 'Prestaties in them.' })
  prestaties!: number;

  @Field(() => Int, { description: 'Prestaties rejected.' })
  afgewezenPrestaties!: number;

  @Field(() => GraphQLSafeInt, { description: 'Claimed (debit minus credit), eurocents.' })
  ingediendCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Granted, eurocents.' })
  toegekendCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Claimed but not granted, eurocents.' })
  afgewezenCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Granted on held claims (not payable until released), eurocents.' })
  aangehoudenCenten!: number;
}

@ObjectType('Plafondstand', { description: 'A contract\'s budget ceiling for a year and what has been granted against it.' })
export class PlafondstandType {
  @Field(() => ID, { description: 'The contract.' })
  contractId!: string;

  @Field({ description: 'Its number.' })
  contractNummer!: string;

  @Field({ description: 'The provider (AGB code).' })
  aanbiederAgb!: string;

  @Field(() => Int, { description: 'The year of the ceiling.' })
  jaar!: number;

  @Field(() => GraphQLSafeInt, { description: 'The budget ceiling in eurocents.' })
  plafondCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Granted against it (prestaties with a product period in the year), eurocents.' })
  toegekendCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'What is left (negative when exceeded).' })
  resterendCenten!: number;

  @Field(() => Int, { description: 'Prestaties granted above the ceiling (policy: alert).' })
  bovenPlafond!: number;
}

@InputType({ description: 'Which prestaties of a claim to list.' })
export class PrestatieFilter {
  @Field({ nullable: true, description: 'Only rejected ones.' })
  @IsOptional()
  alleenAfgewezen?: boolean;
}

@InputType({ description: 'Hold a claim: its JW325 waits, or, answered, it is left out of settlement.' })
export class HoudAanInput {
  @Field(() => ID, { description: 'The claim to hold.' })
  @Matches(UUID)
  declaratieId!: string;

  @Field({ description: 'Why, for the provider and the audit trail.' })
  @Length(1, 500)
  reden!: string;
}

function filterSql(f: DeclaratieFilter | undefined, alias: string, P: Params): string {
  const w: string[] = [];
  if (f?.vanaf) w.push(`${alias}.periode_begin >= ${P.add(f.vanaf)}`);
  if (f?.tot) w.push(`${alias}.periode_begin <= ${P.add(f.tot)}`);
  if (f?.gemeenteCode) w.push(`${alias}.gemeente_code = ${P.add(f.gemeenteCode)}`);
  if (f?.aanbiederAgb) w.push(`${alias}.aanbieder_agb = ${P.add(f.aanbiederAgb)}`);
  if (f?.status) w.push(`${alias}.status = ${P.add(f.status)}`);
  if (f?.aangehouden !== undefined) w.push(`${alias}.aangehouden = ${P.add(f.aangehouden)}`);
  return w.length ? ` AND ${w.join(' AND ')}` : '';
}

export const declaratieService = {
  async declaraties(em: EntityManager, p: Principal, f: DeclaratieFilter | undefined, page: PageArgs): Promise<Connection<DeclaratieEntity>> {
    if ((f?.vanaf && !MAAND.test(f.vanaf)) || (f?.tot && !MAAND.test(f.tot))) {
      throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Een maand is de eerste dag van die maand', { veld: f?.vanaf && !MAAND.test(f.vanaf) ? 'vanaf' : 'tot' });
    }
    const qb = scopeClientData(em.createQueryBuilder(DeclaratieEntity, 'd'), p);
    if (f?.vanaf) qb.andWhere('d.periode_begin >= :vanaf', { vanaf: f.vanaf });
    if (f?.tot) qb.andWhere('d.periode_begin <= :tot', { tot: f.tot });
    if (f?.gemeenteCode) qb.andWhere('d.gemeente_code = :g', { g: f.gemeenteCode });
    if (f?.aanbiederAgb) qb.andWhere('d.aanbieder_agb = :a', { a: f.aanbiederAgb });
    if (f?.status) qb.andWhere('d.status = :s', { s: f.status });
    if (f?.aangehouden !== undefined) qb.andWhere('d.aangehouden = :h', { h: f.aangehouden });
    return paginate(qb, page, 'periode_begin', (d) => d.periodeBegin);
  },

  async declaratie(em: EntityManager, p: Principal, id: string): Promise<DeclaratieEntity | null> {
    if (!UUID.test(id)) return null;
    return scopeClientData(em.createQueryBuilder(DeclaratieEntity, 'd'), p).andWhere('d.id = :id', { id }).getOne();
  },

  /**
   * A keyset page of the prestaties of a claim (by ReferentieNummer; a claim may hold tens of
   * thousands) with everything reconciliation needs: the page in one statement, the prestaties
   * themselves in one more; the read of the page is audited.
   */
  async prestaties(reader: RowReader, em: EntityManager, p: Principal, d: DeclaratieEntity, f: PrestatieFilter | undefined, page: PageArgs): Promise<Connection<PrestatieafstemmingType>> {
    const P = new Params();
    const where = [`pr.declaratie_id = ${P.add(d.id)}`, clientScopeSql(p, 'pr', P)];
    if (f?.alleenAfgewezen) where.push('NOT pr.toegekend');
    const conn = await pageOf<Record<string, unknown> & { id: string; referentie_nummer: string }>(
      reader,
      {
        columns: `pr.id, pr.referentie_nummer, t.nummer AS t_nummer, t.product_code AS t_code, to_char(t.ingangsdatum, 'YYYY-MM-DD') AS t_ingang, to_char(t.einddatum, 'YYYY-MM-DD') AS t_eind,
                  t.volume AS t_volume, t.eenheid AS t_eenheid, t.frequentie AS t_frequentie, t.budget AS t_budget, k.nummer AS contract_nummer`,
        from: 'prestatie pr LEFT JOIN toewijzing t ON t.id = pr.toewijzing_id LEFT JOIN contract k ON k.id = pr.contract_id',
        alias: 'pr',
        where,
        params: P,
        sortColumn: 'referentie_nummer',
        sortKey: (r) => r.referentie_nummer,
      },
      page,
    );
    const rows = conn.edges.map((e) => e.node);
    const prestaties = rows.length ? await em.findBy(PrestatieEntity, rows.map((r) => ({ id: r.id }))) : [];
    const byId = new Map(prestaties.map((x) => [x.id, x]));
    await audit(em, p, 'declaratie.prestaties.gelezen', 'declaratie', d.id, { aantal: rows.length }, d.regioCode, prestaties.map((x) => x.clientHash));
    return mapConnection(conn, (r) => {
      const pr = byId.get(r.id) as PrestatieEntity;
      return {
        prestatie: pr,
        retourcodes: pr.retourcodes.map((code) => ({ code, betekenis: betekenisVan(code) })),
        toewijzing:
          r.t_nummer === null
            ? null
            : {
                nummer: r.t_nummer as number,
                productCode: r.t_code as string | null,
                ingangsdatum: r.t_ingang as string,
                einddatum: r.t_eind as string | null,
                volume: r.t_volume as number | null,
                eenheid: r.t_eenheid as string | null,
                frequentie: r.t_frequentie as string | null,
                budget: r.t_budget as number | null,
              },
        contractNummer: (r.contract_nummer as string | null) ?? null,
        verschilCenten: pr.ingediendCenten - pr.toegekendCenten,
        tariefverschilCenten: pr.tariefCenten !== null && pr.contractTariefCenten !== null ? pr.tariefCenten - pr.contractTariefCenten : null,
        contractvoorwaarden: pr.contractvoorwaarden.map(alsContractvoorwaardeType),
      };
    });
  },

  /**
   * The reconciliation CSV of a month: every prestatie of the claims of that DeclaratiePeriode,
   * granted or rejected, with its codes and their meaning and the contract conditions behind a
   * rejection or flag (contract, lot, clause). No BSN: the ToewijzingNummer identifies the care.
   * One statement; the export is audited.
   */
  async csv(em: EntityManager, p: Principal, f: { maand: string; gemeenteCode?: string; aanbiederAgb?: string }): Promise<string> {
    if (!MAAND.test(f.maand)) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Een maand is de eerste dag van die maand', { veld: 'maand' });
    const P = new Params();
    const [maand, gemeente, aanbieder] = [P.add(f.maand), P.add(f.gemeenteCode ?? null), P.add(f.aanbiederAgb ?? null)];
    const rows = await em.query<AfstemmingRij[]>(
      `SELECT d.nummer AS declaratienummer, d.gemeente_code, d.aanbieder_agb, to_char(d.periode_begin, 'YYYY-MM-DD') AS maand, d.status,
              pr.referentie_nummer, pr.debet_credit, pr.toewijzing_nummer::text, pr.product_categorie, pr.product_code,
              to_char(pr.periode_begin, 'YYYY-MM-DD') AS periode_begin, to_char(pr.periode_eind, 'YYYY-MM-DD') AS periode_eind,
              pr.volume, pr.eenheid, pr.tarief_centen, pr.contract_tarief_centen, pr.ingediend_centen, pr.toegekend_centen, pr.toegekend,
              pr.retourcodes, pr.boven_plafond, pr.contractvoorwaarden
         FROM declaratie d JOIN prestatie pr ON pr.declaratie_id = d.id
        WHERE d.periode_begin = ${maand} AND (${gemeente}::text IS NULL OR d.gemeente_code = ${gemeente}::text)
          AND (${aanbieder}::text IS NULL OR d.aanbieder_agb = ${aanbieder}::text) AND ${clientScopeSql(p, 'pr', P)}
        ORDER BY d.gemeente_code, d.aanbieder_agb, d.nummer, pr.referentie_nummer`,
      P.values,
    );
    await audit(em, p, 'declaratie.afstemming.geexporteerd', 'declaratie', null, { maand: f.maand, regels: rows.length });
    return schrijfCsv(AFSTEMMING_KOLOMMEN, rows);
  },

  /** Totals per month, municipality and provider, in one statement. */
  async totalen(em: EntityManager, p: Principal, f: DeclaratieFilter | undefined): Promise<DeclaratietotaalType[]> {
    const P = new Params();
    const rows = await em.query<Record<string, string | number>[]>(
      `SELECT to_char(d.periode_begin, 'YYYY-MM-DD') AS maand, d.gemeente_code, d.aanbieder_agb, count(*)::int AS declaraties,
              coalesce(sum(x.n), 0)::int AS prestaties, coalesce(sum(x.afgewezen), 0)::int AS afgewezen,
              sum(d.ingediend_centen)::bigint AS ingediend, sum(d.toegekend_centen)::bigint AS toegekend,
              sum(CASE WHEN d.aangehouden THEN d.toegekend_centen ELSE 0 END)::bigint AS aangehouden
         FROM declaratie d
         LEFT JOIN LATERAL (SELECT count(*) AS n, count(*) FILTER (WHERE NOT pr.toegekend) AS afgewezen FROM prestatie pr WHERE pr.declaratie_id = d.id) x ON true
        WHERE ${clientScopeSql(p, 'd', P)} ${filterSql(f, 'd', P)}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      P.values,
    );
    return rows.map((r) => ({
      maand: r.maand as string,
      gemeenteCode: r.gemeente_code as string,
      aanbiederAgb: r.aanbieder_agb as string,
      declaraties: Number(r.declaraties),
      prestaties: Number(r.prestaties),
      afgewezenPrestaties: Number(r.afgewezen),
      ingediendCenten: Number(r.ingediend),
      toegekendCenten: Number(r.toegekend),
      afgewezenCenten: Number(r.ingediend) - Number(r.toegekend),
      aangehoudenCenten: Number(r.aangehouden),
    }));
  },

  /** Budget ceilings of the contracts the caller may see, with what is granted against them. */
  async plafonds(em: EntityManager, p: Principal, jaar: number): Promise<PlafondstandType[]> {
    const contracten = await scopeContractData(em.createQueryBuilder(ContractEntity, 'c'), p, 'id').getMany();
    if (!contracten.length) return [];
    const rows = await em.query<{ contract_id: string; jaar: number; plafond: string; toegekend: string; boven: number }[]>(
      `SELECT bp.contract_id, bp.jaar, bp.bedrag_centen AS plafond,
              coalesce(sum(pr.toegekend_centen), 0) AS toegekend, count(*) FILTER (WHERE pr.boven_plafond)::int AS boven
         FROM budgetplafond bp
         LEFT JOIN prestatie pr ON pr.contract_id = bp.contract_id AND pr.periode_begin >= make_date(bp.jaar, 1, 1) AND pr.periode_begin < make_date(bp.jaar + 1, 1, 1)
        WHERE bp.contract_id = ANY($1::uuid[]) AND bp.jaar = $2
        GROUP BY bp.contract_id, bp.jaar, bp.bedrag_centen`,
      [contracten.map((c) => c.id), jaar],
    );
    const byId = new Map(contracten.map((c) => [c.id, c]));
    return rows.map((r) => {
      const c = byId.get(r.contract_id) as ContractEntity;
      return {
        contractId: c.id,
        contractNummer: c.nummer,
        aanbiederAgb: c.aanbiederAgb,
        jaar: r.jaar,
        plafondCenten: Number(r.plafond),
        toegekendCenten: Number(r.toegekend),
        resterendCenten: Number(r.plafond) - Number(r.toegekend),
        bovenPlafond: r.boven,
      };
    });
  },

  /** Whether a municipality judges claims in its own system (then the hub holds JW323s for that system's JW325). */
  async stelBeoordelingIn(em: EntityManager, p: Principal, gemeenteCode: string, eigenSysteem: boolean): Promise<GemeenteEntity> {
    const regio = schrijfRegio(p, null);
    const rows = await em.query<{ id: string }[]>(
      `WITH u AS (UPDATE gemeente SET declaraties_eigen_systeem = $3 WHERE code = $1 AND regio_code = $2 RETURNING id) SELECT id FROM u`,
      [gemeenteCode, regio, eigenSysteem],
    );
    if (!rows.length) throw new HubError(HubErrorCode.NOT_FOUND, `Gemeente ${gemeenteCode} hoort niet bij deze regio`, { veld: 'gemeenteCode' });
    await audit(em, p, 'gemeente.declaratiebeoordeling', 'gemeente', rows[0].id, { gemeenteCode, eigenSysteem }, regio);
    return em.findOneByOrFail(GemeenteEntity, { id: rows[0].id });
  },

  /** Holds a claim: before its JW325 the answer waits; after it, settlement leaves it out. */
  async houdAan(em: EntityManager, p: Principal, id: string, reden: string): Promise<DeclaratieEntity> {
    const d = UUID.test(id) ? await scopeClientData(em.createQueryBuilder(DeclaratieEntity, 'd'), p).andWhere('d.id = :id', { id }).setLock('pessimistic_write').getOne() : null;
    if (!d || d.status === DeclaratieStatus.afgewezen) throw new HubError(DeclaratieFoutCode.DECLARATIE_NOT_FOUND, 'Geen declaratie met dit id die kan worden aangehouden', { veld: 'declaratieId' });
    await em.update(DeclaratieEntity, { id }, { aangehouden: true, aanhoudReden: reden.slice(0, 500) });
    await audit(em, p, 'declaratie.aangehouden', 'declaratie', id, { reden: reden.slice(0, 200) }, d.regioCode);
    return em.findOneByOrFail(DeclaratieEntity, { id });
  },

  /** Releases a held claim: a claim still unanswered gets its JW325 now; an answered one becomes payable. */
  async geefVrij(em: EntityManager, p: Principal, sleutels: Sleutels, id: string): Promise<DeclaratieEntity> {
    // Locked: two releases at once give one JW325, the second finds the claim no longer held.
    const d = UUID.test(id) ? await scopeClientData(em.createQueryBuilder(DeclaratieEntity, 'd'), p).andWhere('d.id = :id', { id }).setLock('pessimistic_write').getOne() : null;
    if (!d) throw new HubError(DeclaratieFoutCode.DECLARATIE_NOT_FOUND, 'Geen declaratie met dit id', { veld: 'declaratieId' });
    if (!d.aangehouden) throw new HubError(DeclaratieFoutCode.DECLARATIE_NOT_HELD, 'Deze declaratie is niet aangehouden', { veld: 'declaratieId' });
    await em.update(DeclaratieEntity, { id }, { aangehouden: false, aanhoudReden: null });
    if (!d.antwoordId) {
      const bericht = await em.query<{ xml_versleuteld: Buffer }[]>('SELECT xml_versleuteld FROM bericht WHERE id = $1', [d.berichtId]);
      const parsed = await parseMessage(sleutels.ontsleutel(bericht[0].xml_versleuteld), { maxBytes: Number.MAX_SAFE_INTEGER });
      if (!parsed.message) throw new Error(`stored JW323 ${d.berichtId} no longer parses`);
      const afgewezen = await em.query<{ referentie_nummer: string; retourcodes: string[] }[]>(
        'SELECT referentie_nummer, retourcodes FROM prestatie WHERE declaratie_id = $1 AND NOT toegekend',
        [id],
      );
      await verstuurJw325(
        em,
        sleutels,
        parsed.message,
        {
          declaratieId: id,
          heenId: d.berichtId,
          regioCode: d.regioCode,
          gemeenteCode: d.gemeenteCode,
          aanbiederAgb: d.aanbiederAgb,
          afgewezen: new Map(afgewezen.map((a) => [a.referentie_nummer, a.retourcodes])),
          toegekend: d.toegekendCenten,
          declaratieCodes: d.status === DeclaratieStatus.afgewezen ? d.retourcodes : [],
        },
        vandaag(),
      );
    }
    await audit(em, p, 'declaratie.vrijgegeven', 'declaratie', id, {}, d.regioCode);
    return em.findOneByOrFail(DeclaratieEntity, { id });
  },
};

/** A prestatie as the reconciliation CSV reads it (pg gives bigint columns as text). */
interface AfstemmingRij {
  declaratienummer: string;
  gemeente_code: string;
  aanbieder_agb: string;
  maand: string;
  status: string;
  referentie_nummer: string;
  debet_credit: string;
  toewijzing_nummer: string;
  product_categorie: string;
  product_code: string;
  periode_begin: string;
  periode_eind: string;
  volume: number;
  eenheid: string;
  tarief_centen: number | null;
  contract_tarief_centen: number | null;
  ingediend_centen: string;
  toegekend_centen: string;
  toegekend: boolean;
  retourcodes: string[];
  boven_plafond: boolean;
  contractvoorwaarden: Contractvoorwaarde[];
}

/** The reconciliation CSV's columns: the claim, the prestatie, its outcome and codes, the contract conditions. */
export const AFSTEMMING_KOLOMMEN = tabel<AfstemmingRij>(
  kolom.tekst('declaratienummer', (r) => r.declaratienummer),
  kolom.tekst('gemeente_code', (r) => r.gemeente_code),
  kolom.tekst('aanbieder_agb', (r) => r.aanbieder_agb),
  kolom.datum('maand', (r) => r.maand),
  kolom.tekst('declaratie_status', (r) => r.status),
  kolom.tekst('referentie_nummer', (r) => r.referentie_nummer),
  kolom.tekst('debet_credit', (r) => r.debet_credit),
  kolom.tekst('toewijzing_nummer', (r) => r.toewijzing_nummer),
  kolom.codeNaam('product_categorie', 'product_categorie_naam', (r) => r.product_categorie, (r) => PRODUCTCATEGORIEEN[r.product_categorie] ?? null),
  kolom.tekst('product_code', (r) => r.product_code),
  kolom.datum('periode_begin', (r) => r.periode_begin),
  kolom.datum('periode_eind', (r) => r.periode_eind),
  kolom.aantal('volume', (r) => r.volume),
  kolom.codeNaam('eenheid', 'eenheid_naam', (r) => r.eenheid, (r) => EENHEDEN[r.eenheid] ?? null),
  kolom.bedrag('tarief_euro', (r) => r.tarief_centen),
  kolom.bedrag('contracttarief_euro', (r) => r.contract_tarief_centen),
  kolom.bedrag('ingediend_euro', (r) => r.ingediend_centen),
  kolom.bedrag('toegekend_euro', (r) => r.toegekend_centen),
  kolom.tekst('uitkomst', (r) => (r.toegekend ? (r.boven_plafond ? 'toegekend boven plafond' : 'toegekend') : 'afgewezen')),
  kolom.tekst('retourcodes', (r) => r.retourcodes.join(' | ')),
  kolom.tekst('retourcodes_betekenis', (r) => r.retourcodes.map((c) => betekenisVan(c)).join(' | ')),
  contractvoorwaardeKolommen((r) => r.contractvoorwaarden),
);
