import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProductEntity } from '../catalogue/product.entity';
import { Node } from '../graphql/node';

/**
 * What a provider can take on for one product at one location, as one version: a change
 * closes the current row (`geldig_tot`) and adds a new one, so the history stays queryable.
 * The provider keeps its own rows; `regio_code` (of the product book) lets the region read them.
 */
@ObjectType('Capaciteit', { implements: Node, description: 'Capacity of a provider for one product at one location, in one version (valid from – to).' })
@Entity('capaciteit')
@Index('uq_capaciteit_actueel', ['aanbiederAgb', 'productId', 'postcode', 'locatieNaam'], { unique: true, where: 'geldig_tot IS NULL' })
@Index('ix_capaciteit_regio_product', ['regioCode', 'productId'])
@Check('ck_capaciteit_aantallen', `vrije_plaatsen >= 0 AND intakes_per_week >= 0`)
@Check('ck_capaciteit_periode', `geldig_tot IS NULL OR geldig_tot >= geldig_vanaf`)
@Check('ck_capaciteit_postcode', `postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'`)
export class CapaciteitEntity {
  @Field(() => ID, { description: 'Technical id of this version.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Region whose product book holds the product.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'The provider (iJw Aanbieder, AGB).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => ID, { description: 'The product of the regional product book.' })
  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @ManyToOne(() => ProductEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: ProductEntity;

  @Field(() => String, { description: 'iJw Productcategorie of the product.' })
  @Column({ name: 'product_categorie', type: 'char', length: 2 })
  productCategorie!: string;

  @Field(() => String, { description: 'iJw Productcode of the product.' })
  @Column({ name: 'product_code', type: 'varchar', length: 5 })
  productCode!: string;

  @Field(() => String, { description: 'Name of the location.' })
  @Column({ name: 'locatie_naam', type: 'varchar', length: 200 })
  locatieNaam!: string;

  @Field(() => String, { description: 'Postcode of the location, e.g. 5211AB.' })
  @Column({ type: 'char', length: 6 })
  postcode!: string;

  @Field(() => Int, { description: 'Places free for new clients.' })
  @Column({ name: 'vrije_plaatsen', type: 'integer' })
  vrijePlaatsen!: number;

  @Field(() => Int, { description: 'Intake slots per week.' })
  @Column({ name: 'intakes_per_week', type: 'integer' })
  intakesPerWeek!: number;

  @Field(() => Boolean, { description: 'Whether the location takes new clients for this product.' })
  @Column({ name: 'open_voor_nieuwe_clienten', type: 'boolean' })
  openVoorNieuweClienten!: boolean;

  @Field(() => String, { nullable: true, description: 'Free-text note of the provider.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  toelichting!: string | null;

  @Field(() => Date, { description: 'Valid from (the moment of the change).' })
  @Column({ name: 'geldig_vanaf', type: 'timestamptz', default: () => 'now()' })
  geldigVanaf!: Date;

  @Field(() => Date, { nullable: true, description: 'Valid until (empty: the current version).' })
  @Column({ name: 'geldig_tot', type: 'timestamptz', nullable: true })
  geldigTot!: Date | null;

  @Field(() => String, { description: 'Who made the change (token subject).' })
  @Column({ name: 'gewijzigd_door', type: 'varchar', length: 200 })
  gewijzigdDoor!: string;
}
