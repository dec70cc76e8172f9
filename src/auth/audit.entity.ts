import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only audit trail: who did or read what, when, on whose behalf. Updates and deletes are refused by a trigger. */
@Entity('audit_log')
@Index('ix_audit_regio_tijd', ['regioCode', 'tijdstip'])
@Index('ix_audit_client', ['clientHash'], { where: 'client_hash IS NOT NULL' })
export class AuditEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  tijdstip!: Date;

  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  /** Token subject of the actor. */
  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ type: 'varchar', length: 20 })
  rol!: string;

  @Column({ type: 'varchar', length: 60 })
  actie!: string;

  @Column({ type: 'varchar', length: 60 })
  entiteit!: string;

  @Column({ name: 'entiteit_id', type: 'varchar', length: 100, nullable: true })
  entiteitId!: string | null;

  /**
   * On whose behalf (NEN 7513): the organisation of the transaction's context, set by the database
   * (trigger `audit_log_namens`), never the caller's word: `AGB 12345678`, `gemeente 0796`,
   * `regio NOB`, or `hub` for the hub's own work.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  namens!: string | null;

  /** The client concerned: the keyed hash of its BSN (as `client.bsn_hash`), never the BSN. */
  @Column({ name: 'client_hash', type: 'char', length: 64, nullable: true })
  clientHash!: string | null;

  /** Why (NEN 7513): the purpose the action serves, derived from the action when it is written. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  reden!: string | null;

  /** Non-identifying details; never a BSN. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}
