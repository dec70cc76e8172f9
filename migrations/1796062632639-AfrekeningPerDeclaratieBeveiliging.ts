import { MigrationInterface, QueryRunner } from 'typeorm';

/** Settlement marks claims, not prestaties: the region or the municipality that settles updates its claims. */
export class AfrekeningPerDeclaratieBeveiliging1796062632639 implements MigrationInterface {
  name = 'AfrekeningPerDeclaratieBeveiliging1796062632639';

  public async up(q: QueryRunner): Promise<void> {
    const afrekenaar = `(hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND regio_code = hub_regio()) OR (hub_rol() = 'gemeente' AND gemeente_code = ANY (hub_gemeenten())))`;
    await q.query(`DROP POLICY afrekenen ON prestatie`);
    await q.query(`CREATE POLICY afrekenen ON declaratie FOR UPDATE USING ${afrekenaar} WITH CHECK ${afrekenaar}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    const afrekenaar = `(hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND regio_code = hub_regio()) OR (hub_rol() = 'gemeente' AND gemeente_code = ANY (hub_gemeenten())))`;
    await q.query(`DROP POLICY afrekenen ON declaratie`);
    await q.query(`CREATE POLICY afrekenen ON prestatie FOR UPDATE USING ${afrekenaar} WITH CHECK ${afrekenaar}`);
  }
}
