import { Procedure, ContractStatus } from '../common/enums';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AanbiederEntity } from '../registry/aanbieder.entity';
import { RegioEntity } from '../registry/regio.entity';
import { Node } from '../graphql/node';

/** What happens to a claim beyond what is left of the contract's budget ceiling. */
export enum PlafondBeleid {
  /** Rejected with 9369. */
  afwijzen = 'afwijzen',
  /** Granted, flagged as above the ceiling for the contract manager. */
  signaleren = 'signaleren',
}
registerEnumType(PlafondBeleid, { name: 'PlafondBeleid', description: 'What happens to a claim beyond what is left of the budget ceiling.' });

/** The clause references a contract gets when the contract manager names none (the model agreement's numbering). */
export const ARTIKEL_STANDAARD = {
  looptijd: 'Artikel 3 (looptijd)',
  perceel: 'Artikel 4 (perceel en producten)',
  tarief: 'Artikel 7 (tarieven)',
  plafond: 'Artikel 9 (budgetplafond)',
} as const;

/**
 * A framework contract of a region with one provider for one lot (perceel).
 * `aanbiederAgb` is kept beside the foreign key because row-level security filters on it.
 */
@ObjectType('Contract', { implements: Node, description: 'A framework contract of a region with a provider for one lot (perceel).', simpleResolvers: true })
@Entity('contract')
@Index('uq_contract_regio_nummer', ['regioCode', 'nummer'], { unique: true })
@Index('ix_contract_aanbieder', ['aanbiederAgb'])
@Check('ck_contract_periode', `einddatum >= begindatum`)
@Check('ck_contract_procedure', `procedure IN ('openhouse', 'aanbesteding')`)
@Check('ck_contract_status', `status IN ('concept', 'actief', 'beeindigd')`)
@Check('ck_contract_verlengingen', `verlengingen_resterend >= 0`)
@Check('ck_contract_plafond_beleid', `plafond_beleid IN ('afwijzen', 'signaleren')`)
export class ContractEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Contracting region.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @ManyToOne(() => RegioEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'regio_code', referencedColumnName: 'code' })
  regio?: RegioEntity;

  @Field(() => String, { description: 'Contract number, unique in the region.' })
  @Column({ type: 'varchar', length: 40 })
  nummer!: string;

  @Field(() => String, { description: 'AGB code of the provider (iJw Aanbieder).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @ManyToOne(() => AanbiederEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aanbieder_agb', referencedColumnName: 'agb' })
  aanbieder?: AanbiederEntity;

  @Field(() => String, { description: 'Lot (perceel).' })
  @Column({ type: 'varchar', length: 200 })
  perceel!: string;

  @Field(() => Procedure, { description: 'Purchasing procedure.' })
  @Column({ type: 'varchar', length: 20 })
  procedure!: Procedure;

  @Field(() => GraphQLLocalDate, { description: 'First day of the contract.' })
  @Column({ type: 'date' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the contract (including extensions used).' })
  @Column({ type: 'date' })
  einddatum!: string;

  @Field(() => Int, { description: 'Extensions still allowed.' })
  /** How many extensions the contract still allows. */
  @Column({ name: 'verlengingen_resterend', type: 'integer', default: 0 })
  verlengingenResterend!: number;

  @Field(() => ContractStatus, { description: 'Status.' })
  @Column({ type: 'varchar', length: 20, default: 'actief' })
  status!: ContractStatus;

  /** Main contract when this one is a subcontract (onderaannemer). */
  @Column({ name: 'hoofdcontract_id', type: 'uuid', nullable: true })
  hoofdcontractId!: string | null;

  @ManyToOne(() => ContractEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hoofdcontract_id' })
  hoofdcontract?: ContractEntity | null;

  @Field(() => String, { description: 'Why the contract was ended early.', nullable: true })
  @Column({ name: 'beeindigd_reden', type: 'varchar', length: 500, nullable: true })
  beeindigdReden!: string | null;

  @Field(() => PlafondBeleid, { description: 'A claim beyond what is left of the budget ceiling: rejected (9369) or granted with an alert.' })
  @Column({ name: 'plafond_beleid', type: 'varchar', length: 12, default: PlafondBeleid.afwijzen })
  plafondBeleid!: PlafondBeleid;

  @Field(() => Boolean, { description: 'Claims under this contract wait for the back office before their JW325 goes out.' })
  @Column({ name: 'declaraties_aanhouden', type: 'boolean', default: false })
  declaratiesAanhouden!: boolean;

  // The clauses a rejection or flag names (src/declaratie/contractvoorwaarde.ts): one per kind of condition.
  @Field(() => String, { description: 'Clause on the contract period (looptijd): named when a product period falls outside it.' })
  @Column({ name: 'artikel_looptijd', type: 'varchar', length: 100, default: ARTIKEL_STANDAARD.looptijd })
  artikelLooptijd!: string;

  @Field(() => String, { description: 'Clause on the lot and its products: named when a product is not contracted in the lot.' })
  @Column({ name: 'artikel_perceel', type: 'varchar', length: 100, default: ARTIKEL_STANDAARD.perceel })
  artikelPerceel!: string;

  @Field(() => String, { description: 'Clause on tariffs and units: named when a claimed tariff or unit differs from the contract\'s.' })
  @Column({ name: 'artikel_tarief', type: 'varchar', length: 100, default: ARTIKEL_STANDAARD.tarief })
  artikelTarief!: string;

  @Field(() => String, { description: 'Clause on the budget ceiling: named when a claim is rejected or flagged above it.' })
  @Column({ name: 'artikel_plafond', type: 'varchar', length: 100, default: ARTIKEL_STANDAARD.plafond })
  artikelPlafond!: string;
}
