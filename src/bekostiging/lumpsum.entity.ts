import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ContractEntity } from '../contracting/contract.entity';
import { LumpsumVerdeling, VaststellingStatus } from './bekostiging.enums';
import { Node } from '../graphql/node';

/** bigint cents in PostgreSQL, a safe integer in TypeScript (131 M euro a year is 1.3e10 cents). */
export const CENTEN = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * The lumpsum of a taakgericht contract for one calendar year: the budget the provider receives
 * in monthly advances, and the band of clients it is meant for. Outside the band each client
 * more or fewer is settled at `bedragPerClientCenten` at year end.
 */
@ObjectType('Lumpsum', { implements: Node, description: 'The lumpsum (taakgerichte bekostiging) of a contract for one year: budget, client band and split over municipalities.' })
@Entity('lumpsum')
@Index('uq_lumpsum_contract_jaar', ['contractId', 'jaar'], { unique: true })
@Index('ix_lumpsum_aanbieder', ['aanbiederAgb'])
@Check('ck_lumpsum_budget', `budget_centen >= 0`)
@Check('ck_lumpsum_band', `minimum_clienten >= 0 AND maximum_clienten >= minimum_clienten`)
@Check('ck_lumpsum_per_client', `bedrag_per_client_centen >= 0`)
@Check('ck_lumpsum_verdeling', `verdeling IN ('aandelen', 'inwoners')`)
export class LumpsumEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Contracting region.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'AGB code of the provider (iJw Aanbieder).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => ID, { description: 'The contract.' })
  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: ContractEntity;

  @Field(() => Int, { description: 'Calendar year.' })
  @Column({ type: 'integer' })
  jaar!: number;

  @Field(() => GraphQLSafeInt, { description: 'Budget for the year in euro cents, paid in 12 monthly advances.' })
  @Column({ name: 'budget_centen', type: 'bigint', transformer: CENTEN })
  budgetCenten!: number;

  @Field(() => Int, { description: 'Lower bound of the band: fewer clients means a claw-back.' })
  @Column({ name: 'minimum_clienten', type: 'integer' })
  minimumClienten!: number;

  @Field(() => Int, { description: 'Upper bound of the band: more clients means an extra payment.' })
  @Column({ name: 'maximum_clienten', type: 'integer' })
  maximumClienten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Amount per client outside the band, in euro cents.' })
  @Column({ name: 'bedrag_per_client_centen', type: 'bigint', transformer: CENTEN })
  bedragPerClientCenten!: number;

  @Field(() => LumpsumVerdeling, { description: 'How the lumpsum is split over the municipalities.' })
  @Column({ type: 'varchar', length: 10 })
  verdeling!: LumpsumVerdeling;

  @Field(() => String, { description: 'Who set it up.' })
  @Column({ name: 'aangemaakt_door', type: 'varchar', length: 200 })
  aangemaaktDoor!: string;

  @Field(() => Date, { description: 'When it was set up.' })
  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;

  @Field(() => [LumpsumAandeelEntity], { description: 'Share per municipality (only the caller\'s own for a municipality).' })
  aandelen?: LumpsumAandeelEntity[];

  @Field(() => [VoorschotEntity], { description: 'Monthly advances created so far, by month and municipality.' })
  voorschotten?: VoorschotEntity[];
}

/** The share of one municipality in a lumpsum: its weight and its part of the yearly budget. */
@ObjectType('LumpsumAandeel', { description: 'The share of one municipality (iJw Gemeente) in a lumpsum.' })
@Entity('lumpsum_aandeel')
@Check('ck_lumpsum_aandeel', `gewicht >= 0 AND budget_centen >= 0`)
export class LumpsumAandeelEntity {
  @PrimaryColumn({ name: 'lumpsum_id', type: 'uuid' })
  lumpsumId!: string;

  @Field(() => String, { description: 'CBS code of the municipality (iJw Gemeente).' })
  @PrimaryColumn({ name: 'gemeente_code', type: 'char', length: 4 })
  gemeenteCode!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => GraphQLSafeInt, { description: 'Weight: the explicit share given, or the inhabitants.' })
  @Column({ type: 'bigint', transformer: CENTEN })
  gewicht!: number;

  @Field(() => GraphQLSafeInt, { description: 'Its part of the yearly budget in euro cents; its 12 advances sum to this.' })
  @Column({ name: 'budget_centen', type: 'bigint', transformer: CENTEN })
  budgetCenten!: number;

  @ManyToOne(() => LumpsumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lumpsum_id' })
  lumpsum?: LumpsumEntity;
}

/**
 * One monthly advance (voorschot) of a lumpsum to the provider on behalf of one municipality.
 * The unique key makes a month's advance exist at most once, whatever reruns or restarts.
 */
@ObjectType('Voorschot', { description: 'A monthly advance of a lumpsum, on behalf of one municipality.' })
@Entity('lumpsum_voorschot')
@Index('uq_lumpsum_voorschot', ['lumpsumId', 'gemeenteCode', 'jaar', 'maand'], { unique: true })
@Index('ix_lumpsum_voorschot_gemeente', ['gemeenteCode', 'jaar'])
@Check('ck_lumpsum_voorschot_maand', `maand BETWEEN 1 AND 12`)
@Check('ck_lumpsum_voorschot_bedrag', `bedrag_centen >= 0`)
export class VoorschotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The lumpsum.' })
  @Column({ name: 'lumpsum_id', type: 'uuid' })
  lumpsumId!: string;

  @ManyToOne(() => LumpsumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lumpsum_id' })
  lumpsum?: LumpsumEntity;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'CBS code of the municipality (iJw Gemeente).' })
  @Column({ name: 'gemeente_code', type: 'char', length: 4 })
  gemeenteCode!: string;

  @Field(() => Int, { description: 'Year.' })
  @Column({ type: 'integer' })
  jaar!: number;

  @Field(() => Int, { description: 'Month (1–12).' })
  @Column({ type: 'integer' })
  maand!: number;

  @Field(() => GraphQLSafeInt, { description: 'Amount in euro cents.' })
  @Column({ name: 'bedrag_centen', type: 'bigint', transformer: CENTEN })
  bedragCenten!: number;

  @Field(() => Date, { description: 'When the advance was created.' })
  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;
}

