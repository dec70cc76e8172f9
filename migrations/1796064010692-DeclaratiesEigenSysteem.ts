import { MigrationInterface, QueryRunner } from "typeorm";

export class DeclaratiesEigenSysteem1796064010692 implements MigrationInterface {
    name = 'DeclaratiesEigenSysteem1796064010692'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "gemeente" ADD "declaraties_eigen_systeem" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "gemeente" DROP COLUMN "declaraties_eigen_systeem"`);
    }

}
