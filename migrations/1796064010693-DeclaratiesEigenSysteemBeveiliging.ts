import { MigrationInterface, QueryRunner } from 'typeorm';

/** The worker records a municipality's own JW325 on the prestaties of the claim it answers. */
export class DeclaratiesEigenSysteemBeveiliging1796064010693 implements MigrationInterface {
  name = 'DeclaratiesEigenSysteemBeveiliging1796064010693';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE POLICY beoordelen ON prestatie FOR UPDATE USING (hub_rol() = 'beheerder') WITH CHECK (hub_rol() = 'beheerder')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY beoordelen ON prestatie`);
  }
}
