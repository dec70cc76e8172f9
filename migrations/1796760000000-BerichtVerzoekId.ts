import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request id (X-Request-Id) of the request that stored a message or caused it: the inbox's
 * POST, a GraphQL mutation that writes a JW301, or (for a retour) its message's. Carried into the
 * delivery job and its HTTP POST, so one request can be followed through api, worker and receiver.
 */
export class BerichtVerzoekId1796760000000 implements MigrationInterface {
  name = 'BerichtVerzoekId1796760000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bericht" ADD "verzoek_id" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bericht" DROP COLUMN "verzoek_id"`);
  }
}
