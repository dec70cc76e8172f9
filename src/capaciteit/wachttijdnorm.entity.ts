import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Which interval a waiting-time norm bounds. */
export enum NormSoort {
  /** Request received (JW315), or for a direct allocation the toewijzingsdatum, to start of care (JW305). */
  aanmelding_tot_start = 'aanmelding_tot_start',
  /** Request received (JW315) to the allocation answering it (JW301): first contact. */
  aanmelding_tot_toewijzing = 'aanmelding_tot_toewijzing',
}
registerEnumType(NormSoort, {
  name: 'NormSoort',
  description: 'The interval a waiting-time norm bounds.',
  valuesConfig: {
    aanmelding_tot_start: { description: 'Request received (JW315) or, without a request, Toewijzingsdatum, to Begindatum of the start (JW305).' },
    aanmelding_tot_toewijzing: { description: 'Request received (JW315) to the allocation answering it (JW301).' },
  },
});

/**
 * A region's waiting-time norm: at most `max_dagen` days for one interval, for all products or
 * for one product category (a category norm wins over the general one). Crisis help within 24
 * hours is category 46 with 1 day: the messages carry dates, not times.
 */
@ObjectType('Wachttijdnorm', { description: 'A waiting-time norm of a region, for all products or one iJw Productcategorie.' })
@Entity('wachttijdnorm')
@Index('uq_wachttijdnorm_algemeen', ['regioCode', 'soort'], { unique: true, where: 'product_categorie IS NULL' })
@Index('uq_wachttijdnorm_categorie', ['regioCode', 'soort', 'productCategorie'], { unique: true, where: 'product_categorie IS NOT NULL' })
@Check('ck_wachttijdnorm_soort', `soort IN ('aanmelding_tot_start', 'aanmelding_tot_toewijzing')`)
@Check('ck_wachttijdnorm_dagen', `max_dagen >= 0`)
export class WachttijdnormEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'The region the norm holds for.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => NormSoort, { description: 'The interval it bounds.' })
  @Column({ type: 'varchar', length: 30 })
  soort!: NormSoort;

  @Field(() => String, { nullable: true, description: 'iJw Productcategorie it holds for (empty: every category without its own norm).' })
  @Column({ name: 'product_categorie', type: 'char', length: 2, nullable: true })
  productCategorie!: string | null;

  @Field(() => Int, { description: 'Maximum in calendar days (9 weeks = 63; 24 hours = 1).' })
  @Column({ name: 'max_dagen', type: 'integer' })
  maxDagen!: number;

  @Field(() => Date, { description: 'Last change.' })
  @UpdateDateColumn({ name: 'gewijzigd_op', type: 'timestamptz' })
  gewijzigdOp!: Date;
}
