import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';

/** A regional purchasing organisation (the tenant), e.g. RIOZ Noordoost-Brabant. */
@ObjectType('Regio', { implements: Node, description: 'A regional purchasing organisation (regio), the tenant of the hub.', simpleResolvers: true })
@Entity('regio')
export class RegioEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Tenant code, e.g. RIOZ.' })
  /** Short tenant code used in tokens and row-level security, e.g. `RIOZ`. */
  @Column({ type: 'varchar', length: 20, unique: true })
  code!: string;

  @Field(() => String, { description: 'Name of the region.' })
  @Column({ type: 'varchar', length: 200 })
  naam!: string;

  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;
}
