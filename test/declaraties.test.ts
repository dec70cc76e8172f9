import { parseMessage, writeMessage, type IjwMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { bouwJw325, clientenVan } from '../src/declaratie/jw325';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import { bouwJw301 } from '../src/toewijzing/jw301';
import type { ToewijzingEntity } from '../src/toewijzing/toewijzing.entity';
import { knopen, type Conn, type TestApi } from './helpers/api';
import { stuurBericht, testBsn, wachtOpBericht } from './helpers/berichten';
import { jw323Xml, leesJw325, type Jw325, type TestPrestatie } from './helpers/declaraties';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';
import { leesCsvNl } from './helpers/spreadsheet';

const vandaag = pinKlok();

/**
 * Claims through HTTP (iJw 3.2 §4.6): JW323 in, every prestatie judged against its toewijzing,
 * contract and tariff and what was claimed before, JW325 out with the rejected prestaties and
 * their codes; reconciliation, hold and release, and the budget ceiling in GraphQL.
 */
let hub: HubTestEnvironment;
let api: TestApi;
let xsd: XsdValidators;
const tokens: Record<string, string> = {};
let bsnVolg = 5000;
let berichtVolg = 0;

interface Tw {
  nummer: number;
  id: string;
  bsn: string;
}

const TW = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`;

/** One toewijzing for a new client; by default 45A04, September–December 2026, 3 hours a week. */
async function toewijzing(product: Record<string, unknown> = {}, agb = AGB.alfa): Promise<Tw> {
  const bsn = testBsn(bsnVolg++);
  const r = await api.gql<{ toewijzen: { toewijzingen: { id: string; nummer: number }[] } }>(tokens.toegang, TW, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: agb,
      client: { bsn, geboortedatum: '2013-03-03', geslacht: '2', achternaam: 'Visser', adres: { postcode: '5211AB', huisnummer: 7 } },
      producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-09-01', einddatum: '2026-12-31', volume: 3, eenheid: '04', frequentie: '2', ...product }],
    },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { ...r.data!.toewijzen.toewijzingen[0], bsn };
}

const SEPT = { begin: '2026-09-01', eind: '2026-09-30' };
const OKT = { begin: '2026-10-01', eind: '2026-10-31' };

/** Posts a JW323 and waits for its JW325 (or, held, for status aangehouden). */
async function declareer(
  nummer: string,
  periode: string,
  clienten: { bsn: string; prestaties: TestPrestatie[] }[],
  agb = AGB.alfa,
): Promise<{ id: string; jw325?: Jw325; status: string }> {
  const token = agb === AGB.alfa ? tokens.alfa : agb === AGB.beta ? tokens.beta : tokens.gamma;
  const id = await stuurBericht(api.url, token, jw323Xml({ identificatie: `D${++berichtVolg}`, nummer, periode, afzender: agb, gemeente: '0796', clienten }));
  const s = await wachtOpBericht(api.url, token, id, (x) => x.status !== 'ontvangen');
  if (s.status === 'ongeldig') throw new Error(JSON.stringify(s.fouten));
  if (!s.retour) return { id, status: s.status };
  const jw325 = await leesJw325(api.url, token, s.retour.id);
  if (jw325.codes[0]?.startsWith('kop:')) throw new Error(`${jw325.codes.join(' ')} ${JSON.stringify(s.fouten)}`);
  expect(xsd.validate('JW325', jw325.xml)).toEqual([]);
  return { id, jw325, status: s.status };
}

/** A rule case: a toewijzing with a prestatie that breaks the rule and one with a prestatie that keeps it. */
interface Geval {
  regel: string;
  code: string;
  slecht: Tw;
  goed: Tw;
}

const gevallen: Record<string, Geval> = {};
const claim1: { bsn: string; prestaties: TestPrestatie[] }[] = [];
let c1: Jw325;
const geval = async (regel: string, code: string, product: Record<string, unknown>, slecht: Partial<TestPrestatie>, goed: Partial<TestPrestatie> = {}, metBsn?: (g: Geval) => string) => {
  const g: Geval = { regel, code, slecht: await toewijzing(product), goed: await toewijzing(product) };
  gevallen[regel] = g;
  claim1.push({ bsn: metBsn ? metBsn(g) : g.slecht.bsn, prestaties: [{ ref: `${regel}-S`, nummer: g.slecht.nummer, ...SEPT, volume: 12, ...slecht }] });
  claim1.push({ bsn: g.goed.bsn, prestaties: [{ ref: `${regel}-G`, nummer: g.goed.nummer, ...SEPT, volume: 12, ...goed }] });
};

beforeAll(async () => {
  hub = await createHubTestEnvironment('declaraties', { poolSize: 6, worker: true });
  ({ api } = hub);
  xsd = await XsdValidators.load(defaultXsdDir());
  tokens.alfa = hub.tokens.alfa;
  tokens.beta = hub.tokens.beta;
  tokens.gamma = hub.tokens.gamma;
  tokens.toegang = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  tokens.bosch = hub.tokens.bosch;
  tokens.oss = hub.tokens.oss;
  tokens.regio = hub.tokens.regio;

  await geval('TR338', '9338', {}, { nummer: 99_999_999 });
  await geval('TR384', '9384', {}, {});
  const del = await api.gql(tokens.toegang, `mutation($id: ID!) { verwijderToewijzing(id: $id) { bericht { id } } }`, { id: gevallen.TR384.slecht.id });
  if (del.errors) throw new Error(JSON.stringify(del.errors));
  // The bad prestatie names the toewijzing of another client.
  await geval('TR304', '8187', {}, {}, {}, (g) => g.goed.bsn);
  await geval('TR339', '9339', {}, { categorie: '43', code: '43A05' });
  await geval('TR340', '9340', {}, { code: '45T10' });
  await geval('TR341', '9341', {}, { eenheid: '14' });
  await geval('TR307', '9307', { ingangsdatum: '2026-09-15' }, { volume: 6 }, { begin: '2026-09-15', volume: 6 });
  await geval('TR308', '9308', { einddatum: '2026-09-20' }, { volume: 6 }, { eind: '2026-09-20', volume: 6 });
  await geval('TR387', '9387', {}, { begin: '2026-09-02' });
  await geval('TR388', '9388', {}, { eind: '2026-09-29' });
  await geval('TR319', '9319', {}, { ...OKT });
  await geval('TR346', '9346', {}, { bedrag: 114_601 });
  await geval('TR418', '0611', {}, { tarief: 9600 });
  // September 2026 touches 5 ISO weeks: at most 15 hours at 3 a week.
  await geval('TR321', '9321', {}, { volume: 16 }, { volume: 15 });
  await geval('TR369', '9369', { code: undefined, volume: undefined, eenheid: undefined, frequentie: undefined, budget: 50_000 }, { volume: 6 }, { volume: 5 });
  await geval('TR381', 'S329', { code: undefined, volume: undefined, eenheid: undefined, frequentie: undefined, budget: 500_000 }, { code: '45X99' }, { volume: 5 });
  // TR322: 10 hours in total; September 8 for both, October 5 (bad) or 2 (good) in the second claim.
  await geval('TR322', '9322', { frequentie: '6', volume: 10 }, { volume: 8 }, { volume: 8 });
  c1 = (await declareer('SEP1', '2026-09', claim1)).jw325!;
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('JW323 → JW325: a rule per prestatie, broken and kept', () => {
  it.each(['TR338', 'TR384', 'TR304', 'TR339', 'TR340', 'TR341', 'TR307', 'TR308', 'TR387', 'TR388', 'TR319', 'TR346', 'TR418', 'TR321', 'TR369', 'TR381'])(
    '%s',
    (regel) => {
      const g = gevallen[regel];
      expect(c1.afgewezen.get(`${regel}-S`)).toContain(g.code);
      expect(c1.afgewezen.has(`${regel}-G`)).toBe(false);
    },
  );

  it('lists only the rejected prestaties, and the totals add up (TR342)', () => {
    expect(c1.codes).toEqual(['0200']);
    const alle = claim1.flatMap((c) => c.prestaties);
    // TR322's bad prestatie breaks its rule only in the second claim.
    expect(c1.afgewezen.size).toBe(alle.filter((p) => p.ref.endsWith('-S') && p.ref !== 'TR322-S').length);
    const bedrag = (p: TestPrestatie) => p.bedrag ?? p.volume * (p.tarief ?? 9550);
    const afgewezen = alle.filter((p) => c1.afgewezen.has(p.ref)).reduce((s, p) => s + bedrag(p), 0);
    expect(c1.ingediend - c1.toegekend).toBe(afgewezen);
    expect(c1.toegekend).toBe(alle.filter((p) => !c1.afgewezen.has(p.ref)).reduce((s, p) => s + bedrag(p), 0));
  });

  it('the second claim: cumulative volume, duplicate references, credits and second debits', async () => {
    const g = gevallen;
    const r = (await declareer('OKT1', '2026-10', [
      // TR322: 8 + 5 > 10 (bad); 8 + 2 (good).
      { bsn: g.TR322.slecht.bsn, prestaties: [{ ref: 'TR322-S2', nummer: g.TR322.slecht.nummer, ...OKT, volume: 5 }] },
      { bsn: g.TR322.goed.bsn, prestaties: [{ ref: 'TR322-G2', nummer: g.TR322.goed.nummer, ...OKT, volume: 2 }] },
      // TR314: a ReferentieNummer used before (bad); a new one (good).
      { bsn: g.TR346.goed.bsn, prestaties: [{ ref: 'TR346-G', nummer: g.TR346.goed.nummer, ...OKT, volume: 12 }] },
      { bsn: g.TR418.goed.bsn, prestaties: [{ ref: 'TR314-G', nummer: g.TR418.goed.nummer, ...OKT, volume: 12 }] },
      // TR323: a credit of an unknown debit (bad); of an accepted one (good).
      { bsn: g.TR338.goed.bsn, prestaties: [{ ref: 'TR323-S', vorig: 'ONBEKEND', dc: 'C', nummer: g.TR338.goed.nummer, ...SEPT, volume: 12 }] },
      { bsn: g.TR384.goed.bsn, prestaties: [{ ref: 'TR323-G', vorig: 'TR384-G', dc: 'C', nummer: g.TR384.goed.nummer, ...SEPT, volume: 12 }] },
      // TR389: a second debit for September without a credit (bad); credited first, then corrected (good).
      { bsn: g.TR339.goed.bsn, prestaties: [{ ref: 'TR389-S', nummer: g.TR339.goed.nummer, ...SEPT, volume: 10 }] },
      {
        bsn: g.TR340.goed.bsn,
        prestaties: [
          { ref: 'TR389-C', vorig: 'TR340-G', dc: 'C', nummer: g.TR340.goed.nummer, ...SEPT, volume: 12 },
          { ref: 'TR389-G', nummer: g.TR340.goed.nummer, ...SEPT, volume: 10 },
        ],
      },
    ])).jw325!;
    expect(r.codes).toEqual(['0200']);
    expect(r.afgewezen.get('TR322-S2')).toEqual(['9322']);
    expect(r.afgewezen.get('TR346-G')).toEqual(['8021']);
    expect(r.afgewezen.get('TR323-S')).toEqual(['8017']);
    expect(r.afgewezen.get('TR389-S')).toEqual(['9389']);
    expect([...r.afgewezen.keys()].sort()).toEqual(['TR322-S2', 'TR323-S', 'TR346-G', 'TR389-S']);
    // Granted: 2 + 12 hours, minus the two credits of 12, plus the corrected 10.
    expect(r.toegekend).toBe((2 + 12 - 12 - 12 + 10) * 9550);
  });

  it('TR390: a debit is credited once; the same month again is a correction (OP284)', async () => {
    const g = gevallen;
    const r = (await declareer('OKT2', '2026-10', [
      { bsn: g.TR384.goed.bsn, prestaties: [{ ref: 'TR390-S', vorig: 'TR384-G', dc: 'C', nummer: g.TR384.goed.nummer, ...SEPT, volume: 12 }] },
      { bsn: g.TR341.goed.bsn, prestaties: [{ ref: 'TR390-G', vorig: 'TR341-G', dc: 'C', nummer: g.TR341.goed.nummer, ...SEPT, volume: 12 }] },
    ])).jw325!;
    expect(r.afgewezen.get('TR390-S')).toEqual(['9390']);
    expect(r.afgewezen.has('TR390-G')).toBe(false);
    expect(r.ingediend).toBe(-24 * 9550);
    expect(r.toegekend).toBe(-12 * 9550);
  });

  it('a credit finds its debit, not the later prestatie that reused the reference and was rejected (8021)', async () => {
    // TR346-G was claimed again in OKT1 and stored rejected with 8021: the reference is still the September debit's.
    const g = gevallen.TR346;
    const r = (await declareer('OKT4', '2026-10', [{ bsn: g.goed.bsn, prestaties: [{ ref: 'TR346-C', vorig: 'TR346-G', dc: 'C', nummer: g.goed.nummer, ...SEPT, volume: 12 }] }])).jw325!;
    expect(r.afgewezen.size).toBe(0);
    expect(r.toegekend).toBe(-12 * 9550);
  });

  it('TR333: a DeclaratieNummer once; the whole claim is rejected and nothing is granted', async () => {
    const g = gevallen.TR387;
    const r = (await declareer('SEP1', '2026-10', [{ bsn: g.goed.bsn, prestaties: [{ ref: 'TR333-1', nummer: g.goed.nummer, ...OKT, volume: 12 }] }])).jw325!;
    expect(r.codes).toEqual(['9333']);
    expect(r.toegekend).toBe(0);
    expect(r.afgewezen.size).toBe(0);
    // Treated as not sent: its references stay free.
    const ok = (await declareer('OKT3', '2026-10', [{ bsn: g.goed.bsn, prestaties: [{ ref: 'TR333-1', nummer: g.goed.nummer, ...OKT, volume: 12 }] }])).jw325!;
    expect(ok.codes).toEqual(['8001']);
    expect(ok.toegekend).toBe(12 * 9550);
  });

  it('TR318: a claim for a month before the last one is refused (8214)', async () => {
    const g = gevallen.TR388;
    const r = (await declareer('AUG1', '2026-08', [{ bsn: g.goed.bsn, prestaties: [{ ref: 'TR318-1', nummer: g.goed.nummer, ...OKT, volume: 1 }] }])).jw325!;
    expect(r.codes).toEqual(['8214']);
    expect(r.toegekend).toBe(0);
  });
});

describe('TR385: a toewijzing with accepted prestaties cannot be deleted', () => {
  it('through GraphQL: a coded error, the toewijzing kept', async () => {
    const r = await api.gql(tokens.toegang, `mutation($id: ID!) { verwijderToewijzing(id: $id) { bericht { id } } }`, { id: gevallen.TR387.goed.id });
    expect(r.errors?.[0].extensions?.code).toBe('HAS_ACCEPTED_CLAIMS');
    // Without accepted prestaties it can (its September prestatie was rejected).
    const ok = await api.gql(tokens.toegang, `mutation($id: ID!) { verwijderToewijzing(id: $id) { bericht { id } } }`, { id: gevallen.TR339.slecht.id });
    expect(ok.errors).toBeUndefined();
  });

  it('from a case system: the JW301 is refused with 9385 and not forwarded', async () => {
    const g = gevallen.TR388.goed;
    const product = {
      nummer: g.nummer, productCategorie: '45', productCode: '45A04', toewijzingsdatum: vandaag, toewijzingstijd: '10:00:00',
      ingangsdatum: '2026-09-01', einddatum: '2026-09-01', volume: 3, eenheid: '04', frequentie: '2', budget: null, redenWijziging: '13', referentieAanbieder: null, versie: 2,
    } as unknown as ToewijzingEntity;
    const xml = writeMessage(bouwJw301({
      gemeenteCode: '0796', aanbiederAgb: AGB.alfa, identificatie: `Z385`, dagtekening: vandaag,
      client: { bsn: g.bsn, geboortedatum: '2013-03-03', geslacht: '2', achternaam: 'Visser', adres: { postcode: '5211AB', huisnummer: 7 } },
      actueel: [product], gewijzigd: new Set([g.nummer]),
    }));
    const id = await stuurBericht(api.url, tokens.toegang, xml);
    const s = await wachtOpBericht(api.url, tokens.toegang, id, (x) => !['ontvangen', 'klaar'].includes(x.status));
    expect(s).toMatchObject({ status: 'afgekeurd', fouten: [{ path: '9385' }] });
  });
});

describe('reconciliation in GraphQL', () => {
  // One claim at a time: a page of prestaties under every claim of a page would cost their product.
  const Q = `query($id: ID!) { declaratie(id: $id) { id nummer status ingediendCenten toegekendCenten meldingen { code betekenis }
    prestaties(filter: { alleenAfgewezen: true }, first: 100) { edges { node { prestatie { referentieNummer toegekend ingediendCenten toegekendCenten }
      retourcodes { code betekenis } toewijzing { nummer volume eenheid frequentie } contractNummer verschilCenten tariefverschilCenten } } } } }`;
  /** The id of a September claim of 's-Hertogenbosch by its number. */
  const septemberClaim = async (nummer: string): Promise<string> => {
    const r = await api.gql<{ declaraties: Conn<{ id: string; nummer: string }> }>(tokens.bosch, `{ declaraties(filter: { vanaf: "2026-09-01", tot: "2026-09-01" }, first: 200) { edges { node { id nummer } } } }`);
    return knopen(r.data!.declaraties).find((x) => x.nummer === nummer)!.id;
  };
  type D = {
    id: string;
    nummer: string;
    status: string;
    ingediendCenten: number;
    toegekendCenten: number;
    meldingen: { code: string }[];
    prestaties: Conn<{
      prestatie: { referentieNummer: string; toegekend: boolean; ingediendCenten: number };
      retourcodes: { code: string; betekenis: string }[];
      toewijzing: { nummer: number } | null;
      contractNummer: string | null;
      verschilCenten: number;
      tariefverschilCenten: number | null;
    }>;
  };

  it('the back office sees per prestatie the outcome, the codes in Dutch, the toewijzing, contract and tariff', async () => {
    const r = await api.gql<{ declaratie: D }>(tokens.bosch, Q, { id: await septemberClaim('SEP1') });
    expect(r.errors).toBeUndefined();
    const d = r.data!.declaratie;
    expect(d.status).toBe('beantwoord');
    expect(d.meldingen).toEqual([{ code: '0200', betekenis: 'Geen opmerking' }]);
    const tarief = knopen(d.prestaties).find((p) => p.prestatie.referentieNummer === 'TR418-S')!;
    expect(tarief.retourcodes).toEqual([{ code: '0611', betekenis: 'Tarief wijkt af van het contracttarief' }]);
    expect(tarief.contractNummer).toBe('NOB-L-001');
    expect(tarief.tariefverschilCenten).toBe(50);
    expect(tarief.toewijzing?.nummer).toBe(gevallen.TR418.slecht.nummer);
    expect(tarief.verschilCenten).toBe(12 * 9600);
    expect(knopen(d.prestaties).find((p) => p.prestatie.referentieNummer === 'TR338-S')!.toewijzing).toBeNull();
  });

  it('a claim\'s prestaties page by cursor (by ReferentieNummer), forward and backward, with a count', async () => {
    type Pagina = { edges: { cursor: string; node: { prestatie: { referentieNummer: string } } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string }; totalCount: number };
    const id = await septemberClaim('SEP1');
    const lees = async (args: string): Promise<Pagina> => {
      const r = await api.gql<{ declaratie: { prestaties: Pagina } }>(
        tokens.bosch,
        `query($id: ID!) { declaratie(id: $id) { prestaties(${args}) { edges { cursor node { prestatie { referentieNummer } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } } }`,
        { id },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.declaratie.prestaties;
    };
    const alle = await lees('first: 200');
    const refs = alle.edges.map((e) => e.node.prestatie.referentieNummer);
    expect(refs.length).toBe(alle.totalCount);
    expect(refs.length).toBeGreaterThan(6);
    expect(refs).toEqual([...refs].sort());
    const vooruit: string[] = [];
    for (let p = await lees('first: 3'); ; p = await lees(`first: 3, after: "${p.pageInfo.endCursor}"`)) {
      vooruit.push(...p.edges.map((e) => e.cursor));
      if (!p.pageInfo.hasNextPage) break;
    }
    const achteruit: string[] = [];
    for (let p = await lees('last: 3'); ; p = await lees(`last: 3, before: "${p.pageInfo.startCursor}"`)) {
      achteruit.unshift(...p.edges.map((e) => e.cursor));
      if (!p.pageInfo.hasPreviousPage) break;
    }
    expect(vooruit).toEqual(alle.edges.map((e) => e.cursor));
    expect(achteruit).toEqual(vooruit);
    // The filter counts too; a page larger than 200 is refused like every connection's.
    expect((await lees('first: 200, filter: { alleenAfgewezen: true }')).totalCount).toBe(c1.afgewezen.size);
    const groot = await api.gql(tokens.bosch, `query($id: ID!) { declaratie(id: $id) { prestaties(first: 1000) { totalCount } } }`, { id });
    expect(groot.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|VALIDATION_FAILED/);
  });

  it('totals per month: claimed, granted and rejected', async () => {
    const r = await api.gql<{ declaratieTotalen: { maand: string; ingediendCenten: number; toegekendCenten: number; afgewezenCenten: number; declaraties: number }[] }>(
      tokens.bosch,
      `{ declaratieTotalen(filter: { aanbiederAgb: "${AGB.alfa}" }) { maand ingediendCenten toegekendCenten afgewezenCenten declaraties } }`,
    );
    const sept = r.data!.declaratieTotalen.find((t) => t.maand === '2026-09-01')!;
    expect(sept).toMatchObject({ ingediendCenten: c1.ingediend, toegekendCenten: c1.toegekend, afgewezenCenten: c1.ingediend - c1.toegekend, declaraties: 1 });
  });

  it('a municipality never sees another\'s claims; a provider never another provider\'s', async () => {
    const oss = await api.gql<{ declaraties: { edges: { node: D }[] } }>(tokens.oss, `{ declaraties(first: 200) { edges { node { id } } } }`);
    expect(oss.data!.declaraties.edges.map((e) => e.node)).toEqual([]);
    const beta = await api.gql<{ declaraties: { edges: { node: D }[] } }>(tokens.beta, `{ declaraties(filter: { aanbiederAgb: "${AGB.alfa}" }, first: 200) { edges { node { id } } } }`);
    expect(beta.data!.declaraties.edges.map((e) => e.node)).toEqual([]);
    const alfa = await api.gql<{ declaraties: { edges: { node: D }[] } }>(tokens.alfa, `{ declaraties(first: 200) { edges { node { id nummer } } } }`);
    expect(alfa.data!.declaraties.edges.map((e) => e.node).map((d) => d.nummer)).toContain('SEP1');
    const bosch = await api.gql<{ declaraties: { edges: { node: D }[] } }>(tokens.bosch, `{ declaraties(first: 200) { edges { node { id } } } }`);
    const id = bosch.data!.declaraties.edges.map((e) => e.node)[0].id;
    const osseEen = await api.gql<{ declaratie: D | null }>(tokens.oss, `query($id: ID!) { declaratie(id: $id) { id } }`, { id });
    expect(osseEen.data!.declaratie).toBeNull();
  });
});

describe('the budget ceiling and held claims', () => {
  const contract = (nummer: string, agb: string, beleid: string, aanhouden: boolean) =>
    api.gql(
      tokens.regio,
      `mutation { maakContract(input: { nummer: "${nummer}", aanbiederAgb: "${agb}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2026-01-01",
        einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [{ jaar: 2026, bedragCenten: 200000 }],
        producten: [{ productCode: "45A04", tariefCenten: 9550 }], plafondBeleid: ${beleid}, declaratiesAanhouden: ${aanhouden} }) { id } }`,
    );
  const aspecifiek = { code: undefined, volume: undefined, eenheid: undefined, frequentie: undefined };

  it('policy "afwijzen": a prestatie beyond what is left of the ceiling is rejected with 9369', async () => {
    expect((await contract('NOB-P-001', AGB.gamma, 'afwijzen', false)).errors).toBeUndefined();
    const tw = await toewijzing(aspecifiek, AGB.gamma);
    const sept = (await declareer('G1', '2026-09', [{ bsn: tw.bsn, prestaties: [{ ref: 'G-SEP', nummer: tw.nummer, ...SEPT, volume: 12 }] }], AGB.gamma)).jw325!;
    expect(sept.codes).toEqual(['8001']);
    const okt = (await declareer('G2', '2026-10', [{ bsn: tw.bsn, prestaties: [{ ref: 'G-OKT', nummer: tw.nummer, ...OKT, volume: 12 }] }], AGB.gamma)).jw325!;
    expect(okt.afgewezen.get('G-OKT')).toEqual(['9369']);
    const stand = await api.gql<{ plafondstanden: { contractNummer: string; resterendCenten: number }[] }>(tokens.gamma, `{ plafondstanden(jaar: 2026) { contractNummer resterendCenten } }`);
    expect(stand.data!.plafondstanden).toEqual([{ contractNummer: 'NOB-P-001', resterendCenten: 200000 - 114600 }]);
  });

  it('policy "signaleren" with held claims: the JW325 waits for release; beyond the ceiling is granted with an alert', async () => {
    expect((await contract('NOB-P-002', AGB.beta, 'signaleren', true)).errors).toBeUndefined();
    const tw = await toewijzing(aspecifiek, AGB.beta);
    const sept = await declareer('B1', '2026-09', [{ bsn: tw.bsn, prestaties: [{ ref: 'B-SEP', nummer: tw.nummer, ...SEPT, volume: 12 }] }], AGB.beta);
    expect(sept.status).toBe('aangehouden');
    expect(sept.jw325).toBeUndefined();
    const gehouden = await api.gql<{ declaraties: { edges: { node: { id: string; aangehouden: boolean; status: string } }[] } }>(tokens.bosch, `{ declaraties(filter: { aangehouden: true }, first: 200) { edges { node { id aangehouden status } } } }`);
    expect(gehouden.data!.declaraties.edges.map((e) => e.node)).toHaveLength(1);
    // A provider cannot release its own claim.
    const zelf = await api.gql(tokens.beta, `mutation($id: ID!) { geefDeclaratieVrij(declaratieId: $id) { id } }`, { id: gehouden.data!.declaraties.edges.map((e) => e.node)[0].id });
    expect(zelf.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const vrij = await api.gql<{ geefDeclaratieVrij: { status: string; antwoordId: string } }>(
      tokens.bosch,
      `mutation($id: ID!) { geefDeclaratieVrij(declaratieId: $id) { status antwoordId } }`,
      { id: gehouden.data!.declaraties.edges.map((e) => e.node)[0].id },
    );
    expect(vrij.errors).toBeUndefined();
    expect(vrij.data!.geefDeclaratieVrij.status).toBe('beantwoord');
    const s = await wachtOpBericht(api.url, tokens.beta, sept.id, (x) => x.status === 'verwerkt');
    const jw325 = await leesJw325(api.url, tokens.beta, s.retour!.id);
    expect(jw325.codes).toEqual(['8001']);
    expect(xsd.validate('JW325', jw325.xml)).toEqual([]);

    const okt = await declareer('B2', '2026-10', [{ bsn: tw.bsn, prestaties: [{ ref: 'B-OKT', nummer: tw.nummer, ...OKT, volume: 12 }] }], AGB.beta);
    expect(okt.status).toBe('aangehouden');
    const stand = await api.gql<{ plafondstanden: { contractNummer: string; resterendCenten: number; bovenPlafond: number }[] }>(
      tokens.regio,
      `{ plafondstanden(jaar: 2026) { contractNummer resterendCenten bovenPlafond } }`,
    );
    expect(stand.data!.plafondstanden.find((p) => p.contractNummer === 'NOB-P-002')).toEqual({ contractNummer: 'NOB-P-002', resterendCenten: 200000 - 2 * 114600, bovenPlafond: 1 });
  });
});

describe('the monthly settlement run and its CSV', () => {
  type A = { factuurnummer: string; gemeenteCode: string; aanbiederAgb: string; volgnummer: number; aantalPrestaties: number; bedragCenten: number };
  const MAAK = `mutation($f: AfrekeningFilter!) { maakAfrekeningen(filter: $f) { factuurnummer gemeenteCode aanbiederAgb volgnummer aantalPrestaties bedragCenten } }`;
  const csv = async (token: string, maand: string) => {
    const r = await fetch(`${api.url}/export/afrekeningen.csv?maand=${maand}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await r.arrayBuffer();
    const tekst = Buffer.from(body).toString('utf8');
    return { status: r.status, regels: tekst.replace(/^\uFEFF/, '').trim().split('\r\n'), nl: r.status === 200 ? await leesCsvNl(body) : null };
  };

  it('September: one invoice record per provider and municipality, exactly what was granted; a second run settles nothing twice', async () => {
    const r = await api.gql<{ maakAfrekeningen: A[] }>(tokens.regio, MAAK, { f: { maand: '2026-09-01' } });
    expect(r.errors).toBeUndefined();
    const perAanbieder = Object.fromEntries(r.data!.maakAfrekeningen.map((a) => [a.aanbiederAgb, a]));
    expect(perAanbieder[AGB.alfa]).toMatchObject({ gemeenteCode: '0796', volgnummer: 1, bedragCenten: c1.toegekend, factuurnummer: `NOB-202609-0796-${AGB.alfa}-1` });
    expect(perAanbieder[AGB.alfa].aantalPrestaties).toBe(claim1.flatMap((c) => c.prestaties).length - c1.afgewezen.size);
    expect(perAanbieder[AGB.gamma].bedragCenten).toBe(114_600);
    expect(perAanbieder[AGB.beta].bedragCenten).toBe(114_600);
    const nogmaals = await api.gql<{ maakAfrekeningen: A[] }>(tokens.regio, MAAK, { f: { maand: '2026-09-01' } });
    expect(nogmaals.data!.maakAfrekeningen).toEqual([]);

    const bosch = await csv(tokens.bosch, '2026-09-01');
    expect(bosch.status).toBe(200);
    expect(bosch.regels[0]).toBe(
      'factuurnummer;gemeente_code;gemeente_naam;aanbieder_agb;aanbieder_naam;maand;declaratienummer;referentie_nummer;debet_credit;debet_credit_naam;toewijzing_nummer;' +
        'product_categorie;product_categorie_naam;product_code;product_naam;periode_begin;periode_eind;volume;eenheid;eenheid_naam;tarief_euro;toegekend_euro;' +
        'contractvoorwaarde;contractvoorwaarde_code;contractvoorwaarde_contract;contractvoorwaarde_perceel;contractvoorwaarde_artikel;contractvoorwaarde_omschrijving',
    );
    // Read back as Dutch Excel reads it: a UTF-8 BOM, `;`, decimal comma; amounts in euros.
    const nl = bosch.nl!;
    expect(nl.bom).toBe(true);
    expect(Math.round(nl.rijen.reduce((s, l) => s + Number(l.toegekend_euro) * 100, 0))).toBe(c1.toegekend + 2 * 114_600);
    for (const l of nl.rijen) {
      expect(l).toMatchObject({ gemeente_naam: "'s-Hertogenbosch", maand: new Date('2026-09-01T00:00:00Z'), product_categorie: 45, product_categorie_naam: 'Jeugdhulp ambulant' });
      expect(l.periode_begin).toBeInstanceOf(Date);
      expect(typeof l.toegekend_euro).toBe('number');
      expect(l.debet_credit_naam).toBe(l.debet_credit === 'C' ? 'credit' : 'debet');
      expect(typeof l.aanbieder_naam).toBe('string');
    }
    const gammaRegel = nl.rijen.find((l) => String(l.aanbieder_agb) === String(Number(AGB.gamma)))!;
    expect(gammaRegel).toMatchObject({ toegekend_euro: 1146, eenheid: 4, eenheid_naam: 'uur' });
    expect(bosch.regels.find((l) => l.includes(';1146,00'))).toBeDefined();
    expect(bosch.regels.some((l) => l.includes('114600'))).toBe(false);
    // A provider exports only its own lines; without a token nothing.
    const gamma = await csv(tokens.gamma, '2026-09-01');
    expect(gamma.regels.slice(1).map((l) => l.split(';')[3])).toEqual([AGB.gamma]);
    expect((await csv('', '2026-09-01')).status).toBe(401);
  });

  it('a held claim is left out until it is released; then the next run settles it', async () => {
    const okt1 = (await api.gql<{ declaraties: { edges: { node: { id: string; toegekendCenten: number } }[] } }>(tokens.bosch, `{ declaraties(filter: { aanbiederAgb: "${AGB.alfa}", vanaf: "2026-10-01", tot: "2026-10-01" }, first: 200) { edges { node { id nummer toegekendCenten } } } }`))
      .data!.declaraties.edges.map((e) => e.node).find((d) => (d as unknown as { nummer: string }).nummer === 'OKT1')!;
    const houd = await api.gql(tokens.bosch, `mutation($id: ID!) { houdDeclaratieAan(input: { declaratieId: $id, reden: "Controle zorgplan" }) { aangehouden } }`, { id: okt1.id });
    expect(houd.errors).toBeUndefined();
    const eerst = await api.gql<{ maakAfrekeningen: A[] }>(tokens.bosch, MAAK, { f: { maand: '2026-10-01', aanbiederAgb: AGB.alfa } });
    const zonder = eerst.data!.maakAfrekeningen[0];
    await api.gql(tokens.bosch, `mutation($id: ID!) { geefDeclaratieVrij(declaratieId: $id) { aangehouden } }`, { id: okt1.id });
    const daarna = await api.gql<{ maakAfrekeningen: A[] }>(tokens.bosch, MAAK, { f: { maand: '2026-10-01', aanbiederAgb: AGB.alfa } });
    expect(daarna.data!.maakAfrekeningen).toEqual([expect.objectContaining({ volgnummer: zonder ? 2 : 1, bedragCenten: okt1.toegekendCenten })]);
  });

  it('a municipality settles only its own; a provider not at all', async () => {
    const oss = await api.gql(tokens.oss, MAAK, { f: { maand: '2026-09-01', gemeenteCode: '0796' } });
    expect(oss.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const alfa = await api.gql(tokens.alfa, MAAK, { f: { maand: '2026-09-01' } });
    expect(alfa.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a municipality that judges claims in its own system', () => {
  const eigen = (aan: boolean) =>
    api.gql(tokens.regio, `mutation($aan: Boolean!) { stelDeclaratiebeoordelingIn(gemeenteCode: "0796", eigenSysteem: $aan) { code declaratiesEigenSysteem } }`, { aan });
  const zaak = async (xml: string) => {
    const id = await stuurBericht(api.url, tokens.toegang, xml);
    return wachtOpBericht(api.url, tokens.toegang, id, (x) => !['ontvangen', 'klaar'].includes(x.status));
  };
  const jw325Van = async (jw323: string, afgewezen: Map<string, string[]>, toegekend: number, ident: string, wijzig?: (m: IjwMessage) => void) => {
    const m = (await parseMessage(Buffer.from(jw323))).message;
    const antwoord = bouwJw325(m, afgewezen, toegekend, [], ident, vandaag);
    wijzig?.(antwoord);
    return writeMessage(antwoord);
  };

  it('the hub holds the JW323; that system\'s JW325 is checked (TR366/TR367), becomes the outcome and is forwarded once', async () => {
    expect((await eigen(true)).errors).toBeUndefined();
    const g = gevallen;
    const NOV = { begin: '2026-11-01', eind: '2026-11-30' };
    const clienten = [
      { bsn: g.TR346.goed.bsn, prestaties: [{ ref: 'NOV-1', nummer: g.TR346.goed.nummer, ...NOV, volume: 12 }] },
      { bsn: g.TR321.goed.bsn, prestaties: [{ ref: 'NOV-2', nummer: g.TR321.goed.nummer, ...NOV, volume: 12 }] },
    ];
    const jw323 = jw323Xml({ identificatie: 'D-NOV1', nummer: 'NOV1', periode: '2026-11', afzender: AGB.alfa, gemeente: '0796', clienten });
    const id = await stuurBericht(api.url, tokens.alfa, jw323);
    const vast = await wachtOpBericht(api.url, tokens.alfa, id, (x) => x.status !== 'ontvangen');
    expect(vast).toMatchObject({ status: 'aangehouden', retour: null });

    // A value that differs from the JW323: refused, not forwarded.
    const anders = await zaak(await jw325Van(jw323, new Map([['NOV-2', ['9321']]]), 12 * 9550, 'Z325A', (m) => {
      const a = m.bericht.DeclaratieAntwoord as IjwNode;
      const p = (((a.Clienten as IjwNode).Client as IjwNode[])[0].Prestaties as IjwNode).Prestatie as IjwNode[];
      p[0].GeleverdVolume = 11;
    }));
    expect(anders).toMatchObject({ status: 'afgekeurd', fouten: [{ path: '9367' }] });

    const goed = await zaak(await jw325Van(jw323, new Map([['NOV-2', ['9321']]]), 12 * 9550, 'Z325B'));
    expect(goed.status).toBe('beschikbaar');
    const beantwoord = await wachtOpBericht(api.url, tokens.alfa, id, (x) => x.status === 'verwerkt');
    expect(beantwoord.retour?.type).toBe('JW325');
    const d = await api.gql<{
      declaraties: Conn<{ status: string; toegekendCenten: number; aangehouden: boolean; prestaties: Conn<{ prestatie: { referentieNummer: string }; retourcodes: { code: string }[] }> }>;
    }>(
      tokens.bosch,
      `{ declaraties(filter: { vanaf: "2026-11-01", aanbiederAgb: "${AGB.alfa}" }, first: 10) { edges { node { nummer status toegekendCenten aangehouden
        prestaties(filter: { alleenAfgewezen: true }, first: 10) { edges { node { prestatie { referentieNummer } retourcodes { code } } } } } } } }`,
    );
    expect(d.data!.declaraties.edges.map((e) => ({ ...e.node, prestaties: knopen(e.node.prestaties) }))).toEqual([
      { nummer: 'NOV1', status: 'beantwoord', toegekendCenten: 12 * 9550, aangehouden: false, prestaties: [{ prestatie: { referentieNummer: 'NOV-2' }, retourcodes: [{ code: '9321' }] }] },
    ]);
    // A second answer to the same claim is refused.
    const nogmaals = await zaak(await jw325Van(jw323, new Map(), 24 * 9550, 'Z325C'));
    expect(nogmaals).toMatchObject({ status: 'afgekeurd', fouten: [{ path: 'DeclaratieIdentificatie' }] });
    // A prestatie the claim does not hold: 9366.
    const eerste = clientenVan((await parseMessage(Buffer.from(jw323))).message)[0].prestaties[0];
    const onbekend = await zaak(await jw325Van(jw323, new Map([['NOV-9', ['9321']]]), 0, 'Z325D', (m) => {
      const a = m.bericht.DeclaratieAntwoord as IjwNode;
      a.Clienten = { Client: [{ Bsn: g.TR346.goed.bsn, Prestaties: { Prestatie: [{ ...eerste, ProductReferentie: { ReferentieNummer: 'NOV-9' }, RetourCodes: { RetourCode: ['9321'] } }] }, RetourCodes: { RetourCode: ['0200'] } }] };
    }));
    expect(onbekend).toMatchObject({ status: 'afgekeurd', fouten: [{ path: '9366' }] });
    expect((await eigen(false)).errors).toBeUndefined();
  });
});
