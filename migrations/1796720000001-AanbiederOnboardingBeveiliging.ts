import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security of provider onboarding and the audit trail's "on whose behalf".
 *
 * - A provider is shared reference data (one row per AGB for every region). A contract manager
 *   registers a new one for its own region (`aangemeld_door_regio`); an administrator of a region
 *   for that region; the hub-wide administrator for none.
 * - `hub_aanbieder_beheerder(agb)`: who keeps a provider's contacts: the provider itself, the
 *   hub-wide administrator, and the contract manager or administrator of a region that contracted
 *   or registered it. Another provider, another region: nothing.
 * - Contacts are read by whoever reads providers (a provider only its own).
 * - Only an administrator changes which region registered a provider.
 * - An audit row's `namens` (the organisation acted for) comes from the transaction's context,
 *   like its actor, role and region: a trigger overwrites whatever the insert said.
 */
export class AanbiederOnboardingBeveiliging1796720000001 implements MigrationInterface {
  name = 'AanbiederOnboardingBeveiliging1796720000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hub_aanbieder_beheerder(agb text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT (hub_rol() = 'beheerder' AND hub_regio() = '')
             OR (hub_rol() = 'aanbieder' AND $1 = hub_agb())
             OR (hub_rol() IN ('regio', 'beheerder') AND hub_regio() <> '' AND (
                  EXISTS (SELECT 1 FROM contract c WHERE c.aanbieder_agb = $1 AND c.regio_code = hub_regio())
                  OR EXISTS (SELECT 1 FROM aanbieder a WHERE a.agb = $1 AND a.aangemeld_door_regio = hub_regio()))) $$;
    `);
    await q.query(`ALTER TABLE "aanbieder_contact" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "aanbieder_contact" FORCE ROW LEVEL SECURITY`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "aanbieder_contact" TO hub_app`);
    await q.query(`CREATE POLICY lezen ON aanbieder_contact FOR SELECT USING (
      (hub_rol() <> '' AND hub_rol() <> 'aanbieder') OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON aanbieder_contact FOR ALL
      USING (hub_aanbieder_beheerder(aanbieder_agb)) WITH CHECK (hub_aanbieder_beheerder(aanbieder_agb))`);

    await q.query(`ALTER POLICY schrijven ON aanbieder WITH CHECK (
      (hub_rol() = 'beheerder' AND (hub_regio() = '' OR aangemeld_door_regio = hub_regio()))
      OR (hub_rol() = 'regio' AND aangemeld_door_regio = hub_regio()))`);
    await q.query(`
      CREATE OR REPLACE FUNCTION aanbieder_bezorging_beheerder() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND (NEW.agb IS DISTINCT FROM OLD.agb OR NEW.aangemeld_door_regio IS DISTINCT FROM OLD.aangemeld_door_regio) THEN
            RAISE EXCEPTION 'only an administrator changes the AGB or registering region of provider %', OLD.agb USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$`);

    await q.query(`
      CREATE FUNCTION audit_log_namens() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.namens := CASE
            WHEN hub_rol() = 'aanbieder' THEN 'AGB ' || hub_agb()
            WHEN hub_rol() IN ('gemeente', 'toegang') AND cardinality(hub_gemeenten()) > 0 THEN 'gemeente ' || array_to_string(hub_gemeenten(), ', ')
            WHEN hub_regio() <> '' THEN 'regio ' || hub_regio()
            ELSE 'hub'
          END;
          RETURN NEW;
        END $$;
      CREATE TRIGGER audit_log_namens BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_namens();
    `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_namens ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_namens()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION aanbieder_bezorging_beheerder() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND NEW.agb IS DISTINCT FROM OLD.agb THEN
            RAISE EXCEPTION 'only an administrator changes the AGB of provider %', OLD.agb USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$`);
    await q.query(`ALTER POLICY schrijven ON aanbieder WITH CHECK (hub_rol() IN ('beheerder', 'regio'))`);
    for (const p of ['lezen', 'schrijven']) await q.query(`DROP POLICY IF EXISTS ${p} ON "aanbieder_contact"`);
    await q.query(`REVOKE ALL ON "aanbieder_contact" FROM hub_app`);
    await q.query(`DROP FUNCTION hub_aanbieder_beheerder(text)`);
  }
}
