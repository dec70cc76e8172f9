import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { HubError, HubErrorCode } from '../common/hub-error';
import { beheertRegio, type Principal } from './principal';

/**
 * The application's own tenant filter for tables that carry regio_code + aanbieder_agb + contract_id
 * (contracts and what hangs under them). Row-level security enforces the same in the database.
 */
export function scopeContractData<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, p: Principal, contractIdColumn: string): SelectQueryBuilder<T> {
  const a = qb.alias;
  switch (p.rol) {
    case 'beheerder':
      return p.regio ? qb.andWhere(`${a}.regio_code = :scopeRegio`, { scopeRegio: p.regio }) : qb;
    case 'regio':
    case 'toegang':
    case 'auditor':
      return qb.andWhere(`${a}.regio_code = :scopeRegio`, { scopeRegio: p.regio });
    case 'aanbieder':
      return qb.andWhere(`${a}.aanbieder_agb = :scopeAgb`, { scopeAgb: p.agb });
    case 'gemeente':
      return qb
        .andWhere(`${a}.regio_code = :scopeRegio`, { scopeRegio: p.regio })
        .andWhere(
          `EXISTS (SELECT 1 FROM contract_gemeente scg WHERE scg.contract_id = ${a}.${contractIdColumn} AND scg.gemeente_code IN (:...scopeGemeenten))`,
          { scopeGemeenten: p.gemeenten },
        );
  }
}

/**
 * The region a writing caller acts for: its own; for an administrator over all regions the one it
 * names, for one of a region only that region.
 */
export function schrijfRegio(p: Principal, gevraagd?: string | null): string {
  if (p.rol === 'beheerder') {
    const r = gevraagd ?? p.regio;
    if (!r) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Geef regioCode op', { veld: 'regioCode' });
    if (!beheertRegio(p, r)) throw new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot deze regio');
    return r;
  }
  if (gevraagd && gevraagd !== p.regio) throw new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot deze regio');
  if (!p.regio) throw new HubError(HubErrorCode.FORBIDDEN, 'Token heeft geen regio');
  return p.regio;
}

/**
 * The application's own filter for client-level data (messages, clients, toewijzingen, requests,
 * deliveries: tables with regio_code, gemeente_code and aanbieder_agb), the same rule as the
 * row-level security function hub_clientlezer plus the provider's own rows.
 */
export function scopeClientData<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, p: Principal): SelectQueryBuilder<T> {
  const a = qb.alias;
  switch (p.rol) {
    case 'beheerder':
      return p.regio ? qb.andWhere(`${a}.regio_code = :scopeRegio`, { scopeRegio: p.regio }) : qb;
    case 'regio':
    case 'auditor':
      return qb.andWhere(`${a}.regio_code = :scopeRegio`, { scopeRegio: p.regio });
    case 'toegang':
      qb.andWhere(`${a}.regio_code = :scopeRegio`, { scopeRegio: p.regio });
      return p.gemeenten.length ? qb.andWhere(`${a}.gemeente_code IN (:...scopeGemeenten)`, { scopeGemeenten: p.gemeenten }) : qb;
    case 'gemeente':
      // A municipality's rows are its own only inside its region (as in hub_clientlezer).
      return qb
        .andWhere(`${a}.regio_code = :scopeRegio`, { scopeRegio: p.regio })
        .andWhere(`${a}.gemeente_code IN (:...scopeGemeenten)`, { scopeGemeenten: p.gemeenten });
    case 'aanbieder':
      return qb.andWhere(`${a}.aanbieder_agb = :scopeAgb`, { scopeAgb: p.agb });
  }
}

/** Positional parameters of one raw statement: `add` returns its `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * The application's filter for client-level rows (alias `a`: regio_code, gemeente_code,
 * aanbieder_agb) in raw SQL: the same rule as `scopeClientData` and the row-level security
 * function hub_clientlezer, plus a provider's own rows.
 */
export function clientScopeSql(p: Principal, a: string, P: Params): string {
  switch (p.rol) {
    case 'beheerder':
      return p.regio ? `${a}.regio_code = ${P.add(p.regio)}` : 'true';
    case 'regio':
    case 'auditor':
      return `${a}.regio_code = ${P.add(p.regio)}`;
    case 'toegang':
      return p.gemeenten.length
        ? `${a}.regio_code = ${P.add(p.regio)} AND ${a}.gemeente_code = ANY (${P.add(p.gemeenten)}::text[])`
        : `${a}.regio_code = ${P.add(p.regio)}`;
    case 'gemeente':
      return `${a}.regio_code = ${P.add(p.regio)} AND ${a}.gemeente_code = ANY (${P.add(p.gemeenten)}::text[])`;
    case 'aanbieder':
      return `${a}.aanbieder_agb = ${P.add(p.agb)}`;
  }
}

/**
 * The application's tenant filter for contract data (alias `a`: regio_code, aanbieder_agb and the
 * contract id in `contractIdColumn`) in raw SQL: the same rule as `scopeContractData`.
 */
export function contractScopeSql(p: Principal, a: string, contractIdColumn: string, P: Params): string {
  switch (p.rol) {
    case 'beheerder':
      return p.regio ? `${a}.regio_code = ${P.add(p.regio)}` : 'true';
    case 'regio':
    case 'toegang':
    case 'auditor':
      return `${a}.regio_code = ${P.add(p.regio)}`;
    case 'aanbieder':
      return `${a}.aanbieder_agb = ${P.add(p.agb)}`;
    case 'gemeente':
      return (
        `${a}.regio_code = ${P.add(p.regio)} AND EXISTS (SELECT 1 FROM contract_gemeente scg ` +
        `WHERE scg.contract_id = ${a}.${contractIdColumn} AND scg.gemeente_code = ANY (${P.add(p.gemeenten)}::bpchar[]))`
      );
  }
}
