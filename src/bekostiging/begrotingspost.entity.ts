import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Verdeelsleutel } from './bekostiging.enums';
import { Node } from '../graphql/node';
import { CENTEN } from './lumpsum.entity';

/**
 * A regional budget line (begrotingspost), e.g. Jeugdzorgplus, LTA, certified institutions,
 * Veilig Thuis, heavy care guaranteed / reserved, light care open house: an amount for a period
 * that the region charges to its municipalities by a key.
 */
@ObjectType('Begrotingspost', { implements: Node, description: 'A regional budget line shared over the municipalities by a cost-sharing key.' })
@Entity('begrotingspost')
@Index('uq_begrotingspost', ['regioCode', 'naam', 'begindatum'], { unique: true })
@Check('ck_begrotingspost_bedrag', `bedrag_centen >= 0`)
@Check('ck_begrotingspost_periode', `einddatum >= begindatum`)
@Check('ck_begrotingspost_sleutel', `sleutel IN ('inwoners', 'gebruik', 'gemengd')`)
@Check('ck_begrotingspost_procent', `procent_inwoners BETWEEN 0 AND 100`)
export class BegrotingspostEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Region.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'Name, e.g. Jeugdzorgplus.' })
  @Column({ type: 'varchar', length: 200 })
  naam!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day of the period.' })
  @Column({ type: 'date' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the period.' })
  @Column({ type: 'date' })
  einddatum!: string;

  @Field(() => GraphQLSafeInt, { description: 'Amount in euro cents.' })
  @Column({ name: 'bedrag_centen', type: 'bigint', transformer: CENTEN })
  bedragCenten!: number;

  @Field(() => Verdeelsleutel, { description: 'Cost-sharing key.' })
  @Column({ type: 'varchar', length: 10 })
  sleutel!: Verdeelsleutel;

  @Field(() => Int, { description: 'Percentage by inhabitants (key gemengd; 100 for inwoners, 0 for gebruik).' })
  @Column({ name: 'procent_inwoners', type: 'integer' })
  procentInwoners!: number;

  @Field(() => [String], { description: 'iJw Productcategorie codes whose use counts (empty: all).' })
  @Column({ name: 'productcategorieen', type: 'varchar', length: 2, array: true, default: () => "'{}'" })
  productcategorieen!: string[];

  @Field(() => [String], { description: 'CBS codes of the municipalities sharing the line.' })
  @Column({ type: 'varchar', length: 4, array: true })
  gemeenten!: string[];

  @Field(() => String, { description: 'Who entered it.' })
  @Column({ name: 'aangemaakt_door', type: 'varchar', length: 200 })
  aangemaaktDoor!: string;

  @Field(() => Date, { description: 'When it was entered.' })
  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;

  @Field(() => Date, { description: 'When the shares were computed last.' })
  @Column({ name: 'verdeeld_op', type: 'timestamptz' })
  verdeeldOp!: Date;
}

/** The share of one municipality in a budget line for the line's period; the shares sum to the line. */
@ObjectType('Kostenaandeel', { description: 'The share of one municipality (iJw Gemeente) in a regional budget line for its period.' })
@Entity('kostenaandeel')
@Index('ix_kostenaandeel_gemeente', ['gemeenteCode', 'begindatum'])
@Check('ck_kostenaandeel_bedrag', `bedrag_centen >= 0`)
export class KostenaandeelEntity {
  @Field(() => ID, { description: 'The budget line.' })
  @PrimaryColumn({ name: 'begrotingspost_id', type: 'uuid' })
  begrotingspostId!: string;

  @Field(() => String, { description: 'CBS code of the municipality (iJw Gemeente).' })
  @PrimaryColumn({ name: 'gemeente_code', type: 'char', length: 4 })
  gemeenteCode!: string;

  @ManyToOne(() => BegrotingspostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'begrotingspost_id' })
  begrotingspost?: BegrotingspostEntity;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'Name of the budget line.' })
  @Column({ type: 'varchar', length: 200 })
  naam!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day of the period.' })
  @Column({ type: 'date' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the period.' })
  @Column({ type: 'date' })
  einddatum!: string;

  @Field(() => Int, { description: 'Inhabitants used by the key.' })
  @Column({ type: 'integer' })
  inwoners!: number;

  @Field(() => Int, { description: 'Distinct clients with a toewijzing in the period and categories (use).' })
  @Column({ type: 'integer' })
  clienten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Share in euro cents.' })
  @Column({ name: 'bedrag_centen', type: 'bigint', transformer: CENTEN })
  bedragCenten!: number;
}
