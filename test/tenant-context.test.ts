import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEEM, systeemInRegio, type Principal } from '../src/auth/principal';
import { RequestFinishedError, RequestTransaction, setTenant, systeemLezen, withTenant } from '../src/db/tenant';
import { seed } from '../src/seed/seed';
import { startTestApi, type TestApi } from './helpers/api';
import { testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';
import { wachtTot } from './helpers/wacht';

pinKlok();

/**
 * Tenant isolation: one request reads as one tenant from start to end (system reads run apart);
 * a token naming a municipality outside its region is refused at every door and sees nothing of
 * that municipality in the database; writes are tied to the writer's own tenant.
 */
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
const t: Record<string, string> = {};
/** The message id of a claim of Groningen (region GRO). */
let groBericht = '';

/** A JW323 with one granted prestatie under `contract`, written as the worker would have (owner, fixture only). */
async function claim(owner: Client, o: { regio: string; gemeente: string; agb: string; contract: string; centen: number; ident: string }): Promise<string> {
  const r = await owner.query<{ id: string }>(
    `WITH b AS (INSERT INTO bericht (richting, type, afzender, ontvanger, identificatie, inhoud_hash, aanbieder_agb, gemeente_code, regio_code, status, xml_versleuteld, grootte)
                VALUES ('in', 'JW323', $3, $2, $6, repeat('a', 64), $3, $2, $1, 'verwerkt', '\\x00'::bytea, 1) RETURNING id),
          d AS (INSERT INTO declaratie (bericht_id, regio_code, gemeente_code, aanbieder_agb, nummer, periode_begin, periode_eind, ingediend_centen, toegekend_centen, status, uiterlijk)
                SELECT id, $1, $2, $3, $6, '2026-03-01', '2026-03-31', $5, $5, 'beantwoord', '2026-04-30' FROM b RETURNING id),
          p AS (INSERT INTO prestatie (declaratie_id, regio_code, gemeente_code, aanbieder_agb, client_hash, declaratie_periode, referentie_nummer, debet_credit, toewijzing_nummer,
                                       product_categorie, product_code, periode_begin, periode_eind, volume, eenheid, ingediend_centen, toegekend_centen, toegekend, contract_id)
                SELECT d.id, $1, $2, $3, repeat('b', 64), '2026-03-01', $6, 'D', 1, '43', '43A05', '2026-03-01', '2026-03-31', 1, '14', $5, $5, true,
                       (SELECT id FROM contract WHERE nummer = $4) FROM d RETURNING 1)
     SELECT id FROM b`,
    [o.regio, o.gemeente, o.agb, o.contract, o.centen, o.ident],
  );
  return r.rows[0].id;
}

beforeAll(async () => {
  db = await createTestDatabase('tenant_context');
  ds = await db.app();
  await seed(ds, FIXTURE);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    // Oss (0828) and Vught (0865) both claim under NOB-Z-001; Groningen (0014, region GRO) has its own.
    await claim(owner, { regio: 'NOB', gemeente: '0828', agb: AGB.beta, contract: 'NOB-Z-001', centen: 49400, ident: 'OSS-1' });
    await claim(owner, { regio: 'NOB', gemeente: '0865', agb: AGB.beta, contract: 'NOB-Z-001', centen: 26750, ident: 'VUGHT-1' });
    groBericht = await claim(owner, { regio: 'GRO', gemeente: '0014', agb: AGB.alfa, contract: 'GRO-001', centen: 10000, ident: 'GRO-1' });
    await owner.query(
      `WITH c AS (INSERT INTO client (bsn_hash, gegevens_versleuteld, gemeente_code, regio_code) VALUES (repeat('c', 64), '\\x00'::bytea, '0014', 'GRO') RETURNING id)
       INSERT INTO toewijzing (nummer, regio_code, gemeente_code, aanbieder_agb, client_id, contract_id, product_categorie, product_code, ingangsdatum,
                               toewijzingsdatum, toewijzingstijd, geraamd_centen, eerste_toewijzingsdatum)
       SELECT 900001, 'GRO', '0014', $1, c.id, (SELECT id FROM contract WHERE nummer = 'GRO-001'), '45', '45A04', '2026-03-01', '2026-02-20', '10:00', 50000, '2026-02-20' FROM c`,
      [AGB.alfa],
    );
  } finally {
    await owner.end();
  }
  api = await startTestApi(ds);
  t.oss = await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'] });
  t.buitenRegio = await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0014'] });
  t.toegangBuiten = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796', '0014'] });
  t.onbekendeRegio = await api.token({ rol: 'regio', regio: 'XYZ' });
  t.toegangOss = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0828'] });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const P = (p: Omit<Principal, 'sub' | 'gemeenten'> & { gemeenten?: string[]; sub?: string }): Principal => ({ sub: 'test', gemeenten: [], ...p });
const aantal = async (em: EntityManager, sql: string, params: unknown[] = []) => (await em.query<{ n: number }[]>(sql, params))[0].n;

describe('one request, one tenant', () => {
  const PLAFONDS = `plafondstanden(jaar: 2026) { contractNummer toegekendCenten }`;
  type Plafonds = { plafondstanden: { contractNummer: string; toegekendCenten: number }[] };
  const oss = (r: Plafonds) => r.plafondstanden.find((p) => p.contractNummer === 'NOB-Z-001')?.toegekendCenten;

  it("a municipality's ceilings read the same alone as next to a field that reads region-wide waiting times", async () => {
    const alleen = await api.gql<Plafonds>(t.oss, `{ ${PLAFONDS} }`);
    expect(alleen.errors).toBeUndefined();
    // Only Oss's own granted claims: Vught's 26,750 under the same contract are not Oss's to see.
    expect(oss(alleen.data!)).toBe(49400);

    const samen = await api.gql<Plafonds & { passendeAanbieders: { aanbiederAgb: string }[] }>(
      t.oss,
      `{ passendeAanbieders(gemeenteCode: "0828", productCode: "43A05") { aanbiederAgb } ${PLAFONDS} }`,
    );
    expect(samen.errors).toBeUndefined();
    expect(samen.data!.passendeAanbieders.map((a) => a.aanbiederAgb).sort()).toEqual([AGB.beta, AGB.gamma]);
    expect(oss(samen.data!)).toBe(49400);
  });

  it("reads as the system on a read-only transaction of its own, the caller's context untouched", async () => {
    await withTenant(ds, P({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'] }), async (em) => {
      const tel = `SELECT count(*)::int AS n FROM prestatie WHERE contract_id = (SELECT id FROM contract WHERE nummer = 'NOB-Z-001')`;
      expect(await systeemLezen(em, systeemInRegio('test', 'NOB'), (sys) => aantal(sys, tel))).toBe(2);
      expect(await aantal(em, tel)).toBe(1);
      await expect(systeemLezen(em, systeemInRegio('test', 'NOB'), (sys) => sys.query(`DELETE FROM wachttijdnorm`))).rejects.toThrow(/read-only/);
      expect(await aantal(em, tel)).toBe(1);
    });
  });

  it('refuses a second, different tenant context inside one transaction', async () => {
    await expect(
      ds.transaction(async (em) => {
        await setTenant(em, P({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'] }));
        await setTenant(em, P({ rol: 'beheerder', sub: 'systeem:x' }));
      }),
    ).rejects.toThrow(/tenant context already set/);
  });
});

describe('the budget ceiling, read apart from the request', () => {
  let bsn = 0;
  /** 1000 pieces of 54001 at 1,500.00 for beta under NOB-Z-001: 150 M of its 250 M ceiling per year. */
  const pakket = (jaar: number) => ({
    gemeenteCode: '0828',
    aanbiederAgb: AGB.beta,
    client: { bsn: testBsn(bsn++), geboortedatum: '2014-03-02', geslacht: '2', achternaam: 'Jansen', adres: { postcode: '5345AB', huisnummer: 3 } },
    producten: [{ categorie: '54', code: '54001', ingangsdatum: `${jaar}-12-01`, einddatum: `${jaar}-12-31`, volume: 1000, eenheid: '82', frequentie: '6' }],
  });
  const TW = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id } } }`;

  it('lets only one of two concurrent allocations that together pass it through', async () => {
    const r = await Promise.all([api.gql(t.toegangOss, TW, { input: pakket(2026) }), api.gql(t.toegangOss, TW, { input: pakket(2026) })]);
    expect(r.filter((x) => x.errors === undefined)).toHaveLength(1);
    expect(r.flatMap((x) => x.errors ?? []).map((e) => e.extensions?.code)).toEqual(['BUDGET_CEILING_EXCEEDED']);
  });

  it("counts what the same request allocated before, though it is not committed yet", async () => {
    const r = await api.gql(
      t.toegangOss,
      `mutation($a: ToewijzenInput!, $b: ToewijzenInput!) { a: toewijzen(input: $a) { toewijzingen { id } } b: toewijzen(input: $b) { toewijzingen { id } } }`,
      { a: pakket(2027), b: pakket(2027) },
    );
    expect(r.errors?.map((e) => [e.extensions?.code, (e as { path?: string[] }).path?.[0]])).toEqual([['BUDGET_CEILING_EXCEEDED', 'b']]);
  });
});

describe('a municipality outside its region', () => {
  it('is refused with 401 on GraphQL, on a message and on an export', async () => {
    for (const token of [t.buitenRegio, t.toegangBuiten, t.onbekendeRegio]) {
      expect((await api.gql(token, '{ regios { code } }')).status).toBe(401);
      const bericht = await fetch(`${api.url}/ijw/berichten/${groBericht}`, { headers: { authorization: `Bearer ${token}` } });
      expect(bericht.status).toBe(401);
      const csv = await fetch(`${api.url}/export/afrekeningen.csv?maand=2026-03-01`, { headers: { authorization: `Bearer ${token}` } });
      expect(csv.status).toBe(401);
    }
    // A municipality of its own region still gets in.
    expect((await api.gql(t.oss, '{ regios { code } }')).status).toBe(200);
  });

  it('sees no row of the other region with the database policies alone', async () => {
    for (const p of [P({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0014'] }), P({ rol: 'toegang', regio: 'NOB', gemeenten: ['0014'] })]) {
      const n = await withTenant(ds, p, async (em) => {
        const tel = (tabel: string) => aantal(em, `SELECT count(*)::int AS n FROM ${tabel} WHERE gemeente_code = '0014'`);
        return { bericht: await tel('bericht'), declaratie: await tel('declaratie'), prestatie: await tel('prestatie'), toewijzing: await tel('toewijzing'), client: await tel('client') };
      });
      expect(n).toEqual({ bericht: 0, declaratie: 0, prestatie: 0, toewijzing: 0, client: 0 });
    }
    // The same rows are there for Groningen itself.
    const eigen = await withTenant(ds, P({ rol: 'gemeente', regio: 'GRO', gemeenten: ['0014'] }), (em) =>
      aantal(em, `SELECT count(*)::int AS n FROM toewijzing WHERE gemeente_code = '0014'`),
    );
    expect(eigen).toBe(1);
  });
});

describe('writes are tied to the writer', () => {
  const regioGro = P({ rol: 'regio', regio: 'GRO', sub: 'contractbeheer-gro' });
  const regioNob = P({ rol: 'regio', regio: 'NOB', sub: 'contractbeheer-nob' });

  it("a region cannot change another region's provider", async () => {
    // Beta is contracted in NOB only.
    const n = await withTenant(ds, regioGro, (em) => aantal(em, `WITH u AS (UPDATE aanbieder SET naam = 'Overgenomen' WHERE agb = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [AGB.beta]));
    expect(n).toBe(0);
    const naam = await withTenant(ds, regioNob, (em) => em.query<{ naam: string }[]>(`SELECT naam FROM aanbieder WHERE agb = $1`, [AGB.beta]));
    expect(naam[0].naam).toBe('Beta Zorg');
    await expect(withTenant(ds, regioGro, (em) => em.query(`DELETE FROM aanbieder WHERE agb = $1`, [AGB.alfa]))).resolves.toBeDefined();
    expect(await withTenant(ds, regioGro, (em) => aantal(em, `SELECT count(*)::int AS n FROM aanbieder WHERE agb = $1`, [AGB.alfa]))).toBe(1);
  });

  it('only the provider itself or an administrator over all regions changes where its messages are delivered', async () => {
    // Alfa is contracted in this region too, yet its endpoint is not the region's to set, nor a regional administrator's.
    const beheerderNob = { sub: 'beheerder-nob', rol: 'beheerder' as const, regio: 'NOB', gemeenten: [] };
    for (const wie of [regioNob, beheerderNob]) {
      await expect(
        withTenant(ds, wie, (em) => em.query(`INSERT INTO bezorgadres (aanbieder_agb, url) VALUES ($1, 'https://aanvaller.example/in')`, [AGB.alfa])),
      ).rejects.toThrow(/row-level security/);
    }
    await withTenant(ds, SYSTEEM, (em) => em.query(`INSERT INTO bezorgadres (aanbieder_agb, url) VALUES ($1, 'https://alfa.example/in')`, [AGB.alfa]));
    try {
      for (const wie of [regioNob, beheerderNob]) {
        expect(await withTenant(ds, wie, (em) => aantal(em, `WITH u AS (UPDATE bezorgadres SET url = 'https://aanvaller.example/in' WHERE aanbieder_agb = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [AGB.alfa]))).toBe(0);
      }
      const url = await withTenant(ds, SYSTEEM, (em) => em.query<{ url: string }[]>(`SELECT url FROM bezorgadres WHERE aanbieder_agb = $1`, [AGB.alfa]));
      expect(url[0].url).toBe('https://alfa.example/in');
    } finally {
      await withTenant(ds, SYSTEEM, (em) => em.query(`DELETE FROM bezorgadres WHERE aanbieder_agb = $1`, [AGB.alfa]));
    }
    // The contract manager may still correct its own provider's name, but never its AGB.
    expect(await withTenant(ds, regioNob, (em) => aantal(em, `WITH u AS (UPDATE aanbieder SET naam = naam WHERE agb = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [AGB.alfa]))).toBe(1);
    await expect(withTenant(ds, regioNob, (em) => em.query(`UPDATE aanbieder SET agb = '71000098' WHERE agb = $1`, [AGB.alfa]))).rejects.toThrow(/administrator/);
  });

  it('an audit row carries the actor, role and region of the transaction', async () => {
    const insert = `INSERT INTO audit_log (actor, rol, regio_code, actie, entiteit, details) VALUES ($1, $2, $3, 'test', 'test', '{}')`;
    for (const vals of [
      ['iemand-anders', 'regio', 'NOB'],
      ['contractbeheer-nob', 'beheerder', 'NOB'],
      ['contractbeheer-nob', 'regio', 'GRO'],
    ]) {
      await expect(withTenant(ds, regioNob, (em) => em.query(insert, vals))).rejects.toThrow(/row-level security/);
    }
    await expect(withTenant(ds, regioNob, (em) => em.query(insert, ['contractbeheer-nob', 'regio', 'NOB']))).resolves.toBeDefined();
  });

  it("a region cannot register another region's municipality as its own", async () => {
    await expect(
      withTenant(ds, regioNob, (em) => em.query(`INSERT INTO gemeente (regio_code, code, naam, inwoners, geldig_vanaf) VALUES ('NOB', '0014', 'Groningen', 1, '2030-01-01')`)),
    ).rejects.toThrow(/row-level security/);
    await expect(withTenant(ds, regioNob, (em) => em.query(`UPDATE gemeente SET code = '0014' WHERE code = '0865'`))).rejects.toThrow(/administrator/);
    // Its own municipality's settings remain the region's.
    expect(await withTenant(ds, regioNob, (em) => aantal(em, `WITH u AS (UPDATE gemeente SET inwoners = inwoners WHERE code = '0865' RETURNING 1) SELECT count(*)::int AS n FROM u`))).toBe(1);
  });

  it("a region cannot attach rows to another region's contract", async () => {
    const plafond = `INSERT INTO budgetplafond (contract_id, regio_code, aanbieder_agb, jaar, bedrag_centen) VALUES ($1, 'GRO', $2, $3, 1)`;
    const groContract = await withTenant(ds, regioGro, (em) => em.query<{ id: string }[]>(`SELECT id FROM contract WHERE nummer = 'GRO-001'`));
    await expect(withTenant(ds, regioGro, (em) => em.query(plafond, [groContract[0].id, AGB.alfa, 2030]))).resolves.toBeDefined();
    const nobContract = await withTenant(ds, regioNob, (em) => em.query<{ id: string }[]>(`SELECT id FROM contract WHERE nummer = 'NOB-Z-001'`));
    // The region's own code on the row, another region's contract as parent.
    await expect(withTenant(ds, regioGro, (em) => em.query(plafond, [nobContract[0].id, AGB.beta, 2029]))).rejects.toThrow(/row-level security/);
  });
});

describe('a request transaction ends once', () => {
  /** Connections of the app's pool lent out (the api shares it); nothing else runs meanwhile. */
  const pool = () => (ds.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
  const uitgeleend = () => pool().totalCount - pool().idleCount;
  /** Bounded poll: a release may trail the HTTP answer. */
  async function uitgeleendNaAntwoord(): Promise<number> {
    await wachtTot('every connection back in the pool', () => uitgeleend() === 0).catch(() => undefined);
    return uitgeleend();
  }
  const regioNob = P({ rol: 'regio', regio: 'NOB' });

  it('opens no connection for a resolver that asks for it after the request has finished', async () => {
    const voor = uitgeleend();
    const tx = new RequestTransaction(ds, regioNob);
    await tx.finish(true);
    await expect(tx.em()).rejects.toBeInstanceOf(RequestFinishedError);
    expect(uitgeleend()).toBe(voor);
  });

  it('waits for an open under way, releases it and refuses later queries on it', async () => {
    const voor = uitgeleend();
    const tx = new RequestTransaction(ds, regioNob);
    const em = tx.em();
    await tx.finish(true);
    expect(uitgeleend()).toBe(voor);
    await expect((await em).query('SELECT 1')).rejects.toThrow();
    await expect(tx.em()).rejects.toBeInstanceOf(RequestFinishedError);
  });

  it('gives the connection back when the tenant context cannot be set', async () => {
    const voor = uitgeleend();
    // PostgreSQL refuses a NUL character in text: setting the context fails after connecting.
    const tx = new RequestTransaction(ds, { ...regioNob, sub: 'a\u0000b' });
    await expect(tx.em()).rejects.toThrow();
    await tx.finish(false);
    expect(uitgeleend()).toBe(voor);
    // The connection went back without the failed transaction on it (the pool lends the last returned first).
    await expect(withTenant(ds, regioNob, (em) => em.query('SELECT 1'))).resolves.toBeDefined();
  });

  it('requests with a refused root field next to an answered one leave no connection behind', async () => {
    // The access team may not read budget items, cost shares or lumpsums; it may read contracts and more. A
    // contract's municipalities come through a DataLoader, which asks for the transaction a tick later.
    const geweigerd = ['begrotingsposten(jaar: 2026) { edges { node { id } } }', 'kostenaandelen { edges { node { gemeenteCode } } }', 'lumpsums { edges { node { id } } }'];
    const toegestaan = [
      'contracten(first: 20) { edges { node { id gemeenten } } }',
      'plafondstanden(jaar: 2026) { contractNummer }',
      'wachttijden(filter: { startVanaf: "2026-01-01" }) { gemeenteCode }',
      'toewijzingen { edges { node { id } } }',
      'declaraties(first: 5) { edges { node { id } } }',
    ];
    const vragen = geweigerd.flatMap((g) => toegestaan.flatMap((t) => [`{ a: ${g} b: ${t} }`, `{ a: ${t} b: ${g} }`]));
    // Many more requests than the pool has connections, a few at a time.
    const rij = Array.from({ length: 4 }, () => vragen).flat();
    const codes: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let v = rij.shift(); v; v = rij.shift()) {
          const r = await api.gql(t.toegangOss, v);
          codes.push((r.errors ?? []).map((e) => String(e.extensions?.code)).join(','));
        }
      }),
    );
    expect(new Set(codes)).toEqual(new Set(['FORBIDDEN']));
    expect(await uitgeleendNaAntwoord()).toBe(0);
    const r = await api.gql(t.toegangOss, '{ contracten(first: 5) { edges { node { id } } } }');
    expect(r.errors).toBeUndefined();
  });
});

