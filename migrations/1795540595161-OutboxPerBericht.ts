import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxPerBericht1795540595161 implements MigrationInterface {
    name = 'OutboxPerBericht1795540595161'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_outbox_bericht_open" ON "outbox"  ("bericht_id") WHERE afgehandeld_op IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_bericht_open"`);
    }

}
