import { MigrationInterface, QueryRunner } from 'typeorm';

/** Live budgets: a contract's own alert thresholds and the alerts fired (one per crossing). */
export class Budgetbewaking1796790000000 implements MigrationInterface {
  name = 'Budgetbewaking1796790000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "budgetdrempels" ("contract_id" uuid NOT NULL, "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "drempels" integer array NOT NULL, "gewijzigd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_budgetdrempels_drempels" CHECK (cardinality(drempels) BETWEEN 1 AND 5 AND 1 <= ALL (drempels) AND 100 >= ALL (drempels)), CONSTRAINT "PK_ff6ae3773094b6239b9a7cdd931" PRIMARY KEY ("contract_id"))`);
    await queryRunner.query(`CREATE TABLE "budgetsignaal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "regio_code" character varying(20) NOT NULL, "aanbieder_agb" character(8) NOT NULL, "contract_id" uuid NOT NULL, "jaar" integer NOT NULL, "drempel" integer NOT NULL, "plafond_centen" bigint NOT NULL, "toegekend_centen" bigint NOT NULL, "declaratie_id" uuid, "gesignaleerd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_budgetsignaal_kruising" UNIQUE ("contract_id", "jaar", "drempel", "plafond_centen"), CONSTRAINT "PK_1e47b9364b263c842b709cd66ae" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_budgetsignaal_regio" ON "budgetsignaal" ("regio_code", "jaar") `);
    await queryRunner.query(`ALTER TABLE "budgetdrempels" ADD CONSTRAINT "FK_ff6ae3773094b6239b9a7cdd931" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "budgetsignaal" ADD CONSTRAINT "FK_c841702611a46804bdea367705f" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "budgetsignaal" DROP CONSTRAINT "FK_c841702611a46804bdea367705f"`);
    await queryRunner.query(`ALTER TABLE "budgetdrempels" DROP CONSTRAINT "FK_ff6ae3773094b6239b9a7cdd931"`);
    await queryRunner.query(`DROP INDEX "public"."ix_budgetsignaal_regio"`);
    await queryRunner.query(`DROP TABLE "budgetsignaal"`);
    await queryRunner.query(`DROP TABLE "budgetdrempels"`);
  }
}
