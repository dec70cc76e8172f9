import { MigrationInterface, QueryRunner } from 'typeorm';

/** Provider-sent message types (heen messages and its retours on JW301/JW319). */
const VAN_AANBIEDER = `('JW305', 'JW307', 'JW315', 'JW317', 'JW323', 'JW302', 'JW320')`;

/**
 * Per-client order and release of messages.
 * - `bericht.volgnummer`: receipt order, given by the inbox; `client_sleutel`: the keyed hash of
 *   the one client a message is about. The worker judges a client's messages one at a time in
 *   receipt order (advisory lock on the key, earlier unprocessed ones first).
 * - `levering.volgnummer`: the receipt order of the delivery's message, the order its history is
 *   read in; a unique index makes two live deliveries with the same key impossible.
 * - `bericht.aanbieder_ziet`: a provider sees what it sent and what was released to it; a
 *   municipality's message the hub refused was never sent, so its provider does not see it.
 */
export class BerichtVolgorde1796531036930 implements MigrationInterface {
  name = 'BerichtVolgorde1796531036930';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bericht" ADD "client_sleutel" character(64)`);
    await q.query(`ALTER TABLE "bericht" ADD "volgnummer" BIGSERIAL NOT NULL`);
    // Existing messages numbered in the order they were received, the sequence continuing after them.
    await q.query(`UPDATE bericht SET volgnummer = s.n FROM (SELECT id, row_number() OVER (ORDER BY ontvangen_op, id) AS n FROM bericht) s WHERE s.id = bericht.id`);
    await q.query(`SELECT setval('bericht_volgnummer_seq', coalesce(max(volgnummer), 0) + 1, false) FROM bericht`);
    await q.query(`GRANT USAGE ON SEQUENCE bericht_volgnummer_seq TO hub_app`);
    await q.query(`ALTER TABLE "bericht" ADD "aanbieder_ziet" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE bericht SET aanbieder_ziet = (richting = 'uit' OR type IN ${VAN_AANBIEDER} OR status IN ('klaar', 'beschikbaar', 'afgeleverd', 'mislukt') OR heen_id IS NOT NULL)`);
    await q.query(`CREATE INDEX "ix_bericht_volgorde" ON "bericht" ("client_sleutel", "volgnummer") WHERE status = 'ontvangen' AND client_sleutel IS NOT NULL`);

    await q.query(`ALTER TABLE "levering" ADD "volgnummer" bigint`);
    await q.query(`UPDATE levering l SET volgnummer = b.volgnummer FROM bericht b WHERE b.id = l.bericht_id`);
    // Live duplicates accepted before this index existed: the later one should have had 9074; it is
    // marked deleted so the index can be built and the history reads as if it had.
    await q.query(`
      UPDATE levering SET verwijderd = true WHERE id IN (
        SELECT id FROM (
          SELECT id, row_number() OVER (
                   PARTITION BY aanbieder_agb, gemeente_code, client_hash, toewijzing_nummer, product_categorie, product_code, soort, begindatum, einddatum, reden_beeindiging
                   ORDER BY volgnummer NULLS FIRST, ontvangen_op, id) AS n
            FROM levering WHERE NOT verwijderd) d
         WHERE d.n > 1)`);
    await q.query(`
      CREATE UNIQUE INDEX "uq_levering_levend" ON "levering"
        (aanbieder_agb, gemeente_code, client_hash, toewijzing_nummer, product_categorie, product_code, soort, begindatum, einddatum, reden_beeindiging)
        NULLS NOT DISTINCT WHERE NOT verwijderd`);

    await q.query(`DROP POLICY lezen ON bericht`);
    await q.query(`CREATE POLICY lezen ON bericht FOR SELECT USING (
      hub_clientlezer(regio_code, gemeente_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb() AND aanbieder_ziet))`);
    // A municipality cannot release its own inbound message to the provider: only the worker does, by forwarding it.
    await q.query(`DROP POLICY ontvangen ON bericht`);
    await q.query(`CREATE POLICY ontvangen ON bericht FOR INSERT WITH CHECK (
      hub_beheerder_van(regio_code)
      OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
      OR (hub_eigen_gemeente(regio_code, gemeente_code) AND (richting = 'uit' OR NOT aanbieder_ziet)))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY ontvangen ON bericht`);
    await q.query(`CREATE POLICY ontvangen ON bericht FOR INSERT WITH CHECK (
      hub_beheerder_van(regio_code)
      OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())
      OR hub_eigen_gemeente(regio_code, gemeente_code))`);
    await q.query(`DROP POLICY lezen ON bericht`);
    await q.query(`CREATE POLICY lezen ON bericht FOR SELECT USING (
      hub_clientlezer(regio_code, gemeente_code) OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()))`);
    await q.query(`DROP INDEX "public"."uq_levering_levend"`);
    await q.query(`ALTER TABLE "levering" DROP COLUMN "volgnummer"`);
    await q.query(`DROP INDEX "public"."ix_bericht_volgorde"`);
    await q.query(`ALTER TABLE "bericht" DROP COLUMN "aanbieder_ziet"`);
    await q.query(`ALTER TABLE "bericht" DROP COLUMN "volgnummer"`);
    await q.query(`ALTER TABLE "bericht" DROP COLUMN "client_sleutel"`);
  }
}
