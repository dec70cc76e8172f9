import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An administrator whose context names a region administers that region only; without a region
 * (the worker, the seed, the hub's own administrators) it administers all of them.
 *
 * `hub_beheerder_van(r)` is that rule for a row of region `r`. The helper functions every policy
 * uses (hub_regiostaf, hub_schrijver, hub_clientlezer) apply it, and so does every policy that
 * named the administrator itself: those are rewritten from the catalogue, so none is missed.
 * Providers are shared by all regions and stay as they are (see `ONGEDEELD`).
 */
export class BeheerderPerRegio1796070000002 implements MigrationInterface {
  name = 'BeheerderPerRegio1796070000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hub_beheerder_van(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder' AND (hub_regio() = '' OR r = hub_regio()) $$;
      -- An outbox row has no region of its own: it is the message's, as far as the writer may see that.
      CREATE FUNCTION hub_beheerder_bericht(id uuid) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder' AND (hub_regio() = '' OR EXISTS (SELECT 1 FROM bericht b WHERE b.id = $1 AND b.regio_code = hub_regio())) $$;
      CREATE OR REPLACE FUNCTION hub_regiostaf(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_beheerder_van(r) OR (hub_rol() IN ('regio', 'toegang', 'auditor') AND r = hub_regio()) $$;
      CREATE OR REPLACE FUNCTION hub_schrijver(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_beheerder_van(r) OR (hub_rol() = 'regio' AND r = hub_regio()) $$;
      CREATE OR REPLACE FUNCTION hub_clientlezer(r text, g text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_beheerder_van(r)
             OR (hub_rol() IN ('regio', 'auditor') AND r = hub_regio())
             OR (hub_rol() = 'toegang' AND r = hub_regio() AND (cardinality(hub_gemeenten()) = 0 OR g = ANY (hub_gemeenten())))
             OR (hub_rol() = 'gemeente' AND hub_eigen_gemeente(r, g)) $$;
      CREATE OR REPLACE FUNCTION outbox_eigen_bericht() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT (hub_rol() = 'beheerder' AND hub_regio() = '') AND NOT EXISTS (SELECT 1 FROM bericht b WHERE b.id = NEW.bericht_id) THEN
            RAISE EXCEPTION 'outbox row for message % outside the writer''s tenant', NEW.bericht_id USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NULL;
        END $$;
    `);
    await herschrijf(q, (tabel) => [BEHEERDER, regioVan(tabel)]);
  }

  public async down(q: QueryRunner): Promise<void> {
    await herschrijf(q, (tabel) => [regioVan(tabel), BEHEERDER]);
    await q.query(`
      CREATE OR REPLACE FUNCTION outbox_eigen_bericht() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND NOT EXISTS (SELECT 1 FROM bericht b WHERE b.id = NEW.bericht_id) THEN
            RAISE EXCEPTION 'outbox row for message % outside the writer''s tenant', NEW.bericht_id USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NULL;
        END $$;
      CREATE OR REPLACE FUNCTION hub_clientlezer(r text, g text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder'
             OR (hub_rol() IN ('regio', 'auditor') AND r = hub_regio())
             OR (hub_rol() = 'toegang' AND r = hub_regio() AND (cardinality(hub_gemeenten()) = 0 OR g = ANY (hub_gemeenten())))
             OR (hub_rol() = 'gemeente' AND hub_eigen_gemeente(r, g)) $$;
      CREATE OR REPLACE FUNCTION hub_schrijver(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND r = hub_regio()) $$;
      CREATE OR REPLACE FUNCTION hub_regiostaf(r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder' OR (hub_rol() IN ('regio', 'toegang', 'auditor') AND r = hub_regio()) $$;
      DROP FUNCTION hub_beheerder_bericht(uuid), hub_beheerder_van(text);
    `);
  }
}

/** How PostgreSQL prints the administrator test inside a stored policy. */
const BEHEERDER = `(hub_rol() = 'beheerder'::text)`;

/** Tables shared by all regions: any administrator keeps changing them, as before. */
const ONGEDEELD = new Set(['aanbieder']);

/** The region test of a row of `tabel`, as PostgreSQL prints it. */
function regioVan(tabel: string): string {
  if (tabel === 'outbox') return 'hub_beheerder_bericht(bericht_id)';
  if (tabel === 'regio') return 'hub_beheerder_van((code)::text)';
  return 'hub_beheerder_van((regio_code)::text)';
}

/** Rewrites every policy whose expressions contain `van` into `naar` (per table), in place. */
async function herschrijf(q: QueryRunner, paar: (tabel: string) => [string, string]): Promise<void> {
  const policies = (await q.query(
    `SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = current_schema() ORDER BY tablename, policyname`,
  )) as { tablename: string; policyname: string; qual: string | null; with_check: string | null }[];
  for (const p of policies) {
    if (ONGEDEELD.has(p.tablename)) continue;
    const [van, naar] = paar(p.tablename);
    const qual = p.qual?.split(van).join(naar) ?? null;
    const check = p.with_check?.split(van).join(naar) ?? null;
    if (qual === p.qual && check === p.with_check) continue;
    const delen = [qual !== null ? `USING (${qual})` : '', check !== null ? `WITH CHECK (${check})` : ''].filter(Boolean).join(' ');
    await q.query(`ALTER POLICY "${p.policyname}" ON "${p.tablename}" ${delen}`);
  }
}
