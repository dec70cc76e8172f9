import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's policy for administrators tests the system (an administrator without a region)
 * before it calls hub_beheerder_bericht. That function holds a subquery, so PostgreSQL cannot
 * inline it and ran it once per row for every statement of the relay and the delivery jobs, the
 * system's own included, where its answer is always yes (14 calls per message through the chain,
 * about 20 µs each). A regional administrator still gets the function's test, so what each role
 * sees and changes is as before.
 */
export class OutboxSysteemZonderRijfunctie1796940000000 implements MigrationInterface {
  name = 'OutboxSysteemZonderRijfunctie1796940000000';

  public async up(q: QueryRunner): Promise<void> {
    const regel = `((hub_rol() = 'beheerder' AND hub_regio() = '') OR hub_beheerder_bericht(bericht_id))`;
    await q.query(`ALTER POLICY relay ON outbox USING ${regel} WITH CHECK ${regel}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER POLICY relay ON outbox USING (hub_beheerder_bericht(bericht_id)) WITH CHECK (hub_beheerder_bericht(bericht_id))`);
  }
}
