import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { contractScopeSql, Params, schrijfRegio } from '../auth/scope';
import { ArrangementEntity, ArrangementOnderdeelEntity } from '../catalogue/arrangement.entity';
import { ProductEntity } from '../catalogue/product.entity';
import { checkProduct } from '../catalogue/product.rules';
import { ContractStatus, IndexatieMethode, Procedure } from '../common/enums';
import { fromDatabaseError, HubError, HubErrorCode } from '../common/hub-error';
import type { RowReader } from '../db/prepared';
import { columnsOf } from '../db/rows';
import { pageOf, type Connection, type PageArgs } from '../graphql/pagination';
import { AanbiederEntity } from '../registry/aanbieder.entity';
import { GemeenteEntity } from '../registry/gemeente.entity';
import { BudgetplafondEntity } from './budgetplafond.entity';
import { ContractGemeenteEntity } from './contract-gemeente.entity';
import { ContractProductEntity } from './contract-product.entity';
import { ARTIKEL_STANDAARD, ContractEntity, PlafondBeleid } from './contract.entity';
import { ContractingError } from './contracting.errors';
import type { ContractRij, TariefRij } from './contracting.types';
import type {
  ArrangementInput,
  ContracteerProductInput,
  ContractFilter,
  ContractProductInput,
  IndexatieInput,
  MaakContractInput,
  OpenHouseToelatingInput,
  ProductInput,
  TariefInput,
} from './contracting.inputs';
import { IndexatieEntity } from './indexatie.entity';
import { TariefEntity } from './tarief.entity';
import { checkPeriode, dagErvoor, effectiefE5, indexeer } from './tarief.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(what: string, id: string): HubError {
  return new HubError(ContractingError.CONTRACT_NOT_FOUND, `${what} ${id} niet gevonden`, { id });
}

