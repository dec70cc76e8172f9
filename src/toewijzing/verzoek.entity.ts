import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';

export enum VerzoekStatus {
  open = 'open',
  in_onderzoek = 'in_onderzoek',
  toegewezen = 'toegewezen',
  afgewezen = 'afgewezen',
}
registerEnumType(VerzoekStatus, { name: 'VerzoekStatus', description: 'Where a request (JW315 product or JW317) stands.' });

export enum VerzoekSoort {
  /** A requested product of a JW315 (verzoek om toewijzing, VOT). */
  toewijzing = 'toewijzing',
  /** A JW317 (verzoek om wijziging, VOW): the whole desired package, granted whole or not at all. */
  wijziging = 'wijziging',
}
registerEnumType(VerzoekSoort, { name: 'VerzoekSoort', description: 'A request for a toewijzing (JW315, VOT) or for a change (JW317, VOW).' });

/** A current toewijzing the JW317 asks to change from GewensteIngangsdatum (TeWijzigenProduct). */
@ObjectType('TeWijzigenProduct', { description: 'JW317 TeWijzigenProduct: the desired Einddatum, Omvang and Budget of a current toewijzing from GewensteIngangsdatum.' })
export class TeWijzigenProduct {
  @Field(() => Int, { description: 'ToewijzingNummer of the toewijzing to change.' })
  toewijzingNummer!: number;

  @Field(() => GraphQLLocalDate, { description: 'GewensteIngangsdatum.' })
  gewensteIngangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Einddatum (empty: open-ended).' })
  einddatum!: string | null;

  @Field(() => Int, { nullable: true, description: 'Omvang: Volume.' })
  volume!: number | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Eenheid (WJ756).' })
  eenheid!: string | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Frequentie (WMO757).' })
  frequentie!: string | null;

  @Field(() => Int, { nullable: true, description: 'Budget in euro cents.' })
  budget!: number | null;
}

/** A product the JW317 asks for besides the current ones (NieuwProduct). */
@ObjectType('NieuwProduct', { description: 'JW317 NieuwProduct: a product or period to be allocated anew from GewensteIngangsdatum.' })
export class NieuwProduct {
  @Field(() => String, { nullable: true, description: 'Product Categorie (JZ020); empty: generiek.' })
  productCategorie!: string | null;

  @Field(() => String, { nullable: true, description: 'Product Code; empty: aspecifiek.' })
  productCode!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'GewensteIngangsdatum.' })
  gewensteIngangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Einddatum (empty: open-ended).' })
  einddatum!: string | null;

  @Field(() => Int, { nullable: true, description: 'Omvang: Volume.' })
  volume!: number | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Eenheid (WJ756).' })
  eenheid!: string | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Frequentie (WMO757).' })
  frequentie!: string | null;

  @Field(() => Int, { nullable: true, description: 'Budget in euro cents.' })
  budget!: number | null;
}

/** The whole package a JW317 asks for (IV092): every current toewijzing unchanged or to change, plus new products. */
@ObjectType('Wijzigingspakket', { description: 'The desired package of a JW317 (Verzoek): OngewijzigdeProducten, TeWijzigenProducten, NieuweProducten.' })
export class Wijzigingspakket {
  @Field(() => [Int], { description: 'OngewijzigdProduct: ToewijzingNummers to keep as they are.' })
  ongewijzigd!: number[];

  @Field(() => [TeWijzigenProduct], { description: 'TeWijzigenProduct: current toewijzingen to change.' })
  teWijzigen!: TeWijzigenProduct[];

  @Field(() => [NieuwProduct], { description: 'NieuwProduct: products to allocate anew.' })
  nieuw!: NieuwProduct[];
}

/**
 * One requested product of a JW315 (verzoek om toewijzing), or one JW317 (verzoek om wijziging)
 * with its whole desired package: waits in the access team's work list until it is allocated
 * (JW301 with its ReferentieAanbieder) or rejected (JW319), within 5 working days, or 8 weeks
 * once "in onderzoek" (OP274, OP346).
 */
@ObjectType('Verzoek', { implements: Node, description: 'A requested product of a JW315, or a JW317 with its desired package, waiting for a toewijzing or a rejection.' })
@Entity('verzoek')
@Index('uq_verzoek_referentie', ['aanbiederAgb', 'referentieAanbieder'], { unique: true })
@Index('ix_verzoek_werkvoorraad', ['gemeenteCode', 'status'])
@Index('ix_verzoek_client', ['clientHash', 'aanbiederAgb'])
export class VerzoekEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The JW315 it came in.' })
  @Column({ name: 'bericht_id', type: 'uuid' })
  berichtId!: string;

  @Field(() => VerzoekSoort, { description: 'JW315 product (toewijzing) or JW317 (wijziging).' })
  @Column({ type: 'varchar', length: 10, default: VerzoekSoort.toewijzing })
  soort!: VerzoekSoort;

  @Field(() => String, { description: 'Region of the municipality.' })
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

  @Field(() => String, { nullable: true, description: 'iJw Productcategorie of the requested product; empty for a JW317 or generiek.' })
  @Column({ name: 'product_categorie', type: 'char', length: 2, nullable: true })
  productCategorie!: string | null;

  @Field(() => String, { nullable: true, description: 'iJw Productcode of the requested product (empty: aspecifiek).' })
  @Column({ name: 'product_code', type: 'varchar', length: 5, nullable: true })
  productCode!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'ToewijzingIngangsdatum; for a JW317 the earliest GewensteIngangsdatum.' })
  @Column({ type: 'date' })
  ingangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Requested Einddatum (iJw ToewijzingEinddatum); empty: open-ended.' })
  @Column({ type: 'date', nullable: true })
  einddatum!: string | null;

  @Field(() => Int, { nullable: true, description: 'Omvang: Volume.' })
  @Column({ type: 'integer', nullable: true })
  volume!: number | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Eenheid (WJ756).' })
  @Column({ type: 'char', length: 2, nullable: true })
  eenheid!: string | null;

  @Field(() => String, { nullable: true, description: 'Omvang: Frequentie (WMO757).' })
  @Column({ type: 'char', length: 1, nullable: true })
  frequentie!: string | null;

  @Field(() => Int, { nullable: true, description: 'Budget in euro cents.' })
  @Column({ type: 'integer', nullable: true })
  budget!: number | null;

  @Field(() => String, { nullable: true, description: 'Verwijzer Type (COD327); a JW317 has none.' })
  @Column({ name: 'verwijzer_type', type: 'char', length: 2, nullable: true })
  verwijzerType!: string | null;

  @Field(() => String, { nullable: true, description: 'RedenVerzoek (WJ758) of a JW317: 1 cliëntsituatie, 2 zorgplan.' })
  @Column({ name: 'reden_verzoek', type: 'char', length: 1, nullable: true })
  redenVerzoek!: string | null;

  @Field(() => Wijzigingspakket, { nullable: true, description: 'The desired package of a JW317.' })
  @Column({ type: 'jsonb', nullable: true })
  pakket!: Wijzigingspakket | null;

  @Field(() => VerzoekStatus, { description: 'Where the request stands.' })
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

  @Field(() => Date, { description: 'When the request was received.' })
  @CreateDateColumn({ name: 'ontvangen_op', type: 'timestamptz' })
  ontvangenOp!: Date;

  @Field(() => Date, { nullable: true, description: 'When the request was answered (JW301 or JW319).' })
  @Column({ name: 'beantwoord_op', type: 'timestamptz', nullable: true })
  beantwoordOp!: Date | null;
}
