import { MigrationInterface, QueryRunner } from 'typeorm';

/** Regional tables that came the same day as sandbox regions: a sandbox's rows stay in the sandbox (as migration Sandbox's tables). */
const TABELLEN = ['budgetdrempels', 'budgetsignaal', 'regio_bezorgadres', 'vecozo_bericht'];

/**
 * Live budgets, the VECOZO portal and sandbox regions came the same day: their regional tables get
 * the restrictive `sandbox` policy every other regional table has (`hub_omgeving`), so a
 * production query never sees a sandbox's thresholds, alerts, endpoint or portal messages, and a
 * sandbox never production's.
 */
export class SandboxLatereTabellen1796850000000 implements MigrationInterface {
  name = 'SandboxLatereTabellen1796850000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of TABELLEN) {
      await q.query(`CREATE POLICY sandbox ON "${t}" AS RESTRICTIVE FOR ALL USING (hub_omgeving(regio_code)) WITH CHECK (hub_omgeving(regio_code))`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of TABELLEN) await q.query(`DROP POLICY sandbox ON "${t}"`);
  }
}
