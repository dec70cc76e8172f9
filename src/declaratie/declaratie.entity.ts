import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';
import type { Contractvoorwaarde } from './contractvoorwaarde';

const centen = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

export enum DeclaratieStatus {
  /** Judged and answered with a JW325. */
  beantwoord = 'beantwoord',
  /** Judged; the JW325 waits until the back office releases the claim. */
  aangehouden = 'aangehouden',
  /** Rejected as a whole on the Declaratie class (9333, 8214): treated as not sent. */
  afgewezen = 'afgewezen',
}
registerEnumType(DeclaratieStatus, { name: 'DeclaratieStatus', description: 'Where a claim (JW323) stands.' });

/**
 * One claim (JW323 Declaratie) of a provider to a municipality for one month, with what was
 * claimed and granted. Its prestaties are in `prestatie`; its answer is a JW325.
 */
@ObjectType('Declaratie', { implements: Node, description: 'A claim (JW323) of a provider to a municipality for one month, and its outcome.' })
@Entity('declaratie')
@Index('uq_declaratie_bericht', ['berichtId'], { unique: true })
@Index('uq_declaratie_nummer', ['aanbiederAgb', 'nummer'], { unique: true, where: `status <> 'afgewezen'` })
@Index('ix_declaratie_gemeente_periode', ['gemeenteCode', 'periodeBegin'])
@Index('ix_declaratie_afrekenen', ['regioCode', 'periodeBegin'], { where: 'afrekening_id IS NULL' })
@Check('ck_declaratie_status', `status IN ('beantwoord', 'aangehouden', 'afgewezen')`)
export class DeclaratieEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The JW323 it came in.' })
  @Column({ name: 'bericht_id', type: 'uuid' })
  berichtId!: string;

  @Field(() => String, { nullable: true, description: 'Region of the municipality.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  @Field(() => String, { description: 'The municipality claimed from (CBS code).' })
  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  @Field(() => String, { description: 'The claiming provider (AGB).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'DeclaratieNummer: unique per provider (TR333).' })
  @Column({ type: 'varchar', length: 12 })
  nummer!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day of the DeclaratiePeriode (one calendar month).' })
  @Column({ name: 'periode_begin', type: 'date' })
  periodeBegin!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the DeclaratiePeriode.' })
  @Column({ name: 'periode_eind', type: 'date' })
  periodeEind!: string;

  @Field(() => GraphQLSafeInt, { description: 'TotaalIngediendBedrag in eurocents (debit minus credit).' })
  @Column({ name: 'ingediend_centen', type: 'bigint', transformer: centen })
  ingediendCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'TotaalToegekendBedrag in eurocents.' })
  @Column({ name: 'toegekend_centen', type: 'bigint', transformer: centen })
  toegekendCenten!: number;

  @Field(() => DeclaratieStatus, { description: 'Answered, held for the back office or the municipality\'s own system, or rejected as a whole.' })
  @Column({ type: 'varchar', length: 12 })
  status!: DeclaratieStatus;

  @Field(() => [String], { description: 'Codes on the Declaratie class (8001 fully granted, 0200 partly, or why it was rejected).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  retourcodes!: string[];

  @Field(() => Boolean, { description: 'Held by the back office: not answered yet, or not paid in a settlement run.' })
  @Column({ type: 'boolean', default: false })
  aangehouden!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is held.' })
  @Column({ name: 'aanhoud_reden', type: 'varchar', length: 500, nullable: true })
  aanhoudReden!: string | null;

  @Field(() => ID, { nullable: true, description: 'The JW325 that answered it.' })
  @Column({ name: 'antwoord_id', type: 'uuid', nullable: true })
  antwoordId!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'The JW325 is due on this day (10 working days, OP090x4).' })
  @Column({ type: 'date' })
  uiterlijk!: string;

  @Field(() => Date, { description: 'When the JW323 came in.' })
  @CreateDateColumn({ name: 'ontvangen_op', type: 'timestamptz' })
  ontvangenOp!: Date;

  @Field(() => Date, { nullable: true, description: 'When its JW325 went out (or came in from the municipality\'s own system).' })
  @Column({ name: 'beantwoord_op', type: 'timestamptz', nullable: true })
  beantwoordOp!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The settlement (invoice record) that paid its granted prestaties.' })
  @Column({ name: 'afrekening_id', type: 'uuid', nullable: true })
  afrekeningId!: string | null;
}

/**
 * One prestatie of a claim with the toewijzing, contract and tariff it was matched to and its
 * outcome. Credits are stored with negative granted amounts; a rejected prestatie grants 0.
 */
@ObjectType('Prestatie', { description: 'A prestatie of a claim, matched to its toewijzing, contract and tariff, with its outcome.' })
@Entity('prestatie')
// A ReferentieNummer belongs to the first prestatie that used it; a later one is stored rejected (8021).
@Index('uq_prestatie_referentie', ['aanbiederAgb', 'referentieNummer'], { unique: true, where: `NOT ('8021' = ANY (retourcodes))` })
// Credits only: every query compares vorig_referentie_nummer with a value.
@Index('ix_prestatie_vorige', ['aanbiederAgb', 'vorigReferentieNummer'], { where: 'vorig_referentie_nummer IS NOT NULL' })
// A claim's prestaties page by (referentie_nummer, id): the index reads a page in order.
@Index('ix_prestatie_declaratie', ['declaratieId', 'referentieNummer', 'id'])
@Index('ix_prestatie_toewijzing', ['toewijzingId'])
@Index('ix_prestatie_contract', ['contractId', 'periodeBegin'])
@Check('ck_prestatie_dc', `debet_credit IN ('D', 'C')`)
export class PrestatieEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The claim it came in.' })
  @Column({ name: 'declaratie_id', type: 'uuid' })
  declaratieId!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  @Field(() => String, { description: 'The municipality claimed from (CBS code).' })
  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  @Field(() => String, { description: 'The claiming provider (AGB code).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Column({ name: 'client_hash', type: 'char', length: 64 })
  clientHash!: string;

  @Field(() => GraphQLLocalDate, { description: 'The month of the claim it came in (for settlement).' })
  @Column({ name: 'declaratie_periode', type: 'date' })
  declaratiePeriode!: string;

  @Field(() => String, { description: 'ReferentieNummer: unique per provider (TR314).' })
  @Column({ name: 'referentie_nummer', type: 'varchar', length: 20 })
  referentieNummer!: string;

  @Field(() => String, { nullable: true, description: 'For a credit: the debit it credits.' })
  @Column({ name: 'vorig_referentie_nummer', type: 'varchar', length: 20, nullable: true })
  vorigReferentieNummer!: string | null;

  @Field(() => String, { description: 'D (debit) or C (credit).' })
  @Column({ name: 'debet_credit', type: 'char', length: 1 })
  debetCredit!: string;

  @Field(() => Int, { description: 'iJw ToewijzingNummer as claimed.' })
  @Column({ name: 'toewijzing_nummer', type: 'integer' })
  toewijzingNummer!: number;

  @Field(() => ID, { nullable: true, description: 'The toewijzing it was matched to (TR338).' })
  @Column({ name: 'toewijzing_id', type: 'uuid', nullable: true })
  toewijzingId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The contract whose tariff applies.' })
  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The contract tariff valid in the product period.' })
  @Column({ name: 'tarief_id', type: 'uuid', nullable: true })
  tariefId!: string | null;

  @Field(() => Int, { nullable: true, description: 'The contract tariff in eurocents per contract unit.' })
  @Column({ name: 'contract_tarief_centen', type: 'integer', nullable: true })
  contractTariefCenten!: number | null;

  @Field(() => String, { description: 'iJw ProductCategorie as claimed.' })
  @Column({ name: 'product_categorie', type: 'char', length: 2 })
  productCategorie!: string;

  @Field(() => String, { description: 'iJw ProductCode as claimed.' })
  @Column({ name: 'product_code', type: 'varchar', length: 5 })
  productCode!: string;

  @Field(() => GraphQLLocalDate, { description: 'iJw ProductPeriode Begindatum.' })
  @Column({ name: 'periode_begin', type: 'date' })
  periodeBegin!: string;

  @Field(() => GraphQLLocalDate, { description: 'iJw ProductPeriode Einddatum.' })
  @Column({ name: 'periode_eind', type: 'date' })
  periodeEind!: string;

  @Field(() => Int, { description: 'GeleverdVolume.' })
  @Column({ type: 'integer' })
  volume!: number;

  @Field(() => String, { description: 'iJw Eenheid (WJ756) as claimed.' })
  @Column({ type: 'char', length: 2 })
  eenheid!: string;

  @Field(() => Int, { nullable: true, description: 'ProductTarief as claimed, in eurocents.' })
  @Column({ name: 'tarief_centen', type: 'integer', nullable: true })
  tariefCenten!: number | null;

  @Field(() => GraphQLSafeInt, { description: 'IngediendBedrag in eurocents (negative for a credit).' })
  @Column({ name: 'ingediend_centen', type: 'bigint', transformer: centen })
  ingediendCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Granted in eurocents (negative for a credit; 0 when rejected).' })
  @Column({ name: 'toegekend_centen', type: 'bigint', transformer: centen })
  toegekendCenten!: number;

  @Field(() => Boolean, { description: 'Granted (true) or rejected with codes.' })
  @Column({ type: 'boolean' })
  toegekend!: boolean;

  @Field(() => [String], { description: 'Retour codes of a rejected prestatie (empty when granted).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  retourcodes!: string[];

  @Field(() => Boolean, { description: 'Granted although it exceeds the contract\'s budget ceiling (policy: alert).' })
  @Column({ name: 'boven_plafond', type: 'boolean', default: false })
  bovenPlafond!: boolean;

  /** The contract conditions behind its rejection or flag, as judged (GraphQL: Prestatieafstemming.contractvoorwaarden). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  contractvoorwaarden!: Contractvoorwaarde[];
}

/**
 * The monthly settlement of granted prestaties of one provider with one municipality: an
 * invoice record. A claim is one provider, one municipality, one month: claims are settled whole. A later run for the same month settles what came in after it (volgnummer 2, …).
 */
@ObjectType('Afrekening', { description: 'A monthly settlement (invoice record) of granted prestaties of one provider with one municipality.' })
@Entity('afrekening')
@Index('uq_afrekening', ['gemeenteCode', 'aanbiederAgb', 'maand', 'volgnummer'], { unique: true })
export class AfrekeningEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: 'Region of the municipality.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @Field(() => String, { description: 'The municipality that pays (CBS code).' })
  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  @Field(() => String, { description: 'The provider paid (AGB code).' })
  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Field(() => GraphQLLocalDate, { description: 'The DeclaratiePeriode settled (first day of the month).' })
  @Column({ type: 'date' })
  maand!: string;

  @Field(() => Int, { description: '1 for the first run of the month; later runs settle what came in since.' })
  @Column({ type: 'integer' })
  volgnummer!: number;

  @Field(() => String, { description: 'Invoice number: region, month, municipality, provider and sequence.' })
  @Column({ type: 'varchar', length: 60 })
  factuurnummer!: string;

  @Field(() => Int, { description: 'Granted prestaties settled.' })
  @Column({ name: 'aantal_prestaties', type: 'integer' })
  aantalPrestaties!: number;

  @Field(() => GraphQLSafeInt, { description: 'Granted total in eurocents (debits minus credits).' })
  @Column({ name: 'bedrag_centen', type: 'bigint', transformer: centen })
  bedragCenten!: number;

  @Field(() => Date, { description: 'When the run made it.' })
  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;
}
