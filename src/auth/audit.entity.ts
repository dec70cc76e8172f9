import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only audit trail: who did or read what, when, on whose behalf. Updates and deletes are refused by a trigger. */
@Entity('audit_log')
@Index('ix_audit_regio_tijd', ['regioCode', 'tijdstip'])
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

  /** Non-identifying details; never a BSN. */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}
