import { IndexatieMethode } from '../common/enums';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A yearly tariff indexation run with its inputs kept for audit: a plain percentage, or the
 * Jeugd formula (weighted wage index OVA and price index PPC).
 */
@ObjectType('Indexatie', { description: 'A yearly tariff indexation run, with its inputs kept for audit.', simpleResolvers: true })
@Entity('indexatie')
@Index('uq_indexatie_regio_jaar', ['regioCode', 'jaar'], { unique: true })
@Check('ck_indexatie_methode', `methode IN ('percentage', 'jeugdformule')`)
export class IndexatieEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => Int, { description: 'Year whose tariffs were written.' })
  /** The year whose tariffs this run wrote. */
  @Column({ type: 'integer' })
  jaar!: number;

  @Field(() => IndexatieMethode, { description: 'Method.' })
  @Column({ type: 'varchar', length: 20 })
  methode!: IndexatieMethode;

  @Field(() => String, { description: 'Percentage given (method percentage).', nullable: true })
  @Column({ type: 'numeric', precision: 7, scale: 3, nullable: true })
  percentage!: string | null;

  @Field(() => String, { description: 'Wage index OVA in % (Jeugd formula).', nullable: true })
  @Column({ type: 'numeric', precision: 7, scale: 3, nullable: true })
  ova!: string | null;

  @Field(() => String, { description: 'Price index PPC in % (Jeugd formula).', nullable: true })
  @Column({ type: 'numeric', precision: 7, scale: 3, nullable: true })
  ppc!: string | null;

  @Field(() => Int, { description: 'Weight of OVA in %.', nullable: true })
  @Column({ name: 'gewicht_ova', type: 'integer', nullable: true })
  gewichtOva!: number | null;

  @Field(() => Int, { description: 'Weight of PPC in %.', nullable: true })
  @Column({ name: 'gewicht_ppc', type: 'integer', nullable: true })
  gewichtPpc!: number | null;

  /** The effective percentage applied, in units of 0.00001 %. */
  @Column({ name: 'effectief_e5', type: 'integer' })
  effectiefE5!: number;

  @Field(() => Int, { description: 'Tariff versions written.' })
  @Column({ name: 'aantal_tarieven', type: 'integer' })
  aantalTarieven!: number;

  @Field(() => String, { description: 'Who ran it.' })
  @Column({ name: 'uitgevoerd_door', type: 'varchar', length: 200 })
  uitgevoerdDoor!: string;

  @Field(() => Date, { description: 'When it ran.' })
  @CreateDateColumn({ name: 'uitgevoerd_op', type: 'timestamptz' })
  uitgevoerdOp!: Date;
}
