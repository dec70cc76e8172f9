import { MigrationInterface, QueryRunner } from "typeorm";

export class BerichtOntvangenMs1795536385799 implements MigrationInterface {
    name = 'BerichtOntvangenMs1795536385799'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_bericht_gemeente"`);
        await queryRunner.query(`DROP INDEX "public"."ix_bericht_aanbieder"`);
        await queryRunner.query(`ALTER TABLE "bericht" ALTER COLUMN "ontvangen_op" TYPE TIMESTAMP(3) WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "ix_bericht_gemeente" ON "bericht"  ("gemeente_code", "ontvangen_op") `);
        await queryRunner.query(`CREATE INDEX "ix_bericht_aanbieder" ON "bericht"  ("aanbieder_agb", "ontvangen_op") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_bericht_aanbieder"`);
        await queryRunner.query(`DROP INDEX "public"."ix_bericht_gemeente"`);
        await queryRunner.query(`ALTER TABLE "bericht" ALTER COLUMN "ontvangen_op" TYPE TIMESTAMP(6) WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "ix_bericht_aanbieder" ON "bericht" USING btree ("aanbieder_agb", "ontvangen_op") `);
        await queryRunner.query(`CREATE INDEX "ix_bericht_gemeente" ON "bericht" USING btree ("gemeente_code", "ontvangen_op") `);
    }

}
