import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RegioEntity } from './regio.entity';

/**
 * A region's delivery endpoint (its contract manager's): where the hub pushes what is for the
 * region itself, such as budget alerts, signed with this endpoint's own secret exactly as a
 * provider's deliveries are (src/messaging/processing/ondertekening.ts). The secrets are stored
 * encrypted with the key ring and shown once, when issued.
 */
@ObjectType('RegioBezorgadres', { description: 'Where the hub pushes what is for a region\'s contract manager (budget alerts), signed.' })
@Entity('regio_bezorgadres')
export class RegioBezorgadresEntity {
  @Field(() => String, { description: 'The region.' })
  @PrimaryColumn({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @ManyToOne(() => RegioEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'regio_code', referencedColumnName: 'code' })
  regio?: RegioEntity;

  @Field(() => String, { description: 'The endpoint URL (HTTPS in production).' })
  @Column({ type: 'varchar', length: 500 })
  url!: string;

  /** The current signing secret, encrypted. */
  @Column({ name: 'geheim_versleuteld', type: 'bytea' })
  geheimVersleuteld!: Buffer;

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
}
