import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';

/** A municipality (CBS gemeentecode) within a region; versions by validity, because municipalities merge. */
@ObjectType('Gemeente', { implements: Node, description: 'A municipality (iJw Gemeente: CBS gemeentecode), valid over a period because municipalities merge.', simpleResolvers: true })
@Entity('gemeente')
@Index('uq_gemeente_code_vanaf', ['code', 'geldigVanaf'], { unique: true })
@Check('ck_gemeente_code', `code ~ '^[0-9]{4}$'`)
@Check('ck_gemeente_periode', `geldig_tot IS NULL OR geldig_tot >= geldig_vanaf`)
export class GemeenteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Region the municipality purchases through.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'CBS gemeentecode (iJw Gemeente, 4 digits).' })
  @Column({ type: 'char', length: 4 })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  @Column({ type: 'varchar', length: 200 })
  naam!: string;

  @Field(() => Boolean, { description: 'The municipality judges claims in its own system: the hub judges a JW323 for reference, holds it and forwards the JW325 that system sends.' })
  @Column({ name: 'declaraties_eigen_systeem', type: 'boolean', default: false })
  declaratiesEigenSysteem!: boolean;

  @Field(() => Int, { description: 'Number of inhabitants, used for cost-sharing keys.' })
  @Column({ type: 'integer' })
  inwoners!: number;

  @Field(() => GraphQLLocalDate, { description: 'First day the code is valid.' })
  @Column({ name: 'geldig_vanaf', type: 'date' })
  geldigVanaf!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day the code is valid (null: still valid).', nullable: true })
  @Column({ name: 'geldig_tot', type: 'date', nullable: true })
  geldigTot!: string | null;

  /** In a sandbox region: the real municipality this fictitious one stands for (so a reset keeps its code). */
  @Column({ name: 'sandbox_van', type: 'char', length: 4, nullable: true })
  sandboxVan!: string | null;
}
