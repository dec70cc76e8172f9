import type { DataSource } from 'typeorm';
import { knopen, type Conn, type TestApi } from './helpers/api';
import { testBsn } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * Cost sharing of regional budget lines through the api: by inhabitants, by actual use
 * (toewijzingen made over GraphQL) and a weighted mix, each summing exactly to the line, and a
 * municipality seeing only its own rows.
 */
let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
const tokens: Record<string, string> = {};
let volg = 0;

interface Aandeel {
  gemeenteCode: string;
  naam: string;
  begindatum: string;
  einddatum: string;
  inwoners: number;
  clienten: number;
  bedragCenten: number;
}
const VELDEN = 'gemeenteCode naam begindatum einddatum inwoners clienten bedragCenten';
const som = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function gql<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await api.gql<T>(token, query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

/** A toewijzing over GraphQL, as an access team makes it; returns its id. */
async function toewijzen(o: { gemeente: string; agb: string; bsn: string; categorie: string; code: string; eenheid: string; frequentie: string; ingang: string; einde: string }): Promise<string> {
  const r = await gql<{ toewijzen: { toewijzingen: { id: string }[] } }>(
    tokens.toegang,
    `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id } } }`,
    {
      input: {
        gemeenteCode: o.gemeente,
        aanbiederAgb: o.agb,
        client: { bsn: o.bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: `Kind${++volg}`, adres: { postcode: '5211AB', huisnummer: volg } },
        producten: [{ categorie: o.categorie, code: o.code, ingangsdatum: o.ingang, einddatum: o.einde, volume: 2, eenheid: o.eenheid, frequentie: o.frequentie }],
      },
    },
  );
  return r.toewijzen.toewijzingen[0].id;
}

async function maakPost(input: Record<string, unknown>): Promise<string> {
  return (await gql<{ maakBegrotingspost: { id: string } }>(tokens.regio, `mutation($input: BegrotingspostInput!) { maakBegrotingspost(input: $input) { id } }`, { input })).maakBegrotingspost.id;
}

async function aandelen(token: string, begrotingspostId?: string): Promise<Aandeel[]> {
  const d = await gql<{ kostenaandelen: Conn<Aandeel> }>(token, `query($f: KostenaandeelFilter) { kostenaandelen(filter: $f, first: 200) { edges { node { ${VELDEN} } } } }`, {
    f: begrotingspostId ? { begrotingspostId } : null,
  });
  return knopen(d.kostenaandelen);
}

beforeAll(async () => {
  hub = await createHubTestEnvironment('kostenverdeling', { poolSize: 6 });
  ({ ds, api } = hub);
  tokens.regio = hub.tokens.regio;
  tokens.toegang = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796', '0828', '0865'] });
  tokens.bosch = hub.tokens.bosch;
  tokens.vught = await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0865'] });
  tokens.gro = await api.token({ rol: 'regio', regio: 'GRO' });
  tokens.alfa = hub.tokens.alfa;
  const ambulant = { agb: AGB.alfa, categorie: '45', code: '45A04', eenheid: '04', frequentie: '2' };
  const verblijf = { agb: AGB.beta, categorie: '43', code: '43A05', eenheid: '14', frequentie: '6' };
  // Use in the first half of 2026: 's-Hertogenbosch 2 clients (a third starts in September, a
  // fourth toewijzing is deleted), Oss 1, Vught 2 (one of them with two toewijzingen).
  await toewijzen({ ...ambulant, gemeente: '0796', bsn: testBsn(8001), ingang: '2026-02-01', einde: '2026-06-30' });
  await toewijzen({ ...ambulant, gemeente: '0796', bsn: testBsn(8002), ingang: '2026-03-01', einde: '2026-12-31' });
  await toewijzen({ ...ambulant, gemeente: '0796', bsn: testBsn(8003), ingang: '2026-09-01', einde: '2026-12-31' });
  const weg = await toewijzen({ ...ambulant, gemeente: '0796', bsn: testBsn(8004), ingang: '2026-02-01', einde: '2026-06-30' });
  await gql(tokens.toegang, `mutation { verwijderToewijzing(id: "${weg}") { toewijzingen { id } } }`);
  await toewijzen({ ...verblijf, gemeente: '0828', bsn: testBsn(8005), ingang: '2026-01-10', einde: '2026-04-30' });
  await toewijzen({ ...verblijf, gemeente: '0865', bsn: testBsn(8006), ingang: '2026-02-01', einde: '2026-05-31' });
  await toewijzen({ ...verblijf, gemeente: '0865', bsn: testBsn(8007), ingang: '2026-02-01', einde: '2026-03-31' });
  await toewijzen({ ...verblijf, gemeente: '0865', bsn: testBsn(8007), ingang: '2026-04-01', einde: '2026-05-31' });
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('cost sharing of regional budget lines', () => {
  const H1 = { begindatum: '2026-01-01', einddatum: '2026-06-30' };

  it('by inhabitants: 160000 : 95000 : 27000, no cent lost', async () => {
    const id = await maakPost({ naam: 'Jeugdzorgplus', begindatum: '2026-01-01', einddatum: '2026-12-31', bedragCenten: 438_747_000, sleutel: 'inwoners' });
    const rij = await aandelen(tokens.regio, id);
    // Exact: 248934468.09, 147804840.43, 42007691.49 → floors leave one cent, for the largest remainder (.49).
    expect(rij.map((r) => [r.gemeenteCode, r.inwoners, r.bedragCenten])).toEqual([
      ['0796', 160000, 248_934_468],
      ['0828', 95000, 147_804_840],
      ['0865', 27000, 42_007_692],
    ]);
    expect(som(rij.map((r) => r.bedragCenten))).toBe(438_747_000);
    expect(rij[0]).toMatchObject({ naam: 'Jeugdzorgplus', begindatum: '2026-01-01', einddatum: '2026-12-31' });
  });

  it('by actual use: distinct clients with a non-deleted toewijzing in the period and categories', async () => {
    const id = await maakPost({ naam: 'LTA', ...H1, bedragCenten: 1_178_076_000, sleutel: 'gebruik', productcategorieen: ['45', '43'] });
    const rij = await aandelen(tokens.regio, id);
    expect(rij.map((r) => [r.gemeenteCode, r.clienten, r.bedragCenten])).toEqual([
      ['0796', 2, 471_230_400],
      ['0828', 1, 235_615_200],
      ['0865', 2, 471_230_400],
    ]);
    // Only category 43 (heavy care guaranteed, 44 M): 's-Hertogenbosch has no use there.
    const zwaar = await maakPost({ naam: 'Zware zorg gegarandeerd', ...H1, bedragCenten: 4_400_000_000, sleutel: 'gebruik', productcategorieen: ['43'] });
    const z = await aandelen(tokens.regio, zwaar);
    // 4400000000 × 1/3 = 1466666666.67, × 2/3 = 2933333333.33: the one cent left goes to .67.
    expect(z.map((r) => [r.gemeenteCode, r.clienten, r.bedragCenten])).toEqual([
      ['0796', 0, 0],
      ['0828', 1, 1_466_666_667],
      ['0865', 2, 2_933_333_333],
    ]);
  });

  it('weighted mix: 70 % by inhabitants, 30 % by use', async () => {
    const id = await maakPost({ naam: 'Veilig Thuis', ...H1, bedragCenten: 480_013_300, sleutel: 'gemengd', procentInwoners: 70, productcategorieen: ['43', '45'] });
    const rij = await aandelen(tokens.regio, id);
    // 480013300 × (0.7 × 160/282 + 0.3 × 2/5) = 248245176.14; × (0.7 × 95/282 + 0.3 × 1/5) = 141995423.71;
    // × (0.7 × 27/282 + 0.3 × 2/5) = 89772700.15 → one cent left, to .71.
    expect(rij.map((r) => r.bedragCenten)).toEqual([248_245_176, 141_995_424, 89_772_700]);
    expect(som(rij.map((r) => r.bedragCenten))).toBe(480_013_300);
  });

  it('refuses a key without what it needs, and other roles', async () => {
    const m = `mutation($input: BegrotingspostInput!) { maakBegrotingspost(input: $input) { id } }`;
    const code = async (token: string, input: Record<string, unknown>) => (await api.gql(token, m, { input })).errors?.[0]?.extensions?.code;
    expect(await code(tokens.regio, { naam: 'CTB', ...H1, bedragCenten: 8_600_000, sleutel: 'gemengd' })).toBe('INVALID_KEY');
    expect(await code(tokens.regio, { naam: 'CTB', begindatum: '2026-07-01', einddatum: '2026-08-31', bedragCenten: 8_600_000, sleutel: 'gebruik', productcategorieen: ['43'] })).toBe('NO_USE');
    expect(await code(tokens.regio, { naam: 'LTA', ...H1, bedragCenten: 1, sleutel: 'inwoners' })).toBe('BUDGET_LINE_EXISTS');
    expect(await code(tokens.regio, { naam: 'CTB', ...H1, bedragCenten: 1, sleutel: 'inwoners', gemeenten: ['0014'] })).toBe('UNKNOWN_MUNICIPALITY');
    expect(await code(tokens.bosch, { naam: 'CTB', ...H1, bedragCenten: 1, sleutel: 'inwoners' })).toBe('FORBIDDEN');
    expect((await api.gql(tokens.alfa, `{ kostenaandelen { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('recomputing follows new use and still sums exactly', async () => {
    const posten = (await gql<{ begrotingsposten: Conn<{ id: string; naam: string }> }>(tokens.regio, `{ begrotingsposten(jaar: 2026) { edges { node { id naam } } } }`)).begrotingsposten;
    const id = knopen(posten).find((b) => b.naam === 'LTA')!.id;
    await toewijzen({ agb: AGB.alfa, categorie: '45', code: '45A04', eenheid: '04', frequentie: '2', gemeente: '0796', bsn: testBsn(8010), ingang: '2026-05-01', einde: '2026-06-30' });
    await gql(tokens.regio, `mutation { herverdeelBegrotingspost(id: "${id}") { id } }`);
    const rij = await aandelen(tokens.regio, id);
    // 3 : 1 : 2 of 1178076000.
    expect(rij.map((r) => [r.clienten, r.bedragCenten])).toEqual([[3, 589_038_000], [1, 196_346_000], [2, 392_692_000]]);
  });

  it('a municipality sees only its own rows; another region none', async () => {
    const bosch = await aandelen(tokens.bosch);
    expect(bosch.map((r) => r.naam).sort()).toEqual(['Jeugdzorgplus', 'LTA', 'Veilig Thuis', 'Zware zorg gegarandeerd']);
    expect(new Set(bosch.map((r) => r.gemeenteCode))).toEqual(new Set(['0796']));
    const vught = await gql<{ kostenaandelen: Conn<Aandeel> }>(tokens.vught, `{ kostenaandelen(filter: { gemeenteCode: "0796" }) { edges { node { ${VELDEN} } } } }`);
    expect(knopen(vught.kostenaandelen)).toEqual([]);
    expect(new Set((await aandelen(tokens.vught)).map((r) => r.gemeenteCode))).toEqual(new Set(['0865']));
    expect(await aandelen(tokens.gro)).toEqual([]);
    // Row-level security agrees, below the application's own filter.
    const n = await ds.transaction(async (em) => {
      await em.query(`SELECT set_config('app.rol', 'gemeente', true), set_config('app.regio', 'NOB', true), set_config('app.gemeenten', '0865', true)`);
      return em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM kostenaandeel WHERE gemeente_code <> '0865'`);
    });
    expect(n[0].n).toBe(0);
    expect((await aandelen(tokens.regio)).length).toBe(12);
  });
});
