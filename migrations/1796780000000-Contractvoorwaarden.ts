import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers that name the contract (issue 14, item 2): per contract a clause (artikel) for each kind
 * of condition, defaulting to the model agreement's, and per prestatie the contract conditions
 * behind its rejection or flag, with contract, lot and clause as judged.
 */
export class Contractvoorwaarden1796780000000 implements MigrationInterface {
  name = 'Contractvoorwaarden1796780000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contract" ADD "artikel_looptijd" character varying(100) NOT NULL DEFAULT 'Artikel 3 (looptijd)'`);
    await queryRunner.query(`ALTER TABLE "contract" ADD "artikel_perceel" character varying(100) NOT NULL DEFAULT 'Artikel 4 (perceel en producten)'`);
    await queryRunner.query(`ALTER TABLE "contract" ADD "artikel_tarief" character varying(100) NOT NULL DEFAULT 'Artikel 7 (tarieven)'`);
    await queryRunner.query(`ALTER TABLE "contract" ADD "artikel_plafond" character varying(100) NOT NULL DEFAULT 'Artikel 9 (budgetplafond)'`);
    await queryRunner.query(`ALTER TABLE "prestatie" ADD "contractvoorwaarden" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prestatie" DROP COLUMN "contractvoorwaarden"`);
    await queryRunner.query(`ALTER TABLE "contract" DROP COLUMN "artikel_plafond"`);
    await queryRunner.query(`ALTER TABLE "contract" DROP COLUMN "artikel_tarief"`);
    await queryRunner.query(`ALTER TABLE "contract" DROP COLUMN "artikel_perceel"`);
    await queryRunner.query(`ALTER TABLE "contract" DROP COLUMN "artikel_looptijd"`);
  }
}