/**
 * The year-end settlement (vaststelling) of a lumpsum: clients counted from the start/stop
 * messages against the band. A concept may be recomputed; an approved one is final.
 */
@ObjectType('Vaststelling', { description: 'Year-end settlement of a lumpsum: clients from the start/stop messages (JW305/JW307) against the band.' })
@Entity('lumpsum_vaststelling')
@Index('uq_lumpsum_vaststelling', ['lumpsumId'], { unique: true })
@Index('ix_lumpsum_vaststelling_aanbieder', ['aanbiederAgb'])
@Check('ck_lumpsum_vaststelling_status', `status IN ('concept', 'goedgekeurd')`)
@Check('ck_lumpsum_vaststelling_goedkeuring', `(status = 'goedgekeurd') = (goedgekeurd_op IS NOT NULL)`)
export class VaststellingEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The lumpsum settled.' })
  @Column({ name: 'lumpsum_id', type: 'uuid' })
  lumpsumId!: string;

  @ManyToOne(() => LumpsumEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lumpsum_id' })
  lumpsum?: LumpsumEntity;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Field(() => Int, { description: 'Year settled.' })
  @Column({ type: 'integer' })
  jaar!: number;

  @Field(() => GraphQLLocalDate, { description: 'Start of the period counted (1 January).' })
  @Column({ type: 'date' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'End of the period counted (31 December).' })
  @Column({ type: 'date' })
  einddatum!: string;

  @Field(() => Int, { description: 'Distinct clients with a taakgericht start (JW305) under the contract overlapping the year.' })
  @Column({ name: 'aantal_clienten', type: 'integer' })
  aantalClienten!: number;

  @Field(() => Int, { description: 'Band minimum at the time of computing.' })
  @Column({ name: 'minimum_clienten', type: 'integer' })
  minimumClienten!: number;

  @Field(() => Int, { description: 'Band maximum at the time of computing.' })
  @Column({ name: 'maximum_clienten', type: 'integer' })
  maximumClienten!: number;

  @Field(() => Int, { description: 'Clients below the minimum (negative), above the maximum (positive), 0 inside the band.' })
  @Column({ type: 'integer' })
  verschil!: number;

  @Field(() => GraphQLSafeInt, { description: 'Per-client amount applied, in euro cents.' })
  @Column({ name: 'bedrag_per_client_centen', type: 'bigint', transformer: CENTEN })
  bedragPerClientCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Settlement in euro cents: negative is a claw-back, positive an extra payment.' })
  @Column({ name: 'bedrag_centen', type: 'bigint', transformer: CENTEN })
  bedragCenten!: number;

  @Field(() => VaststellingStatus, { description: 'concept, or goedgekeurd (final).' })
  @Column({ type: 'varchar', length: 12, default: 'concept' })
  status!: VaststellingStatus;

  @Field(() => String, { description: 'Who computed it last.' })
  @Column({ name: 'berekend_door', type: 'varchar', length: 200 })
  berekendDoor!: string;

  @Field(() => Date, { description: 'When it was computed last.' })
  @Column({ name: 'berekend_op', type: 'timestamptz' })
  berekendOp!: Date;

  @Field(() => String, { nullable: true, description: 'Contract manager who approved it.' })
  @Column({ name: 'goedgekeurd_door', type: 'varchar', length: 200, nullable: true })
  goedgekeurdDoor!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was approved.' })
  @Column({ name: 'goedgekeurd_op', type: 'timestamptz', nullable: true })
  goedgekeurdOp!: Date | null;

  @Field(() => [VaststellingGemeenteEntity], { description: 'The settlement per municipality (only the caller\'s own for a municipality).' })
  gemeenten?: VaststellingGemeenteEntity[];
}

/** The part of a settlement for one municipality, split by the lumpsum's shares. */
@ObjectType('VaststellingGemeente', { description: 'The part of a lumpsum settlement for one municipality (iJw Gemeente).' })
@Entity('lumpsum_vaststelling_gemeente')
export class VaststellingGemeenteEntity {
  @PrimaryColumn({ name: 'vaststelling_id', type: 'uuid' })
  vaststellingId!: string;

  @Field(() => String, { description: 'CBS code of the municipality (iJw Gemeente).' })
  @PrimaryColumn({ name: 'gemeente_code', type: 'char', length: 4 })
  gemeenteCode!: string;

  @ManyToOne(() => VaststellingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vaststelling_id' })
  vaststelling?: VaststellingEntity;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => Int, { description: 'Distinct clients of this municipality counted (a client may count for two).' })
  @Column({ name: 'aantal_clienten', type: 'integer' })
  aantalClienten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Its part of the settlement in euro cents, by the lumpsum shares.' })
  @Column({ name: 'bedrag_centen', type: 'bigint', transformer: CENTEN })
  bedragCenten!: number;
}