/** Contracts, contracted products, tariffs and indexation: the contract manager's work. */
export const contractingService = {
  /** The contracts the caller may see, filtered, one keyset page (plain rows, prepared statements). */
  async contracten(reader: RowReader, p: Principal, filter: ContractFilter | undefined, page: PageArgs): Promise<Connection<ContractRij>> {
    const P = new Params();
    const where = [contractScopeSql(p, 'c', 'id', P)];
    if (filter?.aanbiederAgb) where.push(`c.aanbieder_agb = ${P.add(filter.aanbiederAgb)}`);
    if (filter?.procedure) where.push(`c.procedure = ${P.add(filter.procedure)}`);
    if (filter?.status) where.push(`c.status = ${P.add(filter.status)}`);
    if (filter?.perceel) where.push(`c.perceel = ${P.add(filter.perceel)}`);
    if (filter?.peildatum) where.push(`${P.add(filter.peildatum)}::date BETWEEN c.begindatum AND c.einddatum`);
    if (filter?.gemeenteCode) {
      where.push(`EXISTS (SELECT 1 FROM contract_gemeente fg WHERE fg.contract_id = c.id AND fg.gemeente_code = ${P.add(filter.gemeenteCode)})`);
    }
    const columns = columnsOf(reader.dataSource, ContractEntity, 'c');
    return pageOf<ContractRij>(reader, { columns, from: 'contract c', alias: 'c', where, params: P, sortColumn: 'nummer', sortKey: (c) => c.nummer }, page);
  },

  async contract(reader: RowReader, p: Principal, id: string): Promise<ContractRij | null> {
    if (!UUID.test(id)) return null;
    const P = new Params();
    const [c] = await reader.rows<ContractRij>(
      `SELECT ${columnsOf(reader.dataSource, ContractEntity, 'c')} FROM contract c WHERE ${contractScopeSql(p, 'c', 'id', P)} AND c.id = ${P.add(id)}`,
      P.values,
    );
    return c ?? null;
  },

  async maakContract(em: EntityManager, p: Principal, input: MaakContractInput): Promise<ContractEntity> {
    const regioCode = schrijfRegio(p, input.regioCode);
    checkPeriode(input.begindatum, input.einddatum, 'einddatum');
    const aanbieder = await em.findOneBy(AanbiederEntity, { agb: input.aanbiederAgb });
    if (!aanbieder) throw new HubError(ContractingError.UNKNOWN_PROVIDER, `Onbekende aanbieder ${input.aanbiederAgb}`, { veld: 'aanbiederAgb' });
    await checkGemeenten(em, regioCode, input.gemeenten, input.begindatum);
    let hoofdcontractId: string | null = null;
    if (input.hoofdcontractNummer) {
      const hoofd = await em.findOneBy(ContractEntity, { regioCode, nummer: input.hoofdcontractNummer });
      if (!hoofd || hoofd.aanbiederAgb === input.aanbiederAgb) {
        throw new HubError(ContractingError.INVALID_MAIN_CONTRACT, `Hoofdcontract ${input.hoofdcontractNummer} bestaat niet of is van dezelfde aanbieder`, {
          veld: 'hoofdcontractNummer',
        });
      }
      hoofdcontractId = hoofd.id;
    }
    const contract = await insertContract(em, {
      regioCode,
      nummer: input.nummer,
      aanbiederAgb: input.aanbiederAgb,
      perceel: input.perceel,
      procedure: input.procedure,
      begindatum: input.begindatum,
      einddatum: input.einddatum,
      verlengingenResterend: input.verlengingen,
      status: ContractStatus.actief,
      hoofdcontractId,
      beeindigdReden: null,
      plafondBeleid: input.plafondBeleid ?? PlafondBeleid.afwijzen,
      declaratiesAanhouden: input.declaratiesAanhouden ?? false,
      artikelLooptijd: input.artikelen?.looptijd ?? ARTIKEL_STANDAARD.looptijd,
      artikelPerceel: input.artikelen?.perceel ?? ARTIKEL_STANDAARD.perceel,
      artikelTarief: input.artikelen?.tarief ?? ARTIKEL_STANDAARD.tarief,
      artikelPlafond: input.artikelen?.plafond ?? ARTIKEL_STANDAARD.plafond,
    });
    await em.insert(
      ContractGemeenteEntity,
      [...new Set(input.gemeenten)].map((g) => ({ contractId: contract.id, gemeenteCode: g, regioCode, aanbiederAgb: contract.aanbiederAgb })),
    );
    if (input.budgetplafonds.length) {
      await em.insert(
        BudgetplafondEntity,
        input.budgetplafonds.map((b) => ({ contractId: contract.id, jaar: b.jaar, bedragCenten: String(b.bedragCenten), regioCode, aanbiederAgb: contract.aanbiederAgb })),
      );
    }
    for (const prod of input.producten) await addContractProduct(em, contract, prod);
    await audit(em, p, 'contract.aangemaakt', 'contract', contract.id, { nummer: contract.nummer, aanbiederAgb: contract.aanbiederAgb }, regioCode);
    return contract;
  },

  async verlengContract(em: EntityManager, p: Principal, id: string, nieuweEinddatum: string): Promise<ContractEntity> {
    const c = await writableContract(em, p, id);
    if (c.status === ContractStatus.beeindigd) throw new HubError(ContractingError.CONTRACT_ENDED, 'Contract is beëindigd');
    if (c.verlengingenResterend < 1) throw new HubError(ContractingError.NO_EXTENSIONS_LEFT, 'Het contract kent geen verlenging meer');
    if (nieuweEinddatum <= c.einddatum) {
      throw new HubError(ContractingError.END_BEFORE_START, `Nieuwe einddatum moet na ${c.einddatum} liggen`, { veld: 'nieuweEinddatum' });
    }
    const oud = c.einddatum;
    await em.update(ContractEntity, { id: c.id }, { einddatum: nieuweEinddatum, verlengingenResterend: c.verlengingenResterend - 1 });
    await audit(em, p, 'contract.verlengd', 'contract', c.id, { van: oud, tot: nieuweEinddatum }, c.regioCode);
    return { ...c, einddatum: nieuweEinddatum, verlengingenResterend: c.verlengingenResterend - 1 };
  },

  async beeindigContract(em: EntityManager, p: Principal, id: string, einddatum: string, reden: string): Promise<ContractEntity> {
    const c = await writableContract(em, p, id);
    if (c.status === ContractStatus.beeindigd) throw new HubError(ContractingError.CONTRACT_ENDED, 'Contract is al beëindigd');
    checkPeriode(c.begindatum, einddatum, 'einddatum');
    if (einddatum > c.einddatum) {
      throw new HubError(HubErrorCode.VALIDATION_FAILED, `Einddatum ligt na de lopende einddatum ${c.einddatum}; verleng het contract`, { veld: 'einddatum' });
    }
    await em.update(ContractEntity, { id: c.id }, { einddatum, status: ContractStatus.beeindigd, beeindigdReden: reden });
    await audit(em, p, 'contract.beeindigd', 'contract', c.id, { einddatum, reden }, c.regioCode);
    return { ...c, einddatum, status: ContractStatus.beeindigd, beeindigdReden: reden };
  },

  /** Open house: a provider that meets the conditions joins the lot on the model contract's terms. */
  async laatToeTotOpenHouse(em: EntityManager, p: Principal, input: OpenHouseToelatingInput): Promise<ContractEntity> {
    const regioCode = schrijfRegio(p);
    const model = await em.findOneBy(ContractEntity, { regioCode, nummer: input.modelContractNummer });
    if (!model) throw notFound('Contract', input.modelContractNummer);
    if (model.procedure !== Procedure.openhouse) throw new HubError(ContractingError.NOT_OPEN_HOUSE, `Perceel ${model.perceel} is geen open house`);
    if (input.begindatum < model.begindatum || input.begindatum > model.einddatum) {
      throw new HubError(HubErrorCode.VALIDATION_FAILED, `Begindatum valt buiten de looptijd ${model.begindatum} – ${model.einddatum}`, { veld: 'begindatum' });
    }
    const al = await em
      .createQueryBuilder(ContractEntity, 'c')
      .where('c.regio_code = :r AND c.perceel = :perceel AND c.aanbieder_agb = :agb AND c.status <> :eind', {
        r: regioCode,
        perceel: model.perceel,
        agb: input.aanbiederAgb,
        eind: ContractStatus.beeindigd,
      })
      .getExists();
    if (al) throw new HubError(ContractingError.ALREADY_ADMITTED, `Aanbieder ${input.aanbiederAgb} is al toegelaten tot ${model.perceel}`);
    const gemeenten = (await em.findBy(ContractGemeenteEntity, { contractId: model.id })).map((g) => g.gemeenteCode);
    const cps = await em.findBy(ContractProductEntity, { contractId: model.id });
    const producten: ContractProductInput[] = [];
    for (const cp of cps) {
      const product = await em.findOneByOrFail(ProductEntity, { id: cp.productId });
      const tarief = await em
        .createQueryBuilder(TariefEntity, 't')
        .where('t.contract_product_id = :id AND t.geldig_vanaf <= :d AND (t.geldig_tot IS NULL OR t.geldig_tot >= :d)', { id: cp.id, d: input.begindatum })
        .getOne();
      if (tarief) producten.push({ productCode: product.code, uitvoeringsvariant: cp.uitvoeringsvariant, eenheid: cp.eenheid, tariefCenten: tarief.bedragCenten, tariefVanaf: input.begindatum });
    }
    const contract = await contractingService.maakContract(em, p, {
      nummer: input.nummer,
      aanbiederAgb: input.aanbiederAgb,
      perceel: model.perceel,
      procedure: Procedure.openhouse,
      begindatum: input.begindatum,
      einddatum: model.einddatum,
      verlengingen: model.verlengingenResterend,
      gemeenten,
      budgetplafonds: [],
      producten,
      // The lot's conditions, and so its clauses, are the model contract's.
      artikelen: { looptijd: model.artikelLooptijd, perceel: model.artikelPerceel, tarief: model.artikelTarief, plafond: model.artikelPlafond },
    });
    await audit(em, p, 'openhouse.toegelaten', 'contract', contract.id, { perceel: model.perceel, model: model.nummer }, regioCode);
    return contract;
  },

  async voegProductToe(em: EntityManager, p: Principal, input: ProductInput): Promise<ProductEntity> {
    const regioCode = schrijfRegio(p, input.regioCode);
    checkProduct(input);
    const code = input.code.toUpperCase();
    const product = em.create(ProductEntity, {
      regioCode,
      categorie: input.categorie,
      code,
      omschrijving: input.omschrijving,
      eenheid: input.eenheid,
      uitvoeringsvariant: input.uitvoeringsvariant,
    });
    try {
      await em.insert(ProductEntity, product);
    } catch (e) {
      fromDatabaseError(e, {
        uq_product_regio_code: new HubError(ContractingError.PRODUCT_CODE_TAKEN, `Productcode ${code} bestaat al in deze regio`, { veld: 'code' }),
      });
    }
    await audit(em, p, 'product.toegevoegd', 'product', product.id, { code, categorie: input.categorie }, regioCode);
    return product;
  },

  async maakArrangement(em: EntityManager, p: Principal, input: ArrangementInput): Promise<ArrangementEntity> {
    const regioCode = schrijfRegio(p, input.regioCode);
    const codes = [...new Set(input.onderdelen.map((o) => o.productCode.toUpperCase()))];
    if (codes.length !== input.onderdelen.length) {
      throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Een product staat twee keer in het arrangement', { veld: 'onderdelen' });
    }
    const producten = await em.createQueryBuilder(ProductEntity, 'p').where('p.regio_code = :r AND p.code IN (:...codes)', { r: regioCode, codes }).getMany();
    const byCode = new Map(producten.map((x) => [x.code, x]));
    const missing = codes.filter((c) => !byCode.has(c));
    if (missing.length) {
      throw new HubError(ContractingError.UNKNOWN_PRODUCT, `Onbekend product in het productboek: ${missing.join(', ')}`, { veld: 'onderdelen', codes: missing });
    }
    const arrangement = em.create(ArrangementEntity, { regioCode, naam: input.naam, omschrijving: input.omschrijving });
    try {
      await em.insert(ArrangementEntity, arrangement);
    } catch (e) {
      fromDatabaseError(e, {
        uq_arrangement_regio_naam: new HubError(ContractingError.ARRANGEMENT_NAME_TAKEN, `Arrangement '${input.naam}' bestaat al`, { veld: 'naam' }),
      });
    }
    await em.insert(
      ArrangementOnderdeelEntity,
      input.onderdelen.map((o, volgnummer) => ({
        regioCode,
        volgnummer,
        arrangementId: arrangement.id,
        productId: (byCode.get(o.productCode.toUpperCase()) as ProductEntity).id,
        volume: o.volume,
        frequentie: o.frequentie,
      })),
    );
    await audit(em, p, 'arrangement.aangemaakt', 'arrangement', arrangement.id, { naam: input.naam, producten: codes }, regioCode);
    return arrangement;
  },

  async contracteerProduct(em: EntityManager, p: Principal, input: ContracteerProductInput): Promise<ContractProductEntity> {
    const c = await writableContract(em, p, input.contractId);
    const cp = await addContractProduct(em, c, input);
    await audit(em, p, 'contract.product.toegevoegd', 'contract_product', cp.id, { contract: c.nummer, productCode: input.productCode }, c.regioCode);
    return cp;
  },

  /**
   * Writes a tariff version. An open-ended version that starts earlier is closed the day before;
   * any other overlap is refused with TARIFF_OVERLAP.
   */
  async stelTariefVast(em: EntityManager, p: Principal, input: TariefInput): Promise<TariefEntity> {
    checkPeriode(input.geldigVanaf, input.geldigTot);
    if (!UUID.test(input.contractProductId)) throw notFound('Gecontracteerd product', input.contractProductId);
    const cp = await em.findOneBy(ContractProductEntity, { id: input.contractProductId });
    if (!cp) throw notFound('Gecontracteerd product', input.contractProductId);
    schrijfRegio(p, cp.regioCode);
    const open = await em
      .createQueryBuilder(TariefEntity, 't')
      .where('t.contract_product_id = :id AND t.geldig_tot IS NULL AND t.geldig_vanaf < :v', { id: cp.id, v: input.geldigVanaf })
      .getOne();
    if (open) await em.update(TariefEntity, { id: open.id }, { geldigTot: dagErvoor(input.geldigVanaf) });
    const tarief = await insertTarief(em, cp, input.bedragCenten, input.geldigVanaf, input.geldigTot ?? null, null);
    await audit(em, p, 'tarief.vastgesteld', 'tarief', tarief.id, { bedragCenten: input.bedragCenten, geldigVanaf: input.geldigVanaf }, cp.regioCode);
    return tarief;
  },

  /** The tariff version valid on a date for a contracted product the caller may see. */
  async tariefOpDatum(reader: RowReader, p: Principal, contractProductId: string, datum: string): Promise<TariefRij | null> {
    if (!UUID.test(contractProductId)) return null;
    const P = new Params();
    const [t] = await reader.rows<TariefRij>(
      `SELECT ${columnsOf(reader.dataSource, TariefEntity, 't')} FROM tarief t WHERE ${contractScopeSql(p, 't', 'contract_id', P)} ` +
        `AND t.contract_product_id = ${P.add(contractProductId)} AND t.geldig_vanaf <= ${P.add(datum)}::date AND (t.geldig_tot IS NULL OR t.geldig_tot >= ${P.add(datum)}::date)`,
      P.values,
    );
    return t ?? null;
  },

  /**
   * Yearly indexation: every tariff valid on 31 December of the year before gets a new version
   * from 1 January, its amount indexed and rounded to cents; an open version is closed on
   * 31 December. Products that already have a version starting in the year are left alone.
   */
  async indexeer(em: EntityManager, p: Principal, input: IndexatieInput): Promise<IndexatieEntity> {
    const regioCode = schrijfRegio(p, input.regioCode);
    let e5: number;
    if (input.methode === IndexatieMethode.percentage) {
      if (input.percentage == null) throw new HubError(ContractingError.INDEXATION_INPUT, 'Geef het percentage op', { veld: 'percentage' });
      e5 = effectiefE5({ methode: 'percentage', percentage: input.percentage });
    } else {
      const { ova, ppc, gewichtOva, gewichtPpc } = input;
      if (ova == null || ppc == null || gewichtOva == null || gewichtPpc == null) {
        throw new HubError(ContractingError.INDEXATION_INPUT, 'De Jeugdformule vraagt ova, ppc, gewichtOva en gewichtPpc');
      }
      if (gewichtOva + gewichtPpc !== 100) throw new HubError(ContractingError.INDEXATION_INPUT, 'De gewichten moeten samen 100 zijn');
      e5 = effectiefE5({ methode: 'jeugdformule', ova, ppc, gewichtOva, gewichtPpc });
    }
    const peil = `${input.jaar - 1}-12-31`;
    const start = `${input.jaar}-01-01`;
    const basis = await em
      .createQueryBuilder(TariefEntity, 't')
      .where('t.regio_code = :r AND t.geldig_vanaf <= :peil AND (t.geldig_tot IS NULL OR t.geldig_tot >= :peil)', { r: regioCode, peil })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM tarief n WHERE n.contract_product_id = t.contract_product_id AND n.geldig_vanaf >= :start AND n.geldig_vanaf <= :eind)',
        { start, eind: `${input.jaar}-12-31` },
      )
      .getMany();
    const indexatie = em.create(IndexatieEntity, {
      regioCode,
      jaar: input.jaar,
      methode: input.methode,
      percentage: input.percentage?.toString() ?? null,
      ova: input.ova?.toString() ?? null,
      ppc: input.ppc?.toString() ?? null,
      gewichtOva: input.gewichtOva ?? null,
      gewichtPpc: input.gewichtPpc ?? null,
      effectiefE5: e5,
      aantalTarieven: basis.length,
      uitgevoerdDoor: p.sub,
    });
    try {
      await em.insert(IndexatieEntity, indexatie);
    } catch (e) {
      fromDatabaseError(e, {
        uq_indexatie_regio_jaar: new HubError(ContractingError.INDEXATION_EXISTS, `De tarieven van ${input.jaar} zijn al geïndexeerd`),
      });
    }
    const open = basis.filter((t) => t.geldigTot === null || t.geldigTot >= start).map((t) => t.id);
    if (open.length) {
      await em.createQueryBuilder().update(TariefEntity).set({ geldigTot: peil }).where('id IN (:...ids)', { ids: open }).execute();
    }
    const nieuw = basis.map((t) => ({
      regioCode: t.regioCode,
      aanbiederAgb: t.aanbiederAgb,
      contractId: t.contractId,
      contractProductId: t.contractProductId,
      bedragCenten: indexeer(t.bedragCenten, e5),
      geldigVanaf: start,
      // A version that was already closed later than 31 December keeps its end.
      geldigTot: t.geldigTot !== null && t.geldigTot > peil ? t.geldigTot : null,
      indexatieId: indexatie.id,
    }));
    for (let i = 0; i < nieuw.length; i += 1000) await em.insert(TariefEntity, nieuw.slice(i, i + 1000));
    await audit(em, p, 'tarieven.geindexeerd', 'indexatie', indexatie.id, { jaar: input.jaar, methode: input.methode, effectiefE5: e5, aantal: basis.length }, regioCode);
    return indexatie;
  },
};

