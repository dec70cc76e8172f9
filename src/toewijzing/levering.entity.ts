import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One accepted start (JW305) or stop (JW307) delivery, keyed as the standard keys them
 * (ToewijzingNummer + Product + Begindatum, and for a stop RedenBeeindiging + Einddatum).
 * A delete (StatusAanlevering 3) marks the delivery it deletes as `verwijderd`; the start/stop
 * state of a toewijzing is derived from the deliveries that are not.
 */
@Entity('levering')
// By allocation number first: an index that led with provider and municipality would serve a
// client's probe (src/toewijzing/berichten/levering.ts) without reaching the client, and with
// stale statistics the planner takes it (test/levering-plan.test.ts).
@Index('ix_levering_toewijzing', ['toewijzingNummer', 'aanbiederAgb', 'gemeenteCode', 'begindatum'])
@Index('ix_levering_client', ['clientHash', 'aanbiederAgb', 'gemeenteCode'])
// Two live deliveries with the same key can never both exist (hand-written: NULLS NOT DISTINCT).
@Index('uq_levering_levend', { synchronize: false })
@Check('ck_levering_soort', `soort IN ('start', 'stop')`)
export class LeveringEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 5 })
  soort!: 'start' | 'stop';

  @Column({ name: 'aanbieder_agb', type: 'char', length: 8 })
  aanbiederAgb!: string;

  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20, nullable: true })
  regioCode!: string | null;

  /** Empty for a taakgericht start/stop, which has no toewijzing (IV096). */
  @Column({ name: 'toewijzing_nummer', type: 'integer', nullable: true })
  toewijzingNummer!: number | null;

  @Column({ name: 'client_hash', type: 'char', length: 64 })
  clientHash!: string;

  @Column({ name: 'product_categorie', type: 'char', length: 2, nullable: true })
  productCategorie!: string | null;

  @Column({ name: 'product_code', type: 'varchar', length: 5, nullable: true })
  productCode!: string | null;

  @Column({ type: 'date' })
  begindatum!: string;

  @Column({ type: 'date', nullable: true })
  einddatum!: string | null;

  @Column({ name: 'reden_beeindiging', type: 'char', length: 2, nullable: true })
  redenBeeindiging!: string | null;

  @Column({ type: 'boolean', default: false })
  verwijderd!: boolean;

  @Column({ name: 'bericht_id', type: 'uuid' })
  berichtId!: string;

  /** Receipt order of its message (bericht.volgnummer): the order the start/stop history is read in. */
  @Column({ type: 'bigint', nullable: true })
  volgnummer!: string | null;

  @CreateDateColumn({ name: 'ontvangen_op', type: 'timestamptz' })
  ontvangenOp!: Date;
}
