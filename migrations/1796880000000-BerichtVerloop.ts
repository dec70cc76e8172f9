import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trace of a portal message (berichtVerloop): what links it to the same iJw message on the
 * municipality's side (its Header Afzender and own Dagtekening, beside the type and Identificatie
 * already kept), when a pulled message's DELETE was confirmed, and every VECOZO status seen.
 * Nullable: messages stored before carry their XML encrypted, so nothing is filled in for them.
 */
export class BerichtVerloop1796880000000 implements MigrationInterface {
  name = 'BerichtVerloop1796880000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "vecozo_bericht" ADD "afzender" character varying(8)`);
    await q.query(`ALTER TABLE "vecozo_bericht" ADD "dagtekening" date`);
    await q.query(`ALTER TABLE "vecozo_bericht" ADD "bevestigd_op" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "vecozo_bericht" ADD "statusverloop" jsonb`);
    await q.query(`CREATE INDEX "ix_vecozo_bericht_kenmerk" ON "vecozo_bericht"  ("afzender", "type", "identificatie") `);
    await q.query(`CREATE INDEX "ix_vecozo_bericht_antwoord" ON "vecozo_bericht"  ("als_antwoord_op") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_vecozo_bericht_antwoord"`);
    await q.query(`DROP INDEX "public"."ix_vecozo_bericht_kenmerk"`);
    await q.query(`ALTER TABLE "vecozo_bericht" DROP COLUMN "statusverloop"`);
    await q.query(`ALTER TABLE "vecozo_bericht" DROP COLUMN "bevestigd_op"`);
    await q.query(`ALTER TABLE "vecozo_bericht" DROP COLUMN "dagtekening"`);
    await q.query(`ALTER TABLE "vecozo_bericht" DROP COLUMN "afzender"`);
  }
}
