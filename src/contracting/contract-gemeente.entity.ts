import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContractEntity } from './contract.entity';

/** A municipality (CBS code) covered by a contract. */
@Entity('contract_gemeente')
export class ContractGemeenteEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @PrimaryColumn({ name: 'gemeente_code', type: 'char', length: 4 })
  gemeenteCode!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  /** Copied from the contract so row-level security needs no join back to it. */
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: ContractEntity;
}
