import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../graphql/node';
import { VECOZO_STATUSSEN, type VecozoBerichtStatus } from './vecozo.types';

/**
 * One iJw message of a portal provider that travels through VECOZO: written in the portal and
 * pushed (`uit`), or pulled from VECOZO for it (`in`). These are the provider's own messages, as
 * its software would keep them: not the hub's `bericht` (the municipality's side of the chain,
 * which may receive the same bytes again through the GGk).
 *
 * A pushed message gets its `traceerId` when it is stored, before the first attempt, so every
 * retry sends the same one; a pulled message is stored once per `traceerId` (unique key), which
 * is what lets a pull that died before its DELETE run again without a double.
 */
@ObjectType('VecozoBericht', { implements: Node, description: 'An iJw message of a portal provider through VECOZO: written in the portal and pushed (uit), or pulled for it (in).' })
@Entity('vecozo_bericht')
@Index('uq_vecozo_bericht_traceer', ['traceerId'], { unique: true })
@Index('uq_vecozo_bericht_identificatie', ['aanbiederAgb', 'type', 'identificatie'], { unique: true, where: "richting = 'uit'" })
@Index('ix_vecozo_bericht_aanbieder', ['aanbiederAgb', 'aangemaaktOp'])
@Index('ix_vecozo_bericht_te_versturen', ['volgendePoging'], { where: "status = 'te_versturen'" })
@Index('ix_vecozo_bericht_kenmerk', ['afzender', 'type', 'identificatie'])
@Index('ix_vecozo_bericht_antwoord', ['alsAntwoordOp'])
@Index('ix_vecozo_bericht_te_volgen', ['verstuurdOp'], { where: "status = 'verstuurd' AND NOT status_definitief" })
@Check('ck_vecozo_bericht_richting', `richting IN ('in', 'uit')`)
@Check('ck_vecozo_bericht_status', `status IN (${VECOZO_STATUSSEN.map((s) => `'${s}'`).join(', ')})`)
export class VecozoBerichtEntity {
  @Field(() => ID, { description: 'Technical id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => String, { description: "'uit': written in the portal and pushed to VECOZO; 'in': pulled from VECOZO for the provider." })
  @Column({ type: 'varchar', length: 3 })
  richting!: 'in' | 'uit';

  @Field(() => String, { description: 'The portal provider (AGB): sender of what goes out, addressee of what comes in.' })
  @Column({ name: 'aanbieder_agb', type: 'varchar', length: 8 })
  aanbiederAgb!: string;

  @Field(() => String, { nullable: true, description: 'Message type (JW301 … JW325); null for a pulled payload that is no readable iJw message.' })
  @Column({ type: 'varchar', length: 5, nullable: true })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'The municipality party (CBS code): Header Ontvanger of what goes out, Header Afzender of what comes in.' })
  @Column({ name: 'gemeente_code', type: 'varchar', length: 4, nullable: true })
  gemeenteCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Region of the municipality party, when the municipality is known.' })
  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  @Field(() => String, { nullable: true, description: 'BerichtIdentificatie/Identificatie (IdentificatieRetour of a retour).' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  identificatie!: string | null;

  /** Header Afzender (AGB or CBS code): with type, identificatie and dagtekening it names the same iJw message on the municipality's side. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  afzender!: string | null;

  /** BerichtIdentificatie/Dagtekening (DagtekeningRetour of a retour). */
  @Column({ type: 'date', nullable: true })
  dagtekening!: string | null;

  @Field(() => String, { description: 'VECOZO referentiegegevens.traceerId: made by the hub for what goes out (kept over retries), given by VECOZO for what comes in.' })
  @Column({ name: 'traceer_id', type: 'uuid' })
  traceerId!: string;

  @Field(() => String, { description: 'VECOZO referentiegegevens.conversatieId.' })
  @Column({ name: 'conversatie_id', type: 'uuid' })
  conversatieId!: string;

  @Field(() => String, { nullable: true, description: 'VECOZO referentiegegevens.alsAntwoordOp: the traceerId of the message this one answers.' })
  @Column({ name: 'als_antwoord_op', type: 'uuid', nullable: true })
  alsAntwoordOp!: string | null;

  /** AES-256-GCM of the XML (it carries a BSN), as the hub stores every message. */
  @Column({ name: 'xml_versleuteld', type: 'bytea' })
  xmlVersleuteld!: Buffer;

  @Field(() => Int, { description: 'Size of the XML in bytes.' })
  @Column({ type: 'integer' })
  grootte!: number;

  @Field(() => String, { description: 'SHA-256 of the XML (hex); for a pulled message VECOZO’s checksum, verified.' })
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Field(() => String, { description: 'uit: te_versturen → verstuurd | geweigerd (VECOZO answered 400/422: see probleem); in: ontvangen.' })
  @Column({ type: 'varchar', length: 12 })
  status!: VecozoBerichtStatus;

  /** Push attempts made (a failed one is retried with the same traceerId after a backoff). */
  @Field(() => Int, { description: 'Push attempts made.' })
  @Column({ type: 'smallint', default: 0 })
  pogingen!: number;

  /** Not tried again before this moment (backoff after a failure). */
  @Column({ name: 'volgende_poging', type: 'timestamptz', nullable: true })
  volgendePoging!: Date | null;

  /** Claimed by a worker until then: one that dies mid-push leaves it to be claimed again after it. */
  @Column({ name: 'bezig_tot', type: 'timestamptz', nullable: true })
  bezigTot!: Date | null;

  @Field(() => String, { nullable: true, description: 'The last transient push failure (5xx, timeout, connection), retried.' })
  @Column({ name: 'laatste_fout', type: 'text', nullable: true })
  laatsteFout!: string | null;

  /** VECOZO's ValidationProblemDetails of a refused push (400/422), as it answered. */
  @Column({ type: 'jsonb', nullable: true })
  probleem!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'VECOZO berichtstatus (v3: Ontvangen … Bezorgd, AfgekeurdDoorDienst, AanbiedenMislukt, BezorgingAfgebroken) of a pushed message.' })
  @Column({ name: 'vecozo_status', type: 'varchar', length: 40, nullable: true })
  vecozoStatus!: string | null;

