import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An envelope the GGk asked for again (Fo01 IB103) gets a state of its own, `opnieuw`, instead of
 * `klaar`: a delivery whose Bv03 comes after that Fo01 can then tell it must send again.
 */
export class GgkEnvelopOpnieuw1796920000000 implements MigrationInterface {
  name = 'GgkEnvelopOpnieuw1796920000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ggk_envelop" DROP CONSTRAINT "ck_ggk_envelop_status"`);
    await q.query(`ALTER TABLE "ggk_envelop" ADD CONSTRAINT "ck_ggk_envelop_status" CHECK (status IN ('ontvangen', 'klaar', 'verzonden', 'fout', 'opnieuw', 'vervangen'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "ggk_envelop" SET status = 'klaar' WHERE status = 'opnieuw'`);
    await q.query(`ALTER TABLE "ggk_envelop" DROP CONSTRAINT "ck_ggk_envelop_status"`);
    await q.query(`ALTER TABLE "ggk_envelop" ADD CONSTRAINT "ck_ggk_envelop_status" CHECK (status IN ('ontvangen', 'klaar', 'verzonden', 'fout', 'vervangen'))`);
  }
}
