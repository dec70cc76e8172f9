import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Undoes 1796950000000. With the index on referentienummer limited to richting = 'uit', the
 * planner, without statistics on ggk_envelop (a new table, or autovacuum behind), chose to walk
 * that whole small index for a delivery's lookup of a message's current envelope by bericht_id
 * instead of uq_ggk_envelop_uit: 1.3 ms per Du01 and growing with the table, where the unique
 * index finds it at once (measured in the bench: Du01 delivery 186 against 294 msg/s). The one
 * random-key insert it saved per received envelope is not worth that trap.
 */
export class GgkEnvelopRefWeerVolledig1796960000000 implements MigrationInterface {
  name = 'GgkEnvelopRefWeerVolledig1796960000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_ggk_envelop_ref"`);
    await q.query(`CREATE INDEX "ix_ggk_envelop_ref" ON "ggk_envelop" ("referentienummer") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_ggk_envelop_ref"`);
    await q.query(`CREATE INDEX "ix_ggk_envelop_ref" ON "ggk_envelop" ("referentienummer") WHERE richting = 'uit'`);
  }
}
