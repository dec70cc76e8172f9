import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version number of the reference data the worker caches (municipalities, product book): every
 * statement that changes those tables raises it, in its own transaction, so a batch that reads it
 * after that commit reloads, and a cache is never used stale after a committed change.
 */
export class ReferentieVersie1796700000001 implements MigrationInterface {
  name = 'ReferentieVersie1796700000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referentie_versie" ("id" boolean PRIMARY KEY DEFAULT true CHECK (id), "versie" bigint NOT NULL)`);
    await q.query(`INSERT INTO referentie_versie (versie) VALUES (1)`);
    await q.query(`GRANT SELECT ON "referentie_versie" TO hub_app`);
    // Raised by the owner on behalf of whoever changed the data: the app itself cannot write it.
    await q.query(`CREATE FUNCTION hub_referentie_gewijzigd() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE referentie_versie SET versie = versie + 1;
        RETURN NULL;
      END $$`);
    for (const t of ['gemeente', 'product']) {
      await q.query(`CREATE TRIGGER tr_${t}_referentie AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION hub_referentie_gewijzigd()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['gemeente', 'product']) await q.query(`DROP TRIGGER tr_${t}_referentie ON "${t}"`);
    await q.query(`DROP FUNCTION hub_referentie_gewijzigd()`);
    await q.query(`DROP TABLE "referentie_versie"`);
  }
}
