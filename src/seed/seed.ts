import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ArrangementEntity, ArrangementOnderdeelEntity } from '../catalogue/arrangement.entity';
import { ProductEntity } from '../catalogue/product.entity';
import { ContractStatus, IndexatieMethode, type Procedure, type Uitvoeringsvariant } from '../common/enums';
import { BudgetplafondEntity } from '../contracting/budgetplafond.entity';
import { ContractGemeenteEntity } from '../contracting/contract-gemeente.entity';
import { ContractProductEntity } from '../contracting/contract-product.entity';
import { ContractEntity } from '../contracting/contract.entity';
import { contractingService } from '../contracting/contracting.service';
import { TariefEntity } from '../contracting/tarief.entity';
import { withTenant } from '../db/tenant';
import { AanbiederEntity } from '../registry/aanbieder.entity';
import { GemeenteEntity } from '../registry/gemeente.entity';
import { RegioEntity } from '../registry/regio.entity';
import { DEMO_ARTIKELEN } from './demo-data';
import type { DemoContract, DemoRegio } from './demo-types';

/** A demo contract's clause references as its entity columns: its own, or its procedure's model agreement's. */
function artikelenVan(c: DemoContract): Pick<ContractEntity, 'artikelLooptijd' | 'artikelPerceel' | 'artikelTarief' | 'artikelPlafond'> {
  const a = c.artikelen ?? DEMO_ARTIKELEN[c.procedure];
  return { artikelLooptijd: a.looptijd, artikelPerceel: a.perceel, artikelTarief: a.tarief, artikelPlafond: a.plafond };
}

const SEEDER: Principal = { sub: 'systeem:seed', rol: 'beheerder', gemeenten: [] };

export interface SeedResult {
  regios: number;
  gemeenten: number;
  aanbieders: number;
  producten: number;
  contracten: number;
  tarieven: number;
  overgeslagen: string[];
}

/**
 * Loads demo regions through the application role (row-level security applies, as an
 * administrator). Idempotent: a region that already exists is skipped. Tariffs are written for
 * `tariefJaar`, then indexed into the next year with each region's indexation inputs.
 */
export async function seed(ds: DataSource, data: { regios: DemoRegio[]; tariefJaar: number }): Promise<SeedResult> {
  const result: SeedResult = { regios: 0, gemeenten: 0, aanbieders: 0, producten: 0, contracten: 0, tarieven: 0, overgeslagen: [] };
  for (const regio of data.regios) {
    await withTenant(ds, SEEDER, async (em) => {
      if (await em.existsBy(RegioEntity, { code: regio.code })) {
        result.overgeslagen.push(regio.code);
        return;
      }
      await seedRegio(em, regio, data.tariefJaar, result);
    });
  }
  return result;
}

