import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer indexes for a claim's prestaties to feed (a JW323 of 10,000 writes 10,000 rows at once):
 * - ix_prestatie_referentie copied uq_prestatie_referentie without its predicate; the lookup of a
 *   reference's owner now carries the predicate (a prestatie rejected 8021 owns no reference), so
 *   the unique index serves it.
 * - ix_prestatie_vorige only holds credits: every query on vorig_referentie_nummer compares it
 *   with a value, and most prestaties are debits without one.
 * The rest stay, each for its queries: uq_prestatie_referentie (uniqueness, a reference's owner
 * in judging), ix_prestatie_declaratie (a claim's prestaties: back office, settlement, a
 * municipality's own JW325), ix_prestatie_toewijzing (totals and open debits per toewijzing in
 * judging), ix_prestatie_contract (budget ceilings in judging, the ceiling overview and the
 * quarterly report).
 */
export class PrestatieIndexen1796710000000 implements MigrationInterface {
  name = 'PrestatieIndexen1796710000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_prestatie_referentie"`);
    await q.query(`DROP INDEX "public"."ix_prestatie_vorige"`);
    await q.query(`CREATE INDEX "ix_prestatie_vorige" ON "prestatie" ("aanbieder_agb", "vorig_referentie_nummer") WHERE vorig_referentie_nummer IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_prestatie_vorige"`);
    await q.query(`CREATE INDEX "ix_prestatie_vorige" ON "prestatie" ("aanbieder_agb", "vorig_referentie_nummer")`);
    await q.query(`CREATE INDEX "ix_prestatie_referentie" ON "prestatie" ("aanbieder_agb", "referentie_nummer")`);
  }
}
