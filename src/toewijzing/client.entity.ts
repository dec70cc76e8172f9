import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A client (jeugdige). The BSN is stored encrypted and found by a keyed hash, so neither a
 * database dump nor an index reveals it; name and birth date travel in the same encrypted blob.
 * A municipality's client record is its own: one per municipality and BSN, never looked up
 * across municipalities (see `registreerClient`).
 */
@Entity('client')
@Index('uq_client_gemeente_bsn', ['gemeenteCode', 'bsnHash'], { unique: true })
@Index('ix_client_gemeente', ['gemeenteCode'])
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** HMAC-SHA-256 of the BSN under the hub's key. */
  @Column({ name: 'bsn_hash', type: 'char', length: 64 })
  bsnHash!: string;

  /** AES-256-GCM of the JSON { bsn, geboortedatum, geslacht, achternaam, … }. */
  @Column({ name: 'gegevens_versleuteld', type: 'bytea' })
  gegevensVersleuteld!: Buffer;

  @Column({ name: 'gemeente_code', type: 'varchar', length: 4 })
  gemeenteCode!: string;

  @Column({ name: 'regio_code', type: 'varchar', length: 20 })
  regioCode!: string;

  @CreateDateColumn({ name: 'aangemaakt_op', type: 'timestamptz' })
  aangemaaktOp!: Date;
}
