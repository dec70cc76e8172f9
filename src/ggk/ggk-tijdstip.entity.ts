import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last tijdstipBericht of each sending system (organisatie + applicatie): received ones must
 * rise strictly (StUF019), and the hub's own are handed out above the last one, persisted, so a
 * restart or a clock set back cannot make them go back.
 */
@Entity('ggk_tijdstip')
export class GgkTijdstipEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'PK_ggk_tijdstip' })
  organisatie!: string;

  @PrimaryColumn({ type: 'varchar', length: 50, primaryKeyConstraintName: 'PK_ggk_tijdstip' })
  applicatie!: string;

  /** 17 digits (yyyymmddhhmmssmmm): shorter received values are compared padded with zeros. */
  @Column({ type: 'char', length: 17 })
  laatste!: string;
}
