import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum VerzoekStatus {
  open = 'open',
  in_onderzoek = 'in_onderzoek',
  toegewezen = 'toegewezen',
  afgewezen = 'afgewezen',
}
registerEnumType(VerzoekStatus, { name: 'VerzoekStatus', description: 'Where a request for a toewijzing (JW315 product) stands.' });

/**
 * One requested product of a JW315 (verzoek om toewijzing): waits in the access team's work
 * list until it is allocated (JW301 with its ReferentieAanbieder) or rejected (JW319), within
 * 5 working days, or 8 weeks once "in onderzoek" (OP274).
 */
@ObjectType('Verzoek', { description: 'A requested product of a JW315, waiting for a toewijzing or a rejection.' })
@Entity('verzoek')
@Index('uq_verzoek_referentie', ['aanbiederAgb', 'referentieAanbieder'], { unique: true })
@Index('ix_verzoek_werkvoorraad', ['gemeenteCode', 'status'])
export class VerzoekEntity {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The JW315 it came in.' })
  @Column({ name: 'bericht_id', type: 'uuid' })
  berichtId!: string;

  @Field(() => String)
  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  @Field(() => String, { description: 'The municipality asked (CBS code).' })
  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  @Field(() => String, { description: 'The requesting provider (AGB).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'ReferentieAanbieder: unique per provider (TR347).' })
  @Column({ name: 'referentie_aanbieder', type: 'varchar', length: 36 })
  referentieAanbieder!: string;

  @Column({ name: 'client_hash', type: 'char', length: 64 })
  clientHash!: string;

  /** The client as the JW315 gave it (BSN, name, birth date, sex), encrypted. */
  @Column({ name: 'gegevens_versleuteld', type: 'bytea' })
  gegevensVersleuteld!: Buffer;

  @Field(() => String, { nullable: true })
  @Column({ name: 'product_categorie', type: 'char', length: 2, nullable: true })
  productCategorie!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'product_code', type: 'varchar', length: 5, nullable: true })
  productCode!: string | null;

  @Field(() => GraphQLLocalDate)
  @Column({ type: 'date' })
  ingangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  einddatum!: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  volume!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'char', length: 2, nullable: true })
  eenheid!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'char', length: 1, nullable: true })
  frequentie!: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  budget!: number | null;

  @Field(() => String, { description: 'Verwijzer Type (COD327).' })
  @Column({ name: 'verwijzer_type', type: 'char', length: 2 })
  verwijzerType!: string;

  @Field(() => VerzoekStatus)
  @Column({ type: 'varchar', length: 12, default: VerzoekStatus.open })
  status!: VerzoekStatus;

  @Field(() => GraphQLLocalDate, { description: 'Answer due (5 working days, or 8 weeks once in onderzoek).' })
  @Column({ name: 'uiterlijk', type: 'date' })
  uiterlijk!: string;

  @Field(() => String, { nullable: true, description: 'RedenAfwijzingVerzoek (WJ759) when rejected.' })
  @Column({ name: 'reden_afwijzing', type: 'char', length: 1, nullable: true })
  redenAfwijzing!: string | null;

  @Field(() => ID, { nullable: true, description: 'The toewijzing that honoured it.' })
  @Column({ name: 'toewijzing_id', type: 'uuid', nullable: true })
  toewijzingId!: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: 'ontvangen_op', type: 'timestamptz' })
  ontvangenOp!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'beantwoord_op', type: 'timestamptz', nullable: true })
  beantwoordOp!: Date | null;
}
