import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenant context is set once per transaction and every write is tied to the writer's tenant.
 *
 * - `hub_zet_context` is the one way the application sets app.rol/regio/agb/gemeenten/sub; it
 *   raises when the transaction already carries another context, so no code can switch tenants
 *   inside a transaction (system reads run on a connection and transaction of their own).
 * - A municipality's rows are its own only inside its region (`hub_eigen_gemeente`): a context
 *   naming a municipality of another region sees and writes nothing of it.
 * - Write policies check the row's parents (contract, product, lumpsum, ...) belong to the same
 *   region as the row, so a region cannot attach rows to another region's contract.
 * - A provider is shared by regions: a contract manager changes only providers contracted in its
 *   own region, and only an administrator sets or changes where its messages are delivered.
 * - An audit row's actor, role and region come from the transaction's context.
 */
export class TenantContext1796070000000 implements MigrationInterface {
  name = 'TenantContext1796070000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hub_sub() RETURNS text LANGUAGE sql STABLE AS
        $$ SELECT coalesce(current_setting('app.sub', true), '') $$;
      CREATE FUNCTION hub_zet_context(rol text, regio text, agb text, gemeenten text, sub text) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> '' AND (hub_rol(), hub_regio(), hub_agb(), coalesce(current_setting('app.gemeenten', true), ''), hub_sub())
                                 IS DISTINCT FROM (rol, regio, agb, gemeenten, sub) THEN
            RAISE EXCEPTION 'tenant context already set in this transaction (%), refusing to switch to %', hub_rol() || ':' || hub_sub(), rol || ':' || sub
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          PERFORM set_config('app.rol', rol, true), set_config('app.regio', regio, true), set_config('app.agb', agb, true),
                  set_config('app.gemeenten', gemeenten, true), set_config('app.sub', sub, true);
        END $$;
      -- A municipality (back office or access team) named in the context, inside the context's region.
      -- Rows without a region (not yet routed) count by the municipality's registered region.
      CREATE FUNCTION hub_eigen_gemeente(r text, g text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() IN ('gemeente', 'toegang') AND g = ANY (hub_gemeenten())
                  AND (r = hub_regio() OR (r IS NULL AND EXISTS (SELECT 1 FROM gemeente gm WHERE gm.code = g AND gm.regio_code = hub_regio()))) $$;
      CREATE OR REPLACE FUNCTION hub_clientlezer(r text, g text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder'
             OR (hub_rol() IN ('regio', 'auditor') AND r = hub_regio())
             OR (hub_rol() = 'toegang' AND r = hub_regio() AND (cardinality(hub_gemeenten()) = 0 OR g = ANY (hub_gemeenten())))
             OR (hub_rol() = 'gemeente' AND hub_eigen_gemeente(r, g)) $$;
      -- Parents of a written row lie in the row's region (and belong to the same provider).
      CREATE FUNCTION hub_contract_van(id uuid, r text, agb text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT EXISTS (SELECT 1 FROM contract c WHERE c.id = $1 AND c.regio_code = $2 AND ($3 IS NULL OR c.aanbieder_agb = $3)) $$;
      CREATE FUNCTION hub_product_van(id uuid, r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT EXISTS (SELECT 1 FROM product p WHERE p.id = $1 AND p.regio_code = $2) $$;
      CREATE FUNCTION hub_gemeente_van(g text, r text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT EXISTS (SELECT 1 FROM gemeente gm WHERE gm.code = $1 AND gm.regio_code = $2) $$;
      CREATE FUNCTION hub_lumpsum_van(id uuid, r text, agb text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT EXISTS (SELECT 1 FROM lumpsum l WHERE l.id = $1 AND l.regio_code = $2 AND l.aanbieder_agb = $3) $$;
    `);

    for (const p of POLICIES) {
      await q.query(`DROP POLICY ${p.naam} ON "${p.tabel}"`);
      await q.query(policySql(p, p.nieuw));
    }
    for (const p of NIEUWE_POLICIES) await q.query(policySql(p, p.nieuw));

    // Policies cannot compare a row's old and new values: the delivery endpoint (and the AGB that
    // identifies the provider everywhere) change by an administrator only.
    await q.query(`
      CREATE FUNCTION aanbieder_bezorging_beheerder() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND (NEW.bezorg_url IS DISTINCT FROM OLD.bezorg_url OR NEW.agb IS DISTINCT FROM OLD.agb) THEN
            RAISE EXCEPTION 'only an administrator changes the delivery endpoint or AGB of provider %', OLD.agb USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER aanbieder_bezorging_beheerder BEFORE UPDATE ON aanbieder FOR EACH ROW EXECUTE FUNCTION aanbieder_bezorging_beheerder();
      -- The region keeps its municipalities' settings; their codes (what tokens name) stay the administrator's.
      CREATE FUNCTION gemeente_code_beheerder() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND NEW.code IS DISTINCT FROM OLD.code THEN
            RAISE EXCEPTION 'only an administrator changes the code of municipality %', OLD.code USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER gemeente_code_beheerder BEFORE UPDATE ON gemeente FOR EACH ROW EXECUTE FUNCTION gemeente_code_beheerder();
    `);
    // Any signed-in context could queue any message for (re)processing or delivery. The message is
    // usually inserted in the same statement (a CTE), which a policy's check cannot see yet; an
    // AFTER trigger sees the statement's effects, under the writer's row-level security.
    await q.query(`
      CREATE FUNCTION outbox_eigen_bericht() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF hub_rol() <> 'beheerder' AND NOT EXISTS (SELECT 1 FROM bericht b WHERE b.id = NEW.bericht_id) THEN
            RAISE EXCEPTION 'outbox row for message % outside the writer''s tenant', NEW.bericht_id USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NULL;
        END $$;
      CREATE TRIGGER outbox_eigen_bericht AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_eigen_bericht();
    `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_eigen_bericht ON outbox`);
    await q.query(`DROP FUNCTION outbox_eigen_bericht()`);
    await q.query(`DROP TRIGGER gemeente_code_beheerder ON gemeente`);
    await q.query(`DROP FUNCTION gemeente_code_beheerder()`);
    await q.query(`DROP TRIGGER aanbieder_bezorging_beheerder ON aanbieder`);
    await q.query(`DROP FUNCTION aanbieder_bezorging_beheerder()`);
    for (const p of NIEUWE_POLICIES) await q.query(`DROP POLICY ${p.naam} ON "${p.tabel}"`);
    for (const p of POLICIES) {
      await q.query(`DROP POLICY ${p.naam} ON "${p.tabel}"`);
      await q.query(policySql(p, p.oud, p.oudCmd));
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION hub_clientlezer(r text, g text) RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT hub_rol() = 'beheerder'
             OR (hub_rol() IN ('regio', 'auditor') AND r = hub_regio())
             OR (hub_rol() = 'toegang' AND r = hub_regio() AND (cardinality(hub_gemeenten()) = 0 OR g = ANY (hub_gemeenten())))
             OR (hub_rol() = 'gemeente' AND g = ANY (hub_gemeenten())) $$;
      DROP FUNCTION hub_lumpsum_van(uuid, text, text), hub_gemeente_van(text, text), hub_product_van(uuid, text),
                    hub_contract_van(uuid, text, text), hub_eigen_gemeente(text, text), hub_zet_context(text, text, text, text, text), hub_sub();
    `);
  }
}

interface Regel {
  using?: string;
  check?: string;
}
interface Policy {
  tabel: string;
  naam: string;
  cmd: 'ALL' | 'INSERT' | 'UPDATE' | 'DELETE';
  nieuw: Regel;
  oud: Regel;
  /** The command of the old policy when it differs. */
  oudCmd?: Policy['cmd'];
}

function policySql(p: Pick<Policy, 'tabel' | 'naam' | 'cmd'>, r: Regel, cmd = p.cmd): string {
  return `CREATE POLICY ${p.naam} ON "${p.tabel}" FOR ${cmd}${r.using ? ` USING (${r.using})` : ''}${r.check ? ` WITH CHECK (${r.check})` : ''}`;
}

const both = (x: string): Regel => ({ using: x, check: x });
const schrijver = `hub_schrijver(regio_code)`;
const oudGemeente = `hub_rol() IN ('gemeente', 'toegang') AND gemeente_code = ANY (hub_gemeenten())`;
const oudAfrekenaar = `hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND regio_code = hub_regio()) OR (hub_rol() = 'gemeente' AND gemeente_code = ANY (hub_gemeenten()))`;
const afrekenaar = `hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND regio_code = hub_regio()) OR (hub_rol() = 'gemeente' AND hub_eigen_gemeente(regio_code, gemeente_code))`;
const eigenGemeente = `hub_rol() = 'beheerder' OR hub_eigen_gemeente(regio_code, gemeente_code)`;
const backoffice = `hub_rol() = 'beheerder' OR (hub_rol() = 'gemeente' AND hub_eigen_gemeente(regio_code, gemeente_code))`;
/** The writer's region may write the row, and its parent lies in the same region. */
const binnen = (ouder: string): Regel => ({ using: schrijver, check: `${schrijver} AND ${ouder}` });

/** Every write policy whose rule changes: the new rule, and the old one for `down`. */
const POLICIES: Policy[] = [
  // A signed-in context could insert audit rows in anyone's name. A provider's context has no
  // region: its rows name a region it works in (a contract or a message there), or none.
  {
    tabel: 'audit_log', naam: 'toevoegen', cmd: 'INSERT',
    nieuw: {
      check: `hub_rol() <> '' AND hub_sub() <> '' AND actor = hub_sub() AND rol = hub_rol() AND (
        hub_rol() = 'beheerder'
        OR (hub_regio() <> '' AND regio_code IS NOT DISTINCT FROM hub_regio())
        OR (hub_regio() = '' AND hub_rol() = 'aanbieder' AND (regio_code IS NULL
            OR EXISTS (SELECT 1 FROM contract c WHERE c.regio_code = audit_log.regio_code AND c.aanbieder_agb = hub_agb())
            OR EXISTS (SELECT 1 FROM bericht b WHERE b.aanbieder_agb = hub_agb() AND b.regio_code = audit_log.regio_code))))`,
    },
    oud: { check: `hub_rol() <> ''` },
  },
  // A contract manager could register another region's municipality code in its own region and so
  // get tokens naming it past the door: municipalities are registered by an administrator.
  {
    tabel: 'gemeente', naam: 'schrijven', cmd: 'INSERT',
    nieuw: { check: `hub_rol() = 'beheerder'` },
    oud: both(schrijver),
    oudCmd: 'ALL',
  },
  // Any region's contract manager could change any provider, its delivery endpoint included.
  {
    tabel: 'aanbieder', naam: 'schrijven', cmd: 'INSERT',
    nieuw: { check: `hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND bezorg_url IS NULL)` },
    oud: both(`hub_rol() IN ('regio', 'beheerder')`),
    oudCmd: 'ALL',
  },
  // Children of a contract (or product, lumpsum, budget line) could name another region's parent.
  { tabel: 'contract', naam: 'schrijven', cmd: 'ALL', nieuw: binnen(`(hoofdcontract_id IS NULL OR hub_contract_van(hoofdcontract_id, regio_code, NULL))`), oud: both(schrijver) },
  { tabel: 'contract_gemeente', naam: 'schrijven', cmd: 'ALL', nieuw: binnen(`hub_contract_van(contract_id, regio_code, aanbieder_agb) AND hub_gemeente_van(gemeente_code, regio_code)`), oud: both(schrijver) },
  { tabel: 'budgetplafond', naam: 'schrijven', cmd: 'ALL', nieuw: binnen(`hub_contract_van(contract_id, regio_code, aanbieder_agb)`), oud: both(schrijver) },
  { tabel: 'contract_product', naam: 'schrijven', cmd: 'ALL', nieuw: binnen(`hub_contract_van(contract_id, regio_code, aanbieder_agb) AND hub_product_van(product_id, regio_code)`), oud: both(schrijver) },
  {
    tabel: 'tarief', naam: 'schrijven', cmd: 'ALL',
    nieuw: binnen(`hub_contract_van(contract_id, regio_code, aanbieder_agb) AND EXISTS (
      SELECT 1 FROM contract_product cp WHERE cp.id = tarief.contract_product_id AND cp.contract_id = tarief.contract_id AND cp.regio_code = tarief.regio_code)`),
    oud: both(schrijver),
  },
  {
    tabel: 'arrangement_onderdeel', naam: 'schrijven', cmd: 'ALL',
    nieuw: binnen(`hub_product_van(product_id, regio_code) AND EXISTS (SELECT 1 FROM arrangement a WHERE a.id = arrangement_onderdeel.arrangement_id AND a.regio_code = arrangement_onderdeel.regio_code)`),
    oud: both(schrijver),
  },
  { tabel: 'lumpsum', naam: 'schrijven', cmd: 'ALL', nieuw: binnen(`hub_contract_van(contract_id, regio_code, aanbieder_agb)`), oud: both(schrijver) },
  { tabel: 'lumpsum_aandeel', naam: 'schrijven', cmd: 'ALL', nieuw: binnen(`hub_lumpsum_van(lumpsum_id, regio_code, aanbieder_agb) AND hub_gemeente_van(gemeente_code, regio_code)`), oud: both(schrijver) },
  { tabel: 'lumpsum_vaststelling', naam: 'schrijven', cmd: 'ALL', nieuw: binnen(`hub_lumpsum_van(lumpsum_id, regio_code, aanbieder_agb) AND hub_contract_van(contract_id, regio_code, aanbieder_agb)`), oud: both(schrijver) },
  {
    tabel: 'lumpsum_vaststelling_gemeente', naam: 'schrijven', cmd: 'ALL',
    nieuw: binnen(`hub_gemeente_van(gemeente_code, regio_code) AND EXISTS (
      SELECT 1 FROM lumpsum_vaststelling v WHERE v.id = lumpsum_vaststelling_gemeente.vaststelling_id AND v.regio_code = lumpsum_vaststelling_gemeente.regio_code)`),
    oud: both(schrijver),
  },
  {
    tabel: 'kostenaandeel', naam: 'schrijven', cmd: 'ALL',
    nieuw: binnen(`hub_gemeente_van(gemeente_code, regio_code) AND EXISTS (
      SELECT 1 FROM begrotingspost b WHERE b.id = kostenaandeel.begrotingspost_id AND b.regio_code = kostenaandeel.regio_code)`),
    oud: both(schrijver),
  },
  // A provider's capacity must be for a product of the row's region (one it can see: contracted).
  {
    tabel: 'capaciteit', naam: 'schrijven', cmd: 'INSERT',
    nieuw: { check: `(hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())) AND hub_product_van(product_id, regio_code)` },
    oud: { check: `hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())` },
  },
  {
    tabel: 'capaciteit', naam: 'wijzigen', cmd: 'UPDATE',
    nieuw: {
      using: `hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())`,
      check: `(hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())) AND hub_product_van(product_id, regio_code)`,
    },
    oud: both(`hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb())`),
  },
  // A municipality's writes trusted app.gemeenten alone, whatever region the context named.
  { tabel: 'client', naam: 'schrijven', cmd: 'INSERT', nieuw: { check: eigenGemeente }, oud: { check: `hub_rol() = 'beheerder' OR (${oudGemeente})` } },
  { tabel: 'client', naam: 'wijzigen', cmd: 'UPDATE', nieuw: both(eigenGemeente), oud: both(`hub_rol() = 'beheerder' OR (${oudGemeente})`) },
  {
    tabel: 'toewijzing', naam: 'schrijven', cmd: 'INSERT',
    nieuw: { check: `(${eigenGemeente}) AND (contract_id IS NULL OR hub_contract_van(contract_id, regio_code, aanbieder_agb))` },
    oud: { check: `hub_rol() = 'beheerder' OR (${oudGemeente})` },
  },
  {
    tabel: 'toewijzing', naam: 'wijzigen', cmd: 'UPDATE',
    nieuw: { using: eigenGemeente, check: `(${eigenGemeente}) AND (contract_id IS NULL OR hub_contract_van(contract_id, regio_code, aanbieder_agb))` },
    oud: both(`hub_rol() = 'beheerder' OR (${oudGemeente})`),
  },
  { tabel: 'verzoek', naam: 'beantwoorden', cmd: 'UPDATE', nieuw: both(eigenGemeente), oud: both(`hub_rol() = 'beheerder' OR (${oudGemeente})`) },
  {
    tabel: 'declaratie', naam: 'aanhouden', cmd: 'UPDATE',
    nieuw: both(backoffice),
    oud: both(`hub_rol() = 'beheerder' OR (hub_rol() = 'gemeente' AND gemeente_code = ANY (hub_gemeenten()))`),
  },
  { tabel: 'declaratie', naam: 'afrekenen', cmd: 'UPDATE', nieuw: both(afrekenaar), oud: both(oudAfrekenaar) },
  { tabel: 'afrekening', naam: 'schrijven', cmd: 'INSERT', nieuw: { check: afrekenaar }, oud: { check: oudAfrekenaar } },
  { tabel: 'afrekening', naam: 'wijzigen', cmd: 'UPDATE', nieuw: both(afrekenaar), oud: both(oudAfrekenaar) },
  {
    tabel: 'bericht', naam: 'ontvangen', cmd: 'INSERT',
    nieuw: { check: `hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()) OR hub_eigen_gemeente(regio_code, gemeente_code)` },
    oud: { check: `hub_rol() = 'beheerder' OR (hub_rol() = 'aanbieder' AND aanbieder_agb = hub_agb()) OR (${oudGemeente})` },
  },
  {
    tabel: 'bericht', naam: 'beantwoorden', cmd: 'UPDATE',
    nieuw: both(`hub_rol() = 'gemeente' AND type = 'JW323' AND richting = 'in' AND hub_eigen_gemeente(regio_code, gemeente_code)`),
    oud: both(`hub_rol() = 'gemeente' AND type = 'JW323' AND richting = 'in' AND gemeente_code = ANY (hub_gemeenten())`),
  },
];

/** The old FOR ALL policies of providers and municipalities are split: insert above, change and removal here. */
const NIEUWE_POLICIES: Pick<Policy, 'tabel' | 'naam' | 'cmd' | 'nieuw'>[] = [
  {
    tabel: 'aanbieder', naam: 'wijzigen', cmd: 'UPDATE',
    nieuw: both(`hub_rol() = 'beheerder' OR (hub_rol() = 'regio' AND EXISTS (
      SELECT 1 FROM contract c WHERE c.aanbieder_agb = aanbieder.agb AND c.regio_code = hub_regio()))`),
  },
  { tabel: 'aanbieder', naam: 'verwijderen', cmd: 'DELETE', nieuw: { using: `hub_rol() = 'beheerder'` } },
  { tabel: 'gemeente', naam: 'wijzigen', cmd: 'UPDATE', nieuw: both(schrijver) },
  { tabel: 'gemeente', naam: 'verwijderen', cmd: 'DELETE', nieuw: { using: `hub_rol() = 'beheerder'` } },
];
