import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for clients, toewijzingen and start/stop deliveries, and the sequences
 * that number toewijzingen and the hub's outbound messages.
 * Region staff see their region's; a municipality (back office or access team) its own
 * residents (hub_clientlezer); a provider only clients and toewijzingen it is allocated. Only a municipality
 * acting for one of its CBS codes (or an administrator) writes toewijzingen and clients.
 */
export class ToewijzingenBeveiliging1795536761289 implements MigrationInterface {
  name = 'ToewijzingenBeveiliging1795536761289';

  public async up(q: QueryRunner): Promise<void> {
    // Who reads client-level data of municipality g in region r: an administrator; the region's
    // contract managers and auditors; an access team of the region, limited to its municipalities
    // when the token names them; a municipality's back office for its own codes.
    await q.query(`
      CREATE FUNCTION hub_clientlezer(r text, g text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder'
             OR (hub_rol() IN ('regio', 'auditor') AND r = hub_regio())
             OR (hub_rol() = 'toegang' AND r = hub_regio() AND (cardinality(hub_gemeenten()) = 0 OR g = ANY (hub_gemeenten())))
             OR (hub_rol() = 'gemeente' AND g = ANY (hub_gemeenten())) $$`);
    // Messages carry client data too: the same rule replaces the region-wide one for access teams.
    await q.query(`DROP POLICY lezen ON bericht`);
    await q.query(`CREATE POLICY lezen ON bericht FOR SELECT USING (
      hub_clientlezer(regio_code, gemeente_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE SEQUENCE toewijzing_nummer`);
    await q.query(`CREATE SEQUENCE bericht_nummer`);
    await q.query(`GRANT USAGE ON SEQUENCE toewijzing_nummer, bericht_nummer TO hub_app`);
    for (const t of ['client', 'toewijzing', 'levering']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
      await q.query(`GRANT SELECT, INSERT, UPDATE ON "${t}" TO hub_app`);
    }
    const gemeente = `(hub_rol() IN ('gemeente', 'toegang') AND gemeente_code = ANY (hub_gemeenten()))`;
    const schrijver = `(hub_rol() = 'beheerder' OR ${gemeente})`;
    await q.query(`CREATE POLICY lezen ON client FOR SELECT USING (
      hub_clientlezer(regio_code, gemeente_code)
      OR (hub_rol() = 'aanbieder' AND EXISTS (SELECT 1 FROM toewijzing t WHERE t.client_id = client.id AND t.aanbieder_agb = hub_agb())))`);
    await q.query(`CREATE POLICY schrijven ON client FOR INSERT WITH CHECK ${schrijver}`);
    await q.query(`CREATE POLICY wijzigen ON client FOR UPDATE USING ${schrijver} WITH CHECK ${schrijver}`);
    await q.query(`CREATE POLICY lezen ON toewijzing FOR SELECT USING (
      hub_clientlezer(regio_code, gemeente_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON toewijzing FOR INSERT WITH CHECK ${schrijver}`);
    await q.query(`CREATE POLICY wijzigen ON toewijzing FOR UPDATE USING ${schrijver} WITH CHECK ${schrijver}`);
    // Deliveries are written by the worker from JW305/JW307 only.
    await q.query(`CREATE POLICY lezen ON levering FOR SELECT USING (
      hub_clientlezer(regio_code, gemeente_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON levering FOR ALL USING (hub_rol() = 'beheerder') WITH CHECK (hub_rol() = 'beheerder')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [t, ps] of [['client', ['lezen', 'schrijven', 'wijzigen']], ['toewijzing', ['lezen', 'schrijven', 'wijzigen']], ['levering', ['lezen', 'schrijven']]] as const) {
      for (const p of ps) await q.query(`DROP POLICY IF EXISTS ${p} ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
      await q.query(`ALTER TABLE "${t}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP SEQUENCE bericht_nummer`);
    await q.query(`DROP SEQUENCE toewijzing_nummer`);
    await q.query(`DROP POLICY lezen ON bericht`);
    await q.query(`CREATE POLICY lezen ON bericht FOR SELECT USING (
      hub_regiostaf(regio_code)
      OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
      OR (hub_rol() IN ('gemeente', 'toegang') AND gemeente_code = ANY (hub_gemeenten())))`);
    await q.query(`DROP FUNCTION hub_clientlezer(text, text)`);
  }
}
