import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { generateTestBsn } from '../src/common/bsn';
import { withTenant } from '../src/db/tenant';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import { knopen, type Conn, type TestApi } from './helpers/api';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
let xsd: XsdValidators;
const t: Record<string, string> = {};

beforeAll(async () => {
  hub = await createHubTestEnvironment('toewijzingen', { poolSize: 6, worker: true });
  ({ ds, api } = hub);
  xsd = await XsdValidators.load(defaultXsdDir());
  t.toegangBosch = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.toegangOss = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0828'] });
  t.gemeenteOss = hub.tokens.oss;
  t.alfa = hub.tokens.alfa;
  t.beta = hub.tokens.beta;
  t.regio = hub.tokens.regio;
});

afterAll(async () => {
  await hub?.close();
  xsd?.close();
});

const RESULTAAT = `toewijzingen { id nummer productCode ingangsdatum einddatum volume eenheid frequentie budget redenWijziging versie geraamdCenten }
  bericht { id type richting status afzender ontvanger }`;
const TOEWIJZEN = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { ${RESULTAAT} } }`;

interface Toewijzing {
  id: string;
  nummer: number;
  productCode: string | null;
  ingangsdatum: string;
  einddatum: string | null;
  volume: number | null;
  redenWijziging: string | null;
  versie: number;
  geraamdCenten: number;
}
interface Resultaat {
  toewijzingen: Toewijzing[];
  bericht: { id: string; type: string; richting: string; status: string; afzender: string; ontvanger: string };
}

let bsnSeed = 100;
function client(over: Record<string, unknown> = {}) {
  return {
    bsn: generateTestBsn(++bsnSeed),
    geboortedatum: '2014-03-02',
    geslacht: '2',
    achternaam: 'Jansen',
    voornamen: 'Sanne',
    adres: { postcode: '5211AB', huisnummer: 12, straatnaam: 'Markt', plaatsnaam: "'s-Hertogenbosch" },
    ...over,
  };
}
const ambulant = (over: Record<string, unknown> = {}) => ({
  categorie: '45',
  code: '45A04',
  ingangsdatum: '2026-12-01',
  einddatum: '2027-05-31',
  volume: 2,
  eenheid: '04',
  frequentie: '2',
  ...over,
});

async function toewijzen(token: string, input: Record<string, unknown>) {
  return api.gql<{ toewijzen: Resultaat }>(token, TOEWIJZEN, { input });
}

async function xml(token: string, id: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${api.url}/ijw/berichten/${id}/xml`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}

async function tel(): Promise<Record<string, number>> {
  return withTenant(ds, SYSTEEM, async (em) => {
    const r = await em.query<{ t: number; c: number; b: number; o: number }[]>(
      `SELECT (SELECT count(*)::int FROM toewijzing) AS t, (SELECT count(*)::int FROM client) AS c, (SELECT count(*)::int FROM bericht) AS b, (SELECT count(*)::int FROM outbox) AS o`,
    );
    return { ...r[0] };
  });
}

