import { MigrationInterface, QueryRunner } from "typeorm";

export class Capaciteit1796060977378 implements MigrationInterface {
    name = 'Capaciteit1796060977378'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "capaciteit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "product_id" uuid NOT NULL, "product_categorie" character(2) NOT NULL, "product_code" character varying(5) NOT NULL, "locatie_naam" character varying(200) NOT NULL, "postcode" character(6) NOT NULL, "vrije_plaatsen" integer NOT NULL, "intakes_per_week" integer NOT NULL, "open_voor_nieuwe_clienten" boolean NOT NULL, "toelichting" character varying(500), "geldig_vanaf" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "geldig_tot" TIMESTAMP WITH TIME ZONE, "gewijzigd_door" character varying(200) NOT NULL, CONSTRAINT "ck_capaciteit_postcode" CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'), CONSTRAINT "ck_capaciteit_periode" CHECK (geldig_tot IS NULL OR geldig_tot >= geldig_vanaf), CONSTRAINT "ck_capaciteit_aantallen" CHECK (vrije_plaatsen >= 0 AND intakes_per_week >= 0), CONSTRAINT "PK_9f3087d3e5af9d42b67833b1859" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_capaciteit_regio_product" ON "capaciteit"  ("regio_code", "product_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_capaciteit_actueel" ON "capaciteit"  ("aanbieder_agb", "product_id", "postcode", "locatie_naam") WHERE geldig_tot IS NULL`);
        await queryRunner.query(`CREATE TABLE "wachttijdnorm" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "soort" character varying(30) NOT NULL, "product_categorie" character(2), "max_dagen" integer NOT NULL, "gewijzigd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_wachttijdnorm_dagen" CHECK (max_dagen >= 0), CONSTRAINT "ck_wachttijdnorm_soort" CHECK (soort IN ('aanmelding_tot_start', 'aanmelding_tot_toewijzing')), CONSTRAINT "PK_f6856e193e4076d3e2a01b54370" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_wachttijdnorm_categorie" ON "wachttijdnorm"  ("regio_code", "soort", "product_categorie") WHERE product_categorie IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_wachttijdnorm_algemeen" ON "wachttijdnorm"  ("regio_code", "soort") WHERE product_categorie IS NULL`);
        await queryRunner.query(`ALTER TABLE "capaciteit" ADD CONSTRAINT "FK_c7df923ff62e1d5962c737d0f07" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "capaciteit" DROP CONSTRAINT "FK_c7df923ff62e1d5962c737d0f07"`);
        await queryRunner.query(`DROP INDEX "public"."uq_wachttijdnorm_algemeen"`);
        await queryRunner.query(`DROP INDEX "public"."uq_wachttijdnorm_categorie"`);
        await queryRunner.query(`DROP TABLE "wachttijdnorm"`);
        await queryRunner.query(`DROP INDEX "public"."uq_capaciteit_actueel"`);
        await queryRunner.query(`DROP INDEX "public"."ix_capaciteit_regio_product"`);
        await queryRunner.query(`DROP TABLE "capaciteit"`);
    }

}
