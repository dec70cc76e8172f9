import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';

/** A care provider (zorgaanbieder), identified nationally by its AGB code. */
@ObjectType('Aanbieder', { implements: Node, description: 'A care provider (iJw Aanbieder, AGB code).', simpleResolvers: true })
@Entity('aanbieder')
@Check('ck_aanbieder_agb', `agb ~ '^[0-9]{8}$'`)
@Index('uq_aanbieder_sandbox', ['sandboxRegio', 'sandboxVan'], { unique: true })
export class AanbiederEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'AGB code (iJw Aanbieder / Afzender, 8 digits).' })
  @Column({ type: 'char', length: 8, unique: true })
  agb!: string;

  @Field(() => String, { description: 'Name.' })
  @Column({ type: 'varchar', length: 200 })
  naam!: string;

  @Field(() => String, { description: 'Chamber of commerce number.', nullable: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  kvk!: string | null;

  /**
   * The region whose contract manager (or administrator) registered the provider; null for one
   * registered by the hub-wide administrator or before onboarding existed. That region keeps the
   * provider's contacts before it contracts it.
   */
  @Field(() => String, { nullable: true, description: 'Region that registered the provider (onboarding), if one did.' })
  @Column({ name: 'aangemeld_door_regio', type: 'varchar', length: 20, nullable: true })
  aangemeldDoorRegio!: string | null;

  /** The sandbox region this fictitious provider exists in (null: a real provider). Row-level security shows it only there. */
  @Column({ name: 'sandbox_regio', type: 'varchar', length: 20, nullable: true })
  sandboxRegio!: string | null;

  /** The real provider whose contracts this fictitious one holds in the sandbox (so a reset keeps its AGB). */
  @Column({ name: 'sandbox_van', type: 'char', length: 8, nullable: true })
  sandboxVan!: string | null;
}
