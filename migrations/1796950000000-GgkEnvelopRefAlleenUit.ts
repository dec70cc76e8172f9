import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index on referentienummer alone serves only lookups of the hub's own envelopes (a Fo01's or
 * a Du01's crossRefnummer names one; every such query says richting = 'uit'). A received envelope
 * is found by its sender's unique key, so it no longer adds an entry here: one random-key index
 * insert less for every envelope the GGk door records.
 */
export class GgkEnvelopRefAlleenUit1796950000000 implements MigrationInterface {
  name = 'GgkEnvelopRefAlleenUit1796950000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_ggk_envelop_ref"`);
    await q.query(`CREATE INDEX "ix_ggk_envelop_ref" ON "ggk_envelop" ("referentienummer") WHERE richting = 'uit'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_ggk_envelop_ref"`);
    await q.query(`CREATE INDEX "ix_ggk_envelop_ref" ON "ggk_envelop" ("referentienummer") `);
  }
}
