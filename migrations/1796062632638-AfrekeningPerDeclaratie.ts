import { MigrationInterface, QueryRunner } from "typeorm";

export class AfrekeningPerDeclaratie1796062632638 implements MigrationInterface {
    name = 'AfrekeningPerDeclaratie1796062632638'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_prestatie_afrekening"`);
        await queryRunner.query(`ALTER TABLE "prestatie" DROP COLUMN "afrekening_id"`);
        await queryRunner.query(`ALTER TABLE "declaratie" ADD "afrekening_id" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_declaratie_afrekenen" ON "declaratie"  ("regio_code", "periode_begin") WHERE afrekening_id IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_declaratie_afrekenen"`);
        await queryRunner.query(`ALTER TABLE "declaratie" DROP COLUMN "afrekening_id"`);
        await queryRunner.query(`ALTER TABLE "prestatie" ADD "afrekening_id" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_prestatie_afrekening" ON "prestatie" USING btree ("gemeente_code", "aanbieder_agb", "declaratie_periode") `);
    }

}
