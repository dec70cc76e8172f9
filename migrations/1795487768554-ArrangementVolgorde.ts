import { MigrationInterface, QueryRunner } from "typeorm";

export class ArrangementVolgorde1795487768554 implements MigrationInterface {
    name = 'ArrangementVolgorde1795487768554'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "arrangement_onderdeel" ADD "volgnummer" smallint NOT NULL DEFAULT '0'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "arrangement_onderdeel" DROP COLUMN "volgnummer"`);
    }

}
