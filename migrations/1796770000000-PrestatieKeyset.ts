import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim's prestaties are paged by (referentie_nummer, id) within the claim: ix_prestatie_declaratie
 * takes those columns after declaratie_id, so a page of a claim of 10,000 prestaties reads its rows
 * from the index in order instead of sorting the whole claim for every page. It replaces the
 * index on declaratie_id alone (which it still serves: the settlement, a municipality's own
 * JW325), so a JW323 feeds as many indexes as before.
 */
export class PrestatieKeyset1796770000000 implements MigrationInterface {
  name = 'PrestatieKeyset1796770000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_prestatie_declaratie"`);
    await q.query(`CREATE INDEX "ix_prestatie_declaratie" ON "prestatie" ("declaratie_id", "referentie_nummer", "id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_prestatie_declaratie"`);
    await q.query(`CREATE INDEX "ix_prestatie_declaratie" ON "prestatie" ("declaratie_id")`);
  }
}
