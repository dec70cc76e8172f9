import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox of deliveries: written in the same transaction as the message it concerns; the relay
 * turns each row into a BullMQ job whose id is this row's id, so a relay crash can never make
 * two jobs of one row.
 */
@Entity('outbox')
@Index('ix_outbox_open', ['id'], { where: 'doorgezet_op IS NULL' })
@Index('ix_outbox_onafgehandeld', ['doorgezetOp'], { where: 'afgehandeld_op IS NULL' })
// A job marks its own row finished by message id: without this it scanned every open row.
@Index('ix_outbox_bericht_open', ['berichtId'], { where: 'afgehandeld_op IS NULL' })
// The relay's look for held rows during and after a freeze window (src/messaging/verzendstop).
@Index('ix_outbox_vastgehouden', ['berichtId'], { where: 'vastgehouden_op IS NOT NULL AND afgehandeld_op IS NULL' })
@Check('ck_outbox_soort', `(soort = 'bezorg' AND bericht_id IS NOT NULL) OR (soort = 'budgetsignaal' AND budgetsignaal_id IS NOT NULL)`)
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  /**
   * bezorg: deliver an outbound message (an inbound one waits as `bericht.status = 'ontvangen'`);
   * budgetsignaal: deliver a budget alert to its region's endpoint.
   */
  @Column({ type: 'varchar', length: 13 })
  soort!: 'bezorg' | 'budgetsignaal';

  @Column({ name: 'bericht_id', type: 'uuid', nullable: true })
  berichtId!: string | null;

  /** The budget alert to deliver (soort budgetsignaal). */
  @Column({ name: 'budgetsignaal_id', type: 'uuid', nullable: true })
  budgetsignaalId!: string | null;

  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;

  /** When the relay handed it to the queue. */
  @Column({ name: 'doorgezet_op', type: 'timestamptz', nullable: true })
  doorgezetOp!: Date | null;

  /** When its job finished (processed, or delivered / made available), set in the job's own transaction. */
  @Column({ name: 'afgehandeld_op', type: 'timestamptz', nullable: true })
  afgehandeldOp!: Date | null;

  /**
   * Held by a freeze window (src/messaging/verzendstop): set when the relay held it back or its job
   * found the channel frozen; the relay hands it over after the window, one at a time per sending system, oldest first.
   */
  @Column({ name: 'vastgehouden_op', type: 'timestamptz', nullable: true })
  vastgehoudenOp!: Date | null;

  /** How often it was handed back by a job that found its channel frozen: part of its job id, so each round is a new job. */
  @Column({ type: 'int', default: 0 })
  ronde!: number;
}
