import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AanbiederEntity } from './aanbieder.entity';

/**
 * A provider's delivery endpoint: where outbound iJw messages are pushed, signed with this
 * endpoint's own secret. The secrets are stored encrypted with the key ring and never leave the
 * hub through the API; each is shown once, when it is issued.
 */
@ObjectType('Bezorgadres', { description: 'Where outbound iJw messages for a provider are pushed (signed; see ondertekeningsgeheim).' })
@Entity('bezorgadres')
export class BezorgadresEntity {
  @Field(() => String, { description: 'AGB code of the provider.' })
  @PrimaryColumn({ name: 'aanbieder_agb', type: 'char', length: 8, primaryKeyConstraintName: 'PK_bezorgadres' })
  aanbiederAgb!: string;

  @ManyToOne(() => AanbiederEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'aanbieder_agb', referencedColumnName: 'agb', foreignKeyConstraintName: 'FK_bezorgadres_aanbieder' })
  aanbieder?: AanbiederEntity;

  @Field(() => String, { description: 'The endpoint URL (HTTPS in production).' })
  @Column({ type: 'varchar', length: 500 })
  url!: string;

  /** The current signing secret, encrypted; null for an endpoint registered before secrets existed. */
  @Column({ name: 'geheim_versleuteld', type: 'bytea', nullable: true })
  geheimVersleuteld!: Buffer | null;

  /** The secret before the last rotation, encrypted; it signs too until `vorigGeldigTot`. */
  @Column({ name: 'vorig_geheim_versleuteld', type: 'bytea', nullable: true })
  vorigGeheimVersleuteld!: Buffer | null;

  @Field(() => Date, { nullable: true, description: 'Until when deliveries also carry a signature with the previous secret.' })
  @Column({ name: 'vorig_geldig_tot', type: 'timestamptz', nullable: true })
  vorigGeldigTot!: Date | null;

  @Field(() => Date, { description: 'When the endpoint was registered.' })
  @CreateDateColumn({ name: 'geregistreerd_op', type: 'timestamptz' })
  geregistreerdOp!: Date;

  @Field(() => Date, { nullable: true, description: 'When the signing secret was last rotated.' })
  @Column({ name: 'geroteerd_op', type: 'timestamptz', nullable: true })
  geroteerdOp!: Date | null;

  @Field(() => Boolean, { description: 'Whether the endpoint has a signing secret (deliveries fail without one).' })
  get heeftGeheim(): boolean {
    return this.geheimVersleuteld !== null;
  }
}
