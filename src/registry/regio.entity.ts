import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';

/** A regional purchasing organisation (the tenant), e.g. RIOZ Noordoost-Brabant. */
@ObjectType('Regio', { implements: Node, description: 'A regional purchasing organisation (regio), the tenant of the hub.', simpleResolvers: true })
@Entity('regio')
// A sandbox region's code says so (row-level security reads the code), and only it copies another.
@Check('ck_regio_sandbox', `(sandbox_van IS NULL) = (code NOT LIKE 'SANDBOX-%')`)
@Index('uq_regio_sandbox_van', ['sandboxVan'], { unique: true })
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

  /** The production region a sandbox region copies (null for a production region); its code is `SANDBOX-` + that region's code. */
  @Field(() => String, { nullable: true, description: 'For a sandbox region: the production region whose contract structure it copies; null for a production region.' })
  @Column({ name: 'sandbox_van', type: 'varchar', length: 20, nullable: true })
  sandboxVan!: string | null;

  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;
}
