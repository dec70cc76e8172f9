import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ContractProductEntity } from './contract-product.entity';

/**
 * One version of the tariff of a contracted product, in euro cents per unit, valid from
 * `geldigVanaf` up to and including `geldigTot` (open when null). Versions of one contracted
 * product never overlap: the exclusion constraint makes a date pick exactly one.
 */
@ObjectType('Tarief', { description: "One version of a contracted product's tariff (iJw ProductTarief), euro cents per unit.", simpleResolvers: true })
@Entity('tarief')
@Index('ix_tarief_contract_product', ['contractProductId', 'geldigVanaf'])
@Exclusion('ex_tarief_overlap', `USING gist ("contract_product_id" WITH =, daterange("geldig_vanaf", "geldig_tot", '[]') WITH &&)`)
@Check('ck_tarief_bedrag', `bedrag_centen >= 0`)
@Check('ck_tarief_periode', `geldig_tot IS NULL OR geldig_tot >= geldig_vanaf`)
export class TariefEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  /** Copied from the contracted product so row-level security can check the contract's municipalities. */
  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Column({ name: 'contract_product_id', type: 'uuid' })
  contractProductId!: string;

  @ManyToOne(() => ContractProductEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_product_id' })
  contractProduct?: ContractProductEntity;

  @Field(() => Int, { description: 'Amount in euro cents per unit (iJw ProductTarief).' })
  @Column({ name: 'bedrag_centen', type: 'integer' })
  bedragCenten!: number;

  @Field(() => GraphQLLocalDate, { description: 'First day of validity.' })
  @Column({ name: 'geldig_vanaf', type: 'date' })
  geldigVanaf!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of validity, inclusive (null: open).', nullable: true })
  @Column({ name: 'geldig_tot', type: 'date', nullable: true })
  geldigTot!: string | null;

  @Field(() => ID, { description: 'Indexation run that wrote this version.', nullable: true })
  /** The indexation run that wrote this version, if any. */
  @Column({ name: 'indexatie_id', type: 'uuid', nullable: true })
  indexatieId!: string | null;
}
