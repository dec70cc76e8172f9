import { MigrationInterface, QueryRunner } from "typeorm";

export class Wijzigingsverzoeken1796060842948 implements MigrationInterface {
    name = 'Wijzigingsverzoeken1796060842948'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "verzoek" ADD "soort" character varying(10) NOT NULL DEFAULT 'toewijzing'`);
        await queryRunner.query(`ALTER TABLE "verzoek" ADD "reden_verzoek" character(1)`);
        await queryRunner.query(`ALTER TABLE "verzoek" ADD "pakket" jsonb`);
        await queryRunner.query(`ALTER TABLE "verzoek" ALTER COLUMN "verwijzer_type" DROP NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "verzoek" ALTER COLUMN "verwijzer_type" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "verzoek" DROP COLUMN "pakket"`);
        await queryRunner.query(`ALTER TABLE "verzoek" DROP COLUMN "reden_verzoek"`);
        await queryRunner.query(`ALTER TABLE "verzoek" DROP COLUMN "soort"`);
    }

}
