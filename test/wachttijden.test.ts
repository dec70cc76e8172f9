import type { DataSource } from 'typeorm';
import { StatementLog } from './helpers/statements';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import type { DemoRegio } from '../src/seed/demo-types';
import { seed } from '../src/seed/seed';
import { knopen, startTestApi, type Conn, type TestApi } from './helpers/api';
import { jw305Xml, retourcodesVan, startBerichtenWorker, testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';


/**
 * Waiting times derived from the messages: JW315 received → JW301 (wijsVerzoekToe / toewijzen)
 * → JW305 Begindatum, checked against days counted by hand; norms, alerts, /metrics and the
 * access team's provider query.
 */
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let worker: ReturnType<typeof startBerichtenWorker>;
const counter = new StatementLog();
const t: Record<string, string> = {};
const vandaag = pinKlok();

let volg = 0;

function plusDagen(datum: string, n: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const INGANG = plusDagen(vandaag, -90);
const EINDE = plusDagen(vandaag, 180);
const PRODUCT = { Categorie: '45', Code: '45A04' };

beforeAll(async () => {
  db = await createTestDatabase('wachttijden');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  api = await startTestApi(await db.app({ logger: counter, poolSize: 4 }));
  worker = startBerichtenWorker(ds, api.cfg);
  for (const [k, agb] of Object.entries(AGB)) t[k] = await api.token({ rol: 'aanbieder', agb });
  t.regio = await api.token({ rol: 'regio', regio: 'NOB' });
  t.bosch = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.oss = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0828'] });
  // Beta and gamma are contracted for ambulant care in 's-Hertogenbosch too.
  for (const [i, agb] of [AGB.beta, AGB.gamma].entries()) {
    const r = await api.gql(t.regio, `mutation { maakContract(input: { nummer: "NOB-L-10${i}", aanbiederAgb: "${agb}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [], producten: [{ productCode: "45A04", tariefCenten: 9000 }] }) { id } }`);
    expect(r.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await db?.drop();
});

function jw315(agb: string, bsn: string, referentie: string): string {
  const m = sampleMessage('JW315', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = agb;
  h.Ontvanger = '0796';
  h.BerichtIdentificatie = { Identificatie: `W${++volg}`, Dagtekening: vandaag };
  const c = m.bericht.Client as IjwNode;
  c.Bsn = bsn;
  c.Geboortedatum = { Datum: '2013-09-09' };
  c.Naam = { Geslachtsnaam: { Achternaam: 'de Vries' }, Voornamen: 'Noor' };
  c.AangevraagdeProducten = {
    AangevraagdProduct: [
      {
        ReferentieAanbieder: referentie,
        Product: { ...PRODUCT },
        ToewijzingIngangsdatum: INGANG,
        ToewijzingEinddatum: EINDE,
        Omvang: { Volume: 2, Eenheid: '04', Frequentie: '2' },
        Verwijzer: { Type: '02', Naam: 'Huisarts Bakker' },
      },
    ],
  };
  return writeMessage(m);
}

/** A JW315 from the provider, received `dagenGeleden` days ago (the hub stores when it came in; set back to that day). */
async function verzoek(agb: string, token: string, bsn: string, referentie: string, dagenGeleden: number): Promise<string> {
  const r = await retourcodesVan(api.url, token, jw315(agb, bsn, referentie));
  expect(r.codes).toEqual([]);
  await withTenant(ds, SYSTEEM, (em) =>
    em.query(`UPDATE verzoek SET ontvangen_op = ($1::date + time '12:00') AT TIME ZONE 'Europe/Amsterdam' WHERE referentie_aanbieder = $2`, [plusDagen(vandaag, -dagenGeleden), referentie]),
  );
  const v = await api.gql<{ verzoeken: Conn<{ id: string; referentieAanbieder: string }> }>(t.bosch, `{ verzoeken(first: 200) { edges { node { id referentieAanbieder } } } }`);
  return knopen(v.data!.verzoeken).find((x) => x.referentieAanbieder === referentie)!.id;
}

/** The access team answers the request with a toewijzing (JW301); returns its number. */
async function wijsToe(verzoekId: string): Promise<number> {
  const r = await api.gql<{ wijsVerzoekToe: { toewijzingen: { nummer: number }[] } }>(
    t.bosch,
    `mutation($input: WijsVerzoekToeInput!) { wijsVerzoekToe(input: $input) { toewijzingen { nummer } } }`,
    { input: { verzoekId, adres: { postcode: '5211AB', huisnummer: 7 } } },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.wijsVerzoekToe.toewijzingen[0].nummer;
}

/** A direct allocation by the access team, without a request. */
async function toewijzen(agb: string, bsn: string): Promise<number> {
  const r = await api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(t.bosch, `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { nummer } } }`, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: agb,
      client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Bakker', adres: { postcode: '5211AB', huisnummer: 3 } },
      producten: [{ categorie: '45', code: '45A04', ingangsdatum: INGANG, einddatum: EINDE, volume: 3, eenheid: '04', frequentie: '2' }],
    },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.toewijzen.toewijzingen[0].nummer;
}

/** The allocation was made `dagenGeleden` days ago (the hub stores today; set back to that day). */
async function toegewezenGeleden(nummer: number, dagenGeleden: number): Promise<void> {
  const dag = plusDagen(vandaag, -dagenGeleden);
  await withTenant(ds, SYSTEEM, async (em) => {
    await em.query(`UPDATE toewijzing SET toewijzingsdatum = $1, eerste_toewijzingsdatum = $1 WHERE gemeente_code = '0796' AND nummer = $2`, [dag, nummer]);
    await em.query(
      `UPDATE verzoek SET beantwoord_op = ($1::date + time '12:00') AT TIME ZONE 'Europe/Amsterdam'
        WHERE toewijzing_id = (SELECT id FROM toewijzing WHERE gemeente_code = '0796' AND nummer = $2)`,
      [dag, nummer],
    );
  });
}

/** The provider reports the start of care (JW305) on `begindatum`. */
async function start(agb: string, token: string, bsn: string, nummer: number, begindatum: string): Promise<void> {
  const xml = jw305Xml({
    identificatie: `S${++volg}`,
    bsn,
    toewijzingNummer: nummer,
    product: { ...PRODUCT },
    begindatum,
    change: (m) => {
      (m.bericht.Header as IjwNode).Afzender = agb;
    },
  });
  expect((await retourcodesVan(api.url, token, xml)).codes).toEqual([]);
}

interface Statistiek {
  aanbiederAgb: string;
  gemeenteCode: string;
  productCode: string;
  aantalGestart: number;
  mediaanDagen: number | null;
  p90Dagen: number | null;
  mediaanDagenTotToewijzing: number | null;
  p90DagenTotToewijzing: number | null;
  mediaanDagenToewijzingTotStart: number | null;
  p90DagenToewijzingTotStart: number | null;
  aantalWachtend: number;
}
const STATISTIEK = `query($f: WachttijdFilter) { wachttijden(filter: $f) { aanbiederAgb gemeenteCode productCode aantalGestart mediaanDagen p90Dagen
  mediaanDagenTotToewijzing p90DagenTotToewijzing mediaanDagenToewijzingTotStart p90DagenToewijzingTotStart aantalWachtend } }`;
const WACHTLIJST = `query($f: WachttijdFilter) { wachtlijst(filter: $f, first: 200) { edges { node {
  toewijzingNummer aanbiederAgb gemeenteCode productCode aangevraagdOp toegewezenOp dagenWachtend normDagen bovenNorm } } } }`;
const SIGNALEN = `{ wachttijdSignalen(first: 200) { edges { node { soort normSoort normDagen dagen aanbiederAgb gemeenteCode productCode toewijzingId verzoekId } } } }`;

/** The waiting list as `token` sees it (one page of 200: the fixture's lists are short). */
async function wachtlijst<T = Record<string, unknown>>(token: string, f: Record<string, unknown> = {}): Promise<T[]> {
  const r = await api.gql<{ wachtlijst: Conn<T> }>(token, WACHTLIJST, { f });
  expect(r.errors).toBeUndefined();
  return knopen(r.data!.wachtlijst);
}

/** The waiting-time alerts as `token` sees them (one page of 200). */
async function signalen<T = Record<string, unknown>>(token: string): Promise<T[]> {
  const r = await api.gql<{ wachttijdSignalen: Conn<T> }>(token, SIGNALEN);
  expect(r.errors).toBeUndefined();
  return knopen(r.data!.wachttijdSignalen);
}
const KEUZE = `query($g: String!, $p: String!) { passendeAanbieders(gemeenteCode: $g, productCode: $p) {
  aanbiederAgb naam contractNummer open vrijePlaatsen intakesPerWeek heeftCapaciteit aantalGestart mediaanDagen p90Dagen aantalWachtend normDagen binnenNorm } }`;

const nummers: Record<string, number> = {};
const bsn = (i: number) => testBsn(200 + i);

describe('waiting times from the messages', () => {
  it('builds requests, allocations and starts through JW315, GraphQL and JW305', async () => {
    // Alfa: request 40 days ago, allocated 20 days ago, started 10 days ago: 20 + 10 = 30 days.
    nummers.a1 = await wijsToe(await verzoek(AGB.alfa, t.alfa, bsn(1), 'WT-A1', 40));
    await toegewezenGeleden(nummers.a1, 20);
    await start(AGB.alfa, t.alfa, bsn(1), nummers.a1, plusDagen(vandaag, -10));
    // Alfa: request 10 days ago, allocated 5 days ago, started 2 days ago: 5 + 3 = 8 days.
    nummers.a2 = await wijsToe(await verzoek(AGB.alfa, t.alfa, bsn(2), 'WT-A2', 10));
    await toegewezenGeleden(nummers.a2, 5);
    await start(AGB.alfa, t.alfa, bsn(2), nummers.a2, plusDagen(vandaag, -2));
    // Alfa: a direct allocation 14 days ago, started today: 14 days.
    nummers.a3 = await toewijzen(AGB.alfa, bsn(3));
    await toegewezenGeleden(nummers.a3, 14);
    await start(AGB.alfa, t.alfa, bsn(3), nummers.a3, vandaag);
    // Alfa: request 70 days ago, allocated today, not started: waiting 70 days.
    nummers.a4 = await wijsToe(await verzoek(AGB.alfa, t.alfa, bsn(4), 'WT-A4', 70));
    // Alfa: a request 20 days ago, not yet answered.
    await verzoek(AGB.alfa, t.alfa, bsn(5), 'WT-A5', 20);
    // Alfa: a direct allocation deleted again is no one's wait.
    nummers.a6 = await toewijzen(AGB.alfa, bsn(6));
    const tw = await api.gql<{ toewijzingen: Conn<{ id: string; nummer: number }> }>(t.bosch, `{ toewijzingen(first: 200) { edges { node { id nummer } } } }`);
    const a6 = knopen(tw.data!.toewijzingen).find((x) => x.nummer === nummers.a6)!;
    expect((await api.gql(t.bosch, `mutation($id: ID!) { verwijderToewijzing(id: $id) { bericht { id } } }`, { id: a6.id })).errors).toBeUndefined();
    // Alfa: a direct allocation 30 days ago, started 20 days ago, extended today: the change gives it
    // today's Toewijzingsdatum, but its wait counts from its first one (10 days).
    nummers.a7 = await toewijzen(AGB.alfa, bsn(8));
    await toegewezenGeleden(nummers.a7, 30);
    await start(AGB.alfa, t.alfa, bsn(8), nummers.a7, plusDagen(vandaag, -20));
    const a7 = knopen((await api.gql<{ toewijzingen: Conn<{ id: string; nummer: number }> }>(t.bosch, `{ toewijzingen(first: 200) { edges { node { id nummer } } } }`)).data!.toewijzingen).find((x) => x.nummer === nummers.a7)!;
    const w = await api.gql(t.bosch, `mutation($input: WijzigToewijzingInput!) { wijzigToewijzing(input: $input) { toewijzingen { versie } } }`, {
      input: { id: a7.id, einddatum: plusDagen(vandaag, 200), redenWijziging: '02' },
    });
    expect(w.errors).toBeUndefined();
    // Beta: a direct allocation 80 days ago, started today.
    nummers.b1 = await toewijzen(AGB.beta, bsn(7));
    await toegewezenGeleden(nummers.b1, 80);
    await start(AGB.beta, t.beta, bsn(7), nummers.b1, vandaag);
  });

  it('median and 90th percentile per provider, product and municipality, in days', async () => {
    const r = await api.gql<{ wachttijden: Statistiek[] }>(t.regio, STATISTIEK, { f: { productCode: '45A04' } });
    expect(r.errors).toBeUndefined();
    const [alfa, beta] = r.data!.wachttijden;
    // Request (or allocation) → start: 8, 10, 14, 30. Median 12; p90 = 14 + 0.7 × (30 − 14) = 25.2.
    // Request → allocation: 5, 20. Median 12.5; p90 = 5 + 0.9 × 15 = 18.5.
    // Allocation → start: 3, 10, 10, 14. Median 10; p90 = 10 + 0.7 × 4 = 12.8.
    expect(alfa).toMatchObject({ aanbiederAgb: AGB.alfa, gemeenteCode: '0796', productCode: '45A04', aantalGestart: 4, mediaanDagen: 12, mediaanDagenTotToewijzing: 12.5, mediaanDagenToewijzingTotStart: 10, aantalWachtend: 1 });
    expect(alfa.p90Dagen).toBeCloseTo(25.2, 6);
    expect(alfa.p90DagenTotToewijzing).toBeCloseTo(18.5, 6);
    expect(alfa.p90DagenToewijzingTotStart).toBeCloseTo(12.8, 6);
    expect(beta).toMatchObject({ aanbiederAgb: AGB.beta, aantalGestart: 1, mediaanDagen: 80, p90Dagen: 80, mediaanDagenTotToewijzing: null, aantalWachtend: 0 });
    expect(r.data!.wachttijden).toHaveLength(2);
  });

  it('a period limits the statistics to care started in it', async () => {
    const r = await api.gql<{ wachttijden: Statistiek[] }>(t.regio, STATISTIEK, { f: { aanbiederAgb: AGB.alfa, startVanaf: plusDagen(vandaag, -12), startTot: plusDagen(vandaag, -4) } });
    expect(r.data!.wachttijden[0]).toMatchObject({ aantalGestart: 1, mediaanDagen: 30, p90Dagen: 30, mediaanDagenToewijzingTotStart: 10 });
  });

  it('each caller sees its own scope: a provider its own, a municipality its residents\'', async () => {
    const beta = await api.gql<{ wachttijden: Statistiek[] }>(t.beta, STATISTIEK, {});
    expect(beta.data!.wachttijden.map((s) => s.aanbiederAgb)).toEqual([AGB.beta]);
    expect((await api.gql<{ wachttijden: Statistiek[] }>(t.oss, STATISTIEK, {})).data!.wachttijden).toEqual([]);
    expect(await wachtlijst(t.oss)).toEqual([]);
    expect(await wachtlijst(t.beta)).toEqual([]);
  });

  it('the waiting list holds what is allocated, not started and not deleted', async () => {
    expect(await wachtlijst(t.bosch)).toEqual([
      { toewijzingNummer: nummers.a4, aanbiederAgb: AGB.alfa, gemeenteCode: '0796', productCode: '45A04', aangevraagdOp: plusDagen(vandaag, -70), toegewezenOp: vandaag, dagenWachtend: 70, normDagen: null, bovenNorm: false },
    ]);
    expect(await wachtlijst(t.alfa)).toHaveLength(1);
  });
});

describe('norms and alerts', () => {
  it('only the region sets norms', async () => {
    const M = `mutation($input: WachttijdnormInput!) { stelWachttijdnormVast(input: $input) { id soort productCategorie maxDagen regioCode } }`;
    expect((await api.gql(t.bosch, M, { input: { soort: 'aanmelding_tot_start', maxDagen: 63 } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(t.regio, M, { input: { soort: 'aanmelding_tot_start', maxDagen: 70 } })).errors).toBeUndefined();
    // Set again: replaced, not added.
    expect((await api.gql(t.regio, M, { input: { soort: 'aanmelding_tot_start', maxDagen: 63 } })).errors).toBeUndefined();
    expect((await api.gql(t.regio, M, { input: { soort: 'aanmelding_tot_toewijzing', maxDagen: 14 } })).errors).toBeUndefined();
    expect((await api.gql(t.regio, M, { input: { soort: 'aanmelding_tot_start', productCategorie: '46', maxDagen: 1 } })).errors).toBeUndefined();
    const n = await api.gql<{ wachttijdnormen: { soort: string; productCategorie: string | null; maxDagen: number }[] }>(t.bosch, `{ wachttijdnormen { soort productCategorie maxDagen } }`);
    expect(n.data!.wachttijdnormen).toEqual([
      { soort: 'aanmelding_tot_start', productCategorie: null, maxDagen: 63 },
      { soort: 'aanmelding_tot_start', productCategorie: '46', maxDagen: 1 },
      { soort: 'aanmelding_tot_toewijzing', productCategorie: null, maxDagen: 14 },
    ]);
  });

  it('alerts: a child waiting over the norm, an unanswered request over it, providers whose p90 exceeds it', async () => {
    const s = await signalen(t.regio);
    expect(s.map((x) => [x.soort, x.normSoort, x.aanbiederAgb, x.normDagen])).toEqual([
      // Beta's p90 request → start is 80 > 63; alfa's p90 request → allocation is 18.5 > 14.
      ['aanbieder_boven_norm', 'aanmelding_tot_start', AGB.beta, 63],
      ['aanbieder_boven_norm', 'aanmelding_tot_toewijzing', AGB.alfa, 14],
      // The request of 20 days ago is still unanswered (norm 14).
      ['verzoek_boven_norm', 'aanmelding_tot_toewijzing', AGB.alfa, 14],
      // Waiting 70 days since the request (norm 63).
      ['wachtend_boven_norm', 'aanmelding_tot_start', AGB.alfa, 63],
    ]);
    expect(s[0].dagen).toBe(80);
    expect(s[1].dagen).toBeCloseTo(18.5, 6);
    expect(s[2]).toMatchObject({ dagen: 20, gemeenteCode: '0796' });
    expect(s[2].verzoekId).toEqual(expect.any(String));
    expect(s[3]).toMatchObject({ dagen: 70, gemeenteCode: '0796', productCode: '45A04' });
    expect(s[3].toewijzingId).toEqual(expect.any(String));
    expect((await wachtlijst(t.bosch))[0]).toMatchObject({ normDagen: 63, bovenNorm: true });
    // A municipality elsewhere sees no alerts of 's-Hertogenbosch's residents; a provider only its own.
    expect(await signalen(t.oss)).toEqual([]);
    expect((await signalen<{ aanbiederAgb: string }>(t.beta)).map((x) => x.aanbiederAgb)).toEqual([AGB.beta]);
  });

  it('a category norm wins over the general one', async () => {
    const M = `mutation($input: WachttijdnormInput!) { stelWachttijdnormVast(input: $input) { id } }`;
    const r = await api.gql<{ stelWachttijdnormVast: { id: string } }>(t.regio, M, { input: { soort: 'aanmelding_tot_start', productCategorie: '45', maxDagen: 25 } });
    const s = await signalen<{ soort: string; normSoort: string; aanbiederAgb: string; normDagen: number }>(t.regio);
    // Alfa's p90 request → start, 25.2, is over 25.
    expect(s.filter((x) => x.soort === 'aanbieder_boven_norm' && x.normSoort === 'aanmelding_tot_start').map((x) => [x.aanbiederAgb, x.normDagen])).toEqual([
      [AGB.beta, 25],
      [AGB.alfa, 25],
    ]);
    expect((await api.gql(t.regio, `mutation($id: ID!) { verwijderWachttijdnorm(id: $id) }`, { id: r.data!.stelWachttijdnormVast.id })).errors).toBeUndefined();
    expect(await signalen(t.regio)).toHaveLength(4);
  });

  it('counts the alerts in /metrics', async () => {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toContain('hub_wachttijd_signalen{soort="wachtend_boven_norm"} 1');
    expect(text).toContain('hub_wachttijd_signalen{soort="verzoek_boven_norm"} 1');
    expect(text).toContain('hub_wachttijd_signalen{soort="aanbieder_boven_norm"} 2');
  });
});

describe('crisis help within 24 hours', () => {
  it('a crisis allocation not started after 2 days is over its category norm of 1 day', async () => {
    const P = await api.gql(t.regio, `mutation { voegProductToe(input: { categorie: "46", code: "46C01", omschrijving: "Crisishulp", eenheid: "14", uitvoeringsvariant: inspanningsgericht }) { id } }`);
    expect(P.errors).toBeUndefined();
    const c = await api.gql<{ contracten: { edges: { node: { id: string; nummer: string } }[] } }>(t.regio, `{ contracten(first: 50) { edges { node { id nummer } } } }`);
    const contractId = c.data!.contracten.edges.find((e) => e.node.nummer === 'NOB-L-001')!.node.id;
    expect((await api.gql(t.regio, `mutation($input: ContracteerProductInput!) { contracteerProduct(input: $input) { id } }`, { input: { contractId, productCode: '46C01', tariefCenten: 50000 } })).errors).toBeUndefined();
    const r = await api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(t.bosch, `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { nummer } } }`, {
      input: {
        gemeenteCode: '0796',
        aanbiederAgb: AGB.alfa,
        client: { bsn: bsn(9), geboortedatum: '2011-01-01', geslacht: '2', achternaam: 'Smit', adres: { postcode: '5211AB', huisnummer: 9 } },
        producten: [{ categorie: '46', code: '46C01', ingangsdatum: INGANG, einddatum: EINDE, volume: 1, eenheid: '14', frequentie: '2' }],
      },
    });
    expect(r.errors).toBeUndefined();
    await toegewezenGeleden(r.data!.toewijzen.toewijzingen[0].nummer, 2);
    const s = await signalen<{ soort: string; productCode: string; normDagen: number; dagen: number }>(t.regio);
    expect(s.filter((x) => x.productCode === '46C01').map((x) => [x.soort, x.normDagen, x.dagen])).toEqual([['wachtend_boven_norm', 1, 2]]);
    expect(await wachtlijst(t.bosch, { productCategorie: '46' })).toEqual([expect.objectContaining({ productCode: '46C01', dagenWachtend: 2, normDagen: 1, bovenNorm: true })]);
  });
});

interface Keuze {
  aanbiederAgb: string;
  open: boolean;
  vrijePlaatsen: number;
  heeftCapaciteit: boolean;
  p90Dagen: number | null;
  binnenNorm: boolean | null;
}

describe('the access team\'s provider query', () => {
  const WERK_BIJ = `mutation($input: CapaciteitInput!) { werkCapaciteitBij(input: $input) { id } }`;
  let productId = '';

  it('contracted providers with capacity and waits, best first', async () => {
    const p = await api.gql<{ producten: { edges: { node: { id: string; code: string } }[] } }>(t.regio, '{ producten(first: 50) { edges { node { id code } } } }');
    productId = p.data!.producten.edges.find((e) => e.node.code === '45A04')!.node.id;
    const cap = (plaatsen: number, open = true) => ({ productId, locatieNaam: 'Hoofdlocatie', postcode: '5211AB', vrijePlaatsen: plaatsen, intakesPerWeek: 0, openVoorNieuweClienten: open });
    for (const [k, n] of [['alfa', 1], ['beta', 3], ['gamma', 2]] as const) expect((await api.gql(t[k], WERK_BIJ, { input: cap(n) })).errors).toBeUndefined();
    const r = await api.gql<{ passendeAanbieders: (Keuze & Record<string, unknown>)[] }>(t.bosch, KEUZE, { g: '0796', p: '45A04' });
    expect(r.errors).toBeUndefined();
    const [alfa, gamma, beta] = r.data!.passendeAanbieders;
    // All open with room; alfa within the norm (25.2 ≤ 63), gamma without data, beta over it (80).
    expect(alfa).toMatchObject({ aanbiederAgb: AGB.alfa, naam: 'Alfa Jeugdhulp', contractNummer: 'NOB-L-001', open: true, vrijePlaatsen: 1, heeftCapaciteit: true, aantalGestart: 4, mediaanDagen: 12, aantalWachtend: 1, normDagen: 63, binnenNorm: true });
    expect(alfa.p90Dagen).toBeCloseTo(25.2, 6);
    expect(gamma).toMatchObject({ aanbiederAgb: AGB.gamma, vrijePlaatsen: 2, aantalGestart: 0, p90Dagen: null, binnenNorm: null });
    expect(beta).toMatchObject({ aanbiederAgb: AGB.beta, vrijePlaatsen: 3, p90Dagen: 80, binnenNorm: false });
    expect(r.data!.passendeAanbieders).toHaveLength(3);

    // Alfa closes for new clients: capacity comes first.
    expect((await api.gql(t.alfa, WERK_BIJ, { input: cap(0, false) })).errors).toBeUndefined();
    const na = await api.gql<{ passendeAanbieders: Keuze[] }>(t.bosch, KEUZE, { g: '0796', p: '45A04' });
    expect(na.data!.passendeAanbieders.map((k) => [k.aanbiederAgb, k.heeftCapaciteit])).toEqual([
      [AGB.gamma, true],
      [AGB.beta, true],
      [AGB.alfa, false],
    ]);
  });

  it('only where the product is contracted in that municipality; only for the caller\'s municipalities', async () => {
    expect((await api.gql<{ passendeAanbieders: Keuze[] }>(t.regio, KEUZE, { g: '0828', p: '45A04' })).data!.passendeAanbieders).toEqual([]);
    expect((await api.gql<{ passendeAanbieders: Keuze[] }>(t.regio, KEUZE, { g: '0828', p: '43A05' })).data!.passendeAanbieders.map((k) => k.aanbiederAgb).sort()).toEqual([AGB.beta, AGB.gamma]);
    expect((await api.gql(t.oss, KEUZE, { g: '0796', p: '45A04' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(t.bosch, KEUZE, { g: '0014', p: '45A04' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(t.bosch, KEUZE, { g: '0796', p: 'XXXXX' })).errors?.[0].extensions?.code).toBe('UNKNOWN_PRODUCT');
    expect((await api.gql(t.alfa, KEUZE, { g: '0796', p: '45A04' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('takes a constant number of SQL statements, with 3 providers or 50', async () => {
    const GROOT = 'GRT';
    const aanbieders = Array.from({ length: 50 }, (_, i) => ({ agb: `7200${String(i).padStart(4, '0')}`, naam: `Aanbieder ${i}`, kvk: `2000${String(i).padStart(4, '0')}` }));
    const regio: DemoRegio = {
      code: GROOT,
      naam: 'Testregio groot',
      gemeenten: [{ code: '0999', naam: 'Grootstad', inwoners: 100000, geldigVanaf: '2000-01-01' }],
      aanbieders,
      producten: [{ categorie: '45', code: '45A04', omschrijving: 'Ambulant', eenheid: '04', uitvoeringsvariant: 'inspanningsgericht' }],
      arrangementen: [],
      contracten: aanbieders.map((a, i) => ({
        nummer: `GRT-${i}`, aanbiederAgb: a.agb, perceel: 'Ambulant', procedure: 'openhouse' as const,
        begindatum: '2025-01-01', einddatum: '2027-12-31', verlengingen: 0, gemeenten: ['0999'], producten: [{ productCode: '45A04', tariefCenten: 9000 }],
      })),
      budgetlijnen: [],
      indexatie: { jaar: 2027, methode: 'percentage', percentage: 2 },
    };
    await seed(ds, { regios: [regio], tariefJaar: 2026 });
    // Every provider has two locations, half of them open.
    await withTenant(ds, SYSTEEM, (em) =>
      em.query(
        `INSERT INTO capaciteit (regio_code, aanbieder_agb, product_id, product_categorie, product_code, locatie_naam, postcode, vrije_plaatsen, intakes_per_week, open_voor_nieuwe_clienten, gewijzigd_door)
         SELECT pr.regio_code, a.agb, pr.id, pr.categorie, pr.code, l.naam, '1011AB', (a.agb::bigint % 7)::int, 1, (a.agb::bigint % 2 = 0), 'test'
           FROM product pr CROSS JOIN unnest($1::text[]) AS a(agb) CROSS JOIN (VALUES ('Noord'), ('Zuid')) AS l(naam)
          WHERE pr.regio_code = $2`,
        [aanbieders.map((a) => a.agb), GROOT],
      ),
    );
    const meet = async (token: string, gemeente: string) => {
      counter.reset();
      const r = await api.gql<{ passendeAanbieders: Keuze[] }>(token, KEUZE, { g: gemeente, p: '45A04' });
      expect(r.errors).toBeUndefined();
      return { statements: counter.count, aanbieders: r.data!.passendeAanbieders.length };
    };
    const grootToken = await api.token({ rol: 'toegang', regio: GROOT, gemeenten: ['0999'] });
    // The door's register of regions learns the new region on its first token (one reload).
    expect((await api.gql(grootToken, '{ regios { code } }')).status).toBe(200);
    const klein = await meet(t.bosch, '0796');
    const groot = await meet(grootToken, '0999');
    expect(klein.aanbieders).toBe(3);
    expect(groot.aanbieders).toBe(50);
    expect(groot.statements).toBe(klein.statements);
    // The request: BEGIN with the tenant context, contracts + capacity + norm, COMMIT. The waiting
    // times apart, read as the region: BEGIN, read-only + context, waiting times, COMMIT.
    expect(klein.statements).toBe(7);
  });
});
