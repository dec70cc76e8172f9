import { Uitvoeringsvariant } from '../common/enums';
import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProductEntity } from '../catalogue/product.entity';
import { ContractEntity } from './contract.entity';

/** A product contracted under a contract, with its execution variant and unit. */
@ObjectType('ContractProduct', { description: 'A product contracted under a contract, with its execution variant and unit.', simpleResolvers: true })
@Entity('contract_product')
@Index('uq_contract_product', ['contractId', 'productId'], { unique: true })
@Index('ix_contract_product_agb', ['aanbiederAgb'])
@Check('ck_contract_product_variant', `uitvoeringsvariant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')`)
export class ContractProductEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: ContractEntity;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @ManyToOne(() => ProductEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: ProductEntity;

  @Field(() => Uitvoeringsvariant, { description: 'Execution variant agreed for this product.' })
  @Column({ type: 'varchar', length: 20 })
  uitvoeringsvariant!: Uitvoeringsvariant;

  @Field(() => String, { description: 'iJw Eenheid (WJ756) the tariff is per.' })
  @Column({ type: 'char', length: 2 })
  eenheid!: string;
}
