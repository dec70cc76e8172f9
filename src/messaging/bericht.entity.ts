import { GraphQLLocalDate } from 'graphql-scalars';
import { BERICHT_STATUSSEN, type BerichtStatus } from './status';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';

/**
 * One iJw message, inbound or outbound. The XML is stored encrypted (it carries a BSN); the
 * parties are kept in the clear for routing and row-level security. A replay of the same bytes
 * hits the unique content key; a different message reusing an Identificatie is stored and
 * answered with retour code 9056.
 */
@ObjectType('Bericht', { implements: Node, description: 'An iJw message, received by the hub or written by it, with its retour.' })
@Entity('bericht')
@Index('uq_bericht_inhoud', ['afzender', 'type', 'identificatie', 'inhoudHash'], { unique: true })
@Index('ix_bericht_identificatie', ['afzender', 'type', 'identificatie'])
@Index('uq_bericht_retour_op', ['heenId'], { unique: true, where: 'heen_id IS NOT NULL' })
@Index('ix_bericht_aanbieder', ['aanbiederAgb', 'ontvangenOp'])
@Index('ix_bericht_gemeente', ['gemeenteCode', 'ontvangenOp'])
@Index('ix_bericht_volgorde', ['clientSleutel', 'volgnummer'], { where: "status = 'ontvangen' AND client_sleutel IS NOT NULL" })
@Index('ix_bericht_te_verwerken', ['volgnummer'], { where: "status = 'ontvangen' AND richting = 'in'" })
// The mailboxes: what waits for a provider or a municipality, oldest first (the pull's page order).
@Index('ix_bericht_postbus_aanbieder', ['aanbiederAgb', 'ontvangenOp', 'id'], { where: "status = 'beschikbaar'" })
@Index('ix_bericht_postbus_gemeente', ['gemeenteCode', 'ontvangenOp', 'id'], { where: "status = 'beschikbaar'" })
@Check('ck_bericht_richting', `richting IN ('in', 'uit')`)
@Check('ck_bericht_status', `status IN (${BERICHT_STATUSSEN.map((s) => `'${s}'`).join(', ')})`)
export class BerichtEntity {
  @Field(() => ID, { description: 'Technical id (the id of POST /ijw/berichten).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** 'in': received by the hub; 'uit': written by the hub (retours, allocations, answers). */
  @Field(() => String, { description: "'in': received by the hub; 'uit': written by the hub." })
  @Column({ type: 'varchar', length: 3 })
  richting!: 'in' | 'uit';

  /** JW301 … JW325. */
  @Field(() => String, { description: 'Message type, JW301 … JW325.' })
  @Column({ type: 'varchar', length: 5 })
  type!: string;

  @Field(() => String, { description: 'Header Afzender (AGB or CBS code).' })
  @Column({ type: 'varchar', length: 8 })
  afzender!: string;

  @Field(() => String, { description: 'Header Ontvanger (AGB or CBS code).' })
  @Column({ type: 'varchar', length: 8 })
  ontvanger!: string;

  /** BerichtIdentificatie/Identificatie. */
  @Field(() => String, { description: 'BerichtIdentificatie/Identificatie.' })
  @Column({ type: 'varchar', length: 12 })
  identificatie!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'BerichtIdentificatie/Dagtekening.' })
  @Column({ type: 'date', nullable: true })
  dagtekening!: string | null;

  /** SHA-256 of the bytes: tells a replay from another message with the same Identificatie. */
  @Column({ name: 'inhoud_hash', type: 'char', length: 64 })
  inhoudHash!: string;

