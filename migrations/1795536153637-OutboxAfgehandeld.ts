import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxAfgehandeld1795536153637 implements MigrationInterface {
    name = 'OutboxAfgehandeld1795536153637'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox" ADD "afgehandeld_op" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_onafgehandeld" ON "outbox"  ("doorgezet_op") WHERE afgehandeld_op IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_onafgehandeld"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "afgehandeld_op"`);
    }

}
