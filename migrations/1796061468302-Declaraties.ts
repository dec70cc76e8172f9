import { MigrationInterface, QueryRunner } from "typeorm";

export class Declaraties1796061468302 implements MigrationInterface {
    name = 'Declaraties1796061468302'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "declaratie" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bericht_id" uuid NOT NULL, "regio_code" character varying(20), "gemeente_code" character varying(4) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "nummer" character varying(12) NOT NULL, "periode_begin" date NOT NULL, "periode_eind" date NOT NULL, "ingediend_centen" bigint NOT NULL, "toegekend_centen" bigint NOT NULL, "status" character varying(12) NOT NULL, "retourcodes" text array NOT NULL DEFAULT '{}', "aangehouden" boolean NOT NULL DEFAULT false, "aanhoud_reden" character varying(500), "antwoord_id" uuid, "uiterlijk" date NOT NULL, "ontvangen_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "beantwoord_op" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_declaratie_status" CHECK (status IN ('beantwoord', 'aangehouden', 'afgewezen')), CONSTRAINT "PK_652b07a47e1d115d38472b0e3ca" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_declaratie_gemeente_periode" ON "declaratie"  ("gemeente_code", "periode_begin") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_declaratie_nummer" ON "declaratie"  ("aanbieder_agb", "nummer") WHERE status <> 'afgewezen'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_declaratie_bericht" ON "declaratie"  ("bericht_id") `);
        await queryRunner.query(`CREATE TABLE "prestatie" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "declaratie_id" uuid NOT NULL, "regio_code" character varying(20), "gemeente_code" character varying(4) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "client_hash" character(64) NOT NULL, "declaratie_periode" date NOT NULL, "referentie_nummer" character varying(20) NOT NULL, "vorig_referentie_nummer" character varying(20), "debet_credit" character(1) NOT NULL, "toewijzing_nummer" integer NOT NULL, "toewijzing_id" uuid, "contract_id" uuid, "tarief_id" uuid, "contract_tarief_centen" integer, "product_categorie" character(2) NOT NULL, "product_code" character varying(5) NOT NULL, "periode_begin" date NOT NULL, "periode_eind" date NOT NULL, "volume" integer NOT NULL, "eenheid" character(2) NOT NULL, "tarief_centen" integer, "ingediend_centen" bigint NOT NULL, "toegekend_centen" bigint NOT NULL, "toegekend" boolean NOT NULL, "retourcodes" text array NOT NULL DEFAULT '{}', "boven_plafond" boolean NOT NULL DEFAULT false, "afrekening_id" uuid, CONSTRAINT "ck_prestatie_dc" CHECK (debet_credit IN ('D', 'C')), CONSTRAINT "PK_44fc1c2528da0bca5104373f2e9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_prestatie_contract" ON "prestatie"  ("contract_id", "periode_begin") `);
        await queryRunner.query(`CREATE INDEX "ix_prestatie_afrekening" ON "prestatie"  ("gemeente_code", "aanbieder_agb", "declaratie_periode") `);
        await queryRunner.query(`CREATE INDEX "ix_prestatie_toewijzing" ON "prestatie"  ("toewijzing_id") `);
        await queryRunner.query(`CREATE INDEX "ix_prestatie_declaratie" ON "prestatie"  ("declaratie_id") `);
        await queryRunner.query(`CREATE INDEX "ix_prestatie_vorige" ON "prestatie"  ("aanbieder_agb", "vorig_referentie_nummer") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_prestatie_referentie" ON "prestatie"  ("aanbieder_agb", "referentie_nummer") WHERE NOT ('8021' = ANY (retourcodes))`);
        await queryRunner.query(`CREATE TABLE "afrekening" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "gemeente_code" character varying(4) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "maand" date NOT NULL, "volgnummer" integer NOT NULL, "factuurnummer" character varying(60) NOT NULL, "aantal_prestaties" integer NOT NULL, "bedrag_centen" bigint NOT NULL, "aangemaakt_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b721ed1bf8db576f59914580f3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_afrekening" ON "afrekening"  ("gemeente_code", "aanbieder_agb", "maand", "volgnummer") `);
        await queryRunner.query(`ALTER TABLE "contract" ADD "plafond_beleid" character varying(12) NOT NULL DEFAULT 'afwijzen'`);
        await queryRunner.query(`ALTER TABLE "contract" ADD "declaraties_aanhouden" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "contract" ADD CONSTRAINT "ck_contract_plafond_beleid" CHECK (plafond_beleid IN ('afwijzen', 'signaleren'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "ck_contract_plafond_beleid"`);
        await queryRunner.query(`ALTER TABLE "contract" DROP COLUMN "declaraties_aanhouden"`);
        await queryRunner.query(`ALTER TABLE "contract" DROP COLUMN "plafond_beleid"`);
        await queryRunner.query(`DROP INDEX "public"."uq_afrekening"`);
        await queryRunner.query(`DROP TABLE "afrekening"`);
        await queryRunner.query(`DROP INDEX "public"."uq_prestatie_referentie"`);
        await queryRunner.query(`DROP INDEX "public"."ix_prestatie_vorige"`);
        await queryRunner.query(`DROP INDEX "public"."ix_prestatie_declaratie"`);
        await queryRunner.query(`DROP INDEX "public"."ix_prestatie_toewijzing"`);
        await queryRunner.query(`DROP INDEX "public"."ix_prestatie_afrekening"`);
        await queryRunner.query(`DROP INDEX "public"."ix_prestatie_contract"`);
        await queryRunner.query(`DROP TABLE "prestatie"`);
        await queryRunner.query(`DROP INDEX "public"."uq_declaratie_bericht"`);
        await queryRunner.query(`DROP INDEX "public"."uq_declaratie_nummer"`);
        await queryRunner.query(`DROP INDEX "public"."ix_declaratie_gemeente_periode"`);
        await queryRunner.query(`DROP TABLE "declaratie"`);
    }

}
