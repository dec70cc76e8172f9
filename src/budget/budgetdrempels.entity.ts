import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ContractEntity } from '../contracting/contract.entity';

/** The alert thresholds every contract has until its contract manager sets its own. */
export const STANDAARD_DREMPELS: readonly number[] = [70, 90];

/**
 * A contract's own budget alert thresholds (percentages of its ceiling), set by its contract
 * manager; a contract without a row alerts at 70 % and 90 % (the Wmo contract standard's warning).
 */
@Entity('budgetdrempels')
@Check('ck_budgetdrempels_drempels', `cardinality(drempels) BETWEEN 1 AND 5 AND 1 <= ALL (drempels) AND 100 >= ALL (drempels)`)
export class BudgetdrempelsEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  /** Percentages of the ceiling, ascending, without repeats. */
  @Column({ type: 'int', array: true })
  drempels!: number[];

  @UpdateDateColumn({ name: 'gewijzigd_op', type: 'timestamptz' })
  gewijzigdOp!: Date;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: ContractEntity;
}
