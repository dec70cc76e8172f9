import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSSEN = ['ontvangen', 'verwerkt', 'ongeldig', 'afgekeurd', 'aangehouden', 'vastgelopen', 'klaar', 'beschikbaar', 'afgeleverd', 'mislukt'];
/** What a municipality sends (and the hub writes on its behalf): a provider receives these. */
const NAAR_AANBIEDER = `('JW301', 'JW306', 'JW308', 'JW316', 'JW318', 'JW319', 'JW325')`;
/** What a provider sends: a municipality receives these. */
const NAAR_GEMEENTE = `('JW302', 'JW305', 'JW307', 'JW315', 'JW317', 'JW320', 'JW323')`;

/** The receiver of a mailbox item: the provider it was released to, or a municipality of the caller's. */
const ONTVANGER = `(
  (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb() AND aanbieder_ziet AND type IN ${NAAR_AANBIEDER})
  OR (hub_rol() IN ('gemeente', 'toegang') AND hub_clientlezer(regio_code, gemeente_code) AND type IN ${NAAR_GEMEENTE}))`;

/**
 * The mailbox (postbus): what waits `beschikbaar` is pulled by its receiver, who confirms receipt:
 * `beschikbaar` → `opgehaald` (a new status), with the moment in `opgehaald_op`. Partial indexes
 * on what waits, per provider and per municipality, in page order. The receiver makes that one
 * change in its own tenant context: policy `ophalen` lets a provider or a municipality move its
 * own waiting item to `opgehaald` and nothing else.
 */
export class Postbus1796730000000 implements MigrationInterface {
  name = 'Postbus1796730000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bericht" ADD "opgehaald_op" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "bericht" DROP CONSTRAINT "ck_bericht_status"`);
    await q.query(`ALTER TABLE "bericht" ADD CONSTRAINT "ck_bericht_status" CHECK (status IN (${[...STATUSSEN, 'opgehaald'].map((s) => `'${s}'`).join(', ')}))`);
    await q.query(`CREATE INDEX "ix_bericht_postbus_gemeente" ON "bericht" ("gemeente_code", "ontvangen_op", "id") WHERE status = 'beschikbaar'`);
    await q.query(`CREATE INDEX "ix_bericht_postbus_aanbieder" ON "bericht" ("aanbieder_agb", "ontvangen_op", "id") WHERE status = 'beschikbaar'`);
    await q.query(`CREATE POLICY ophalen ON bericht FOR UPDATE USING (status = 'beschikbaar' AND ${ONTVANGER}) WITH CHECK (status = 'opgehaald' AND ${ONTVANGER})`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY ophalen ON bericht`);
    await q.query(`DROP INDEX "public"."ix_bericht_postbus_aanbieder"`);
    await q.query(`DROP INDEX "public"."ix_bericht_postbus_gemeente"`);
    // Confirmed items wait again: the older schema knows no receipt.
    await q.query(`ALTER TABLE "bericht" DROP CONSTRAINT "ck_bericht_status"`);
    await q.query(`UPDATE bericht SET status = 'beschikbaar' WHERE status = 'opgehaald'`);
    await q.query(`ALTER TABLE "bericht" ADD CONSTRAINT "ck_bericht_status" CHECK (status IN (${STATUSSEN.map((s) => `'${s}'`).join(', ')}))`);
    await q.query(`ALTER TABLE "bericht" DROP COLUMN "opgehaald_op"`);
  }
}