async function writableContract(em: EntityManager, p: Principal, id: string): Promise<ContractEntity> {
  if (!UUID.test(id)) throw notFound('Contract', id);
  const c = await em.findOneBy(ContractEntity, { id });
  if (!c) throw notFound('Contract', id);
  schrijfRegio(p, c.regioCode);
  return c;
}

async function checkGemeenten(em: EntityManager, regioCode: string, codes: string[], peildatum: string): Promise<void> {
  const rows = await em
    .createQueryBuilder(GemeenteEntity, 'g')
    .select('g.code', 'code')
    .where('g.regio_code = :r AND g.code IN (:...codes)', { r: regioCode, codes })
    .andWhere('(g.geldig_tot IS NULL OR g.geldig_tot >= :peil)', { peil: peildatum })
    .getRawMany<{ code: string }>();
  const known = new Set(rows.map((r) => r.code));
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length) {
    throw new HubError(ContractingError.UNKNOWN_MUNICIPALITY, `Onbekende of vervallen gemeente(n) in deze regio: ${missing.join(', ')}`, { veld: 'gemeenten', codes: missing });
  }
}

async function insertContract(em: EntityManager, values: Omit<ContractEntity, 'id'>): Promise<ContractEntity> {
  const contract = em.create(ContractEntity, values);
  try {
    await em.insert(ContractEntity, contract);
  } catch (e) {
    fromDatabaseError(e, {
      uq_contract_regio_nummer: new HubError(ContractingError.CONTRACT_NUMBER_TAKEN, `Contractnummer ${values.nummer} bestaat al`, { veld: 'nummer' }),
    });
  }
  return contract;
}

