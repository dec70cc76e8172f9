import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { schrijfRegio, scopeContractData } from '../auth/scope';
import { fromDatabaseError, HubError } from '../common/hub-error';
import { ContractEntity } from '../contracting/contract.entity';
import { ContractingError } from '../contracting/contracting.errors';
import { BekostigingError } from './bekostiging.errors';
import { LumpsumVerdeling } from './bekostiging.enums';
import type { LumpsumFilter, LumpsumInput } from './bekostiging.inputs';
import { bandafrekening } from './bekostiging.rules';
import { LumpsumAandeelEntity, LumpsumEntity, VaststellingEntity, VaststellingGemeenteEntity, VoorschotEntity } from './lumpsum.entity';
import { verdeel } from './verdeel';
import { paginate, type Connection, type PageArgs } from '../graphql/pagination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function lumpsumNietGevonden(id: string): HubError {
  return new HubError(BekostigingError.LUMPSUM_NOT_FOUND, `Lumpsum ${id} niet gevonden`, { id });
}

/** Only the caller's own municipalities' rows for a municipality; everything it may see otherwise. */
function eigenGemeenten<T extends { gemeenteCode: string }>(p: Principal, rows: T[]): T[] {
  return p.rol === 'gemeente' ? rows.filter((r) => p.gemeenten.includes(r.gemeenteCode)) : rows;
}

/**
 * Inhabitants per municipality for a year: of each code the version valid longest into the year
 * (municipalities merge, so codes have versions). Codes without a version in the year are absent.
 */
export async function inwonersInPeriode(em: EntityManager, regioCode: string, codes: string[], begindatum: string, einddatum: string): Promise<Map<string, number>> {
  const rows = await em.query<{ code: string; inwoners: number }[]>(
    `SELECT DISTINCT ON (code) code, inwoners FROM gemeente
      WHERE regio_code = $1 AND code = ANY ($2) AND geldig_vanaf <= $4 AND (geldig_tot IS NULL OR geldig_tot >= $3)
      ORDER BY code, geldig_vanaf DESC`,
    [regioCode, codes, begindatum, einddatum],
  );
  return new Map(rows.map((r) => [r.code, Number(r.inwoners)]));
}

/** Lumpsum financing of taakgericht contracts: set-up, reading, and the year-end settlement. */
/** Attaches the shares and advances the caller may see to each lumpsum: two queries for all of them. */
async function metAandelen(em: EntityManager, p: Principal, rows: LumpsumEntity[]): Promise<void> {
  if (!rows.length) return;
    const ids = rows.map((r) => r.id);
  const aandelen = eigenGemeenten(
    p,
    await em.createQueryBuilder(LumpsumAandeelEntity, 'a').where('a.lumpsum_id IN (:...ids)', { ids }).orderBy('a.gemeente_code').getMany(),
  );
  const voorschotten = eigenGemeenten(
    p,
    await em
    .createQueryBuilder(VoorschotEntity, 'v')
    .where('v.lumpsum_id IN (:...ids)', { ids })
    .orderBy('v.maand')
    .addOrderBy('v.gemeente_code')
    .getMany(),
  );
  for (const r of rows) {
    r.aandelen = aandelen.filter((a) => a.lumpsumId === r.id);
    r.voorschotten = voorschotten.filter((v) => v.lumpsumId === r.id);
  }
}


