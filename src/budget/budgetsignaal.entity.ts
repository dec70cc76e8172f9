import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ContractEntity } from '../contracting/contract.entity';

/**
 * A budget alert: the granted amount of a contract's year crossed one of its thresholds. Written
 * in the transaction of the claim that crossed it; the unique key (contract, year, threshold,
 * ceiling) makes each crossing fire once, however many claims race for it. A new ceiling is a new
 * crossing; dropping below and rising again under the same ceiling is not.
 */
@ObjectType('Budgetsignaal', { description: 'A budget alert: the granted amount of a contract\'s year crossed a threshold of its ceiling.' })
@Entity('budgetsignaal')
@Unique('uq_budgetsignaal_kruising', ['contractId', 'jaar', 'drempel', 'plafondCenten'])
@Index('ix_budgetsignaal_regio', ['regioCode', 'jaar'])
export class BudgetsignaalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'The region of the contract.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'The provider (AGB code).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => ID, { description: 'The contract.' })
  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Field(() => Int, { description: 'The year of the ceiling.' })
  @Column({ type: 'integer' })
  jaar!: number;

  @Field(() => Int, { description: 'The threshold crossed, percent of the ceiling.' })
  @Column({ type: 'integer' })
  drempel!: number;

  @Field(() => GraphQLSafeInt, { description: 'The ceiling it was crossed under, eurocents.' })
  @Column({ name: 'plafond_centen', type: 'bigint' })
  plafondCenten!: string;

  @Field(() => GraphQLSafeInt, { description: 'Granted in the year right after the crossing claim, eurocents.' })
  @Column({ name: 'toegekend_centen', type: 'bigint' })
  toegekendCenten!: string;

  /** The claim whose granted prestaties crossed it. */
  @Column({ name: 'declaratie_id', type: 'uuid', nullable: true })
  declaratieId!: string | null;

  @Field(() => Date, { description: 'When it fired.' })
  @CreateDateColumn({ name: 'gesignaleerd_op', type: 'timestamptz' })
  gesignaleerdOp!: Date;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: ContractEntity;
}
