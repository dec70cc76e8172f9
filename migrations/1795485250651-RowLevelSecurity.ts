import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security as the backstop behind the application's own tenant filters.
 * The app connects as `hub_app` (no owner, no BYPASSRLS) and sets, per transaction with
 * set_config(..., true): app.rol, app.regio, app.agb and app.gemeenten (comma-separated CBS codes).
 * FORCE makes the policies hold for the owner too. An unset context sees nothing.
 */
export class RowLevelSecurity1795485250651 implements MigrationInterface {
  name = 'RowLevelSecurity1795485250651';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hub_rol() RETURNS text LANGUAGE sql STABLE AS
        $$ SELECT coalesce(current_setting('app.rol', true), '') $$;
      CREATE FUNCTION hub_regio() RETURNS text LANGUAGE sql STABLE AS
        $$ SELECT coalesce(current_setting('app.regio', true), '') $$;
      CREATE FUNCTION hub_agb() RETURNS text LANGUAGE sql STABLE AS
        $$ SELECT coalesce(current_setting('app.agb', true), '') $$;
      CREATE FUNCTION hub_gemeenten() RETURNS text[] LANGUAGE sql STABLE AS
        $$ SELECT coalesce(string_to_array(nullif(current_setting('app.gemeenten', true), ''), ','), '{}') $$;
      -- Region staff (contract manager, access team, auditor) of this region, or an administrator.
      CREATE FUNCTION hub_regiostaf(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder' OR (hub_rol() IN ('regio', 'toegang', 'auditor') AND r = hub_regio()) $$;
      -- Who may change contracting data of region r.
      CREATE FUNCTION hub_schrijver(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND r = hub_regio()) $$;
      -- A municipality's back office of region r.
      CREATE FUNCTION hub_gemeente_in(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'gemeente' AND r = hub_regio() $$;
    `);

    const tables = [
      'regio', 'gemeente', 'aanbieder', 'product', 'arrangement', 'arrangement_onderdeel', 'contract',
      'contract_gemeente', 'budgetplafond', 'contract_product', 'tarief', 'indexatie', 'audit_log',
    ];
    for (const t of tables) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
    }

    // Reference data: every signed-in caller may read regions and municipalities.
    await q.query(`CREATE POLICY lezen ON regio FOR SELECT USING (hub_rol() <> '')`);
    await q.query(`CREATE POLICY schrijven ON regio FOR ALL USING (hub_rol() = 'beheerder') WITH CHECK (hub_rol() = 'beheerder')`);
    await q.query(`CREATE POLICY lezen ON gemeente FOR SELECT USING (hub_rol() <> '')`);
    await q.query(`CREATE POLICY schrijven ON gemeente FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);

    // A provider sees itself only; everyone else sees the providers.
    await q.query(`CREATE POLICY lezen ON aanbieder FOR SELECT USING (
      (hub_rol() <> '' AND hub_rol() <> 'aanbieder') OR (hub_rol() = 'aanbieder' AND agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON aanbieder FOR ALL USING (hub_rol() IN ('regio', 'beheerder')) WITH CHECK (hub_rol() IN ('regio', 'beheerder'))`);

    // Product book: the region's staff and municipalities; a provider only the products it is contracted for.
    await q.query(`CREATE POLICY lezen ON product FOR SELECT USING (
      hub_regiostaf(regio_code) OR hub_gemeente_in(regio_code)
      OR (hub_rol() = 'aanbieder' AND EXISTS (
        SELECT 1 FROM contract_product cp WHERE cp.product_id = product.id AND cp.aanbieder_agb = hub_agb())))`);
    await q.query(`CREATE POLICY schrijven ON product FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);
    for (const t of ['arrangement', 'arrangement_onderdeel']) {
      await q.query(`CREATE POLICY lezen ON ${t} FOR SELECT USING (hub_regiostaf(regio_code) OR hub_gemeente_in(regio_code))`);
      await q.query(`CREATE POLICY schrijven ON ${t} FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);
    }

    // Contracts: region staff; the provider of the contract; a municipality the contract covers.
    await q.query(`CREATE POLICY lezen ON contract_gemeente FOR SELECT USING (
      hub_regiostaf(regio_code) OR hub_gemeente_in(regio_code)
      OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY lezen ON contract FOR SELECT USING (
      hub_regiostaf(regio_code)
      OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
      OR (hub_gemeente_in(regio_code) AND EXISTS (
        SELECT 1 FROM contract_gemeente cg WHERE cg.contract_id = contract.id AND cg.gemeente_code = ANY (hub_gemeenten()))))`);
    for (const t of ['budgetplafond', 'contract_product', 'tarief']) {
      await q.query(`CREATE POLICY lezen ON ${t} FOR SELECT USING (
        hub_regiostaf(regio_code)
        OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
        OR (hub_gemeente_in(regio_code) AND EXISTS (
          SELECT 1 FROM contract_gemeente cg WHERE cg.contract_id = ${t}.contract_id AND cg.gemeente_code = ANY (hub_gemeenten()))))`);
    }
    for (const t of ['contract', 'contract_gemeente', 'budgetplafond', 'contract_product', 'tarief']) {
      await q.query(`CREATE POLICY schrijven ON ${t} FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);
    }
    await q.query(`CREATE POLICY lezen ON indexatie FOR SELECT USING (hub_regiostaf(regio_code))`);
    await q.query(`CREATE POLICY schrijven ON indexatie FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);

    // Audit: anyone signed in appends; auditors of the region and administrators read; nobody changes.
    await q.query(`CREATE POLICY toevoegen ON audit_log FOR INSERT WITH CHECK (hub_rol() <> '')`);
    await q.query(`CREATE POLICY lezen ON audit_log FOR SELECT USING (
      hub_rol() = 'beheerder' OR (hub_rol() = 'auditor' AND regio_code = hub_regio()))`);
    await q.query(`
      CREATE FUNCTION audit_log_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_alleen_toevoegen BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_alleen_toevoegen();
    `);

    // The app role: created by `migrate` before the migrations run (roles are cluster-wide).
    await q.query(`GRANT USAGE ON SCHEMA public TO hub_app`);
    for (const t of tables.filter((x) => x !== 'audit_log')) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${t}" TO hub_app`);
    }
    await q.query(`GRANT SELECT, INSERT ON audit_log TO hub_app`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_log_id_seq TO hub_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_alleen_toevoegen ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_alleen_toevoegen()`);
    const tables = [
      'regio', 'gemeente', 'aanbieder', 'product', 'arrangement', 'arrangement_onderdeel', 'contract',
      'contract_gemeente', 'budgetplafond', 'contract_product', 'tarief', 'indexatie', 'audit_log',
    ];
    for (const t of tables) {
      await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
      for (const p of ['lezen', 'schrijven', 'toevoegen']) await q.query(`DROP POLICY IF EXISTS ${p} ON "${t}"`);
      await q.query(`ALTER TABLE "${t}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION hub_gemeente_in(text), hub_schrijver(text), hub_regiostaf(text), hub_gemeenten(), hub_agb(), hub_regio(), hub_rol()`);
  }
}
