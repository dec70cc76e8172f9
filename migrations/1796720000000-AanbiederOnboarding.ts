import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Provider onboarding and the audit trail's NEN 7513 fields: a provider's contact persons, the
 * region that registered it, and per audit row on whose behalf, which client (keyed BSN hash) and
 * why. Generated; the row-level security and the trigger are in AanbiederOnboardingBeveiliging.
 */
export class AanbiederOnboarding1796720000000 implements MigrationInterface {
    name = 'AanbiederOnboarding1796720000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "aanbieder_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "aanbieder_agb" character(8) NOT NULL, "volgorde" smallint NOT NULL, "naam" character varying(200) NOT NULL, "functie" character varying(100) NOT NULL, "email" character varying(254) NOT NULL, "telefoon" character varying(20), CONSTRAINT "PK_1f8f99f41c39f73973f62eb413d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_aanbieder_contact_volgorde" ON "aanbieder_contact"  ("aanbieder_agb", "volgorde") `);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "namens" character varying(200)`);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "client_hash" character(64)`);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "reden" character varying(100)`);
        await queryRunner.query(`ALTER TABLE "aanbieder" ADD "aangemeld_door_regio" character varying(20)`);
        await queryRunner.query(`CREATE INDEX "ix_audit_client" ON "audit_log"  ("client_hash") WHERE client_hash IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "aanbieder_contact" ADD CONSTRAINT "FK_aanbieder_contact_aanbieder" FOREIGN KEY ("aanbieder_agb") REFERENCES "aanbieder"("agb") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "aanbieder_contact" DROP CONSTRAINT "FK_aanbieder_contact_aanbieder"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_client"`);
        await queryRunner.query(`ALTER TABLE "aanbieder" DROP COLUMN "aangemeld_door_regio"`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "reden"`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "client_hash"`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "namens"`);
        await queryRunner.query(`DROP INDEX "public"."uq_aanbieder_contact_volgorde"`);
        await queryRunner.query(`DROP TABLE "aanbieder_contact"`);
    }

}
