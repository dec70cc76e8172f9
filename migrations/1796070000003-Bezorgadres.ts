import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider's delivery endpoint gets its own table with its own signing secret (encrypted with
 * the key ring), the previous secret and until when that still signs (rotation overlap).
 * Endpoints set before this have no secret yet: their deliveries fail until one is issued with
 * `registreerBezorgadres` or `roteerOndertekeningsgeheim` (never signed with a hub key again).
 * A provider reads and writes its own endpoint; an administrator over all regions all (a provider
 * serves every region, so no one region's administrator decides where its messages go); everyone
 * else who reads providers sees whether one has an endpoint (outbound messages depend on it).
 * The provider row's endpoint guard (trigger and insert policy) is narrowed to what stays on it.
 */
export class Bezorgadres1796070000003 implements MigrationInterface {
  name = 'Bezorgadres1796070000003';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "bezorgadres" (
      "aanbieder_agb" character(8) NOT NULL,
      "url" character varying(500) NOT NULL,
      "geheim_versleuteld" bytea,
      "vorig_geheim_versleuteld" bytea,
      "vorig_geldig_tot" TIMESTAMP WITH TIME ZONE,
      "geregistreerd_op" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "geroteerd_op" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_bezorgadres" PRIMARY KEY ("aanbieder_agb"),
      CONSTRAINT "FK_bezorgadres_aanbieder" FOREIGN KEY ("aanbieder_agb") REFERENCES "aanbieder"("agb") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(`INSERT INTO bezorgadres (aanbieder_agb, url) SELECT agb, bezorg_url FROM aanbieder WHERE bezorg_url IS NOT NULL`);
    await q.query(`ALTER POLICY schrijven ON aanbieder WITH CHECK (hub_rol() IN ('beheerder', 'regio'))`);
    await q.query(`
      CREATE OR REPLACE FUNCTION aanbieder_bezorging_beheerder() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND NEW.agb IS DISTINCT FROM OLD.agb THEN
            RAISE EXCEPTION 'only an administrator changes the AGB of provider %', OLD.agb USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$`);
    await q.query(`ALTER TABLE "aanbieder" DROP COLUMN "bezorg_url"`);
    await q.query(`ALTER TABLE "bezorgadres" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "bezorgadres" FORCE ROW LEVEL SECURITY`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "bezorgadres" TO hub_app`);
    await q.query(`CREATE POLICY lezen ON bezorgadres FOR SELECT USING (
      (hub_rol() <> '' AND hub_rol() <> 'aanbieder') OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON bezorgadres FOR ALL
      USING ((hub_rol() = 'beheerder' AND hub_regio() = '') OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))
      WITH CHECK ((hub_rol() = 'beheerder' AND hub_regio() = '') OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "aanbieder" ADD "bezorg_url" character varying(500)`);
    await q.query(`UPDATE aanbieder a SET bezorg_url = b.url FROM bezorgadres b WHERE b.aanbieder_agb = a.agb`);
    await q.query(`
      CREATE OR REPLACE FUNCTION aanbieder_bezorging_beheerder() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND (NEW.bezorg_url IS DISTINCT FROM OLD.bezorg_url OR NEW.agb IS DISTINCT FROM OLD.agb) THEN
            RAISE EXCEPTION 'only an administrator changes the delivery endpoint or AGB of provider %', OLD.agb USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$`);
    await q.query(`ALTER POLICY schrijven ON aanbieder WITH CHECK (hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND bezorg_url IS NULL))`);
    for (const p of ['lezen', 'schrijven']) await q.query(`DROP POLICY IF EXISTS ${p} ON "bezorgadres"`);
    await q.query(`REVOKE ALL ON "bezorgadres" FROM hub_app`);
    await q.query(`DROP TABLE "bezorgadres"`);
  }
}