describe('an administrator of one region', () => {
  const beheerderGro = P({ rol: 'beheerder', regio: 'GRO', sub: 'beheer-gro' });
  const beheerderAlle = P({ rol: 'beheerder', sub: 'beheer-hub' });
  const telPerRegio = (p: Principal) =>
    withTenant(ds, p, async (em) => {
      const uit: Record<string, number> = {};
      for (const tabel of ['contract', 'toewijzing', 'bericht', 'declaratie', 'client']) {
        uit[`${tabel} NOB`] = await aantal(em, `SELECT count(*)::int AS n FROM ${tabel} WHERE regio_code = 'NOB'`);
        uit[`${tabel} GRO`] = Math.min(1, await aantal(em, `SELECT count(*)::int AS n FROM ${tabel} WHERE regio_code = 'GRO'`));
      }
      return uit;
    });

  it("sees none of another region's rows with the database policies alone, and its own", async () => {
    const gro = await telPerRegio(beheerderGro);
    expect(gro).toEqual({
      'contract NOB': 0, 'contract GRO': 1, 'toewijzing NOB': 0, 'toewijzing GRO': 1, 'bericht NOB': 0, 'bericht GRO': 1,
      'declaratie NOB': 0, 'declaratie GRO': 1, 'client NOB': 0, 'client GRO': 1,
    });
    // Without a region (as the worker and the seed) an administrator sees every region.
    const alle = await telPerRegio(beheerderAlle);
    expect(alle['contract NOB']).toBeGreaterThan(0);
    expect(alle['declaratie NOB']).toBe(2);
  });

  it("writes nothing of another region with the database policies alone", async () => {
    const bijwerken = `WITH u AS (UPDATE contract SET status = status WHERE nummer = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`;
    expect(await withTenant(ds, beheerderGro, (em) => aantal(em, bijwerken, ['NOB-Z-001']))).toBe(0);
    expect(await withTenant(ds, beheerderGro, (em) => aantal(em, bijwerken, ['GRO-001']))).toBe(1);
    expect(await withTenant(ds, beheerderAlle, (em) => aantal(em, bijwerken, ['NOB-Z-001']))).toBe(1);
    // A row it writes cannot carry the other region's code.
    await expect(
      withTenant(ds, beheerderGro, (em) =>
        em.query(`INSERT INTO client (bsn_hash, gegevens_versleuteld, gemeente_code, regio_code) VALUES (repeat('d', 64), '\\x00'::bytea, '0796', 'NOB')`),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(withTenant(ds, beheerderGro, (em) => em.query(`INSERT INTO gemeente (regio_code, code, naam, inwoners, geldig_vanaf) VALUES ('NOB', '0999', 'Nergens', 1, '2030-01-01')`))).rejects.toThrow(
      /row-level security/,
    );
  });
});
