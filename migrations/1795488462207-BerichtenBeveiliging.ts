import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security and grants for the message store and the outbox, and the sequence that
 * numbers retours (IdentificatieRetour).
 * A provider sees the messages it sent or receives (its AGB); a municipality's back office or
 * access team those of its municipalities; region staff those of the region. The outbox is
 * written by any sender in its own transaction but read and updated by the worker only.
 */
export class BerichtenBeveiliging1795488462207 implements MigrationInterface {
  name = 'BerichtenBeveiliging1795488462207';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE retour_nummer`);
    await q.query(`GRANT USAGE ON SEQUENCE retour_nummer TO hub_app`);
    for (const t of ['bericht', 'outbox']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
      await q.query(`GRANT SELECT, INSERT, UPDATE ON "${t}" TO hub_app`);
    }
    await q.query(`GRANT USAGE ON SEQUENCE outbox_id_seq TO hub_app`);
    const partij = `(
      hub_regiostaf(regio_code)
      OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
      OR (hub_rol() IN ('gemeente', 'toegang') AND gemeente_code = ANY (hub_gemeenten())))`;
    await q.query(`CREATE POLICY lezen ON bericht FOR SELECT USING ${partij}`);
    await q.query(`CREATE POLICY ontvangen ON bericht FOR INSERT WITH CHECK (
      hub_rol() = 'beheerder'
      OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
      OR (hub_rol() IN ('gemeente', 'toegang') AND gemeente_code = ANY (hub_gemeenten())))`);
    await q.query(`CREATE POLICY verwerken ON bericht FOR UPDATE USING (hub_rol() = 'beheerder') WITH CHECK (hub_rol() = 'beheerder')`);
    await q.query(`CREATE POLICY toevoegen ON outbox FOR INSERT WITH CHECK (hub_rol() <> '')`);
    await q.query(`CREATE POLICY relay ON outbox FOR ALL USING (hub_rol() = 'beheerder') WITH CHECK (hub_rol() = 'beheerder')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [t, ps] of [['bericht', ['lezen', 'ontvangen', 'verwerken']], ['outbox', ['toevoegen', 'relay']]] as const) {
      for (const p of ps) await q.query(`DROP POLICY IF EXISTS ${p} ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
      await q.query(`ALTER TABLE "${t}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP SEQUENCE retour_nummer`);
  }
}