describe('toewijzen: a direct allocation becomes a JW301', () => {
  let eerste: Resultaat;
  const bsn = generateTestBsn(1);

  it('writes the toewijzing and a schema-valid JW301 with the complete picture for the provider', async () => {
    const r = await toewijzen(t.toegangBosch, { gemeenteCode: '0796', aanbiederAgb: AGB.alfa, client: client({ bsn }), producten: [ambulant()] });
    expect(r.errors).toBeUndefined();
    eerste = r.data!.toewijzen;
    expect(eerste.toewijzingen).toEqual([expect.objectContaining({ productCode: '45A04', volume: 2, versie: 1, redenWijziging: null })]);
    // 2026-12-01 … 2027-05-31 = 182 days = 26 weeks × 2 hours × € 95.50.
    expect(eerste.toewijzingen[0].geraamdCenten).toBe(26 * 2 * 9550);
    expect(eerste.bericht).toMatchObject({ type: 'JW301', richting: 'uit', afzender: '0796', ontvanger: AGB.alfa });
    const x = await xml(t.alfa, eerste.bericht.id);
    expect(x.status).toBe(200);
    expect(xsd.validate('JW301', x.text)).toEqual([]);
    expect(x.text).toContain(`<Bsn>${bsn}</Bsn>`);
    expect(x.text).toContain(`<ToewijzingNummer>${eerste.toewijzingen[0].nummer}</ToewijzingNummer>`);
    expect(x.text).toMatch(/<Omvang><ijw:Volume>2<\/ijw:Volume><ijw:Eenheid>04<\/ijw:Eenheid><ijw:Frequentie>2<\/ijw:Frequentie><\/Omvang>/);
    expect(x.text).not.toContain('RedenWijziging');
  });

  it('a second product for the same client: the JW301 carries both (OP087)', async () => {
    const r = await toewijzen(t.toegangBosch, {
      gemeenteCode: '0796',
      aanbiederAgb: AGB.alfa,
      client: client({ bsn }),
      producten: [ambulant({ ingangsdatum: '2027-06-01', einddatum: '2027-08-31' })],
    });
    expect(r.errors).toBeUndefined();
    const x = await xml(t.alfa, r.data!.toewijzen.bericht.id);
    expect(x.text.match(/<ToegewezenProduct>/g)).toHaveLength(2);
    expect(xsd.validate('JW301', x.text)).toEqual([]);
  });

  it('shows the toewijzing to its provider and municipality only, and audits every read of the client', async () => {
    const Q = `{ toewijzingen(filter: { actueel: true }, first: 200) { edges { node { nummer aanbiederAgb client { bsn achternaam gemeenteCode } } } } }`;
    const alfa = await api.gql<{ toewijzingen: Conn<{ nummer: number; client: { bsn: string } }> }>(t.alfa, Q);
    expect(knopen(alfa.data!.toewijzingen).map((x) => x.client.bsn)).toContain(bsn);
    expect(knopen((await api.gql<{ toewijzingen: Conn<unknown> }>(t.beta, Q)).data!.toewijzingen)).toEqual([]);
    expect(knopen((await api.gql<{ toewijzingen: Conn<unknown> }>(t.gemeenteOss, Q)).data!.toewijzingen)).toEqual([]);
    expect(knopen((await api.gql<{ toewijzingen: Conn<unknown> }>(t.regio, Q)).data!.toewijzingen).length).toBeGreaterThanOrEqual(2);
    // The JW301 is not the other provider's to read.
    expect((await xml(t.beta, eerste.bericht.id)).status).toBe(404);
    const audits = await withTenant(ds, SYSTEEM, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'client.gelezen'`));
    expect(audits[0].n).toBeGreaterThanOrEqual(alfa.data!.toewijzingen.edges.length);
    // No BSN in the audit trail.
    const trail = await withTenant(ds, SYSTEEM, (em) => em.query<{ d: string }[]>(`SELECT string_agg(details::text, ' ') AS d FROM audit_log`));
    expect(trail[0].d).not.toContain(bsn);
  });

  it('extends in place with the same number and a reason (OP380), and refuses other changes', async () => {
    const id = eerste.toewijzingen[0].id;
    const W = `mutation($input: WijzigToewijzingInput!) { wijzigToewijzing(input: $input) { ${RESULTAAT} } }`;
    // Extending into the period of the client's next toewijzing for the same product would stack.
    const stapel = await api.gql(t.toegangBosch, W, { input: { id, einddatum: '2027-06-30', redenWijziging: '04' } });
    expect(stapel.errors?.[0].extensions?.code).toBe('STACKING');
    const r = await api.gql<{ wijzigToewijzing: Resultaat }>(t.toegangBosch, W, { input: { id, einddatum: '2027-04-30', redenWijziging: '05' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.wijzigToewijzing.toewijzingen[0]).toMatchObject({ nummer: eerste.toewijzingen[0].nummer, versie: 2, redenWijziging: '05', einddatum: '2027-04-30' });
    // Shorter: 151 days = 22 weeks.
    expect(r.data!.wijzigToewijzing.toewijzingen[0].geraamdCenten).toBe(22 * 2 * 9550);
    const x = await xml(t.alfa, r.data!.wijzigToewijzing.bericht.id);
    expect(x.text).toMatch(new RegExp(`<ToewijzingNummer>${eerste.toewijzingen[0].nummer}</ToewijzingNummer>.*<Einddatum>2027-04-30</Einddatum><RedenWijziging>05</RedenWijziging>`, 's'));
    // The other current toewijzing is in the picture too, without a reason (unchanged).
    expect(x.text.match(/<ToegewezenProduct>/g)).toHaveLength(2);
    expect(x.text.match(/<RedenWijziging>/g)).toHaveLength(1);
    expect(xsd.validate('JW301', x.text)).toEqual([]);
    const volume = await api.gql(t.toegangBosch, W, { input: { id, volume: 5, redenWijziging: '04' } });
    expect(volume.errors?.[0].extensions?.code).toBe('CHANGE_NOT_ALLOWED');
    const oss = await api.gql(t.toegangOss, W, { input: { id, einddatum: '2027-04-30', redenWijziging: '05' } });
    expect(oss.errors?.[0].extensions?.code).toBe('TOEWIJZING_NOT_FOUND');
  });

  it('deletes with reden 13 (Einddatum = Ingangsdatum): no longer current, and not twice', async () => {
    const id = eerste.toewijzingen[0].id;
    const V = `mutation($id: ID!) { verwijderToewijzing(id: $id) { ${RESULTAAT} } }`;
    const r = await api.gql<{ verwijderToewijzing: Resultaat }>(t.toegangBosch, V, { id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.verwijderToewijzing.toewijzingen[0]).toMatchObject({ einddatum: '2026-12-01', redenWijziging: '13', versie: 3, geraamdCenten: 0 });
    const x = await xml(t.alfa, r.data!.verwijderToewijzing.bericht.id);
    expect(x.text).toMatch(/<Einddatum>2026-12-01<\/Einddatum><RedenWijziging>13<\/RedenWijziging>/);
    expect(xsd.validate('JW301', x.text)).toEqual([]);
    const actueel = await api.gql<{ toewijzingen: Conn<{ nummer: number }> }>(t.alfa, `{ toewijzingen(filter: { actueel: true }, first: 200) { edges { node { nummer } } } }`);
    expect(knopen(actueel.data!.toewijzingen).map((a) => a.nummer)).not.toContain(eerste.toewijzingen[0].nummer);
    expect((await api.gql(t.toegangBosch, V, { id })).errors?.[0].extensions?.code).toBe('ALREADY_DELETED');
  });

  it('allocates an arrangement with its default volumes', async () => {
    const arr = await api.gql<{ arrangementen: { edges: { node: { id: string; naam: string } }[] } }>(t.regio, `{ arrangementen { edges { node { id naam } } } }`);
    const id = arr.data!.arrangementen.edges.find((a) => a.node.naam === 'Ambulant licht')!.node.id;
    const r = await toewijzen(t.toegangBosch, { gemeenteCode: '0796', aanbiederAgb: AGB.alfa, client: client(), arrangement: { id, ingangsdatum: '2027-01-01', einddatum: '2027-03-31' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.toewijzen.toewijzingen).toEqual([expect.objectContaining({ productCode: '45A04', volume: 4 })]);
  });
});

describe('toewijzen: what is refused, with nothing written', () => {
  it.each([
    ['an invalid BSN', () => ({ client: client({ bsn: '123456788' }) }), t0(), 'INVALID_BSN'],
    ['another municipality than the caller acts for', () => ({ gemeenteCode: '0828' }), t0(), 'NOT_YOUR_MUNICIPALITY'],
    ['a product not in the product book', () => ({ producten: [ambulant({ code: '45X99' })] }), t0(), 'UNKNOWN_PRODUCT'],
    ['a provider not contracted in this municipality', () => ({ aanbiederAgb: AGB.beta }), t0(), 'NOT_CONTRACTED'],
    ['a period beyond the contract', () => ({ producten: [ambulant({ einddatum: '2028-03-31' })] }), t0(), 'NOT_CONTRACTED'],
    ['half an Omvang', () => ({ producten: [ambulant({ frequentie: null })] }), t0(), 'INVALID_SHAPE'],
    ['Omvang and Budget', () => ({ producten: [ambulant({ budget: 1000 })] }), t0(), 'INVALID_SHAPE'],
    ['a unit other than the contract', () => ({ producten: [ambulant({ eenheid: '14' })] }), t0(), 'INVALID_SHAPE'],
    ['the same product twice in overlapping periods', () => ({ producten: [ambulant(), ambulant({ ingangsdatum: '2027-05-01', einddatum: '2027-06-30' })] }), t0(), 'STACKING'],
    [
      'more than the budget ceiling',
      () => ({ gemeenteCode: '0828', aanbiederAgb: AGB.beta, producten: [{ categorie: '54', code: '54001', ingangsdatum: '2027-01-01', einddatum: '2027-12-31', volume: 2000, eenheid: '82', frequentie: '6' }] }),
      'toegangOss',
      'BUDGET_CEILING_EXCEEDED',
    ],
  ])('%s', async (_label, change, who, code) => {
    const voor = await tel();
    const input = { gemeenteCode: '0796', aanbiederAgb: AGB.alfa, client: client(), producten: [ambulant()], ...change() };
    const r = await toewijzen(t[who], input);
    expect(r.errors?.[0].extensions?.code).toBe(code);
    expect(await tel()).toEqual(voor);
  });

  it('a provider cannot allocate', async () => {
    const r = await toewijzen(t.alfa, { gemeenteCode: '0796', aanbiederAgb: AGB.alfa, client: client(), producten: [ambulant()] });
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('within the ceiling the same provider is allocated, and the ceiling counts every municipality', async () => {
    const r = await toewijzen(t.toegangOss, {
      gemeenteCode: '0828',
      aanbiederAgb: AGB.beta,
      client: client(),
      producten: [{ categorie: '54', code: '54001', ingangsdatum: '2026-12-01', einddatum: '2026-12-31', volume: 1000, eenheid: '82', frequentie: '6' }],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.toewijzen.toewijzingen[0].geraamdCenten).toBe(150_000_000);
    // 150 M of 250 M used: another 1000 pieces (150 M) no longer fits.
    const meer = await toewijzen(t.toegangOss, {
      gemeenteCode: '0828',
      aanbiederAgb: AGB.beta,
      client: client(),
      producten: [{ categorie: '54', code: '54001', ingangsdatum: '2026-12-15', einddatum: '2026-12-31', volume: 1000, eenheid: '82', frequentie: '6' }],
    });
    expect(meer.errors?.[0].extensions).toMatchObject({ code: 'BUDGET_CEILING_EXCEEDED', plafondCenten: 250_000_000, toegewezenCenten: 150_000_000 });
  });
});

function t0(): string {
  return 'toegangBosch';
}
