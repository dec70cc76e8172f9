import DataLoader from 'dataloader';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ArrangementOnderdeelEntity } from '../catalogue/arrangement.entity';
import { ProductEntity } from '../catalogue/product.entity';
import { BudgetplafondEntity } from '../contracting/budgetplafond.entity';
import { ContractGemeenteEntity } from '../contracting/contract-gemeente.entity';
import { ContractProductEntity } from '../contracting/contract-product.entity';
import { ContractEntity } from '../contracting/contract.entity';
import { TariefEntity } from '../contracting/tarief.entity';
import type { RowReader } from '../db/prepared';
import { columnOf, columnsOf, tableOf, type Row } from '../db/rows';
import { BerichtEntity } from '../messaging/bericht.entity';
import { AanbiederEntity } from '../registry/aanbieder.entity';
import { GemeenteEntity } from '../registry/gemeente.entity';

type GetEm = () => Promise<EntityManager>;

/** Where the loaders read: the request's prepared reads, and its entity manager for entity loaders. */
export interface LoaderSource {
  reader: RowReader;
  em: GetEm;
}

/** The SQL type of a key column, for `= ANY ($1::type[])`: the column's own, so its index serves (char columns: bpchar). */
type KeyType = 'uuid' | 'text' | 'bpchar';

/**
 * One plain row per key (or undefined): a single named statement per batch, whatever its size
 * (`= ANY` of an array, not an `IN` list whose text changes with the number of keys).
 */
function rowByKey<E extends ObjectLiteral, K extends keyof Row<E> & string>(src: LoaderSource, entity: EntityTarget<E>, key: K, type: KeyType) {
  let text: string | undefined;
  return new DataLoader<string, Row<E> | undefined>(async (keys) => {
    text ??= `SELECT ${columnsOf(src.reader.dataSource, entity, 'x')} FROM ${tableOf(src.reader.dataSource, entity)} x WHERE x."${columnOf(src.reader.dataSource, entity, key)}" = ANY ($1::${type}[])`;
    const rows = await src.reader.rows<Row<E>>(text, [keys]);
    const map = new Map(rows.map((r) => [String(r[key]), r]));
    return keys.map((k) => map.get(k));
  });
}

/** All plain rows per key, in `order`: a single named statement per batch. */
function rowsByKey<E extends ObjectLiteral, K extends keyof Row<E> & string>(
  src: LoaderSource,
  entity: EntityTarget<E>,
  key: K,
  type: KeyType,
  order: keyof Row<E> & string,
) {
  let text: string | undefined;
  return new DataLoader<string, Row<E>[]>(async (keys) => {
    text ??=
      `SELECT ${columnsOf(src.reader.dataSource, entity, 'x')} FROM ${tableOf(src.reader.dataSource, entity)} x WHERE x."${columnOf(src.reader.dataSource, entity, key)}" = ANY ($1::${type}[]) ` +
      `ORDER BY x."${columnOf(src.reader.dataSource, entity, order)}"`;
    const rows = await src.reader.rows<Row<E>>(text, [keys]);
    const map = new Map<string, Row<E>[]>();
    for (const r of rows) {
      const k = String(r[key]);
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return keys.map((k) => map.get(k) ?? []);
  });
}

/** One hydrated entity per key (or undefined): a single `IN` query per batch. */
function entityByKey<T extends ObjectLiteral>(getEm: GetEm, entity: EntityTarget<T>, key: keyof T & string) {
  return new DataLoader<string, T | undefined>(async (keys) => {
    const em = await getEm();
    const rows = await em.createQueryBuilder(entity, 'x').where(`x.${key} IN (:...keys)`, { keys: [...keys] }).getMany();
    const map = new Map(rows.map((r) => [String(r[key]), r]));
    return keys.map((k) => map.get(k));
  });
}

/**
 * The per-request DataLoaders of every relation field. Those of contracting, catalogue and registry
 * read plain rows through the request's prepared statements; row-level security applies to each
 * batch (the request's transaction and tenant context).
 */
export function createLoaders(src: LoaderSource) {
  return {
    aanbieder: rowByKey(src, AanbiederEntity, 'agb', 'bpchar'),
    product: rowByKey(src, ProductEntity, 'id', 'uuid'),
    contract: rowByKey(src, ContractEntity, 'id', 'uuid'),
    contractProducten: rowsByKey(src, ContractProductEntity, 'contractId', 'uuid', 'id'),
    tarieven: rowsByKey(src, TariefEntity, 'contractProductId', 'uuid', 'geldigVanaf'),
    contractGemeenten: rowsByKey(src, ContractGemeenteEntity, 'contractId', 'uuid', 'gemeenteCode'),
    budgetplafonds: rowsByKey(src, BudgetplafondEntity, 'contractId', 'uuid', 'jaar'),
    onderdelen: rowsByKey(src, ArrangementOnderdeelEntity, 'arrangementId', 'uuid', 'volgnummer'),
    gemeentenVanRegio: rowsByKey(src, GemeenteEntity, 'regioCode', 'text', 'naam'),
    // The message module's own resolvers work on its entity.
    bericht: entityByKey(src.em, BerichtEntity, 'id'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
