import { MigrationInterface, QueryRunner } from "typeorm";

export class Verzoeken1795538437634 implements MigrationInterface {
    name = 'Verzoeken1795538437634'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "verzoek" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bericht_id" uuid NOT NULL, "regio_code" character varying(20), "gemeente_code" character varying(4) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "referentie_aanbieder" character varying(36) NOT NULL, "client_hash" character(64) NOT NULL, "gegevens_versleuteld" bytea NOT NULL, "product_categorie" character(2), "product_code" character varying(5), "ingangsdatum" date NOT NULL, "einddatum" date, "volume" integer, "eenheid" character(2), "frequentie" character(1), "budget" integer, "verwijzer_type" character(2) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'open', "uiterlijk" date NOT NULL, "reden_afwijzing" character(1), "toewijzing_id" uuid, "ontvangen_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "beantwoord_op" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7108f4dfcac0a34c490fca7fc61" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_verzoek_werkvoorraad" ON "verzoek"  ("gemeente_code", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_verzoek_referentie" ON "verzoek"  ("aanbieder_agb", "referentie_aanbieder") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_verzoek_referentie"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verzoek_werkvoorraad"`);
        await queryRunner.query(`DROP TABLE "verzoek"`);
    }

}
