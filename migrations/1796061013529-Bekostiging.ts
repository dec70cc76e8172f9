import { MigrationInterface, QueryRunner } from "typeorm";

/** Tables of lumpsum financing (lumpsums, shares, monthly advances, settlements) and regional cost sharing. */

export class Bekostiging1796061013529 implements MigrationInterface {
    name = 'Bekostiging1796061013529'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "lumpsum" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "contract_id" uuid NOT NULL, "jaar" integer NOT NULL, "budget_centen" bigint NOT NULL, "minimum_clienten" integer NOT NULL, "maximum_clienten" integer NOT NULL, "bedrag_per_client_centen" bigint NOT NULL, "verdeling" character varying(10) NOT NULL, "aangemaakt_door" character varying(200) NOT NULL, "aangemaakt_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_lumpsum_verdeling" CHECK (verdeling IN ('aandelen', 'inwoners')), CONSTRAINT "ck_lumpsum_per_client" CHECK (bedrag_per_client_centen >= 0), CONSTRAINT "ck_lumpsum_band" CHECK (minimum_clienten >= 0 AND maximum_clienten >= minimum_clienten), CONSTRAINT "ck_lumpsum_budget" CHECK (budget_centen >= 0), CONSTRAINT "PK_7ff892ce5bdff04f87f7004200e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_lumpsum_aanbieder" ON "lumpsum"  ("aanbieder_agb") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_lumpsum_contract_jaar" ON "lumpsum"  ("contract_id", "jaar") `);
        await queryRunner.query(`CREATE TABLE "lumpsum_aandeel" ("lumpsum_id" uuid NOT NULL, "gemeente_code" character(4) NOT NULL, "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "gewicht" bigint NOT NULL, "budget_centen" bigint NOT NULL, CONSTRAINT "ck_lumpsum_aandeel" CHECK (gewicht >= 0 AND budget_centen >= 0), CONSTRAINT "PK_fd9d6ea953c2813b2a9fac866b2" PRIMARY KEY ("lumpsum_id", "gemeente_code"))`);
        await queryRunner.query(`CREATE TABLE "lumpsum_voorschot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lumpsum_id" uuid NOT NULL, "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "gemeente_code" character(4) NOT NULL, "jaar" integer NOT NULL, "maand" integer NOT NULL, "bedrag_centen" bigint NOT NULL, "aangemaakt_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_lumpsum_voorschot_bedrag" CHECK (bedrag_centen >= 0), CONSTRAINT "ck_lumpsum_voorschot_maand" CHECK (maand BETWEEN 1 AND 12), CONSTRAINT "PK_868835a4a1657d081b04c5a225b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_lumpsum_voorschot_gemeente" ON "lumpsum_voorschot"  ("gemeente_code", "jaar") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_lumpsum_voorschot" ON "lumpsum_voorschot"  ("lumpsum_id", "gemeente_code", "jaar", "maand") `);
        await queryRunner.query(`CREATE TABLE "lumpsum_vaststelling" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lumpsum_id" uuid NOT NULL, "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "contract_id" uuid NOT NULL, "jaar" integer NOT NULL, "begindatum" date NOT NULL, "einddatum" date NOT NULL, "aantal_clienten" integer NOT NULL, "minimum_clienten" integer NOT NULL, "maximum_clienten" integer NOT NULL, "verschil" integer NOT NULL, "bedrag_per_client_centen" bigint NOT NULL, "bedrag_centen" bigint NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'concept', "berekend_door" character varying(200) NOT NULL, "berekend_op" TIMESTAMP WITH TIME ZONE NOT NULL, "goedgekeurd_door" character varying(200), "goedgekeurd_op" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_lumpsum_vaststelling_goedkeuring" CHECK ((status = 'goedgekeurd') = (goedgekeurd_op IS NOT NULL)), CONSTRAINT "ck_lumpsum_vaststelling_status" CHECK (status IN ('concept', 'goedgekeurd')), CONSTRAINT "PK_3f389bb3ea4ce649b35b82be0d3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_lumpsum_vaststelling_aanbieder" ON "lumpsum_vaststelling"  ("aanbieder_agb") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_lumpsum_vaststelling" ON "lumpsum_vaststelling"  ("lumpsum_id") `);
        await queryRunner.query(`CREATE TABLE "lumpsum_vaststelling_gemeente" ("vaststelling_id" uuid NOT NULL, "gemeente_code" character(4) NOT NULL, "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "aantal_clienten" integer NOT NULL, "bedrag_centen" bigint NOT NULL, CONSTRAINT "PK_1c62cecd8e094321129b40e13b7" PRIMARY KEY ("vaststelling_id", "gemeente_code"))`);
        await queryRunner.query(`CREATE TABLE "begrotingspost" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "naam" character varying(200) NOT NULL, "begindatum" date NOT NULL, "einddatum" date NOT NULL, "bedrag_centen" bigint NOT NULL, "sleutel" character varying(10) NOT NULL, "procent_inwoners" integer NOT NULL, "productcategorieen" character varying(2) array NOT NULL DEFAULT '{}', "gemeenten" character varying(4) array NOT NULL, "aangemaakt_door" character varying(200) NOT NULL, "aangemaakt_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verdeeld_op" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_begrotingspost_procent" CHECK (procent_inwoners BETWEEN 0 AND 100), CONSTRAINT "ck_begrotingspost_sleutel" CHECK (sleutel IN ('inwoners', 'gebruik', 'gemengd')), CONSTRAINT "ck_begrotingspost_periode" CHECK (einddatum >= begindatum), CONSTRAINT "ck_begrotingspost_bedrag" CHECK (bedrag_centen >= 0), CONSTRAINT "PK_663c40d877d9c68ff0de114e61f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_begrotingspost" ON "begrotingspost"  ("regio_code", "naam", "begindatum") `);
        await queryRunner.query(`CREATE TABLE "kostenaandeel" ("begrotingspost_id" uuid NOT NULL, "gemeente_code" character(4) NOT NULL, "regio_code" character varying(20) NOT NULL, "naam" character varying(200) NOT NULL, "begindatum" date NOT NULL, "einddatum" date NOT NULL, "inwoners" integer NOT NULL, "clienten" integer NOT NULL, "bedrag_centen" bigint NOT NULL, CONSTRAINT "ck_kostenaandeel_bedrag" CHECK (bedrag_centen >= 0), CONSTRAINT "PK_c452b0ba398b1a94917e601f815" PRIMARY KEY ("begrotingspost_id", "gemeente_code"))`);
        await queryRunner.query(`CREATE INDEX "ix_kostenaandeel_gemeente" ON "kostenaandeel"  ("gemeente_code", "begindatum") `);
        await queryRunner.query(`ALTER TABLE "lumpsum" ADD CONSTRAINT "FK_898344425b0608f0405881f3ffa" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lumpsum_aandeel" ADD CONSTRAINT "FK_2cfa8257c877922120fe3849877" FOREIGN KEY ("lumpsum_id") REFERENCES "lumpsum"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lumpsum_voorschot" ADD CONSTRAINT "FK_5c4f7900303bc53f5588429f0a8" FOREIGN KEY ("lumpsum_id") REFERENCES "lumpsum"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lumpsum_vaststelling" ADD CONSTRAINT "FK_6d6c2834449d1fbe0a0dab4283f" FOREIGN KEY ("lumpsum_id") REFERENCES "lumpsum"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lumpsum_vaststelling_gemeente" ADD CONSTRAINT "FK_ccdf488bf89f59dd1eef7648542" FOREIGN KEY ("vaststelling_id") REFERENCES "lumpsum_vaststelling"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "kostenaandeel" ADD CONSTRAINT "FK_dd3657ba72ee3f27140772ec4d7" FOREIGN KEY ("begrotingspost_id") REFERENCES "begrotingspost"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "kostenaandeel" DROP CONSTRAINT "FK_dd3657ba72ee3f27140772ec4d7"`);
        await queryRunner.query(`ALTER TABLE "lumpsum_vaststelling_gemeente" DROP CONSTRAINT "FK_ccdf488bf89f59dd1eef7648542"`);
        await queryRunner.query(`ALTER TABLE "lumpsum_vaststelling" DROP CONSTRAINT "FK_6d6c2834449d1fbe0a0dab4283f"`);
        await queryRunner.query(`ALTER TABLE "lumpsum_voorschot" DROP CONSTRAINT "FK_5c4f7900303bc53f5588429f0a8"`);
        await queryRunner.query(`ALTER TABLE "lumpsum_aandeel" DROP CONSTRAINT "FK_2cfa8257c877922120fe3849877"`);
        await queryRunner.query(`ALTER TABLE "lumpsum" DROP CONSTRAINT "FK_898344425b0608f0405881f3ffa"`);
        await queryRunner.query(`DROP INDEX "public"."ix_kostenaandeel_gemeente"`);
        await queryRunner.query(`DROP TABLE "kostenaandeel"`);
        await queryRunner.query(`DROP INDEX "public"."uq_begrotingspost"`);
        await queryRunner.query(`DROP TABLE "begrotingspost"`);
        await queryRunner.query(`DROP TABLE "lumpsum_vaststelling_gemeente"`);
        await queryRunner.query(`DROP INDEX "public"."uq_lumpsum_vaststelling"`);
        await queryRunner.query(`DROP INDEX "public"."ix_lumpsum_vaststelling_aanbieder"`);
        await queryRunner.query(`DROP TABLE "lumpsum_vaststelling"`);
        await queryRunner.query(`DROP INDEX "public"."uq_lumpsum_voorschot"`);
        await queryRunner.query(`DROP INDEX "public"."ix_lumpsum_voorschot_gemeente"`);
        await queryRunner.query(`DROP TABLE "lumpsum_voorschot"`);
        await queryRunner.query(`DROP TABLE "lumpsum_aandeel"`);
        await queryRunner.query(`DROP INDEX "public"."uq_lumpsum_contract_jaar"`);
        await queryRunner.query(`DROP INDEX "public"."ix_lumpsum_aanbieder"`);
        await queryRunner.query(`DROP TABLE "lumpsum"`);
    }

}
