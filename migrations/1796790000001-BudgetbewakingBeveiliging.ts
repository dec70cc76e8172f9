import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security of live budgets: the region's staff (contract manager, auditor; the
 * administrator) and the contract's provider read thresholds and alerts; municipalities, the
 * access team, another provider and another region read nothing. The region's contract manager
 * (or an administrator) sets thresholds of its own region's contracts only. Alerts are appended by
 * the claim processing (the worker's administrator context) and never changed.
 */
export class BudgetbewakingBeveiliging1796790000001 implements MigrationInterface {
  name = 'BudgetbewakingBeveiliging1796790000001';

  public async up(q: QueryRunner): Promise<void> {
    const lezer = `hub_rol() = 'beheerder' OR (hub_rol() IN ('regio', 'auditor') AND regio_code = hub_regio()) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())`;
    const schrijver = `hub_schrijver(regio_code) AND hub_contract_van(contract_id, regio_code, aanbieder_agb)`;
    for (const t of ['budgetdrempels', 'budgetsignaal']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY lezen ON "${t}" FOR SELECT USING (${lezer})`);
    }
    await q.query(`CREATE POLICY schrijven ON "budgetdrempels" FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (${schrijver})`);
    await q.query(`CREATE POLICY toevoegen ON "budgetsignaal" FOR INSERT WITH CHECK (hub_rol() = 'beheerder' AND hub_contract_van(contract_id, regio_code, aanbieder_agb))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "budgetdrempels" TO hub_app`);
    await q.query(`GRANT SELECT, INSERT ON "budgetsignaal" TO hub_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY toevoegen ON "budgetsignaal"`);
    await q.query(`DROP POLICY schrijven ON "budgetdrempels"`);
    for (const t of ['budgetdrempels', 'budgetsignaal']) {
      await q.query(`DROP POLICY lezen ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
    }
  }
}
