import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for claims, their prestaties and settlements: region staff of the region and
 * the municipality claimed from read them (hub_clientlezer), the provider its own. The worker
 * writes claims from JW323s; the municipality's back office holds and releases them; the region
 * or the municipality runs the monthly settlement of its own.
 */
export class DeclaratiesBeveiliging1796061468303 implements MigrationInterface {
  name = 'DeclaratiesBeveiliging1796061468303';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of ['declaratie', 'prestatie', 'afrekening']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
      await q.query(`GRANT SELECT, INSERT, UPDATE ON "${t}" TO hub_app`);
      await q.query(`CREATE POLICY lezen ON "${t}" FOR SELECT USING (
        hub_clientlezer(regio_code, gemeente_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    }
    const backoffice = `(hub_rol() = 'beheerder' OR (hub_rol() = 'gemeente' AND gemeente_code = ANY (hub_gemeenten())))`;
    const afrekenaar = `(hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND regio_code = hub_regio()) OR (hub_rol() = 'gemeente' AND gemeente_code = ANY (hub_gemeenten())))`;
    await q.query(`CREATE POLICY schrijven ON declaratie FOR INSERT WITH CHECK (hub_rol() = 'beheerder')`);
    await q.query(`CREATE POLICY aanhouden ON declaratie FOR UPDATE USING ${backoffice} WITH CHECK ${backoffice}`);
    await q.query(`CREATE POLICY schrijven ON prestatie FOR INSERT WITH CHECK (hub_rol() = 'beheerder')`);
    await q.query(`CREATE POLICY afrekenen ON prestatie FOR UPDATE USING ${afrekenaar} WITH CHECK ${afrekenaar}`);
    await q.query(`CREATE POLICY schrijven ON afrekening FOR INSERT WITH CHECK ${afrekenaar}`);
    await q.query(`CREATE POLICY wijzigen ON afrekening FOR UPDATE USING ${afrekenaar} WITH CHECK ${afrekenaar}`);
    // Releasing a held claim marks its JW323 answered.
    const jw323 = `(hub_rol() = 'gemeente' AND type = 'JW323' AND richting = 'in' AND gemeente_code = ANY (hub_gemeenten()))`;
    await q.query(`CREATE POLICY beantwoorden ON bericht FOR UPDATE USING ${jw323} WITH CHECK ${jw323}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY IF EXISTS beantwoorden ON bericht`);
    for (const [t, ps] of [
      ['declaratie', ['lezen', 'schrijven', 'aanhouden']],
      ['prestatie', ['lezen', 'schrijven', 'afrekenen']],
      ['afrekening', ['lezen', 'schrijven', 'wijzigen']],
    ] as const) {
      for (const p of ps) await q.query(`DROP POLICY IF EXISTS ${p} ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
      await q.query(`ALTER TABLE "${t}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
  }
}
