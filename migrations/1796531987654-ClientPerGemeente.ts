import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A municipality's client record is its own: unique per municipality and keyed BSN hash, so two
 * municipalities each keep a record of the same child and none finds the other's. The row-level
 * security on client (ToewijzingenBeveiliging) already limits reading and writing to the
 * record's own municipality and region; it needs no change.
 */
export class ClientPerGemeente1796531987654 implements MigrationInterface {
  name = 'ClientPerGemeente1796531987654';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_client_bsn"`);
    await q.query(`CREATE UNIQUE INDEX "uq_client_gemeente_bsn" ON "client" ("gemeente_code", "bsn_hash")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Fails while two municipalities hold a record of the same BSN, which the old key forbade.
    await q.query(`DROP INDEX "public"."uq_client_gemeente_bsn"`);
    await q.query(`CREATE UNIQUE INDEX "uq_client_bsn" ON "client" ("bsn_hash")`);
  }
}
