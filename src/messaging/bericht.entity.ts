import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One iJw message, inbound or outbound. The XML is stored encrypted (it carries a BSN); the
 * parties are kept in the clear for routing and row-level security. A replay of the same bytes
 * hits the unique content key; a different message reusing an Identificatie is stored and
 * answered with retour code 9056.
 */
@Entity('bericht')
@Index('uq_bericht_inhoud', ['afzender', 'type', 'identificatie', 'inhoudHash'], { unique: true })
@Index('ix_bericht_identificatie', ['afzender', 'type', 'identificatie'])
@Index('uq_bericht_retour_op', ['heenId'], { unique: true, where: 'heen_id IS NOT NULL' })
@Index('ix_bericht_aanbieder', ['aanbiederAgb', 'ontvangenOp'])
@Index('ix_bericht_gemeente', ['gemeenteCode', 'ontvangenOp'])
@Check('ck_bericht_richting', `richting IN ('in', 'uit')`)
export class BerichtEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** 'in': received by the hub; 'uit': written by the hub (retours, allocations, answers). */
  @Column({ type: 'varchar', length: 3 })
  richting!: 'in' | 'uit';

  /** JW301 … JW325. */
  @Column({ type: 'varchar', length: 5 })
  type!: string;

  @Column({ type: 'varchar', length: 8 })
  afzender!: string;

  @Column({ type: 'varchar', length: 8 })
  ontvanger!: string;

  /** BerichtIdentificatie/Identificatie. */
  @Column({ type: 'varchar', length: 12 })
  identificatie!: string;

  @Column({ type: 'date', nullable: true })
  dagtekening!: string | null;

  /** SHA-256 of the bytes: tells a replay from another message with the same Identificatie. */
  @Column({ name: 'inhoud_hash', type: 'char', length: 64 })
  inhoudHash!: string;

  /** Region of the municipality party, when the municipality is known. */
  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  /** The provider party (AGB) and municipality party (CBS code) of the message. */
  @Column({ name: 'aanbieder_agb', type: 'varchar', length: 8 })
  aanbiederAgb!: string;

  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  /** ontvangen → verwerkt | ongeldig (inbound); klaar → afgeleverd | mislukt (outbound). */
  @Column({ type: 'varchar', length: 12 })
  status!: string;

  /** AES-256-GCM: iv (12) + tag (16) + ciphertext. */
  @Column({ name: 'xml_versleuteld', type: 'bytea' })
  xmlVersleuteld!: Buffer;

  @Column({ name: 'grootte', type: 'integer' })
  grootte!: number;

  /** For a retour: the message it answers. */
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

  @CreateDateColumn({ name: 'ontvangen_op', type: 'timestamptz' })
  ontvangenOp!: Date;

  @Column({ name: 'verwerkt_op', type: 'timestamptz', nullable: true })
  verwerktOp!: Date | null;
}
