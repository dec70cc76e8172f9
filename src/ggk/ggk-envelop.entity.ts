import { Field, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where an envelope is: received and stored; to send → sent (Bv03) | refused (Fo03 or Fo01) |
 * to send again unchanged (Fo01 IB103, `opnieuw`, back to `klaar` when it goes) | replaced by a new envelope.
 */
export type EnvelopStatus = 'ontvangen' | 'klaar' | 'verzonden' | 'fout' | 'opnieuw' | 'vervangen';
export const ENVELOP_STATUSSEN: readonly EnvelopStatus[] = ['ontvangen', 'klaar', 'verzonden', 'fout', 'opnieuw', 'vervangen'];

/**
 * One StUF-GGk envelope the hub received (Di01, Du01, Fo01) or sends (Di01, Du01), with its
 * stuurgegevens. (zender, referentienummer) is unique: a repeat is found by that key, and an
 * outgoing envelope is stored before its first attempt, so every resend carries the same
 * referentienummer and tijdstipBericht.
 */
@ObjectType('Ketenenvelop', { description: 'A StUF-GGk envelope (Di01, Du01, Fo01) that carried an iJw message through the GGk, or a fault about it.' })
@Entity('ggk_envelop')
@Index('uq_ggk_envelop_zender_ref', ['zenderOrganisatie', 'zenderApplicatie', 'referentienummer'], { unique: true })
@Index('ix_ggk_envelop_bericht', ['berichtId'])
// Not partial (richting = 'uit'): without statistics the planner walked such a small index for a
// delivery's lookup by bericht_id instead of uq_ggk_envelop_uit (test/ggk-plan.test.ts).
@Index('ix_ggk_envelop_ref', ['referentienummer'])
// One current outgoing envelope per message: a replaced one makes room for its successor.
@Index('uq_ggk_envelop_uit', ['berichtId'], { unique: true, where: "richting = 'uit' AND status <> 'vervangen'" })
@Check('ck_ggk_envelop_richting', `richting IN ('in', 'uit')`)
@Check('ck_ggk_envelop_status', `status IN (${ENVELOP_STATUSSEN.map((s) => `'${s}'`).join(', ')})`)
export class GgkEnvelopEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_ggk_envelop' })
  id!: string;

  @Field(() => String, { description: "'in': received from the GGk; 'uit': sent by the hub." })
  @Column({ type: 'varchar', length: 3 })
  richting!: 'in' | 'uit';

  @Field(() => String, { description: 'StUF berichtcode: Di01, Du01 or Fo01.' })
  @Column({ type: 'varchar', length: 4 })
  berichtcode!: string;

  @Field(() => String, { description: 'stuurgegevens/zender/organisatie (CBS code, AGB code or a fixed party such as IB).' })
  @Column({ name: 'zender_organisatie', type: 'varchar', length: 200 })
  zenderOrganisatie!: string;

  @Field(() => String, { description: 'stuurgegevens/zender/applicatie.' })
  @Column({ name: 'zender_applicatie', type: 'varchar', length: 50 })
  zenderApplicatie!: string;

  @Field(() => String, { description: 'stuurgegevens/ontvanger/organisatie.' })
  @Column({ name: 'ontvanger_organisatie', type: 'varchar', length: 200 })
  ontvangerOrganisatie!: string;

  @Field(() => String, { description: 'stuurgegevens/referentienummer (UUID v4).' })
  @Column({ type: 'varchar', length: 40 })
  referentienummer!: string;

  @Field(() => String, { description: 'stuurgegevens/tijdstipBericht (yyyymmddhhmmss plus milliseconds).' })
  @Column({ name: 'tijdstip_bericht', type: 'varchar', length: 17 })
  tijdstipBericht!: string;

  @Field(() => String, { nullable: true, description: 'stuurgegevens/crossRefnummer: for a Du01 the Di01 it answers, for a Fo01 the envelope it concerns.' })
  @Column({ name: 'cross_refnummer', type: 'varchar', length: 40, nullable: true })
  crossRefnummer!: string | null;

  @Field(() => String, { nullable: true, description: 'stuurgegevens/functie: the iJw message type carried.' })
  @Column({ type: 'varchar', length: 30, nullable: true })
  functie!: string | null;

  /** The iJw message carried (Di01/Du01), or the message a Fo01 concerns. */
  @Column({ name: 'bericht_id', type: 'uuid', nullable: true })
  berichtId!: string | null;

  /** Received: SHA-256 of the body element, which tells an identical repeat from other content. */
  @Column({ name: 'inhoud_hash', type: 'char', length: 64, nullable: true })
  inhoudHash!: string | null;

  /** Received: the Bv03 given, repeated as it was for an identical repeat. */
  @Column({ type: 'text', nullable: true })
  antwoord!: string | null;

  @Field(() => String, { description: 'ontvangen; to send: klaar → verzonden (Bv03) | fout (Fo03 or a Fo01) | opnieuw (Fo01 IB103: the same envelope goes again) | vervangen (resent as a new envelope).' })
  @Column({ type: 'varchar', length: 10 })
  status!: EnvelopStatus;

  @Field(() => String, { nullable: true, description: 'Fo03/Fo01 body/code (StUF, IB, RIN or VECOZO code) when refused.' })
  @Column({ type: 'varchar', length: 7, nullable: true })
  foutcode!: string | null;

  @Field(() => String, { nullable: true, description: 'Fo03/Fo01 body/plek: client (the sender must correct it) or server.' })
  @Column({ type: 'varchar', length: 6, nullable: true })
  foutplek!: string | null;

  @Field(() => String, { nullable: true, description: 'Fo03/Fo01 body/omschrijving.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  foutomschrijving!: string | null;

  @Field(() => Date, { description: 'When the hub received or wrote it.' })
  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz', precision: 3 })
  aangemaaktOp!: Date;

  @Field(() => Date, { nullable: true, description: 'Sent: when the GGk confirmed it (Bv03) or refused it.' })
  @Column({ name: 'afgehandeld_op', type: 'timestamptz', nullable: true })
  afgehandeldOp!: Date | null;
}
