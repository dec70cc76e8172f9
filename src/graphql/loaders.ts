import DataLoader from 'dataloader';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ArrangementOnderdeelEntity } from '../catalogue/arrangement.entity';
import { ProductEntity } from '../catalogue/product.entity';
import { BudgetplafondEntity } from '../contracting/budgetplafond.entity';
import { ContractGemeenteEntity } from '../contracting/contract-gemeente.entity';
import { ContractProductEntity } from '../contracting/contract-product.entity';
import { ContractEntity } from '../contracting/contract.entity';
import { TariefEntity } from '../contracting/tarief.entity';
import { BerichtEntity } from '../messaging/bericht.entity';
import { AanbiederEntity } from '../registry/aanbieder.entity';

type GetEm = () => Promise<EntityManager>;

/** One row per key (or undefined): a single `IN` query per batch. */
function byKey<T extends ObjectLiteral>(getEm: GetEm, entity: EntityTarget<T>, key: keyof T & string) {
  return new DataLoader<string, T | undefined>(async (keys) => {
    const em = await getEm();
    const rows = await em.createQueryBuilder(entity, 'x').where(`x.${key} IN (:...keys)`, { keys: [...keys] }).getMany();
    const map = new Map(rows.map((r) => [String(r[key]), r]));
    return keys.map((k) => map.get(k));
  });
}

/** All rows per key, in `order`: a single `IN` query per batch. */
function groupByKey<T extends ObjectLiteral>(getEm: GetEm, entity: EntityTarget<T>, key: keyof T & string, order: keyof T & string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const em = await getEm();
    const rows = await em
      .createQueryBuilder(entity, 'x')
      .where(`x.${key} IN (:...keys)`, { keys: [...keys] })
      .orderBy(`x.${order}`, 'ASC')
      .getMany();
    const map = new Map<string, T[]>();
    for (const r of rows) {
      const k = String(r[key]);
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return keys.map((k) => map.get(k) ?? []);
  });
}

/** The per-request DataLoaders of every relation field; row-level security applies to each batch. */
export function createLoaders(getEm: GetEm) {
  return {
    aanbieder: byKey(getEm, AanbiederEntity, 'agb'),
    product: byKey(getEm, ProductEntity, 'id'),
    contract: byKey(getEm, ContractEntity, 'id'),
    contractProducten: groupByKey(getEm, ContractProductEntity, 'contractId', 'id'),
    tarieven: groupByKey(getEm, TariefEntity, 'contractProductId', 'geldigVanaf'),
    contractGemeenten: groupByKey(getEm, ContractGemeenteEntity, 'contractId', 'gemeenteCode'),
    budgetplafonds: groupByKey(getEm, BudgetplafondEntity, 'contractId', 'jaar'),
    onderdelen: groupByKey(getEm, ArrangementOnderdeelEntity, 'arrangementId', 'volgnummer'),
    bericht: byKey(getEm, BerichtEntity, 'id'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
