import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A provider that uses the hub as its software towards VECOZO (a portal provider): the hub
 * pushes what it writes in the portal and pulls what VECOZO holds for it. Set by the provider
 * itself or by a region that contracted or registered it.
 */
@ObjectType('VecozoPortaal', { description: 'Whether a provider exchanges its iJw messages through VECOZO by the hub’s portal.' })
@Entity('vecozo_aanbieder')
export class VecozoAanbiederEntity {
  @Field(() => String, { description: 'The provider (AGB).' })
  @PrimaryColumn({ name: 'aanbieder_agb', type: 'varchar', length: 8 })
  aanbiederAgb!: string;

  @Field(() => Boolean, { description: 'On: the portal sends and receives for it through VECOZO.' })
  @Column({ type: 'boolean' })
  actief!: boolean;

  @Field(() => Date, { description: 'When it was last switched.' })
  @UpdateDateColumn({ name: 'gewijzigd_op', type: 'timestamptz' })
  gewijzigdOp!: Date;
}
