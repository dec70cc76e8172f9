import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows belong to one region (column `regio_code`). */
const REGIO_TABELLEN = [
  'afrekening', 'arrangement', 'arrangement_onderdeel', 'audit_log', 'begrotingspost', 'bericht', 'budgetplafond', 'capaciteit', 'client',
  'contract', 'contract_gemeente', 'contract_product', 'declaratie', 'gemeente', 'indexatie', 'kostenaandeel', 'levering', 'lumpsum',
  'lumpsum_aandeel', 'lumpsum_vaststelling', 'lumpsum_vaststelling_gemeente', 'lumpsum_voorschot', 'prestatie', 'product', 'tarief',
  'toewijzing', 'verzoek', 'wachttijdnorm',
];
/** Tables of traffic the application never deleted from; a sandbox reset does, its own rows only. */
const ZONDER_DELETE = ['afrekening', 'bericht', 'capaciteit', 'client', 'declaratie', 'levering', 'lumpsum_voorschot', 'prestatie', 'toewijzing', 'verzoek'];

/**
 * Sandbox regions: a region whose code starts with `SANDBOX-` copies a production region's
 * contract structure with fictitious parties, and is isolated from production by row-level
 * security on top of every existing policy (restrictive, so it only ever takes rows away):
 *
 * - a context inside a sandbox region sees and writes that sandbox's rows only (a row without a
 *   region included: none of production's unrouted rows);
 * - a context of a production region, a provider without a region, or an administrator without a
 *   region (a person) sees no sandbox row;
 * - only the hub's own processes (administrator without region whose subject is `systeem:…`, which
 *   no token can carry) see both: the worker judges and delivers sandbox messages as any other.
 *
 * `hub_productie(regio_code)` is the predicate for code that must count production only.
 * A reset deletes a sandbox's rows: DELETE is granted on the traffic tables, and a permissive
 * policy lets only an administrator of the sandbox delete, only sandbox rows.
 */
export class Sandbox1796800000000 implements MigrationInterface {
  name = 'Sandbox1796800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "regio" ADD "sandbox_van" character varying(20)`);
    await q.query(`ALTER TABLE "aanbieder" ADD "sandbox_regio" character varying(20)`);
    await q.query(`ALTER TABLE "aanbieder" ADD "sandbox_van" character(8)`);
    await q.query(`ALTER TABLE "gemeente" ADD "sandbox_van" character(4)`);
    await q.query(`CREATE UNIQUE INDEX "uq_regio_sandbox_van" ON "regio" ("sandbox_van") `);
    await q.query(`CREATE UNIQUE INDEX "uq_aanbieder_sandbox" ON "aanbieder" ("sandbox_regio", "sandbox_van") `);
    await q.query(`ALTER TABLE "regio" ADD CONSTRAINT "ck_regio_sandbox" CHECK ((sandbox_van IS NULL) = (code NOT LIKE 'SANDBOX-%'))`);

    await q.query(`
      CREATE FUNCTION hub_sandbox(r text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
        $$ SELECT coalesce(r LIKE 'SANDBOX-%', false) $$;
      CREATE FUNCTION hub_productie(r text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
        $$ SELECT NOT hub_sandbox(r) $$;
      CREATE FUNCTION hub_omgeving(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT CASE WHEN hub_sandbox(hub_regio()) THEN coalesce(r = hub_regio(), false)
                       WHEN hub_sandbox(r) THEN hub_rol() = 'beheerder' AND hub_regio() = '' AND hub_sub() LIKE 'systeem:%'
                       ELSE true END $$;
    `);
    for (const t of REGIO_TABELLEN) {
      await q.query(`CREATE POLICY sandbox ON "${t}" AS RESTRICTIVE FOR ALL USING (hub_omgeving(regio_code)) WITH CHECK (hub_omgeving(regio_code))`);
    }
    await q.query(`CREATE POLICY sandbox ON "regio" AS RESTRICTIVE FOR ALL USING (hub_omgeving(code)) WITH CHECK (hub_omgeving(code))`);
    await q.query(`CREATE POLICY sandbox ON "aanbieder" AS RESTRICTIVE FOR ALL USING (hub_omgeving(sandbox_regio)) WITH CHECK (hub_omgeving(sandbox_regio))`);
    // A provider's contacts and endpoint are where the provider is (its row, under these policies).
    for (const t of ['aanbieder_contact', 'bezorgadres']) {
      const zelfde = `EXISTS (SELECT 1 FROM aanbieder a WHERE a.agb = ${t}.aanbieder_agb)`;
      await q.query(`CREATE POLICY sandbox ON "${t}" AS RESTRICTIVE FOR ALL USING (${zelfde}) WITH CHECK (${zelfde})`);
    }
    for (const t of ZONDER_DELETE) await q.query(`GRANT DELETE ON "${t}" TO hub_app`);
    for (const t of REGIO_TABELLEN.filter((x) => x !== 'audit_log')) {
      await q.query(`CREATE POLICY sandbox_leegmaken ON "${t}" FOR DELETE USING (hub_sandbox(regio_code) AND hub_beheerder_van(regio_code))`);
    }
    await q.query(`GRANT DELETE ON "outbox" TO hub_app`);
    await q.query(`CREATE POLICY sandbox_leegmaken ON "outbox" AS RESTRICTIVE FOR DELETE USING (EXISTS (SELECT 1 FROM bericht b WHERE b.id = outbox.bericht_id AND hub_sandbox(b.regio_code)))`);
    // An approved settlement stays, except in a sandbox being reset.
    await q.query(vaststellingDefinitief(`OLD.status = 'goedgekeurd' AND NOT (TG_OP = 'DELETE' AND hub_sandbox(OLD.regio_code))`));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(vaststellingDefinitief(`OLD.status = 'goedgekeurd'`));
    await q.query(`DROP POLICY sandbox_leegmaken ON "outbox"`);
    await q.query(`REVOKE DELETE ON "outbox" FROM hub_app`);
    for (const t of REGIO_TABELLEN.filter((x) => x !== 'audit_log')) await q.query(`DROP POLICY sandbox_leegmaken ON "${t}"`);
    for (const t of ZONDER_DELETE) await q.query(`REVOKE DELETE ON "${t}" FROM hub_app`);
    for (const t of [...REGIO_TABELLEN, 'regio', 'aanbieder', 'aanbieder_contact', 'bezorgadres']) await q.query(`DROP POLICY sandbox ON "${t}"`);
    await q.query(`DROP FUNCTION hub_omgeving(text), hub_productie(text), hub_sandbox(text)`);
    await q.query(`ALTER TABLE "regio" DROP CONSTRAINT "ck_regio_sandbox"`);
    await q.query(`DROP INDEX "uq_aanbieder_sandbox"`);
    await q.query(`DROP INDEX "uq_regio_sandbox_van"`);
    await q.query(`ALTER TABLE "gemeente" DROP COLUMN "sandbox_van"`);
    await q.query(`ALTER TABLE "aanbieder" DROP COLUMN "sandbox_van"`);
    await q.query(`ALTER TABLE "aanbieder" DROP COLUMN "sandbox_regio"`);
    await q.query(`ALTER TABLE "regio" DROP COLUMN "sandbox_van"`);
  }
}

const vaststellingDefinitief = (voorwaarde: string) => `CREATE OR REPLACE FUNCTION lumpsum_vaststelling_definitief() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
             IF ${voorwaarde} THEN RAISE EXCEPTION 'lumpsum_vaststelling % is goedgekeurd', OLD.id; END IF;
             RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
           END $$`;
