import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContractEntity } from './contract.entity';

/** The budget ceiling (budgetplafond) of a contract for one calendar year, in euro cents. */
@ObjectType('Budgetplafond', { description: 'The budget ceiling of a contract for one year.', simpleResolvers: true })
@Entity('budgetplafond')
@Check('ck_budgetplafond_bedrag', `bedrag_centen >= 0`)
export class BudgetplafondEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Field(() => Int, { description: 'Calendar year.' })
  @PrimaryColumn({ type: 'integer' })
  jaar!: number;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => GraphQLSafeInt, { description: 'Ceiling in euro cents.' })
  @Column({ name: 'bedrag_centen', type: 'bigint' })
  bedragCenten!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: ContractEntity;
}
