import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795485250650 implements MigrationInterface {
    name = 'Foundation1795485250650'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The tariff exclusion constraint (no overlapping validity) needs btree_gist for the uuid column.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "tijdstip" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "regio_code" character varying(20), "actor" character varying(200) NOT NULL, "rol" character varying(20) NOT NULL, "actie" character varying(60) NOT NULL, "entiteit" character varying(60) NOT NULL, "entiteit_id" character varying(100), "details" jsonb NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_regio_tijd" ON "audit_log"  ("regio_code", "tijdstip") `);
        await queryRunner.query(`CREATE TABLE "arrangement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "naam" character varying(200) NOT NULL, "omschrijving" character varying(1000) NOT NULL, CONSTRAINT "PK_ea323dddf7ba7f752113c0ce261" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_arrangement_regio_naam" ON "arrangement"  ("regio_code", "naam") `);
        await queryRunner.query(`CREATE TABLE "arrangement_onderdeel" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "arrangement_id" uuid NOT NULL, "product_id" uuid NOT NULL, "volume" integer NOT NULL, "frequentie" character(1) NOT NULL, CONSTRAINT "PK_d87b40b641d07a23dd29fd271b9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_arrangement_onderdeel" ON "arrangement_onderdeel"  ("arrangement_id", "product_id") `);
        await queryRunner.query(`CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "categorie" character(2) NOT NULL, "code" character varying(5) NOT NULL, "omschrijving" character varying(200) NOT NULL, "eenheid" character(2) NOT NULL, "uitvoeringsvariant" character varying(20) NOT NULL, CONSTRAINT "ck_product_code" CHECK (char_length(code) BETWEEN 1 AND 5), CONSTRAINT "ck_product_categorie" CHECK (categorie ~ '^[0-9]{2}$'), CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_product_regio_code" ON "product"  ("regio_code", "code") `);
        await queryRunner.query(`CREATE TABLE "aanbieder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agb" character(8) NOT NULL, "naam" character varying(200) NOT NULL, "kvk" character varying(8), "bezorg_url" character varying(500), CONSTRAINT "UQ_a8dbf5a294ed1da84c854e7244d" UNIQUE ("agb"), CONSTRAINT "ck_aanbieder_agb" CHECK (agb ~ '^[0-9]{8}$'), CONSTRAINT "PK_2a20aabe2e78dba89ecb3b701c6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "regio" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(20) NOT NULL, "naam" character varying(200) NOT NULL, "aangemaakt_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c86da67aa21764b00724dafd08e" UNIQUE ("code"), CONSTRAINT "PK_de25be07fd947b0b3a27af745b0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "nummer" character varying(40) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "perceel" character varying(200) NOT NULL, "procedure" character varying(20) NOT NULL, "begindatum" date NOT NULL, "einddatum" date NOT NULL, "verlengingen_resterend" integer NOT NULL DEFAULT '0', "status" character varying(20) NOT NULL DEFAULT 'actief', "hoofdcontract_id" uuid, "beeindigd_reden" character varying(500), CONSTRAINT "ck_contract_verlengingen" CHECK (verlengingen_resterend >= 0), CONSTRAINT "ck_contract_status" CHECK (status IN ('concept', 'actief', 'beeindigd')), CONSTRAINT "ck_contract_procedure" CHECK (procedure IN ('openhouse', 'aanbesteding')), CONSTRAINT "ck_contract_periode" CHECK (einddatum >= begindatum), CONSTRAINT "PK_17c3a89f58a2997276084e706e8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_contract_aanbieder" ON "contract"  ("aanbieder_agb") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_contract_regio_nummer" ON "contract"  ("regio_code", "nummer") `);
        await queryRunner.query(`CREATE TABLE "budgetplafond" ("contract_id" uuid NOT NULL, "jaar" integer NOT NULL, "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "bedrag_centen" bigint NOT NULL, CONSTRAINT "ck_budgetplafond_bedrag" CHECK (bedrag_centen >= 0), CONSTRAINT "PK_c63efcc26ad52c6c857c15afb69" PRIMARY KEY ("contract_id", "jaar"))`);
        await queryRunner.query(`CREATE TABLE "contract_gemeente" ("contract_id" uuid NOT NULL, "gemeente_code" character(4) NOT NULL, "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, CONSTRAINT "PK_ad76f3a8104ab4485bc7c809e43" PRIMARY KEY ("contract_id", "gemeente_code"))`);
        await queryRunner.query(`CREATE TABLE "contract_product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "contract_id" uuid NOT NULL, "product_id" uuid NOT NULL, "uitvoeringsvariant" character varying(20) NOT NULL, "eenheid" character(2) NOT NULL, CONSTRAINT "ck_contract_product_variant" CHECK (uitvoeringsvariant IN ('inspanningsgericht', 'outputgericht', 'taakgericht')), CONSTRAINT "PK_e1add3c6809fa475189c15b4c99" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_contract_product_agb" ON "contract_product"  ("aanbieder_agb") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_contract_product" ON "contract_product"  ("contract_id", "product_id") `);
        await queryRunner.query(`CREATE TABLE "indexatie" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "jaar" integer NOT NULL, "methode" character varying(20) NOT NULL, "percentage" numeric(7,3), "ova" numeric(7,3), "ppc" numeric(7,3), "gewicht_ova" integer, "gewicht_ppc" integer, "effectief_e5" integer NOT NULL, "aantal_tarieven" integer NOT NULL, "uitgevoerd_door" character varying(200) NOT NULL, "uitgevoerd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_indexatie_methode" CHECK (methode IN ('percentage', 'jeugdformule')), CONSTRAINT "PK_5876bad399aebfb9303f9da9c97" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_indexatie_regio_jaar" ON "indexatie"  ("regio_code", "jaar") `);
        await queryRunner.query(`CREATE TABLE "tarief" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "contract_id" uuid NOT NULL, "contract_product_id" uuid NOT NULL, "bedrag_centen" integer NOT NULL, "geldig_vanaf" date NOT NULL, "geldig_tot" date, "indexatie_id" uuid, CONSTRAINT "ck_tarief_periode" CHECK (geldig_tot IS NULL OR geldig_tot >= geldig_vanaf), CONSTRAINT "ck_tarief_bedrag" CHECK (bedrag_centen >= 0), CONSTRAINT "ex_tarief_overlap" EXCLUDE USING gist ("contract_product_id" WITH =, daterange("geldig_vanaf", "geldig_tot", '[]') WITH &&), CONSTRAINT "PK_ca074c0ba70f8b6cc971b07d485" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_tarief_contract_product" ON "tarief"  ("contract_product_id", "geldig_vanaf") `);
        await queryRunner.query(`CREATE TABLE "gemeente" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "code" character(4) NOT NULL, "naam" character varying(200) NOT NULL, "inwoners" integer NOT NULL, "geldig_vanaf" date NOT NULL, "geldig_tot" date, CONSTRAINT "ck_gemeente_periode" CHECK (geldig_tot IS NULL OR geldig_tot >= geldig_vanaf), CONSTRAINT "ck_gemeente_code" CHECK (code ~ '^[0-9]{4}$'), CONSTRAINT "PK_bf288289d7e11f2670d73df37ba" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_gemeente_code_vanaf" ON "gemeente"  ("code", "geldig_vanaf") `);
        await queryRunner.query(`ALTER TABLE "contract" ADD CONSTRAINT "FK_fbe5cb0662a6961559e24efac5b" FOREIGN KEY ("regio_code") REFERENCES "regio"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract" ADD CONSTRAINT "FK_d6daebd37f16883f38bf4f11f12" FOREIGN KEY ("aanbieder_agb") REFERENCES "aanbieder"("agb") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract" ADD CONSTRAINT "FK_28cca7559a5e3dfe1b2cbf26f81" FOREIGN KEY ("hoofdcontract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "budgetplafond" ADD CONSTRAINT "FK_aa599a6b58f8502fbda380b655f" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_gemeente" ADD CONSTRAINT "FK_87fdb1cdbcb7ea51606d9ca5091" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_product" ADD CONSTRAINT "FK_cf2d0af283de31e01ebc95b18c4" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_product" ADD CONSTRAINT "FK_8192854078c1566cfce21bef5ce" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tarief" ADD CONSTRAINT "FK_7ce4c5e293a5e57be36a281c5f7" FOREIGN KEY ("contract_product_id") REFERENCES "contract_product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "tarief" DROP CONSTRAINT "FK_7ce4c5e293a5e57be36a281c5f7"`);
        await queryRunner.query(`ALTER TABLE "contract_product" DROP CONSTRAINT "FK_8192854078c1566cfce21bef5ce"`);
        await queryRunner.query(`ALTER TABLE "contract_product" DROP CONSTRAINT "FK_cf2d0af283de31e01ebc95b18c4"`);
        await queryRunner.query(`ALTER TABLE "contract_gemeente" DROP CONSTRAINT "FK_87fdb1cdbcb7ea51606d9ca5091"`);
        await queryRunner.query(`ALTER TABLE "budgetplafond" DROP CONSTRAINT "FK_aa599a6b58f8502fbda380b655f"`);
        await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "FK_28cca7559a5e3dfe1b2cbf26f81"`);
        await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "FK_d6daebd37f16883f38bf4f11f12"`);
        await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "FK_fbe5cb0662a6961559e24efac5b"`);
        await queryRunner.query(`DROP INDEX "public"."uq_gemeente_code_vanaf"`);
        await queryRunner.query(`DROP TABLE "gemeente"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tarief_contract_product"`);
        await queryRunner.query(`DROP TABLE "tarief"`);
        await queryRunner.query(`DROP INDEX "public"."uq_indexatie_regio_jaar"`);
        await queryRunner.query(`DROP TABLE "indexatie"`);
        await queryRunner.query(`DROP INDEX "public"."uq_contract_product"`);
        await queryRunner.query(`DROP INDEX "public"."ix_contract_product_agb"`);
        await queryRunner.query(`DROP TABLE "contract_product"`);
        await queryRunner.query(`DROP TABLE "contract_gemeente"`);
        await queryRunner.query(`DROP TABLE "budgetplafond"`);
        await queryRunner.query(`DROP INDEX "public"."uq_contract_regio_nummer"`);
        await queryRunner.query(`DROP INDEX "public"."ix_contract_aanbieder"`);
        await queryRunner.query(`DROP TABLE "contract"`);
        await queryRunner.query(`DROP TABLE "regio"`);
        await queryRunner.query(`DROP TABLE "aanbieder"`);
        await queryRunner.query(`DROP INDEX "public"."uq_product_regio_code"`);
        await queryRunner.query(`DROP TABLE "product"`);
        await queryRunner.query(`DROP INDEX "public"."uq_arrangement_onderdeel"`);
        await queryRunner.query(`DROP TABLE "arrangement_onderdeel"`);
        await queryRunner.query(`DROP INDEX "public"."uq_arrangement_regio_naam"`);
        await queryRunner.query(`DROP TABLE "arrangement"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_regio_tijd"`);
        await queryRunner.query(`DROP TABLE "audit_log"`);
    }

}
