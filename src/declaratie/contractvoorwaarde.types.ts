import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { globaleId } from '../graphql/node';
import { kolom, type Kolom } from '../http/csv';
import { betekenisVan } from '../messaging/ijw/retourcodes';
import { RetourCodeType } from '../messaging/graphql/bericht.types';
import type { Contractvoorwaarde } from './contractvoorwaarde';

/** The kinds of contract condition (src/declaratie/contractvoorwaarde.ts), for GraphQL. */
export enum ContractvoorwaardeSoortType {
  looptijd = 'looptijd',
  perceel = 'perceel',
  tarief = 'tarief',
  eenheid = 'eenheid',
  plafond = 'plafond',
}
registerEnumType(ContractvoorwaardeSoortType, {
  name: 'ContractvoorwaardeSoort',
  description: 'Which condition of the contract: looptijd (period), perceel (product not in the lot), tarief, eenheid (unit), plafond (budget ceiling).',
});

@ObjectType('Contractverwijzing', { description: 'The contract a condition belongs to, as it was when the prestatie was judged.', simpleResolvers: true })
export class ContractverwijzingType {
  @Field(() => ID, { description: 'Global id of the Contract (node(id) reads it back).' })
  id!: string;

  @Field({ description: 'Contract number.' })
  nummer!: string;
}

@ObjectType('Contractvoorwaarde', { description: 'A contract condition behind a prestatie\'s rejection or flag: the contract, lot and clause that say so.', simpleResolvers: true })
export class ContractvoorwaardeType {
  @Field(() => ContractvoorwaardeSoortType, { description: 'Which condition.' })
  soort!: ContractvoorwaardeSoortType;

  @Field(() => RetourCodeType, { nullable: true, description: 'The retour code it gave; absent for a flag only (granted above the ceiling).' })
  retourcode!: RetourCodeType | null;

  @Field(() => ContractverwijzingType, { nullable: true, description: 'The contract; absent when no contract of the provider covers the product for the municipality.' })
  contract!: ContractverwijzingType | null;

  @Field(() => String, { nullable: true, description: 'The lot (perceel) of that contract.' })
  perceel!: string | null;

  @Field(() => String, { nullable: true, description: 'The clause (artikel) of that contract for this condition.' })
  artikel!: string | null;

  @Field({ description: 'What the condition found, in Dutch.' })
  omschrijving!: string;
}

/** A stored condition in its GraphQL shape. */
export function alsContractvoorwaardeType(v: Contractvoorwaarde): ContractvoorwaardeType {
  return {
    soort: ContractvoorwaardeSoortType[v.soort],
    retourcode: v.code === null ? null : { code: v.code, betekenis: betekenisVan(v.code) },
    contract: v.contractId === null ? null : { id: globaleId('Contract', v.contractId), nummer: v.contractNummer ?? '' },
    perceel: v.perceel,
    artikel: v.artikel,
    omschrijving: v.omschrijving,
  };
}

/** The columns that name a prestatie's contract conditions in an export; several conditions are joined by ` | `. */
export function contractvoorwaardeKolommen<R>(van: (r: R) => Contractvoorwaarde[] | null | undefined): Kolom<R>[] {
  const lijst = (r: R, veld: (v: Contractvoorwaarde) => string | null) => {
    const vw = van(r) ?? [];
    return vw.length ? vw.map((v) => veld(v) ?? '').join(' | ') : null;
  };
  return [
    kolom.tekst<R>('contractvoorwaarde', (r) => lijst(r, (v) => v.soort)),
    kolom.tekst<R>('contractvoorwaarde_code', (r) => lijst(r, (v) => v.code)),
    kolom.tekst<R>('contractvoorwaarde_contract', (r) => lijst(r, (v) => v.contractNummer)),
    kolom.tekst<R>('contractvoorwaarde_perceel', (r) => lijst(r, (v) => v.perceel)),
    kolom.tekst<R>('contractvoorwaarde_artikel', (r) => lijst(r, (v) => v.artikel)),
    kolom.tekst<R>('contractvoorwaarde_omschrijving', (r) => lijst(r, (v) => v.omschrijving)),
  ];
}
