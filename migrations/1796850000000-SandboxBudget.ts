import { MigrationInterface, QueryRunner } from 'typeorm';

/** The live budgets' tables, each of one region: a sandbox's rows stay in the sandbox (as migration Sandbox's tables). */
const TABELLEN = ['budgetdrempels', 'budgetsignaal', 'regio_bezorgadres'];

/**
 * Live budgets and sandbox regions came the same day: the budgets' tables get the restrictive
 * `sandbox` policy every other regional table has (`hub_omgeving`), so a production query never
 * sees a sandbox's thresholds, alerts or endpoint, and a sandbox never production's.
 */
export class SandboxBudget1796850000000 implements MigrationInterface {
  name = 'SandboxBudget1796850000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of TABELLEN) {
      await q.query(`CREATE POLICY sandbox ON "${t}" AS RESTRICTIVE FOR ALL USING (hub_omgeving(regio_code)) WITH CHECK (hub_omgeving(regio_code))`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of TABELLEN) await q.query(`DROP POLICY sandbox ON "${t}"`);
  }
}