  /** Whether `vecozoStatus` is final, so it is no longer followed. */
  @Column({ name: 'status_definitief', type: 'boolean', default: false })
  statusDefinitief!: boolean;

  /** VECOZO's meldingen with the status (code, omschrijving, toelichting). */
  @Column({ type: 'jsonb', nullable: true })
  meldingen!: { code: string; omschrijving: string; toelichting?: string }[] | null;

  @Field(() => Date, { nullable: true, description: 'VECOZO berichtstatusGewijzigdOp of the status shown.' })
  @Column({ name: 'status_gewijzigd_op', type: 'timestamptz', nullable: true })
  statusGewijzigdOp!: Date | null;

  @Field(() => Date, { description: 'When the portal stored it (written, or pulled).' })
  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz', precision: 3 })
  aangemaaktOp!: Date;

  @Field(() => Date, { nullable: true, description: 'When VECOZO accepted the push (204).' })
  @Column({ name: 'verstuurd_op', type: 'timestamptz', nullable: true })
  verstuurdOp!: Date | null;

  /** Of a pulled message: when VECOZO answered its DELETE (receipt confirmed). */
  @Column({ name: 'bevestigd_op', type: 'timestamptz', nullable: true })
  bevestigdOp!: Date | null;

  /** Every VECOZO status the hub saw of a pushed message, in order (berichtstatus, berichtstatusGewijzigdOp). */
  @Column({ type: 'jsonb', nullable: true })
  statusverloop!: { status: string; op: string }[] | null;

  @Field(() => Date, { nullable: true, description: 'Of a pulled message: VECOZO basisgegevens.ontvangenOp.' })
  @Column({ name: 'vecozo_ontvangen_op', type: 'timestamptz', nullable: true })
  vecozoOntvangenOp!: Date | null;
}