async function addContractProduct(em: EntityManager, c: ContractEntity, input: ContractProductInput): Promise<ContractProductEntity> {
  const product = await em.findOneBy(ProductEntity, { regioCode: c.regioCode, code: input.productCode.toUpperCase() });
  if (!product) throw new HubError(ContractingError.UNKNOWN_PRODUCT, `Product ${input.productCode} staat niet in het productboek van ${c.regioCode}`, { veld: 'productCode' });
  const eenheid = input.eenheid ?? product.eenheid;
  checkProduct({ categorie: product.categorie, code: product.code, eenheid });
  const cp = em.create(ContractProductEntity, {
    regioCode: c.regioCode,
    aanbiederAgb: c.aanbiederAgb,
    contractId: c.id,
    productId: product.id,
    uitvoeringsvariant: input.uitvoeringsvariant ?? product.uitvoeringsvariant,
    eenheid,
  });
  try {
    await em.insert(ContractProductEntity, cp);
  } catch (e) {
    fromDatabaseError(e, {
      uq_contract_product: new HubError(ContractingError.PRODUCT_ALREADY_CONTRACTED, `Product ${product.code} is al gecontracteerd`, { veld: 'productCode' }),
    });
  }
  const vanaf = input.tariefVanaf ?? c.begindatum;
  checkPeriode(vanaf, c.einddatum, 'tariefVanaf');
  await insertTarief(em, cp, input.tariefCenten, vanaf, null, null);
  return cp;
}

async function insertTarief(
  em: EntityManager,
  cp: ContractProductEntity,
  bedragCenten: number,
  geldigVanaf: string,
  geldigTot: string | null,
  indexatieId: string | null,
): Promise<TariefEntity> {
  const t = em.create(TariefEntity, {
    regioCode: cp.regioCode,
    aanbiederAgb: cp.aanbiederAgb,
    contractId: cp.contractId,
    contractProductId: cp.id,
    bedragCenten,
    geldigVanaf,
    geldigTot,
    indexatieId,
  });
  try {
    await em.insert(TariefEntity, t);
  } catch (e) {
    fromDatabaseError(e, {
      ex_tarief_overlap: new HubError(ContractingError.TARIFF_OVERLAP, `Er geldt al een tarief in (een deel van) de periode vanaf ${geldigVanaf}`, { veld: 'geldigVanaf' }),
    });
  }
  return t;
}
