import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A start or stop is checked against the earlier deliveries of the same client at the same
 * provider: without this index that read scanned all of the provider's deliveries in the
 * municipality, so each message cost more as the table grew.
 */
export class LeveringPerClient1796066109736 implements MigrationInterface {
  name = 'LeveringPerClient1796066109736';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_levering_client" ON "levering" ("client_hash", "aanbieder_agb", "gemeente_code")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_levering_client"`);
  }
}
