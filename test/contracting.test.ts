import type { DataSource } from 'typeorm';
import { StatementLog } from './helpers/statements';
import type { Principal } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import type { TestApi } from './helpers/api';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();


const BEHEERDER: Principal = { sub: 'test', rol: 'beheerder', gemeenten: [] };

let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
const counter = new StatementLog();
let tokens: Record<string, string>;

beforeAll(async () => {
  hub = await createHubTestEnvironment('contracting', { poolSize: 5, logger: counter });
  ({ ds, api } = hub);
  tokens = {
    alfa: hub.tokens.alfa,
    beta: hub.tokens.beta,
    gamma: hub.tokens.gamma,
    regio: hub.tokens.regio,
    regioGro: await api.token({ rol: 'regio', regio: 'GRO' }),
    oss: hub.tokens.oss,
    bosch: hub.tokens.bosch,
  };
});

afterAll(async () => {
  await hub?.close();
});

const CONTRACTEN = `query($filter: ContractFilter, $first: Int) {
  contracten(filter: $filter, first: $first) {
    totalCount
    edges { node { id nummer aanbiederAgb gemeenten producten { id product { code } tarieven { bedragCenten geldigVanaf geldigTot } } } }
  }
}`;

type ContractNode = { id: string; nummer: string; aanbiederAgb: string; gemeenten: string[]; producten: { id: string; product: { code: string }; tarieven: { bedragCenten: number; geldigVanaf: string; geldigTot: string | null }[] }[] };
type ContractenData = { contracten: { totalCount: number; edges: { node: ContractNode }[] } };

async function nummers(token: string, filter?: Record<string, unknown>): Promise<string[]> {
  const r = await api.gql<ContractenData>(token, CONTRACTEN, { filter });
  expect(r.errors).toBeUndefined();
  return r.data!.contracten.edges.map((e) => e.node.nummer).sort();
}

async function contractByNummer(nummer: string): Promise<ContractNode> {
  const r = await api.gql<ContractenData>(tokens.regio, CONTRACTEN, { first: 50 });
  expect(r.errors).toBeUndefined();
  const found = r.data!.contracten.edges.find((e) => e.node.nummer === nummer);
  if (!found) throw new Error(`no contract ${nummer}`);
  return found.node;
}

