import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The ways out a freeze can stop: the GGk (chain delivery), the VECOZO portal's push, or both. */
export const VERZENDSTOP_KANALEN = ['ggk', 'vecozo', 'alle'] as const;
export type VerzendstopKanaal = (typeof VERZENDSTOP_KANALEN)[number];

/**
 * A declared freeze window (verzendstop): from `van` until `tot` nothing leaves through its
 * channel(s); what is due waits ("later te versturen") and leaves afterwards in its original
 * order. A window of a regional administrator holds that region's messages only.
 */
@ObjectType('Verzendstop', { description: 'A freeze window: during it the hub sends nothing through its channel(s); messages wait (later te versturen) and leave afterwards, in order.' })
@Entity('verzendstop')
@Index('ix_verzendstop_actief', ['tot'], { where: 'ingetrokken_op IS NULL' })
@Check('ck_verzendstop_kanaal', `kanaal IN (${VERZENDSTOP_KANALEN.map((k) => `'${k}'`).join(', ')})`)
@Check('ck_verzendstop_periode', 'tot > van')
export class VerzendstopEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => Date, { description: 'From this moment nothing is sent through the channel(s).' })
  @Column({ type: 'timestamptz' })
  van!: Date;

  @Field(() => Date, { description: 'Until this moment (exclusive): then the waiting messages leave.' })
  @Column({ type: 'timestamptz' })
  tot!: Date;

  @Field(() => String, { description: "ggk, vecozo or alle (both)." })
  @Column({ type: 'varchar', length: 6 })
  kanaal!: VerzendstopKanaal;

  @Field(() => String, { description: 'Why (a release change of iJw, chain maintenance).' })
  @Column({ type: 'varchar', length: 500 })
  reden!: string;

  @Field(() => String, { nullable: true, description: 'The region whose messages it holds (a regional administrator’s window); null: every region.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  @Field(() => String, { description: 'Who declared it (the token’s subject).' })
  @Column({ name: 'aangekondigd_door', type: 'varchar', length: 200 })
  aangekondigdDoor!: string;

  @Field(() => Date, { description: 'When it was declared.' })
  @CreateDateColumn({ name: 'aangekondigd_op', type: 'timestamptz' })
  aangekondigdOp!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn (it then holds nothing, and what waited leaves).' })
  @Column({ name: 'ingetrokken_op', type: 'timestamptz', nullable: true })
  ingetrokkenOp!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who withdrew it.' })
  @Column({ name: 'ingetrokken_door', type: 'varchar', length: 200, nullable: true })
  ingetrokkenDoor!: string | null;
}
