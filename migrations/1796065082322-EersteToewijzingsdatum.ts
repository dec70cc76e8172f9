import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day a toewijzing was first allocated, kept through changes (a change gives it a new
 * Toewijzingsdatum): waiting times of direct allocations count from it. Existing rows take their
 * current Toewijzingsdatum; an insert that does not name it takes the row's Toewijzingsdatum.
 */
export class EersteToewijzingsdatum1796065082322 implements MigrationInterface {
  name = 'EersteToewijzingsdatum1796065082322';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "toewijzing" ADD "eerste_toewijzingsdatum" date`);
    await q.query(`UPDATE "toewijzing" SET "eerste_toewijzingsdatum" = "toewijzingsdatum"`);
    await q.query(`ALTER TABLE "toewijzing" ALTER COLUMN "eerste_toewijzingsdatum" SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION hub_eerste_toewijzingsdatum() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN NEW.eerste_toewijzingsdatum := coalesce(NEW.eerste_toewijzingsdatum, NEW.toewijzingsdatum); RETURN NEW; END $$`);
    await q.query(`CREATE TRIGGER eerste_toewijzingsdatum BEFORE INSERT ON "toewijzing" FOR EACH ROW EXECUTE FUNCTION hub_eerste_toewijzingsdatum()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER eerste_toewijzingsdatum ON "toewijzing"`);
    await q.query(`DROP FUNCTION hub_eerste_toewijzingsdatum()`);
    await q.query(`ALTER TABLE "toewijzing" DROP COLUMN "eerste_toewijzingsdatum"`);
  }
}
