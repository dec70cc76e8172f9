import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deliveries' index by allocation leads with the allocation number instead of provider and
 * municipality. Led by provider and municipality it also matched the worker's probe for one
 * client's deliveries (provider, municipality, client hash) without reaching the client: while the
 * statistics were older than a provider's thousands of deliveries, the planner chose it, and each
 * probe walked all of that provider's deliveries in the municipality (the bench: 100 ms a batch,
 * growing with the table). The probe now has only indexes that descend to the client.
 */
export class LeveringIndexOpToewijzing1796930000000 implements MigrationInterface {
  name = 'LeveringIndexOpToewijzing1796930000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_levering_sleutel"`);
    await q.query(`CREATE INDEX "ix_levering_toewijzing" ON "levering" ("toewijzing_nummer", "aanbieder_agb", "gemeente_code", "begindatum") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_levering_toewijzing"`);
    await q.query(`CREATE INDEX "ix_levering_sleutel" ON "levering" ("aanbieder_agb", "gemeente_code", "toewijzing_nummer", "begindatum") `);
  }
}
