import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security of the VECOZO portal.
 *
 * - A portal message is read by its provider and by the hub-wide administrator (the worker's
 *   context too), an administrator of one region those to its municipalities; not by region
 *   staff, as the region does not keep the provider's correspondence.
 *   A provider writes only its own outgoing messages; pulled messages and every state change are
 *   the worker's, never a caller's.
 * - Whether a provider is a portal provider is read by every role but another provider, and set
 *   by whoever keeps that provider (`hub_aanbieder_beheerder`).
 */
export class VecozoBeveiliging1796830000001 implements MigrationInterface {
  name = 'VecozoBeveiliging1796830000001';

  public async up(q: QueryRunner): Promise<void> {
    for (const t of ['vecozo_bericht', 'vecozo_aanbieder']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
      await q.query(`GRANT SELECT, INSERT, UPDATE ON "${t}" TO hub_app`);
    }
    await q.query(`CREATE POLICY lezen ON vecozo_bericht FOR SELECT USING (
      (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
      OR (hub_rol() = 'beheerder' AND (hub_regio() = '' OR regio_code = hub_regio())))`);
    await q.query(`CREATE POLICY opstellen ON vecozo_bericht FOR INSERT WITH CHECK (
      (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb() AND richting = 'uit' AND status = 'te_versturen')
      OR (hub_rol() = 'beheerder' AND hub_regio() = ''))`);
    await q.query(`CREATE POLICY bijwerken ON vecozo_bericht FOR UPDATE USING (hub_rol() = 'beheerder' AND hub_regio() = '')`);

    await q.query(`CREATE POLICY lezen ON vecozo_aanbieder FOR SELECT USING (
      (hub_rol() <> '' AND hub_rol() <> 'aanbieder') OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`CREATE POLICY schrijven ON vecozo_aanbieder FOR ALL
      USING (hub_aanbieder_beheerder(aanbieder_agb)) WITH CHECK (hub_aanbieder_beheerder(aanbieder_agb))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const p of ['lezen', 'schrijven']) await q.query(`DROP POLICY IF EXISTS ${p} ON "vecozo_aanbieder"`);
    for (const p of ['lezen', 'opstellen', 'bijwerken']) await q.query(`DROP POLICY IF EXISTS ${p} ON "vecozo_bericht"`);
    for (const t of ['vecozo_bericht', 'vecozo_aanbieder']) await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
  }
}
