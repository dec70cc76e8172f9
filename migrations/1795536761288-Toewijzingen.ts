import { MigrationInterface, QueryRunner } from "typeorm";

export class Toewijzingen1795536761288 implements MigrationInterface {
    name = 'Toewijzingen1795536761288'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "client" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bsn_hash" character(64) NOT NULL, "gegevens_versleuteld" bytea NOT NULL, "gemeente_code" character varying(4) NOT NULL, "regio_code" character varying(20) NOT NULL, "aangemaakt_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96da49381769303a6515a8785c7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_client_gemeente" ON "client"  ("gemeente_code") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_client_bsn" ON "client"  ("bsn_hash") `);
        await queryRunner.query(`CREATE TABLE "levering" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "soort" character varying(5) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "gemeente_code" character varying(4) NOT NULL, "regio_code" character varying(20), "toewijzing_nummer" integer, "client_hash" character(64) NOT NULL, "product_categorie" character(2), "product_code" character varying(5), "begindatum" date NOT NULL, "einddatum" date, "reden_beeindiging" character(2), "verwijderd" boolean NOT NULL DEFAULT false, "bericht_id" uuid NOT NULL, "ontvangen_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_levering_soort" CHECK (soort IN ('start', 'stop')), CONSTRAINT "PK_72f81a7297b1f6b9daf47d35f78" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_levering_sleutel" ON "levering"  ("aanbieder_agb", "gemeente_code", "toewijzing_nummer", "begindatum") `);
        await queryRunner.query(`CREATE TABLE "toewijzing" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "nummer" integer NOT NULL, "regio_code" character varying(20) NOT NULL, "gemeente_code" character varying(4) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "client_id" uuid NOT NULL, "contract_id" uuid, "product_categorie" character(2) NOT NULL, "product_code" character varying(5), "ingangsdatum" date NOT NULL, "einddatum" date, "volume" integer, "eenheid" character(2), "frequentie" character(1), "budget" integer, "reden_wijziging" character(2), "referentie_aanbieder" character varying(36), "toewijzingsdatum" date NOT NULL, "toewijzingstijd" TIME NOT NULL, "geraamd_centen" bigint NOT NULL, "versie" integer NOT NULL DEFAULT '1', "gewijzigd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_toewijzing_omvang_budget" CHECK (NOT (volume IS NOT NULL AND budget IS NOT NULL)), CONSTRAINT "ck_toewijzing_periode" CHECK (einddatum IS NULL OR einddatum >= ingangsdatum), CONSTRAINT "PK_ad6adf5f9bac68d1f4666f268d0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_toewijzing_aanbieder" ON "toewijzing"  ("aanbieder_agb") `);
        await queryRunner.query(`CREATE INDEX "ix_toewijzing_client" ON "toewijzing"  ("client_id", "aanbieder_agb") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_toewijzing_nummer" ON "toewijzing"  ("gemeente_code", "nummer") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_toewijzing_nummer"`);
        await queryRunner.query(`DROP INDEX "public"."ix_toewijzing_client"`);
        await queryRunner.query(`DROP INDEX "public"."ix_toewijzing_aanbieder"`);
        await queryRunner.query(`DROP TABLE "toewijzing"`);
        await queryRunner.query(`DROP INDEX "public"."ix_levering_sleutel"`);
        await queryRunner.query(`DROP TABLE "levering"`);
        await queryRunner.query(`DROP INDEX "public"."uq_client_bsn"`);
        await queryRunner.query(`DROP INDEX "public"."ix_client_gemeente"`);
        await queryRunner.query(`DROP TABLE "client"`);
    }

}
