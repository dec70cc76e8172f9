import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Node } from '../graphql/node';

/**
 * One allocated product (iJw ToegewezenProduct), in its current version. Changes keep the
 * ToewijzingNummer and bump `versie`; a delete is Einddatum = Ingangsdatum with reden 13.
 * Every JW301 the hub writes for this client and provider carries all current ones (OP087).
 */
@ObjectType('Toewijzing', { implements: Node, description: 'An allocated product (iJw ToegewezenProduct) in its current version.' })
@Entity('toewijzing')
@Index('uq_toewijzing_nummer', ['gemeenteCode', 'nummer'], { unique: true })
@Index('ix_toewijzing_client', ['clientId', 'aanbiederAgb'])
@Index('ix_toewijzing_aanbieder', ['aanbiederAgb'])
@Check('ck_toewijzing_periode', `einddatum IS NULL OR einddatum >= ingangsdatum`)
@Check('ck_toewijzing_omvang_budget', `NOT (volume IS NOT NULL AND budget IS NOT NULL)`)
export class ToewijzingEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => Int, { description: 'iJw ToewijzingNummer: unique per municipality, kept for every change.' })
  @Column({ type: 'integer' })
  nummer!: number;

  @Field(() => String, { description: 'Region of the municipality.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'The allocating municipality (CBS code).' })
  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  @Field(() => String, { description: 'The provider (AGB).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Field(() => ID, { nullable: true, description: 'The contract the allocation was checked against.' })
  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId!: string | null;

  @Field(() => String, { description: 'iJw Productcategorie.' })
  @Column({ name: 'product_categorie', type: 'char', length: 2 })
  productCategorie!: string;

  @Field(() => String, { nullable: true, description: 'iJw Productcode (empty: aspecifiek).' })
  @Column({ name: 'product_code', type: 'varchar', length: 5, nullable: true })
  productCode!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Ingangsdatum.' })
  @Column({ type: 'date' })
  ingangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Einddatum (empty: open-ended).' })
  @Column({ type: 'date', nullable: true })
  einddatum!: string | null;

  @Field(() => Int, { nullable: true, description: 'Omvang: Volume.' })
  @Column({ type: 'integer', nullable: true })
  volume!: number | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Eenheid (WJ756).' })
  @Column({ type: 'char', length: 2, nullable: true })
  eenheid!: string | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Frequentie (WMO757).' })
  @Column({ type: 'char', length: 1, nullable: true })
  frequentie!: string | null;

  @Field(() => Int, { nullable: true, description: 'Budget in euro cents.' })
  @Column({ type: 'integer', nullable: true })
  budget!: number | null;

  @Field(() => String, { nullable: true, description: 'RedenWijziging (JZ002) of the last change.' })
  @Column({ name: 'reden_wijziging', type: 'char', length: 2, nullable: true })
  redenWijziging!: string | null;

  @Field(() => String, { nullable: true, description: 'ReferentieAanbieder of the request this honours.' })
  @Column({ name: 'referentie_aanbieder', type: 'varchar', length: 36, nullable: true })
  referentieAanbieder!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Toewijzingsdatum: when the municipality decided.' })
  @Column({ type: 'date' })
  toewijzingsdatum!: string;

  @Field(() => String, { description: 'Toewijzingstijd.' })
  @Column({ type: 'time' })
  toewijzingstijd!: string;

  @Field(() => GraphQLLocalDate, { description: 'The Toewijzingsdatum of its first version: the day it was first allocated (kept through changes; waiting times count from it).' })
  @Column({ name: 'eerste_toewijzingsdatum', type: 'date' })
  eersteToewijzingsdatum!: string;

  @Field(() => GraphQLSafeInt, { description: 'Estimated cost in euro cents, counted against the budget ceiling.' })
  @Column({ name: 'geraamd_centen', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  geraamdCenten!: number;

  @Field(() => Int, { description: 'Version: 1 at allocation, +1 per change.' })
  @Column({ type: 'integer', default: 1 })
  versie!: number;

  @Field(() => Date, { description: 'Last change.' })
  @UpdateDateColumn({ name: 'gewijzigd_op', type: 'timestamptz' })
  gewijzigdOp!: Date;
}