async function seedRegio(em: EntityManager, regio: DemoRegio, tariefJaar: number, result: SeedResult): Promise<void> {
  await em.insert(RegioEntity, { code: regio.code, naam: regio.naam });
  await em.insert(
    GemeenteEntity,
    regio.gemeenten.map((g) => ({ regioCode: regio.code, code: g.code, naam: g.naam, inwoners: g.inwoners, geldigVanaf: g.geldigVanaf, geldigTot: g.geldigTot ?? null })),
  );
  const bekend = new Set((await em.find(AanbiederEntity, { select: { agb: true } })).map((a) => a.agb));
  const nieuw = regio.aanbieders.filter((a) => !bekend.has(a.agb));
  if (nieuw.length) await em.insert(AanbiederEntity, nieuw.map((a) => ({ agb: a.agb, naam: a.naam, kvk: a.kvk })));

  const producten = regio.producten.map((p) =>
    em.create(ProductEntity, {
      regioCode: regio.code,
      categorie: p.categorie,
      code: p.code,
      omschrijving: p.omschrijving,
      eenheid: p.eenheid,
      uitvoeringsvariant: p.uitvoeringsvariant as Uitvoeringsvariant,
    }),
  );
  await em.insert(ProductEntity, producten);
  const productByCode = new Map(producten.map((p) => [p.code, p]));

  for (const a of regio.arrangementen) {
    const arr = em.create(ArrangementEntity, { regioCode: regio.code, naam: a.naam, omschrijving: a.omschrijving });
    await em.insert(ArrangementEntity, arr);
    await em.insert(
      ArrangementOnderdeelEntity,
      a.onderdelen.map((o, volgnummer) => ({ regioCode: regio.code, volgnummer, arrangementId: arr.id, productId: mustGet(productByCode, o.productCode).id, volume: o.volume, frequentie: o.frequentie })),
    );
  }

  // Main contracts first, so subcontracts can point at them.
  const ordered = [...regio.contracten].sort((x, y) => Number(Boolean(x.hoofdcontractNummer)) - Number(Boolean(y.hoofdcontractNummer)));
  const contractByNummer = new Map<string, ContractEntity>();
  const tarieven: Partial<TariefEntity>[] = [];
  for (const c of ordered) {
    const contract = em.create(ContractEntity, {
      regioCode: regio.code,
      nummer: c.nummer,
      aanbiederAgb: c.aanbiederAgb,
      perceel: c.perceel,
      procedure: c.procedure as Procedure,
      begindatum: c.begindatum,
      einddatum: c.einddatum,
      verlengingenResterend: c.verlengingen,
      status: ContractStatus.actief,
      hoofdcontractId: c.hoofdcontractNummer ? mustGet(contractByNummer, c.hoofdcontractNummer).id : null,
      beeindigdReden: null,
      ...artikelenVan(c),
    });
    await em.insert(ContractEntity, contract);
    contractByNummer.set(c.nummer, contract);
    await em.insert(ContractGemeenteEntity, c.gemeenten.map((g) => ({ contractId: contract.id, gemeenteCode: g, regioCode: regio.code, aanbiederAgb: c.aanbiederAgb })));
    if (c.budgetplafondPerJaarCenten) {
      await em.insert(
        BudgetplafondEntity,
        [tariefJaar, tariefJaar + 1].map((jaar) => ({ contractId: contract.id, jaar, bedragCenten: String(c.budgetplafondPerJaarCenten), regioCode: regio.code, aanbiederAgb: c.aanbiederAgb })),
      );
    }
    const cps = c.producten.map((cp) => {
      const product = mustGet(productByCode, cp.productCode);
      return em.create(ContractProductEntity, {
        regioCode: regio.code,
        aanbiederAgb: c.aanbiederAgb,
        contractId: contract.id,
        productId: product.id,
        uitvoeringsvariant: product.uitvoeringsvariant,
        eenheid: product.eenheid,
      });
    });
    if (cps.length) await em.insert(ContractProductEntity, cps);
    const vanaf = c.begindatum > `${tariefJaar}-01-01` ? c.begindatum : `${tariefJaar}-01-01`;
    c.producten.forEach((cp, i) => {
      tarieven.push({ regioCode: regio.code, aanbiederAgb: c.aanbiederAgb, contractId: contract.id, contractProductId: cps[i].id, bedragCenten: cp.tariefCenten, geldigVanaf: vanaf, geldigTot: null, indexatieId: null });
    });
  }
  for (let i = 0; i < tarieven.length; i += 1000) await em.insert(TariefEntity, tarieven.slice(i, i + 1000));

  const ix = regio.indexatie;
  const indexatie = await contractingService.indexeer(em, { ...SEEDER, regio: regio.code }, {
    regioCode: regio.code,
    jaar: tariefJaar + 1,
    methode: ix.methode === 'percentage' ? IndexatieMethode.percentage : IndexatieMethode.jeugdformule,
    percentage: ix.percentage,
    ova: ix.ova,
    ppc: ix.ppc,
    gewichtOva: ix.gewichtOva,
    gewichtPpc: ix.gewichtPpc,
  });
  result.regios += 1;
  result.gemeenten += regio.gemeenten.length;
  result.aanbieders += nieuw.length;
  result.producten += producten.length;
  result.contracten += regio.contracten.length;
  result.tarieven += tarieven.length + indexatie.aantalTarieven;
}

function mustGet<K, V>(m: Map<K, V>, k: K): V {
  const v = m.get(k);
  if (v === undefined) throw new Error(`demo data refers to unknown ${String(k)}`);
  return v;
}
