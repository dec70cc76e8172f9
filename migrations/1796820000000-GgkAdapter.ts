import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The GGk adapter: the StUF-GGk envelopes the hub received and sends (ggk_envelop, unique per
 * (zender, referentienummer)), the last tijdstipBericht per sending system (ggk_tijdstip), and the
 * providers reached through a chain channel (keten_route).
 *
 * Row-level security: an envelope is read by whoever reads its message (the bericht policies
 * decide), a provider reads and writes the envelopes it sent, the system all of them. A provider
 * records only its own route. ggk_tijdstip holds no tenant data (system names and times).
 */
export class GgkAdapter1796820000000 implements MigrationInterface {
  name = 'GgkAdapter1796820000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ggk_envelop" (
      "id" BIGSERIAL NOT NULL, "richting" character varying(3) NOT NULL, "berichtcode" character varying(4) NOT NULL,
      "zender_organisatie" character varying(200) NOT NULL, "zender_applicatie" character varying(50) NOT NULL,
      "ontvanger_organisatie" character varying(200) NOT NULL, "referentienummer" character varying(40) NOT NULL,
      "tijdstip_bericht" character varying(17) NOT NULL, "cross_refnummer" character varying(40), "functie" character varying(30),
      "bericht_id" uuid, "inhoud_hash" character(64), "antwoord" text, "status" character varying(10) NOT NULL,
      "foutcode" character varying(7), "foutplek" character varying(6), "foutomschrijving" character varying(200),
      "aangemaakt_op" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "afgehandeld_op" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "ck_ggk_envelop_richting" CHECK (richting IN ('in', 'uit')),
      CONSTRAINT "ck_ggk_envelop_status" CHECK (status IN ('ontvangen', 'klaar', 'verzonden', 'fout', 'vervangen')),
      CONSTRAINT "PK_ggk_envelop" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_ggk_envelop_zender_ref" ON "ggk_envelop" ("zender_organisatie", "zender_applicatie", "referentienummer")`);
    await q.query(`CREATE INDEX "ix_ggk_envelop_bericht" ON "ggk_envelop" ("bericht_id")`);
    await q.query(`CREATE INDEX "ix_ggk_envelop_ref" ON "ggk_envelop" ("referentienummer")`);
    await q.query(`CREATE UNIQUE INDEX "uq_ggk_envelop_uit" ON "ggk_envelop" ("bericht_id") WHERE richting = 'uit' AND status <> 'vervangen'`);
    await q.query(`CREATE TABLE "ggk_tijdstip" ("organisatie" character varying(200) NOT NULL, "applicatie" character varying(50) NOT NULL,
      "laatste" character(17) NOT NULL, CONSTRAINT "PK_ggk_tijdstip" PRIMARY KEY ("organisatie", "applicatie"))`);
    await q.query(`CREATE TABLE "keten_route" ("aanbieder_agb" character varying(8) NOT NULL, "kanaal" character varying(10) NOT NULL,
      "sinds" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_keten_route_kanaal" CHECK (kanaal IN ('ggk')),
      CONSTRAINT "PK_keten_route" PRIMARY KEY ("aanbieder_agb"))`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON "ggk_envelop" TO hub_app`);
    await q.query(`GRANT USAGE ON SEQUENCE ggk_envelop_id_seq TO hub_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON "ggk_tijdstip" TO hub_app`);
    await q.query(`GRANT SELECT, INSERT ON "keten_route" TO hub_app`);
    await q.query(`ALTER TABLE "ggk_envelop" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "ggk_envelop" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY lezen ON ggk_envelop FOR SELECT USING (
      (hub_rol() = 'beheerder' AND hub_regio() = '')
      OR (hub_rol() = 'aanbieder' AND zender_organisatie = hub_agb())
      OR (bericht_id IS NOT NULL AND EXISTS (SELECT 1 FROM bericht b WHERE b.id = bericht_id)))`);
    await q.query(`CREATE POLICY schrijven ON ggk_envelop FOR INSERT WITH CHECK (
      (hub_rol() = 'beheerder' AND hub_regio() = '') OR (hub_rol() = 'aanbieder' AND richting = 'in' AND zender_organisatie = hub_agb()))`);
    await q.query(`CREATE POLICY wijzigen ON ggk_envelop FOR UPDATE USING (hub_rol() = 'beheerder' AND hub_regio() = '')`);
    await q.query(`ALTER TABLE "keten_route" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "keten_route" FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY lezen ON keten_route FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY schrijven ON keten_route FOR INSERT WITH CHECK (
      (hub_rol() = 'beheerder' AND hub_regio() = '') OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "keten_route"`);
    await q.query(`DROP TABLE "ggk_tijdstip"`);
    await q.query(`DROP TABLE "ggk_envelop"`);
  }
}