async function countRows(table: string): Promise<number> {
  return withTenant(ds, BEHEERDER, async (em) => Number((await em.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n));
}

describe('tenant scoping over HTTP', () => {
  it('a provider sees only its own contracts, in every region', async () => {
    expect(await nummers(tokens.alfa)).toEqual(['GRO-001', 'NOB-L-001']);
    expect(await nummers(tokens.beta)).toEqual(['NOB-Z-001']);
    // Asking for another provider's contracts by filter or id gives nothing.
    expect(await nummers(tokens.alfa, { aanbiederAgb: AGB.beta })).toEqual([]);
    const z1 = await contractByNummer('NOB-Z-001');
    const r = await api.gql<{ contract: unknown }>(tokens.alfa, 'query($id: ID!) { contract(id: $id) { nummer } }', { id: z1.id });
    expect(r.data!.contract).toBeNull();
  });

  it('a provider sees only the products and providers it is contracted for', async () => {
    const r = await api.gql<{ producten: { edges: { node: { code: string; regioCode: string } }[] }; aanbieders: { totalCount: number } }>(
      tokens.beta,
      '{ producten { edges { node { code regioCode } } } aanbieders { totalCount } }',
    );
    expect(r.data!.producten.edges.map((e) => e.node.code).sort()).toEqual(['43A05', '54001']);
    expect(r.data!.aanbieders.totalCount).toBe(1);
  });

  it('a municipality sees only contracts that cover it', async () => {
    expect(await nummers(tokens.oss)).toEqual(['NOB-Z-001', 'NOB-Z-002']);
    expect(await nummers(tokens.bosch)).toEqual(['NOB-L-001']);
    expect(await nummers(tokens.regio)).toEqual(['NOB-L-001', 'NOB-Z-001', 'NOB-Z-002']);
    expect(await nummers(tokens.regioGro)).toEqual(['GRO-001']);
  });

  it('row-level security still hides other tenants when the application filter is bypassed', async () => {
    const raw = (p: Principal, sql: string) => withTenant(ds, p, (em) => em.query<Record<string, string>[]>(sql));
    const alfa: Principal = { sub: 't', rol: 'aanbieder', agb: AGB.alfa, gemeenten: [] };
    expect((await raw(alfa, 'SELECT nummer FROM contract ORDER BY nummer')).map((r) => r.nummer)).toEqual(['GRO-001', 'NOB-L-001']);
    expect((await raw(alfa, 'SELECT DISTINCT aanbieder_agb FROM tarief')).map((r) => r.aanbieder_agb)).toEqual([AGB.alfa]);
    expect((await raw(alfa, 'SELECT agb FROM aanbieder')).map((r) => r.agb)).toEqual([AGB.alfa]);
    const oss: Principal = { sub: 't', rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'], agb: undefined };
    expect((await raw(oss, 'SELECT nummer FROM contract ORDER BY nummer')).map((r) => r.nummer)).toEqual(['NOB-Z-001', 'NOB-Z-002']);
    expect((await raw(oss, 'SELECT DISTINCT regio_code FROM contract_product')).map((r) => r.regio_code)).toEqual(['NOB']);
    const gro: Principal = { sub: 't', rol: 'regio', regio: 'GRO', gemeenten: [] };
    expect((await raw(gro, 'SELECT nummer FROM contract')).map((r) => r.nummer)).toEqual(['GRO-001']);
    // No tenant context at all: nothing.
    const none = await ds.query('SELECT count(*)::int AS n FROM contract');
    expect(none[0].n).toBe(0);
    // A provider cannot write, even with raw SQL.
    await expect(raw(alfa, `UPDATE contract SET perceel = 'x' RETURNING id`)).resolves.toEqual([[], 0]);
    await expect(raw(alfa, `INSERT INTO regio (code, naam) VALUES ('X', 'x')`)).rejects.toThrow(/row-level security/);
  });

  it('refuses a missing or forged token with 401 and a role without rights with FORBIDDEN', async () => {
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ regios { code } }' }) });
    expect(res.status).toBe(401);
    const forged = await api.gql('eyJhbGciOiJIUzI1NiJ9.eyJyb2wiOiJiZWhlZXJkZXIifQ.c2lnbmF0dXJl', '{ regios { code } }');
    expect(forged.status).toBe(401);
    const r = await api.gql(tokens.alfa, `mutation { voegProductToe(input: { categorie: "45", code: "45X01", omschrijving: "x", eenheid: "04", uitvoeringsvariant: inspanningsgericht }) { id } }`);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('tariffs', () => {
  const TARIEF = 'query($id: ID!, $d: LocalDate!) { tariefOpDatum(contractProductId: $id, datum: $d) { bedragCenten geldigVanaf geldigTot } }';

  it('picks the right version at the boundaries', async () => {
    const c = await contractByNummer('NOB-L-001');
    const cpId = c.producten[0].id;
    const at = async (d: string) => (await api.gql<{ tariefOpDatum: { bedragCenten: number } | null }>(tokens.regio, TARIEF, { id: cpId, d })).data!.tariefOpDatum?.bedragCenten ?? null;
    expect(await at('2025-12-31')).toBeNull();
    expect(await at('2026-01-01')).toBe(9550);
    expect(await at('2026-12-31')).toBe(9550);
    expect(await at('2027-01-01')).toBe(9924); // 9550 × 1.0392 = 9924.36
    expect(await at('2031-06-30')).toBe(9924);
    // The provider reads its own tariff, another provider gets nothing.
    expect((await api.gql<{ tariefOpDatum: unknown }>(tokens.alfa, TARIEF, { id: cpId, d: '2026-05-01' })).data!.tariefOpDatum).toMatchObject({ bedragCenten: 9550 });
    expect((await api.gql<{ tariefOpDatum: unknown }>(tokens.beta, TARIEF, { id: cpId, d: '2026-05-01' })).data!.tariefOpDatum).toBeNull();
  });

  it('indexation by the Jeugd formula (90 % OVA 4.1, 10 % PPC 2.3 = 3.92 %) and by a percentage', async () => {
    const z1 = await contractByNummer('NOB-Z-001');
    const byCode = Object.fromEntries(z1.producten.map((p) => [p.product.code, p.tarieven.map((t) => [t.bedragCenten, t.geldigVanaf, t.geldigTot])]));
    expect(byCode['43A05']).toEqual([[32000, '2026-01-01', '2026-12-31'], [33254, '2027-01-01', null]]); // 33254.4
    expect(byCode['54001']).toEqual([[150000, '2026-01-01', '2026-12-31'], [155880, '2027-01-01', null]]);
    const gro = (await api.gql<ContractenData>(tokens.regioGro, CONTRACTEN)).data!.contracten.edges[0].node;
    expect(gro.producten[0].tarieven.map((t) => t.bedragCenten)).toEqual([10000, 10320]);

    const run = await api.gql<{ indexeerTarieven: { aantalTarieven: number; effectiefPercentage: string; ova: string | null } }>(
      tokens.regio,
      'mutation { indexeerTarieven(input: { jaar: 2028, methode: percentage, percentage: 2.5 }) { aantalTarieven effectiefPercentage ova } }',
    );
    expect(run.errors).toBeUndefined();
    expect(run.data!.indexeerTarieven).toEqual({ aantalTarieven: 4, effectiefPercentage: '2.50000', ova: null });
    const after = await contractByNummer('NOB-L-001');
    expect(after.producten[0].tarieven.map((t) => [t.bedragCenten, t.geldigVanaf, t.geldigTot])).toEqual([
      [9550, '2026-01-01', '2026-12-31'],
      [9924, '2027-01-01', '2027-12-31'],
      [10172, '2028-01-01', null], // 9924 × 1.025 = 10172.1
    ]);
    const again = await api.gql(tokens.regio, 'mutation { indexeerTarieven(input: { jaar: 2028, methode: percentage, percentage: 2.5 }) { id } }');
    expect(again.errors?.[0].extensions?.code).toBe('INDEXATION_EXISTS');
    const weights = await api.gql(tokens.regio, 'mutation { indexeerTarieven(input: { jaar: 2029, methode: jeugdformule, ova: 3, ppc: 2, gewichtOva: 80, gewichtPpc: 10 }) { id } }');
    expect(weights.errors?.[0].extensions?.code).toBe('INDEXATION_INPUT');
    // Inputs are kept for audit.
    const list = await api.gql<{ indexaties: { jaar: number; methode: string; ova: string | null; gewichtOva: number | null }[] }>(tokens.regio, '{ indexaties { jaar methode ova gewichtOva } }');
    expect(list.data!.indexaties).toEqual([
      { jaar: 2028, methode: 'percentage', ova: null, gewichtOva: null },
      { jaar: 2027, methode: 'jeugdformule', ova: '4.100', gewichtOva: 90 },
    ]);
  });

  it('closes an open version when a later one is set', async () => {
    const gro = (await api.gql<ContractenData>(tokens.regioGro, CONTRACTEN)).data!.contracten.edges[0].node;
    const r = await api.gql(tokens.regioGro, 'mutation($id: String!) { stelTariefVast(input: { contractProductId: $id, bedragCenten: 11000, geldigVanaf: "2027-07-01" }) { bedragCenten } }', { id: gro.producten[0].id });
    expect(r.errors).toBeUndefined();
    const after = (await api.gql<ContractenData>(tokens.regioGro, CONTRACTEN)).data!.contracten.edges[0].node;
    expect(after.producten[0].tarieven.map((t) => [t.bedragCenten, t.geldigVanaf, t.geldigTot])).toEqual([
      [10000, '2026-01-01', '2026-12-31'],
      [10320, '2027-01-01', '2027-06-30'],
      [11000, '2027-07-01', null],
    ]);
  });
});

describe('invalid input gets a coded error and writes nothing', () => {
  const PRODUCT = 'mutation($i: ProductInput!) { voegProductToe(input: $i) { id code } }';
  const base = { categorie: '45', code: '45B01', omschrijving: 'Ambulant intensief', eenheid: '04', uitvoeringsvariant: 'inspanningsgericht' };

  async function expectNothingWritten(fn: () => Promise<unknown>): Promise<void> {
    const tables = ['product', 'contract', 'contract_product', 'tarief', 'contract_gemeente', 'arrangement', 'arrangement_onderdeel', 'audit_log'];
    const before = await Promise.all(tables.map(countRows));
    await fn();
    expect(await Promise.all(tables.map(countRows))).toEqual(before);
  }

  it.each([
    ['unknown category', { ...base, categorie: '99' }, 'UNKNOWN_CATEGORY'],
    ['6-character product code', { ...base, code: '45B012' }, 'INVALID_PRODUCT_CODE'],
    ['unknown unit', { ...base, eenheid: '99' }, 'UNKNOWN_UNIT'],
    ['duplicate code', { ...base, code: '45A04' }, 'PRODUCT_CODE_TAKEN'],
  ])('product with %s', async (_label, input, code) => {
    await expectNothingWritten(async () => {
      const r = await api.gql(tokens.regio, PRODUCT, { i: input });
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(r.errors?.[0].message).not.toMatch(/SQL|constraint|QueryFailed/i);
    });
  });

  it('a valid product is added and audited', async () => {
    const auditBefore = await countRows('audit_log');
    const r = await api.gql<{ voegProductToe: { code: string } }>(tokens.regio, PRODUCT, { i: base });
    expect(r.data!.voegProductToe.code).toBe('45B01');
    expect(await countRows('audit_log')).toBe(auditBefore + 1);
  });

  it('overlapping tariff periods', async () => {
    const c = await contractByNummer('NOB-L-001');
    await expectNothingWritten(async () => {
      const r = await api.gql(tokens.regio, 'mutation($id: String!) { stelTariefVast(input: { contractProductId: $id, bedragCenten: 9000, geldigVanaf: "2026-06-01", geldigTot: "2026-07-31" }) { id } }', { id: c.producten[0].id });
      expect(r.errors?.[0].extensions?.code).toBe('TARIFF_OVERLAP');
    });
  });

  it('end before start, on a contract and on a tariff', async () => {
    await expectNothingWritten(async () => {
      const r = await api.gql(tokens.regio, `mutation { maakContract(input: { nummer: "NOB-X", aanbiederAgb: "${AGB.gamma}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2026-06-01", einddatum: "2026-05-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [], producten: [{ productCode: "45A04", tariefCenten: 9000 }] }) { id } }`);
      expect(r.errors?.[0].extensions?.code).toBe('END_BEFORE_START');
      const c = await contractByNummer('NOB-L-001');
      const t = await api.gql(tokens.regio, 'mutation($id: String!) { stelTariefVast(input: { contractProductId: $id, bedragCenten: 9000, geldigVanaf: "2030-06-01", geldigTot: "2030-05-01" }) { id } }', { id: c.producten[0].id });
      expect(t.errors?.[0].extensions?.code).toBe('END_BEFORE_START');
    });
  });

  it('unknown product or municipality in a new contract rolls back the whole contract', async () => {
    await expectNothingWritten(async () => {
      const mk = (gem: string, prod: string) => `mutation { maakContract(input: { nummer: "NOB-Y", aanbiederAgb: "${AGB.gamma}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2026-01-01", einddatum: "2026-12-31", verlengingen: 0, gemeenten: ["${gem}"], budgetplafonds: [], producten: [{ productCode: "45A04", tariefCenten: 9000 }, { productCode: "${prod}", tariefCenten: 1 }] }) { id } }`;
      expect((await api.gql(tokens.regio, mk('0796', 'ZZZ99'))).errors?.[0].extensions?.code).toBe('UNKNOWN_PRODUCT');
      expect((await api.gql(tokens.regio, mk('0014', '43A05'))).errors?.[0].extensions?.code).toBe('UNKNOWN_MUNICIPALITY');
      expect((await api.gql(tokens.regio, mk('796', '43A05'))).errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    });
  });

  it('arrangements: built from the product book, refused with an unknown product or frequency', async () => {
    const mk = (naam: string, onderdelen: string) => api.gql<{ maakArrangement: { naam: string; onderdelen: { volume: number; frequentie: string; product: { code: string } }[] } }>(tokens.regio, `mutation { maakArrangement(input: { naam: "${naam}", omschrijving: "test", onderdelen: [${onderdelen}] }) { naam onderdelen { volume frequentie product { code } } } }`);
    await expectNothingWritten(async () => {
      expect((await mk('Fout', '{ productCode: "ZZZ01", volume: 2, frequentie: "2" }')).errors?.[0].extensions?.code).toBe('UNKNOWN_PRODUCT');
      expect((await mk('Fout', '{ productCode: "45A04", volume: 2, frequentie: "3" }')).errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
      expect((await mk('Ambulant licht', '{ productCode: "45A04", volume: 2, frequentie: "2" }')).errors?.[0].extensions?.code).toBe('ARRANGEMENT_NAME_TAKEN');
    });
    const ok = await mk('Verblijf kort', '{ productCode: "43A05", volume: 14, frequentie: "6" }, { productCode: "45A04", volume: 1, frequentie: "2" }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.maakArrangement.onderdelen.map((o) => [o.product.code, o.volume, o.frequentie])).toEqual([['43A05', 14, '6'], ['45A04', 1, '2']]);
    const list = await api.gql<{ arrangementen: { edges: { node: { naam: string } }[] } }>(tokens.oss, '{ arrangementen { edges { node { naam } } } }');
    expect(list.data!.arrangementen.edges.map((e) => e.node.naam)).toEqual(['Ambulant licht', 'Verblijf kort']);
    expect((await api.gql(tokens.alfa, '{ arrangementen { totalCount } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a page larger than 200 is refused', async () => {
    const r = await api.gql(tokens.regio, '{ contracten(first: 201) { totalCount } }');
    expect(r.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
  });
});

describe('contract lifecycle', () => {
  it('extends while extensions last, ends with a reason', async () => {
    const l1 = await contractByNummer('NOB-L-001');
    const ext = await api.gql<{ verlengContract: { einddatum: string; verlengingenResterend: number } }>(tokens.regio, 'mutation($id: ID!) { verlengContract(id: $id, nieuweEinddatum: "2028-12-31") { einddatum verlengingenResterend } }', { id: l1.id });
    expect(ext.data!.verlengContract).toEqual({ einddatum: '2028-12-31', verlengingenResterend: 1 });
    const z2 = await contractByNummer('NOB-Z-002');
    const no = await api.gql(tokens.regio, 'mutation($id: ID!) { verlengContract(id: $id, nieuweEinddatum: "2029-12-31") { id } }', { id: z2.id });
    expect(no.errors?.[0].extensions?.code).toBe('NO_EXTENSIONS_LEFT');
    const other = await api.gql(tokens.regioGro, 'mutation($id: ID!) { verlengContract(id: $id, nieuweEinddatum: "2029-12-31") { id } }', { id: l1.id });
    expect(other.errors?.[0].extensions?.code).toBe('CONTRACT_NOT_FOUND');
    const end = await api.gql<{ beeindigContract: { status: string; hoofdcontract: { nummer: string } } }>(tokens.regio, 'mutation($id: ID!) { beeindigContract(id: $id, einddatum: "2027-06-30", reden: "Faillissement") { status hoofdcontract { nummer } } }', { id: z2.id });
    expect(end.data!.beeindigContract).toEqual({ status: 'beeindigd', hoofdcontract: { nummer: 'NOB-Z-001' } });
  });

  it('admits a provider to an open house mid-term on the lot\'s terms', async () => {
    const r = await api.gql<{ laatToeTotOpenHouse: { nummer: string; begindatum: string; einddatum: string; gemeenten: string[]; producten: { tarieven: { bedragCenten: number; geldigVanaf: string }[] }[] } }>(
      tokens.regio,
      `mutation { laatToeTotOpenHouse(input: { modelContractNummer: "NOB-L-001", nummer: "NOB-L-002", aanbiederAgb: "${AGB.gamma}", begindatum: "2026-07-01" }) { nummer begindatum einddatum gemeenten producten { tarieven { bedragCenten geldigVanaf } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.laatToeTotOpenHouse).toEqual({ nummer: 'NOB-L-002', begindatum: '2026-07-01', einddatum: '2028-12-31', gemeenten: ['0796'], producten: [{ tarieven: [{ bedragCenten: 9550, geldigVanaf: '2026-07-01' }] }] });
    expect(await nummers(tokens.gamma)).toEqual(['NOB-L-002', 'NOB-Z-002']);
    const twice = await api.gql(tokens.regio, `mutation { laatToeTotOpenHouse(input: { modelContractNummer: "NOB-L-001", nummer: "NOB-L-003", aanbiederAgb: "${AGB.gamma}", begindatum: "2026-08-01" }) { id } }`);
    expect(twice.errors?.[0].extensions?.code).toBe('ALREADY_ADMITTED');
    const tender = await api.gql(tokens.regio, `mutation { laatToeTotOpenHouse(input: { modelContractNummer: "NOB-Z-001", nummer: "NOB-Z-009", aanbiederAgb: "${AGB.alfa}", begindatum: "2026-08-01" }) { id } }`);
    expect(tender.errors?.[0].extensions?.code).toBe('NOT_OPEN_HOUSE');
  });

  it('the audit trail cannot be changed', async () => {
    await expect(withTenant(ds, BEHEERDER, (em) => em.query(`UPDATE audit_log SET actie = 'x'`))).rejects.toThrow(/permission denied|append-only/);
    await expect(withTenant(ds, BEHEERDER, (em) => em.query(`DELETE FROM audit_log`))).rejects.toThrow(/permission denied|append-only/);
  });
});

describe('query limits', () => {
  it('refuses too deep, too many aliases and too costly queries', async () => {
    const deep = await api.gql(tokens.regio, '{ contracten { edges { node { hoofdcontract { hoofdcontract { hoofdcontract { hoofdcontract { hoofdcontract { hoofdcontract { hoofdcontract { hoofdcontract { nummer } } } } } } } } } } } }');
    expect(deep.errors?.[0]).toMatchObject({ message: 'De query is 12 niveaus diep; hoogstens 10 toegestaan', extensions: { code: 'QUERY_TOO_COMPLEX' } });
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: regios { code }`).join(' ');
    expect((await api.gql(tokens.regio, `{ ${aliases} }`)).errors?.[0]).toMatchObject({ message: 'De query gebruikt 31 aliassen; hoogstens 30 toegestaan' });
    expect((await api.gql(tokens.regio, `{ ${aliases.split(' a30')[0]} }`)).errors).toBeUndefined();
    const costly = await api.gql(tokens.regio, '{ contracten(first: 200) { edges { node { producten { id uitvoeringsvariant tarieven { bedragCenten geldigVanaf geldigTot } product { code omschrijving categorie eenheid } } } } } }');
    expect(costly.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('DataLoader', () => {
  it('a provider\'s contracts with products and tariffs take a constant number of SQL statements', async () => {
    const q = '{ contracten(first: 100) { edges { node { nummer aanbieder { naam } gemeenten budgetplafonds { jaar } producten { product { code } tarieven { bedragCenten } } } } } }';
    const measure = async () => {
      counter.reset();
      const r = await api.gql<ContractenData>(tokens.beta, q);
      expect(r.errors).toBeUndefined();
      return { statements: counter.count, contracts: r.data!.contracten.edges.length };
    };
    const small = await measure();
    // Twenty more contracts for the same provider, two products each.
    for (let i = 0; i < 20; i++) {
      const r = await api.gql(tokens.regio, `mutation { maakContract(input: { nummer: "NOB-B-${i}", aanbiederAgb: "${AGB.beta}", perceel: "Zware zorg", procedure: aanbesteding, begindatum: "2026-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0828"], budgetplafonds: [{ jaar: 2026, bedragCenten: 1000 }], producten: [{ productCode: "43A05", tariefCenten: ${30000 + i} }, { productCode: "54001", tariefCenten: 150000 }] }) { id } }`);
      expect(r.errors).toBeUndefined();
    }
    const large = await measure();
    expect(small.contracts).toBe(1);
    expect(large.contracts).toBe(21);
    expect(large.statements).toBe(small.statements);
    // BEGIN with the tenant context, page (no count: totalCount is not asked), four relation
    // batches, product and tariff batches, COMMIT.
    expect(small.statements).toBe(9);
  });
});