  /** Region of the municipality party, when the municipality is known. */
  @Field(() => String, { nullable: true, description: 'Region of the municipality party.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  /** The provider party (AGB) and municipality party (CBS code) of the message. */
  @Field(() => String, { description: 'The provider party (AGB).' })
  @Column({ name: 'aanbieder_agb', type: 'varchar', length: 8 })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'The municipality party (CBS code).' })
  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  /**
   * Inbound: ontvangen → verwerkt | ongeldig; a municipality's message to forward: ontvangen →
   * afgekeurd | klaar. To deliver (outbound, or forwarded): klaar → beschikbaar | afgeleverd | mislukt;
   * beschikbaar → opgehaald once the receiver confirmed it pulled it from its mailbox.
   */
  @Field(() => String, { description: 'ontvangen → verwerkt | ongeldig | afgekeurd; to deliver: klaar → beschikbaar | afgeleverd | mislukt; beschikbaar → opgehaald once the receiver confirmed receipt from its mailbox (postbus).' })
  @Column({ type: 'varchar', length: 12 })
  status!: BerichtStatus;

  /** AES-256-GCM: iv (12) + tag (16) + ciphertext. */
  @Column({ name: 'xml_versleuteld', type: 'bytea' })
  xmlVersleuteld!: Buffer;

  @Field(() => Int, { description: 'Size of the message XML in bytes.' })
  @Column({ name: 'grootte', type: 'integer' })
  grootte!: number;

  /** For a retour: the message it answers. */
  @Field(() => ID, { nullable: true, description: 'For a retour or answer: the message it answers.' })
  @Column({ name: 'heen_id', type: 'uuid', nullable: true })
  heenId!: string | null;

  /** For a processed inbound message: its retour. */
  @Column({ name: 'retour_id', type: 'uuid', nullable: true })
  retourId!: string | null;

  /** Retour codes given (all levels), or of this retour. */
  @Column({ name: 'retourcodes', type: 'text', array: true, default: () => "'{}'" })
  retourcodes!: string[];

  /** Structural findings of an invalid message (no retour: a transport error). */
  @Column({ type: 'jsonb', nullable: true })
  fouten!: { path: string; message: string }[] | null;

  /**
   * For a message about one client (JW301, JW305, JW307, JW315, JW317, JW319): the keyed hash
   * of its BSN, read at receipt. A client's messages are judged one at a time in `volgnummer` order.
   */
  @Column({ name: 'client_sleutel', type: 'char', length: 64, nullable: true })
  clientSleutel!: string | null;

  /** Receipt order, given by the inbox in its transaction: a message received later has a higher number. */
  @Column({ type: 'bigint', insert: false, update: false })
  @Generated('increment')
  volgnummer!: string;

  /**
   * Whether the provider party may see it: what it sent itself, and what was released to it
   * (written by the hub, forwarded, or linked as the retour of its message). A municipality's
   * message the hub refused was never sent, so its provider never sees it.
   */
  @Column({ name: 'aanbieder_ziet', type: 'boolean', default: false })
  aanbiederZiet!: boolean;

  /** Processing attempts that failed unexpectedly (not a retour code: an error of the hub). */
  @Column({ type: 'smallint', default: 0 })
  pogingen!: number;
  /** After a failed attempt: not claimed again before this moment (backoff). */
  @Column({ name: 'volgende_poging', type: 'timestamptz', nullable: true })
  volgendePoging!: Date | null;
  /**
   * The request id (X-Request-Id) of the request that stored it, or of the request that caused it
   * (a retour: its message's; a JW301: the `toewijzen` request's). Travels on its delivery.
   */
  @Column({ name: 'verzoek_id', type: 'varchar', length: 64, nullable: true })
  verzoekId!: string | null;

  @Field(() => Date, { description: 'When the hub received or wrote it.' })
  @CreateDateColumn({ name: 'ontvangen_op', type: 'timestamptz', precision: 3 })
  ontvangenOp!: Date;

  @Field(() => Date, { nullable: true, description: 'When the hub processed it.' })
  @Column({ name: 'verwerkt_op', type: 'timestamptz', nullable: true })
  verwerktOp!: Date | null;

  /** When its receiver confirmed it pulled it from its mailbox (status `opgehaald`). */
  @Field(() => Date, { nullable: true, description: 'When its receiver confirmed receipt from its mailbox (postbus); null while it waits there.' })
  @Column({ name: 'opgehaald_op', type: 'timestamptz', nullable: true })
  opgehaaldOp!: Date | null;
}
