import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker claims received messages in batches straight from `bericht` (`FOR UPDATE SKIP
 * LOCKED` in receipt order), so an inbound message no longer needs an outbox row and a job.
 * - `ix_bericht_te_verwerken`: what waits, in receipt order; it holds only what waits.
 * - `pogingen`, `volgende_poging`: a message whose processing failed unexpectedly is tried again
 *   after a backoff; after the last attempt it is `vastgelopen` (the dead letter) until redriven.
 * - outbox rows of kind `verwerk` are gone: the message's own status says what is left to do.
 */
export class BerichtBatches1796700000000 implements MigrationInterface {
  name = 'BerichtBatches1796700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bericht" ADD "pogingen" smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "bericht" ADD "volgende_poging" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "ix_bericht_te_verwerken" ON "bericht" ("volgnummer") WHERE status = 'ontvangen' AND richting = 'in'`);
    await q.query(`DELETE FROM outbox WHERE soort = 'verwerk'`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_soort"`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_soort" CHECK (soort IN ('bezorg'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_soort"`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_soort" CHECK (soort IN ('verwerk', 'bezorg'))`);
    // Waiting messages get their outbox row back, so the relay of the previous version picks them up.
    await q.query(`INSERT INTO outbox (soort, bericht_id) SELECT 'verwerk', id FROM bericht WHERE status = 'ontvangen' AND richting = 'in'`);
    await q.query(`DROP INDEX "ix_bericht_te_verwerken"`);
    await q.query(`ALTER TABLE "bericht" DROP COLUMN "volgende_poging"`);
    await q.query(`ALTER TABLE "bericht" DROP COLUMN "pogingen"`);
  }
}
