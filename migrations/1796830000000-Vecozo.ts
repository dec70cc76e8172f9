import { MigrationInterface, QueryRunner } from 'typeorm';

/** The VECOZO portal: portal providers, and their messages pushed to and pulled from VECOZO (generated from the entities). */
export class Vecozo1796830000000 implements MigrationInterface {
  name = 'Vecozo1796830000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "vecozo_aanbieder" ("aanbieder_agb" character varying(8) NOT NULL, "actief" boolean NOT NULL, "gewijzigd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c20d6cb9bdab996cbe5e387cf06" PRIMARY KEY ("aanbieder_agb"))`);
    await q.query(`CREATE TABLE "vecozo_bericht" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "richting" character varying(3) NOT NULL, "aanbieder_agb" character varying(8) NOT NULL, "type" character varying(5), "gemeente_code" character varying(4), "regio_code" character varying(20), "identificatie" character varying(12), "traceer_id" uuid NOT NULL, "conversatie_id" uuid NOT NULL, "als_antwoord_op" uuid, "xml_versleuteld" bytea NOT NULL, "grootte" integer NOT NULL, "sha256" character(64) NOT NULL, "status" character varying(12) NOT NULL, "pogingen" smallint NOT NULL DEFAULT '0', "volgende_poging" TIMESTAMP WITH TIME ZONE, "bezig_tot" TIMESTAMP WITH TIME ZONE, "laatste_fout" text, "probleem" jsonb, "vecozo_status" character varying(40), "status_definitief" boolean NOT NULL DEFAULT false, "meldingen" jsonb, "status_gewijzigd_op" TIMESTAMP WITH TIME ZONE, "aangemaakt_op" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "verstuurd_op" TIMESTAMP WITH TIME ZONE, "vecozo_ontvangen_op" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_vecozo_bericht_status" CHECK (status IN ('te_versturen', 'verstuurd', 'geweigerd', 'ontvangen')), CONSTRAINT "ck_vecozo_bericht_richting" CHECK (richting IN ('in', 'uit')), CONSTRAINT "PK_820e895374c0dd086ae40ad35db" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_vecozo_bericht_te_volgen" ON "vecozo_bericht"  ("verstuurd_op") WHERE status = 'verstuurd' AND NOT status_definitief`);
    await q.query(`CREATE INDEX "ix_vecozo_bericht_te_versturen" ON "vecozo_bericht"  ("volgende_poging") WHERE status = 'te_versturen'`);
    await q.query(`CREATE INDEX "ix_vecozo_bericht_aanbieder" ON "vecozo_bericht"  ("aanbieder_agb", "aangemaakt_op") `);
    await q.query(`CREATE UNIQUE INDEX "uq_vecozo_bericht_identificatie" ON "vecozo_bericht"  ("aanbieder_agb", "type", "identificatie") WHERE richting = 'uit'`);
    await q.query(`CREATE UNIQUE INDEX "uq_vecozo_bericht_traceer" ON "vecozo_bericht"  ("traceer_id") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "vecozo_bericht"`);
    await q.query(`DROP TABLE "vecozo_aanbieder"`);
  }
}
