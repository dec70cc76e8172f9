import { MigrationInterface, QueryRunner } from 'typeorm';

/** A message's status is one of the states `BerichtStatus` names (src/messaging/status.ts); the database refuses any other. */
export class BerichtStatus1796700000002 implements MigrationInterface {
  name = 'BerichtStatus1796700000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "bericht" ADD CONSTRAINT "ck_bericht_status" CHECK (status IN ('ontvangen', 'verwerkt', 'ongeldig', 'afgekeurd', 'aangehouden', 'vastgelopen', 'klaar', 'beschikbaar', 'afgeleverd', 'mislukt'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bericht" DROP CONSTRAINT "ck_bericht_status"`);
  }
}
