import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Freeze windows (verzendstop): during one nothing leaves through its chain channel(s); the relay
 * holds the delivery rows (`outbox.vastgehouden_op`) and hands them over afterwards in order, and a
 * job that found its channel frozen hands its row back as a new round (`outbox.ronde`, part of the
 * job id).
 *
 * Row-level security: every role reads the windows (they carry no tenant data, and a message's
 * "later te versturen" is read in the caller's context); an administrator declares and withdraws
 * them, one of a region only its region's. A sandbox sees its own windows only (restrictive
 * `sandbox` policy, as every regional table).
 */
export class Verzendstop1796860000000 implements MigrationInterface {
  name = 'Verzendstop1796860000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "verzendstop" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "van" TIMESTAMP WITH TIME ZONE NOT NULL, "tot" TIMESTAMP WITH TIME ZONE NOT NULL,
      "kanaal" character varying(6) NOT NULL, "reden" character varying(500) NOT NULL, "regio_code" character varying(20),
      "aangekondigd_door" character varying(200) NOT NULL, "aangekondigd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "ingetrokken_op" TIMESTAMP WITH TIME ZONE, "ingetrokken_door" character varying(200),
      CONSTRAINT "ck_verzendstop_kanaal" CHECK (kanaal IN ('ggk', 'vecozo', 'alle')),
      CONSTRAINT "ck_verzendstop_periode" CHECK (tot > van),
      CONSTRAINT "PK_verzendstop" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_verzendstop_actief" ON "verzendstop" ("tot") WHERE ingetrokken_op IS NULL`);
    await q.query(`ALTER TABLE "outbox" ADD "vastgehouden_op" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "outbox" ADD "ronde" integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX "ix_outbox_vastgehouden" ON "outbox" ("bericht_id") WHERE vastgehouden_op IS NOT NULL AND afgehandeld_op IS NULL`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON "verzendstop" TO hub_app`);
    await q.query(`ALTER TABLE "verzendstop" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "verzendstop" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY lezen ON verzendstop FOR SELECT USING (hub_rol() <> '')`);
    await q.query(`CREATE POLICY aankondigen ON verzendstop FOR INSERT WITH CHECK (hub_rol() = 'beheerder' AND (hub_regio() = '' OR regio_code = hub_regio()))`);
    await q.query(`CREATE POLICY intrekken ON verzendstop FOR UPDATE USING (hub_rol() = 'beheerder' AND (hub_regio() = '' OR regio_code = hub_regio()))`);
    await q.query(`CREATE POLICY sandbox ON "verzendstop" AS RESTRICTIVE FOR ALL USING (hub_omgeving(regio_code)) WITH CHECK (hub_omgeving(regio_code))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_outbox_vastgehouden"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "ronde"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "vastgehouden_op"`);
    await q.query(`DROP TABLE "verzendstop"`);
  }
}
