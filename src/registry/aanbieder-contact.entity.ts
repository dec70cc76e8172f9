import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AanbiederEntity } from './aanbieder.entity';

/**
 * A contact person of a provider (contract matters, care coordination, invoicing, ...). The list
 * is the provider's own: it replaces it whole (`wijzigAanbiederContacten`), as does the region
 * that contracted or registered it.
 */
@ObjectType('AanbiederContact', { description: 'A contact person of a provider.', simpleResolvers: true })
@Entity('aanbieder_contact')
@Index('uq_aanbieder_contact_volgorde', ['aanbiederAgb', 'volgorde'], { unique: true })
export class AanbiederContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @ManyToOne(() => AanbiederEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'aanbieder_agb', referencedColumnName: 'agb', foreignKeyConstraintName: 'FK_aanbieder_contact_aanbieder' })
  aanbieder?: AanbiederEntity;

  @Field(() => Int, { description: 'Position in the provider\'s list (0 first).' })
  @Column({ type: 'smallint' })
  volgorde!: number;

  @Field(() => String, { description: 'Name of the contact person.' })
  @Column({ type: 'varchar', length: 200 })
  naam!: string;

  @Field(() => String, { description: 'Role or function, e.g. "contractmanager", "zorgcoördinator", "declaraties".' })
  @Column({ type: 'varchar', length: 100 })
  functie!: string;

  @Field(() => String, { description: 'E-mail address.' })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Telephone number.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  telefoon!: string | null;
}
