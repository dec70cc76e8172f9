import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for requests (JW315 products): region staff of the region, the
 * municipality asked, and the requesting provider read them; the worker writes them from the
 * JW315 and the municipality's access team or back office answers them.
 */
export class VerzoekenBeveiliging1795538437635 implements MigrationInterface {
  name = 'VerzoekenBeveiliging1795538437635';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "verzoek" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "verzoek" FORCE ROW LEVEL SECURITY`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON "verzoek" TO hub_app`);
    const gemeente = `(hub_rol() IN ('gemeente', 'toegang') AND gemeente_code = ANY (hub_gemeenten()))`;
    await q.query(`CREATE POLICY lezen ON verzoek FOR SELECT USING (
      hub_clientlezer(regio_code, gemeente_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON verzoek FOR INSERT WITH CHECK (hub_rol() = 'beheerder')`);
    await q.query(`CREATE POLICY beantwoorden ON verzoek FOR UPDATE USING (hub_rol() = 'beheerder' OR ${gemeente}) WITH CHECK (hub_rol() = 'beheerder' OR ${gemeente})`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const p of ['lezen', 'schrijven', 'beantwoorden']) await q.query(`DROP POLICY IF EXISTS ${p} ON "verzoek"`);
    await q.query(`REVOKE ALL ON "verzoek" FROM hub_app`);
    await q.query(`ALTER TABLE "verzoek" NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "verzoek" DISABLE ROW LEVEL SECURITY`);
  }
}
