import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for capacity and waiting-time norms.
 * Capacity: a provider reads and writes only its own rows (a change closes the current version
 * and adds one; nothing is deleted, so the history stays); region staff and the region's
 * municipalities read the region's. Norms: every signed-in caller may read; only the
 * region's contract managers (or an administrator) set them.
 */
export class CapaciteitBeveiliging1796060977379 implements MigrationInterface {
  name = 'CapaciteitBeveiliging1796060977379';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of ['capaciteit', 'wachttijdnorm']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON "capaciteit" TO hub_app`);
    const eigen = `(hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`;
    await q.query(`CREATE POLICY lezen ON capaciteit FOR SELECT USING (
      hub_regiostaf(regio_code) OR hub_gemeente_in(regio_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON capaciteit FOR INSERT WITH CHECK ${eigen}`);
    await q.query(`CREATE POLICY wijzigen ON capaciteit FOR UPDATE USING ${eigen} WITH CHECK ${eigen}`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "wachttijdnorm" TO hub_app`);
    await q.query(`CREATE POLICY lezen ON wachttijdnorm FOR SELECT USING (hub_rol() <> '')`);
    await q.query(`CREATE POLICY schrijven ON wachttijdnorm FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [t, ps] of [['capaciteit', ['lezen', 'schrijven', 'wijzigen']], ['wachttijdnorm', ['lezen', 'schrijven']]] as const) {
      for (const p of ps) await q.query(`DROP POLICY IF EXISTS ${p} ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
      await q.query(`ALTER TABLE "${t}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
  }
}
