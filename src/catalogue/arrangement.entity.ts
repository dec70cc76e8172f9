import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A named bundle of products with default volumes that an access team can allocate as one package. */
@Entity('arrangement')
@Index('uq_arrangement_regio_naam', ['regioCode', 'naam'], { unique: true })
export class ArrangementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ type: 'varchar', length: 200 })
  naam!: string;

  @Column({ type: 'varchar', length: 1000 })
  omschrijving!: string;
}

/** One product of an arrangement with its default volume and frequency (iJw Frequentie). */
@Entity('arrangement_onderdeel')
@Index('uq_arrangement_onderdeel', ['arrangementId', 'productId'], { unique: true })
export class ArrangementOnderdeelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Column({ name: 'arrangement_id', type: 'uuid' })
  arrangementId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'integer' })
  volume!: number;

  @Column({ type: 'char', length: 1 })
  frequentie!: string;

  /** Position in the arrangement as the contract manager entered it. */
  @Column({ type: 'smallint', default: 0 })
  volgnummer!: number;
}
