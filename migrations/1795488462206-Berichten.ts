import { MigrationInterface, QueryRunner } from "typeorm";

export class Berichten1795488462206 implements MigrationInterface {
    name = 'Berichten1795488462206'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bericht" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "richting" character varying(3) NOT NULL, "type" character varying(5) NOT NULL, "afzender" character varying(8) NOT NULL, "ontvanger" character varying(8) NOT NULL, "identificatie" character varying(12) NOT NULL, "dagtekening" date, "inhoud_hash" character(64) NOT NULL, "regio_code" character varying(20), "aanbieder_agb" character varying(8) NOT NULL, "gemeente_code" character varying(4) NOT NULL, "status" character varying(12) NOT NULL, "xml_versleuteld" bytea NOT NULL, "grootte" integer NOT NULL, "heen_id" uuid, "retour_id" uuid, "retourcodes" text array NOT NULL DEFAULT '{}', "fouten" jsonb, "ontvangen_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verwerkt_op" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_bericht_richting" CHECK (richting IN ('in', 'uit')), CONSTRAINT "PK_f7c4ba9b6512e614f1e47f40bee" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_bericht_gemeente" ON "bericht"  ("gemeente_code", "ontvangen_op") `);
        await queryRunner.query(`CREATE INDEX "ix_bericht_aanbieder" ON "bericht"  ("aanbieder_agb", "ontvangen_op") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_bericht_retour_op" ON "bericht"  ("heen_id") WHERE heen_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_bericht_identificatie" ON "bericht"  ("afzender", "type", "identificatie") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_bericht_inhoud" ON "bericht"  ("afzender", "type", "identificatie", "inhoud_hash") `);
        await queryRunner.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "soort" character varying(10) NOT NULL, "bericht_id" uuid NOT NULL, "aangemaakt_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "doorgezet_op" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_outbox_soort" CHECK (soort IN ('verwerk', 'bezorg')), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_open" ON "outbox"  ("id") WHERE doorgezet_op IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_open"`);
        await queryRunner.query(`DROP TABLE "outbox"`);
        await queryRunner.query(`DROP INDEX "public"."uq_bericht_inhoud"`);
        await queryRunner.query(`DROP INDEX "public"."ix_bericht_identificatie"`);
        await queryRunner.query(`DROP INDEX "public"."uq_bericht_retour_op"`);
        await queryRunner.query(`DROP INDEX "public"."ix_bericht_aanbieder"`);
        await queryRunner.query(`DROP INDEX "public"."ix_bericht_gemeente"`);
        await queryRunner.query(`DROP TABLE "bericht"`);
    }

}
