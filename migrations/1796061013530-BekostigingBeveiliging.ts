import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for lumpsum financing and cost sharing. Region staff read their region's;
 * the provider its own lumpsums, advances and settlements; a municipality's back office the
 * lumpsums and settlements that cover it, but of the per-municipality rows (shares, advances,
 * settlement parts, cost shares) only its own. The contract manager (or an administrator)
 * writes; advances are written by the worker only and never changed. An approved settlement
 * cannot be changed by anyone.
 */
export class BekostigingBeveiliging1796061013530 implements MigrationInterface {
  name = 'BekostigingBeveiliging1796061013530';

  public async up(q: QueryRunner): Promise<void> {
    const tabellen = ['lumpsum', 'lumpsum_aandeel', 'lumpsum_voorschot', 'lumpsum_vaststelling', 'lumpsum_vaststelling_gemeente', 'begrotingspost', 'kostenaandeel'];
    for (const t of tabellen) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" FORCE ROW LEVEL SECURITY`);
    }
    for (const t of ['lumpsum', 'lumpsum_aandeel', 'lumpsum_vaststelling', 'lumpsum_vaststelling_gemeente', 'begrotingspost', 'kostenaandeel']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${t}" TO hub_app`);
    }
    await q.query(`GRANT SELECT, INSERT ON "lumpsum_voorschot" TO hub_app`);

    const aanbieder = `(hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())`;
    const eigenGemeente = `(hub_gemeente_in(regio_code) AND gemeente_code = ANY (hub_gemeenten()))`;
    // A municipality sees a lumpsum (and its settlement) when it has a share in it.
    const gedekt = (kolom: string) =>
      `(hub_gemeente_in(regio_code) AND EXISTS (SELECT 1 FROM lumpsum_aandeel a WHERE a.lumpsum_id = ${kolom} AND a.gemeente_code = ANY (hub_gemeenten())))`;
    await q.query(`CREATE POLICY lezen ON lumpsum FOR SELECT USING (hub_regiostaf(regio_code) OR ${aanbieder} OR ${gedekt('lumpsum.id')})`);
    await q.query(`CREATE POLICY lezen ON lumpsum_vaststelling FOR SELECT USING (hub_regiostaf(regio_code) OR ${aanbieder} OR ${gedekt('lumpsum_vaststelling.lumpsum_id')})`);
    for (const t of ['lumpsum_aandeel', 'lumpsum_voorschot', 'lumpsum_vaststelling_gemeente']) {
      await q.query(`CREATE POLICY lezen ON ${t} FOR SELECT USING (hub_regiostaf(regio_code) OR ${aanbieder} OR ${eigenGemeente})`);
    }
    for (const t of ['lumpsum', 'lumpsum_aandeel', 'lumpsum_vaststelling', 'lumpsum_vaststelling_gemeente', 'begrotingspost', 'kostenaandeel']) {
      await q.query(`CREATE POLICY schrijven ON ${t} FOR ALL USING (hub_schrijver(regio_code)) WITH CHECK (hub_schrijver(regio_code))`);
    }
    await q.query(`CREATE POLICY schrijven ON lumpsum_voorschot FOR INSERT WITH CHECK (hub_rol() = 'beheerder')`);
    await q.query(`CREATE POLICY lezen ON begrotingspost FOR SELECT USING (hub_regiostaf(regio_code) OR hub_gemeente_in(regio_code))`);
    await q.query(`CREATE POLICY lezen ON kostenaandeel FOR SELECT USING (hub_regiostaf(regio_code) OR ${eigenGemeente})`);

    await q.query(`
      CREATE FUNCTION lumpsum_vaststelling_definitief() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN
             IF OLD.status = 'goedgekeurd' THEN RAISE EXCEPTION 'lumpsum_vaststelling % is goedgekeurd', OLD.id; END IF;
             RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
           END $$;
      CREATE TRIGGER lumpsum_vaststelling_definitief BEFORE UPDATE OR DELETE ON lumpsum_vaststelling
        FOR EACH ROW EXECUTE FUNCTION lumpsum_vaststelling_definitief();
    `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER lumpsum_vaststelling_definitief ON lumpsum_vaststelling`);
    await q.query(`DROP FUNCTION lumpsum_vaststelling_definitief()`);
    const tabellen = ['lumpsum', 'lumpsum_aandeel', 'lumpsum_voorschot', 'lumpsum_vaststelling', 'lumpsum_vaststelling_gemeente', 'begrotingspost', 'kostenaandeel'];
    for (const t of tabellen) {
      for (const p of ['lezen', 'schrijven']) await q.query(`DROP POLICY IF EXISTS ${p} ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM hub_app`);
      await q.query(`ALTER TABLE "${t}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
  }
}
