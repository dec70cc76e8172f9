import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads that grew with the table: a claim's prestaties looked up by ReferentieNummer (the unique
 * index is partial, so a query without its predicate cannot use it), and the open requests of a
 * client at a provider (TR374).
 */
export class OpzoekIndexen1796066347191 implements MigrationInterface {
  name = 'OpzoekIndexen1796066347191';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_prestatie_referentie" ON "prestatie" ("aanbieder_agb", "referentie_nummer")`);
    await q.query(`CREATE INDEX "ix_verzoek_client" ON "verzoek" ("client_hash", "aanbieder_agb")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_verzoek_client"`);
    await q.query(`DROP INDEX "public"."ix_prestatie_referentie"`);
  }
}
