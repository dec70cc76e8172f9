import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A region's own delivery endpoint (its contract manager's), and the outbox carrying budget
 * alerts to it beside outbound messages. Row-level security: the region's contract manager and
 * an administrator keep and read it; nobody else sees it (its secrets are encrypted as well).
 */
export class RegioBezorgadres1796790000002 implements MigrationInterface {
  name = 'RegioBezorgadres1796790000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "regio_bezorgadres" ("regio_code" character varying(20) NOT NULL, "url" character varying(500) NOT NULL, "geheim_versleuteld" bytea NOT NULL, "vorig_geheim_versleuteld" bytea, "vorig_geldig_tot" TIMESTAMP WITH TIME ZONE, "geregistreerd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "geroteerd_op" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_12f13911511ea76805744752f16" PRIMARY KEY ("regio_code"))`);
    await q.query(`ALTER TABLE "regio_bezorgadres" ADD CONSTRAINT "FK_12f13911511ea76805744752f16" FOREIGN KEY ("regio_code") REFERENCES "regio"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "regio_bezorgadres" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "regio_bezorgadres" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY beheren ON "regio_bezorgadres" FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "regio_bezorgadres" TO hub_app`);

    await q.query(`ALTER TABLE "outbox" ADD "budgetsignaal_id" uuid`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_soort"`);
    await q.query(`ALTER TABLE "outbox" ALTER COLUMN "soort" TYPE character varying(13)`);
    await q.query(`ALTER TABLE "outbox" ALTER COLUMN "bericht_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_soort" CHECK ((soort = 'bezorg' AND bericht_id IS NOT NULL) OR (soort = 'budgetsignaal' AND budgetsignaal_id IS NOT NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "outbox" WHERE soort = 'budgetsignaal'`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_soort"`);
    await q.query(`ALTER TABLE "outbox" ALTER COLUMN "bericht_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "outbox" ALTER COLUMN "soort" TYPE character varying(10)`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_soort" CHECK (soort IN ('bezorg'))`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "budgetsignaal_id"`);
    await q.query(`DROP TABLE "regio_bezorgadres"`);
  }
}