export const lumpsumService = {
  async stelVast(em: EntityManager, p: Principal, input: LumpsumInput): Promise<LumpsumEntity> {
    const contract = await em.findOneBy(ContractEntity, { id: input.contractId });
    if (!contract) throw new HubError(ContractingError.CONTRACT_NOT_FOUND, `Contract ${input.contractId} niet gevonden`, { veld: 'contractId' });
    const regioCode = schrijfRegio(p, contract.regioCode);
    const [beginJaar, eindJaar] = [Number(contract.begindatum.slice(0, 4)), Number(contract.einddatum.slice(0, 4))];
    if (input.jaar < beginJaar || input.jaar > eindJaar) {
      throw new HubError(BekostigingError.LUMPSUM_YEAR_OUTSIDE_CONTRACT, `Het contract loopt van ${contract.begindatum} tot ${contract.einddatum}`, { veld: 'jaar' });
    }
    if (input.maximumClienten < input.minimumClienten) {
      throw new HubError(BekostigingError.INVALID_BAND, 'Het maximum van de bandbreedte ligt onder het minimum', { veld: 'maximumClienten' });
    }
    const taak = await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM contract_product WHERE contract_id = $1 AND uitvoeringsvariant = 'taakgericht'`, [contract.id]);
    if (taak[0].n === 0) {
      throw new HubError(BekostigingError.NOT_TASK_ORIENTED, 'Het contract kent geen taakgericht product: een lumpsum past er niet bij', { veld: 'contractId' });
    }
    const gemeenten = (await em.query<{ code: string }[]>(`SELECT gemeente_code AS code FROM contract_gemeente WHERE contract_id = $1 ORDER BY gemeente_code`, [contract.id])).map((r) => r.code);
    let gewichten: number[];
    if (input.aandelen) {
      const gegeven = new Map(input.aandelen.map((a) => [a.gemeenteCode, a.aandeel]));
      const onbekend = input.aandelen.map((a) => a.gemeenteCode).filter((g) => !gemeenten.includes(g));
      const ontbrekend = gemeenten.filter((g) => !gegeven.has(g));
      if (onbekend.length || ontbrekend.length || gegeven.size !== input.aandelen.length) {
        throw new HubError(BekostigingError.INVALID_SHARES, `Geef precies één aandeel per gemeente van het contract (${gemeenten.join(', ')})`, {
          veld: 'aandelen',
          onbekend,
          ontbrekend,
        });
      }
      gewichten = gemeenten.map((g) => gegeven.get(g) ?? 0);
      if (gewichten.every((w) => w === 0)) throw new HubError(BekostigingError.INVALID_SHARES, 'De aandelen zijn samen 0', { veld: 'aandelen' });
    } else {
      const inwoners = await inwonersInPeriode(em, regioCode, gemeenten, `${input.jaar}-01-01`, `${input.jaar}-12-31`);
      const missing = gemeenten.filter((g) => !inwoners.has(g));
      if (missing.length) throw new HubError(BekostigingError.UNKNOWN_MUNICIPALITY, `Geen geldige gemeente in ${input.jaar}: ${missing.join(', ')}`, { codes: missing });
      gewichten = gemeenten.map((g) => inwoners.get(g) ?? 0);
      if (gewichten.every((w) => w === 0)) throw new HubError(BekostigingError.NO_INHABITANTS, 'De gemeenten van het contract hebben samen geen inwoners');
    }
    const lumpsum = em.create(LumpsumEntity, {
      regioCode,
      aanbiederAgb: contract.aanbiederAgb,
      contractId: contract.id,
      jaar: input.jaar,
      budgetCenten: input.budgetCenten,
      minimumClienten: input.minimumClienten,
      maximumClienten: input.maximumClienten,
      bedragPerClientCenten: input.bedragPerClientCenten,
      verdeling: input.aandelen ? LumpsumVerdeling.aandelen : LumpsumVerdeling.inwoners,
      aangemaaktDoor: p.sub,
    });
    try {
      await em.insert(LumpsumEntity, lumpsum);
    } catch (e) {
      fromDatabaseError(e, {
        uq_lumpsum_contract_jaar: new HubError(BekostigingError.LUMPSUM_EXISTS, `Er is al een lumpsum voor dit contract in ${input.jaar}`, { veld: 'jaar' }),
      });
    }
    const budgetten = verdeel(input.budgetCenten, gewichten);
    const aandelen = gemeenten.map((g, i) =>
      em.create(LumpsumAandeelEntity, { lumpsumId: lumpsum.id, gemeenteCode: g, regioCode, aanbiederAgb: contract.aanbiederAgb, gewicht: gewichten[i], budgetCenten: budgetten[i] }),
    );
    await em.insert(LumpsumAandeelEntity, aandelen);
    await audit(em, p, 'lumpsum.vastgesteld', 'lumpsum', lumpsum.id, { contractId: contract.id, jaar: input.jaar, budgetCenten: input.budgetCenten }, regioCode);
    return { ...lumpsum, aandelen, voorschotten: [] };
  },

  /** A page of the lumpsums the caller may see (by year), with shares and advances attached in two queries. */
  async lumpsums(em: EntityManager, p: Principal, filter: LumpsumFilter | undefined, page: PageArgs): Promise<Connection<LumpsumEntity>> {
    const qb = scopeContractData(em.createQueryBuilder(LumpsumEntity, 'l'), p, 'contract_id');
    if (filter?.contractId) qb.andWhere('l.contract_id = :cid', { cid: filter.contractId });
    if (filter?.jaar) qb.andWhere('l.jaar = :jaar', { jaar: filter.jaar });
    const conn = await paginate(qb, page, 'jaar', (l) => String(l.jaar));
    await metAandelen(em, p, conn.edges.map((e) => e.node));
    return conn;
  },

  async lumpsum(em: EntityManager, p: Principal, id: string): Promise<LumpsumEntity | null> {
    if (!UUID.test(id)) return null;
    const rows = await scopeContractData(em.createQueryBuilder(LumpsumEntity, 'l'), p, 'contract_id').andWhere('l.id = :id', { id }).getMany();
    await metAandelen(em, p, rows);
    return rows[0] ?? null;
  },

  /**
   * Computes (or recomputes) the settlement of a lumpsum as a concept. Clients are the distinct
   * clients with a taakgericht start (JW305, not deleted) of the contract's provider, in one of
   * its taakgericht products and municipalities, whose care overlaps the year: begun by
   * 31 December and not stopped (JW307) before 1 January. An approved settlement is final.
   */
  async berekenVaststelling(em: EntityManager, p: Principal, lumpsumId: string): Promise<VaststellingEntity> {
    if (!UUID.test(lumpsumId)) throw lumpsumNietGevonden(lumpsumId);
    const l = await em.findOneBy(LumpsumEntity, { id: lumpsumId });
    if (!l) throw lumpsumNietGevonden(lumpsumId);
    schrijfRegio(p, l.regioCode);
    const [begin, einde] = [`${l.jaar}-01-01`, `${l.jaar}-12-31`];
    const telling = await em.query<{ gemeente_code: string | null; n: number }[]>(
      `WITH starts AS (
         SELECT s.client_hash, s.gemeente_code,
                (SELECT max(e.einddatum) FROM levering e
                  WHERE e.soort = 'stop' AND NOT e.verwijderd AND e.toewijzing_nummer IS NULL
                    AND e.aanbieder_agb = s.aanbieder_agb AND e.gemeente_code = s.gemeente_code AND e.client_hash = s.client_hash
                    AND e.product_categorie IS NOT DISTINCT FROM s.product_categorie AND e.product_code IS NOT DISTINCT FROM s.product_code
                    AND e.begindatum = s.begindatum) AS einddatum
           FROM levering s
          WHERE s.soort = 'start' AND NOT s.verwijderd AND s.toewijzing_nummer IS NULL
            AND s.aanbieder_agb = $2 AND s.begindatum <= $4
            AND s.gemeente_code IN (SELECT a.gemeente_code FROM lumpsum_aandeel a WHERE a.lumpsum_id = $3)
            AND EXISTS (SELECT 1 FROM contract_product cp JOIN product pr ON pr.id = cp.product_id
                         WHERE cp.contract_id = $1 AND cp.uitvoeringsvariant = 'taakgericht'
                           AND pr.categorie = s.product_categorie AND pr.code IS NOT DISTINCT FROM s.product_code))
       SELECT gemeente_code, count(DISTINCT client_hash)::int AS n
         FROM starts WHERE einddatum IS NULL OR einddatum >= $5
        GROUP BY GROUPING SETS ((gemeente_code), ())`,
      [l.contractId, l.aanbiederAgb, l.id, einde, begin],
    );
    const totaal = telling.find((t) => t.gemeente_code === null)?.n ?? 0;
    const perGemeente = new Map(telling.filter((t) => t.gemeente_code !== null).map((t) => [t.gemeente_code as string, t.n]));
    const { verschil, bedragCenten } = bandafrekening(totaal, l.minimumClienten, l.maximumClienten, l.bedragPerClientCenten);
    // The upsert only touches a concept, and locks it against a concurrent approval.
    const upsert = await em.query<{ id: string }[]>(
      `INSERT INTO lumpsum_vaststelling AS v (lumpsum_id, regio_code, aanbieder_agb, contract_id, jaar, begindatum, einddatum, aantal_clienten,
              minimum_clienten, maximum_clienten, verschil, bedrag_per_client_centen, bedrag_centen, status, berekend_door, berekend_op)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'concept', $14, now())
       ON CONFLICT (lumpsum_id) DO UPDATE SET aantal_clienten = EXCLUDED.aantal_clienten, minimum_clienten = EXCLUDED.minimum_clienten,
              maximum_clienten = EXCLUDED.maximum_clienten, verschil = EXCLUDED.verschil, bedrag_per_client_centen = EXCLUDED.bedrag_per_client_centen,
              bedrag_centen = EXCLUDED.bedrag_centen, berekend_door = EXCLUDED.berekend_door, berekend_op = EXCLUDED.berekend_op
        WHERE v.status = 'concept'
       RETURNING v.id`,
      [l.id, l.regioCode, l.aanbiederAgb, l.contractId, l.jaar, begin, einde, totaal, l.minimumClienten, l.maximumClienten, verschil, l.bedragPerClientCenten, bedragCenten, p.sub],
    );
    if (!upsert[0]) throw new HubError(BekostigingError.SETTLEMENT_APPROVED, 'De vaststelling is goedgekeurd en wordt niet opnieuw berekend', { lumpsumId });
    const id = upsert[0].id;
    const aandelen = await em.find(LumpsumAandeelEntity, { where: { lumpsumId: l.id }, order: { gemeenteCode: 'ASC' } });
    const bedragen = verdeel(bedragCenten, aandelen.map((a) => a.gewicht));
    await em.delete(VaststellingGemeenteEntity, { vaststellingId: id });
    await em.insert(
      VaststellingGemeenteEntity,
      aandelen.map((a, i) => ({
        vaststellingId: id,
        gemeenteCode: a.gemeenteCode,
        regioCode: l.regioCode,
        aanbiederAgb: l.aanbiederAgb,
        aantalClienten: perGemeente.get(a.gemeenteCode) ?? 0,
        bedragCenten: bedragen[i],
      })),
    );
    await audit(em, p, 'lumpsum.vaststelling.berekend', 'lumpsum_vaststelling', id, { lumpsumId: l.id, aantalClienten: totaal, bedragCenten }, l.regioCode);
    return (await this.vaststelling(em, p, l.id)) as VaststellingEntity;
  },

  /** Approves a concept settlement: final from then on, with who and when. */
  async keurVaststellingGoed(em: EntityManager, p: Principal, id: string): Promise<VaststellingEntity> {
    if (!UUID.test(id)) throw new HubError(BekostigingError.SETTLEMENT_NOT_FOUND, `Vaststelling ${id} niet gevonden`, { id });
    const v = await em.findOneBy(VaststellingEntity, { id });
    if (!v) throw new HubError(BekostigingError.SETTLEMENT_NOT_FOUND, `Vaststelling ${id} niet gevonden`, { id });
    schrijfRegio(p, v.regioCode);
    const rows = await em.query<{ id: string }[]>(
      `WITH u AS (UPDATE lumpsum_vaststelling SET status = 'goedgekeurd', goedgekeurd_door = $2, goedgekeurd_op = now()
                   WHERE id = $1 AND status = 'concept' RETURNING id)
       SELECT id FROM u`,
      [id, p.sub],
    );
    if (!rows[0]) throw new HubError(BekostigingError.SETTLEMENT_APPROVED, 'De vaststelling is al goedgekeurd', { id });
    await audit(em, p, 'lumpsum.vaststelling.goedgekeurd', 'lumpsum_vaststelling', id, { lumpsumId: v.lumpsumId, bedragCenten: v.bedragCenten }, v.regioCode);
    return (await this.vaststelling(em, p, v.lumpsumId)) as VaststellingEntity;
  },

  /** The settlement of a lumpsum, if computed and visible to the caller. */
  async vaststelling(em: EntityManager, p: Principal, lumpsumId: string): Promise<VaststellingEntity | null> {
    if (!UUID.test(lumpsumId)) return null;
    const v = await scopeContractData(em.createQueryBuilder(VaststellingEntity, 'v'), p, 'contract_id').andWhere('v.lumpsum_id = :id', { id: lumpsumId }).getOne();
    if (!v) return null;
    v.gemeenten = eigenGemeenten(p, await em.find(VaststellingGemeenteEntity, { where: { vaststellingId: v.id }, order: { gemeenteCode: 'ASC' } }));
    return v;
  },
};
