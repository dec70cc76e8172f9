import { chromium, type Browser } from 'playwright-core';
import { StatementLog } from './helpers/statements';
import type { DataSource } from 'typeorm';
import { maakVoorschotten } from '../src/bekostiging/voorschotten.job';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { seed } from '../src/seed/seed';
import { ruweId, startTestApi, type TestApi } from './helpers/api';
import { jw305Xml, retourcodesVan, startBerichtenWorker, stuurBericht, testBsn, wachtOpBericht } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { jw323Xml, leesJw325, type TestPrestatie } from './helpers/declaraties';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

const vandaag = pinKlok();


/**
 * The quarterly report (Q3 2026) over a quarter of traffic built through HTTP: toewijzingen in
 * GraphQL, starts and stops (JW305/JW307), claims (JW323 → JW325); every figure checked against
 * values computed by hand below. Then the CSV export and the dashboard in headless Chromium.
 */
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let worker: ReturnType<typeof startBerichtenWorker>;
const counter = new StatementLog();
const t: Record<string, string> = {};
const tw: Record<string, { id: string; nummer: number; bsn: string; gemeente: string; agb: string }> = {};
let volg = 0;
const AMBULANT = { Categorie: '45', Code: '45A04' };

async function toewijzen(naam: string, gemeente: string, agb: string, ingang: string, einde: string, bsnNr: number): Promise<void> {
  const bsn = testBsn(bsnNr);
  const r = await api.gql<{ toewijzen: { toewijzingen: { id: string; nummer: number }[] } }>(
    gemeente === '0796' ? t.toegangBosch : t.toegangOss,
    `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`,
    {
      input: {
        gemeenteCode: gemeente,
        aanbiederAgb: agb,
        client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Jansen', adres: { postcode: '5211AB', huisnummer: bsnNr } },
        producten: [{ categorie: '45', code: '45A04', ingangsdatum: ingang, einddatum: einde, volume: 3, eenheid: '04', frequentie: '2' }],
      },
    },
  );
  if (r.errors) throw new Error(`${naam}: ${JSON.stringify(r.errors)}`);
  tw[naam] = { ...r.data!.toewijzen.toewijzingen[0], bsn, gemeente, agb };
}

/** The municipality decided on `dag` (the hub stores today as Toewijzingsdatum; set back to that day). */
async function toegewezenOp(naam: string, dag: string): Promise<void> {
  await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE toewijzing SET toewijzingsdatum = $1, eerste_toewijzingsdatum = $1 WHERE id = $2`, [dag, ruweId(tw[naam].id)]));
}

const tokenVan = (agb: string) => (agb === AGB.alfa ? t.alfa : t.beta);

async function start(naam: string, begindatum: string): Promise<void> {
  const x = tw[naam];
  const xml = jw305Xml({
    identificatie: `Q${++volg}`,
    bsn: x.bsn,
    toewijzingNummer: x.nummer,
    product: { ...AMBULANT },
    begindatum,
    change: (m) => {
      (m.bericht.Header as IjwNode).Afzender = x.agb;
      (m.bericht.Header as IjwNode).Ontvanger = x.gemeente;
    },
  });
  expect((await retourcodesVan(api.url, tokenVan(x.agb), xml)).codes).toEqual([]);
}

async function stop(naam: string, begindatum: string, einddatum: string, reden: string): Promise<void> {
  const x = tw[naam];
  const m = sampleMessage('JW307', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = x.agb;
  h.Ontvanger = x.gemeente;
  h.BerichtIdentificatie = { Identificatie: `Q${++volg}`, Dagtekening: vandaag };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = x.bsn;
  client.StopProducten = {
    StopProduct: [{ ToewijzingNummer: x.nummer, Product: { ...AMBULANT }, Begindatum: begindatum, RedenBeeindiging: reden, Einddatum: einddatum, StatusAanlevering: '1' }],
  };
  expect((await retourcodesVan(api.url, tokenVan(x.agb), writeMessage(m))).codes).toEqual([]);
}

/** A JW323 for one month; returns the ReferentieNummers the JW325 rejected. */
async function declareer(agb: string, gemeente: string, nummer: string, periode: string, regels: [string, Partial<TestPrestatie> & { ref: string; volume: number }][]): Promise<string[]> {
  const [y, m] = periode.split('-').map(Number);
  const eind = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const clienten = regels.map(([naam, p]) => ({
    bsn: tw[naam].bsn,
    prestaties: [{ nummer: tw[naam].nummer, begin: `${periode}-01`, eind, tarief: agb === AGB.beta ? 9000 : 9550, ...p }],
  }));
  const token = tokenVan(agb);
  const id = await stuurBericht(api.url, token, jw323Xml({ identificatie: `QD${++volg}`, nummer, periode, afzender: agb, gemeente, clienten }));
  const s = await wachtOpBericht(api.url, token, id, (x) => x.status !== 'ontvangen');
  if (!s.retour) throw new Error(`${s.status} ${JSON.stringify(s.fouten)}`);
  const jw325 = await leesJw325(api.url, token, s.retour.id);
  if (jw325.codes[0]?.startsWith('kop:')) throw new Error(jw325.codes.join(' '));
  return [...jw325.afgewezen.keys()];
}

beforeAll(async () => {
  db = await createTestDatabase('kwartaalrapportage');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  api = await startTestApi(await db.app({ logger: counter, poolSize: 4 }));
  worker = startBerichtenWorker(ds, api.cfg);
  t.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  t.beta = await api.token({ rol: 'aanbieder', agb: AGB.beta });
  t.regio = await api.token({ rol: 'regio', regio: 'NOB' });
  t.auditor = await api.token({ rol: 'auditor', regio: 'NOB' });
  t.gro = await api.token({ rol: 'regio', regio: 'GRO' });
  t.beheerder = await api.token({ rol: 'beheerder' });
  t.toegangBosch = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.toegangOss = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0828'] });
  t.oss = await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'] });
  // Beta is contracted for ambulant care in Oss at 90.00 an hour, with a 2026 ceiling of 8,000.00.
  const c = await api.gql(t.regio, `mutation { maakContract(input: { nummer: "NOB-L-200", aanbiederAgb: "${AGB.beta}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0828"], budgetplafonds: [{ jaar: 2026, bedragCenten: 800000 }], producten: [{ productCode: "45A04", tariefCenten: 9000 }] }) { id } }`);
  expect(c.errors).toBeUndefined();
  const n = await api.gql(t.regio, `mutation($input: WachttijdnormInput!) { stelWachttijdnormVast(input: $input) { id } }`, { input: { soort: 'aanmelding_tot_start', maxDagen: 63 } });
  expect(n.errors).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await db?.drop();
});

const REGEL = `code naam budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten clientenInZorg instroom uitstroom
  uitstroomVolgensPlan uitstroomVoortijdig uitstroomOverig aantalGestart mediaanWachtdagen p90Wachtdagen aantalWachtend aantalWachtendBovenNorm`;
const RAPPORT = `query($j: Int!, $k: Int!, $r: String) { kwartaalrapportage(jaar: $j, kwartaal: $k, regioCode: $r) { regioCode jaar kwartaal van tot
  regio { ${REGEL} } gemeenten { ${REGEL} } aanbieders { ${REGEL} }
  begrotingsposten { naam productcategorieen budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten } signalen { soort aanbiederAgb naam contractNummer grens werkelijk } } }`;

interface Regel {
  code: string;
  naam: string;
  budgetCenten: number | null;
  gerealiseerdCenten: number;
  gerealiseerdJaarCenten: number;
  verplichtCenten: number;
  prognoseCenten: number;
  ruimteCenten: number | null;
  clientenInZorg: number;
  instroom: number;
  uitstroom: number;
  uitstroomVolgensPlan: number;
  uitstroomVoortijdig: number;
  uitstroomOverig: number;
  aantalGestart: number;
  mediaanWachtdagen: number | null;
  p90Wachtdagen: number | null;
  aantalWachtend: number;
  aantalWachtendBovenNorm: number;
}
interface Rapport {
  regioCode: string;
  van: string;
  tot: string;
  regio: Regel;
  gemeenten: Regel[];
  aanbieders: Regel[];
  begrotingsposten: { naam: string; productcategorieen: string[]; budgetCenten: number; gerealiseerdCenten: number; gerealiseerdJaarCenten: number; verplichtCenten: number; prognoseCenten: number; ruimteCenten: number }[];
  signalen: { soort: string; aanbiederAgb: string; naam: string; contractNummer: string; grens: number; werkelijk: number }[];
}

/*
 * Hand-computed figures for Q3 2026 (1 July – 30 September). Every toewijzing is 45A04, 3 hours
 * a week (frequentie 2): estimate = 3 × ceil(days / 7) × tariff (alfa 95.50, beta 90.00).
 *   T1 0796 alfa 07-01..12-31: 184 days, 27 weeks → 773,550; committed Oct–Dec 92/184 → 386,775
 *   T2 0796 alfa 08-01..09-30: ends in the quarter → committed 0
 *   T3 0828 beta 09-01..2027-02-28: 181 days, 26 weeks → 702,000; committed 92/181 → 356,817.68 → 356,818
 *   T4 0796 alfa 10-15..12-31: 78 days, 12 weeks → 343,800; all after the quarter → 343,800
 *   T5 0796 alfa 07-01..12-31: deleted → nothing
 *   T6 0796 alfa 05-01..06-30: ended before → committed 0
 *   T7, T8 0796 alfa 07-01..09-30: ended in the quarter → committed 0
 *   T9 0796 alfa 10-01..12-31: 92 days, 14 weeks → 401,100; committed 401,100
 * Committed alfa (= 0796) 386,775 + 343,800 + 401,100 = 1,131,675; beta (= 0828) 356,818; region 1,488,493.
 * Granted (12 h × 95.50 = 114,600; 10 h = 95,500; 6 h = 57,300; beta 12 h × 90.00 = 108,000):
 *   June T6 114,600 (year only); July T1 114,600; August T1 114,600 + T2 95,500; September T1 114,600
 *   + T2 57,300 (+ T4 rejected: before its Ingangsdatum); October T1 114,600 (after the quarter);
 *   September beta T3 108,000.
 * Quarter alfa 496,600, beta 108,000, region 604,600; year alfa 611,200, beta 108,000, region 719,200.
 * Forecast = year + committed: alfa 1,742,875; beta 464,818; region 2,207,693.
 * Lumpsum (alfa, 0796): budget 1,200,000, advances 100,000 a month: quarter + 300,000, year + 900,000.
 * Budget lines: Ambulant 28,200,000 → 0796 16,000,000, 0828 9,500,000, 0865 2,700,000; Verblijf 0828 1,000,000.
 * With them: 0796 budget 17,200,000, quarter 796,600, year 1,511,200, forecast 2,642,875;
 * 0828 budget 10,500,000; region budget 30,400,000, quarter 904,600, year 1,619,200, forecast 3,107,693.
 */
const Q = { j: 2026, k: 3 };

describe('a quarter of traffic through HTTP', () => {
  it('builds toewijzingen, starts and stops, and claims', async () => {
    await toewijzen('T1', '0796', AGB.alfa, '2026-07-01', '2026-12-31', 1);
    await toewijzen('T2', '0796', AGB.alfa, '2026-08-01', '2026-09-30', 2);
    await toewijzen('T3', '0828', AGB.beta, '2026-09-01', '2027-02-28', 3);
    await toewijzen('T4', '0796', AGB.alfa, '2026-10-15', '2026-12-31', 4);
    await toewijzen('T5', '0796', AGB.alfa, '2026-07-01', '2026-12-31', 5);
    const del = await api.gql(t.toegangBosch, `mutation($id: ID!) { verwijderToewijzing(id: $id) { bericht { id } } }`, { id: tw.T5.id });
    expect(del.errors).toBeUndefined();
    await toewijzen('T6', '0796', AGB.alfa, '2026-05-01', '2026-06-30', 6);
    await toewijzen('T7', '0796', AGB.alfa, '2026-07-01', '2026-09-30', 7);
    await toewijzen('T8', '0796', AGB.alfa, '2026-07-01', '2026-09-30', 8);
    await toewijzen('T9', '0796', AGB.alfa, '2026-10-01', '2026-12-31', 9);
    // Days of decision: waits to the start are T1 20, T2 14, T3 14, T7 30, T8 10 days.
    for (const [naam, dag] of Object.entries({ T1: '2026-06-16', T2: '2026-07-20', T3: '2026-08-24', T4: '2026-07-01', T6: '2026-04-20', T7: '2026-06-01', T8: '2026-06-21', T9: '2026-09-15' })) {
      await toegewezenOp(naam, dag);
    }

    await start('T6', '2026-05-04');
    await stop('T6', '2026-05-04', '2026-06-30', '31');
    await start('T1', '2026-07-06');
    await start('T2', '2026-08-03');
    await stop('T2', '2026-08-03', '2026-09-25', '31');
    await start('T7', '2026-07-01');
    await stop('T7', '2026-07-01', '2026-09-10', '33');
    await start('T8', '2026-07-01');
    await stop('T8', '2026-07-01', '2026-09-29', '38');
    await start('T3', '2026-09-07');
    await stop('T3', '2026-09-07', '2026-09-20', '20');
    await start('T3', '2026-09-28');

    expect(await declareer(AGB.alfa, '0796', 'Q06', '2026-06', [['T6', { ref: 'Q6-1', volume: 12 }]])).toEqual([]);
    expect(await declareer(AGB.alfa, '0796', 'Q07', '2026-07', [['T1', { ref: 'Q7-1', volume: 12 }]])).toEqual([]);
    expect(await declareer(AGB.alfa, '0796', 'Q08', '2026-08', [['T1', { ref: 'Q8-1', volume: 12 }], ['T2', { ref: 'Q8-2', volume: 10 }]])).toEqual([]);
    expect(await declareer(AGB.alfa, '0796', 'Q09', '2026-09', [['T1', { ref: 'Q9-1', volume: 12 }], ['T2', { ref: 'Q9-2', volume: 6 }], ['T4', { ref: 'Q9-4', volume: 3 }]])).toEqual(['Q9-4']);
    expect(await declareer(AGB.alfa, '0796', 'Q10', '2026-10', [['T1', { ref: 'Q10-1', volume: 12 }]])).toEqual([]);
    expect(await declareer(AGB.beta, '0828', 'QB09', '2026-09', [['T3', { ref: 'QB9-3', volume: 12 }]])).toEqual([]);
    // Lumpsum: alfa's taakgericht contract for 's-Hertogenbosch, 12,000.00 for 2026 (band 2–3
    // clients), paid in advances of 1,000.00 a month up to November; one client started in August.
    const lc = await api.gql<{ maakContract: { id: string } }>(t.regio, `mutation { maakContract(input: { nummer: "NOB-T-300", aanbiederAgb: "${AGB.alfa}", perceel: "Wijkteams", procedure: aanbesteding, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [], producten: [{ productCode: "45T10", tariefCenten: 0 }] }) { id } }`);
    expect(lc.errors).toBeUndefined();
    const ls = await api.gql(t.regio, `mutation($input: LumpsumInput!) { stelLumpsumVast(input: $input) { id } }`, {
      input: { contractId: lc.data!.maakContract.id, jaar: 2026, budgetCenten: 1_200_000, minimumClienten: 2, maximumClienten: 3, bedragPerClientCenten: 10_000 },
    });
    expect(ls.errors).toBeUndefined();
    await maakVoorschotten(ds, { peildatum: '2026-11-30' });
    expect((await retourcodesVan(api.url, t.alfa, jw305Xml({ identificatie: `Q${++volg}`, bsn: testBsn(10), begindatum: '2026-08-10' }))).codes).toEqual([]);
    // Budget lines: ambulant care (45) 282,000.00 shared by inhabitants (160,000 / 95,000 / 27,000),
    // residential care (43) 10,000.00 for Oss alone.
    for (const input of [
      { naam: 'Ambulant', begindatum: '2026-01-01', einddatum: '2026-12-31', bedragCenten: 28_200_000, sleutel: 'inwoners', productcategorieen: ['45'] },
      { naam: 'Verblijf', begindatum: '2026-01-01', einddatum: '2026-12-31', bedragCenten: 1_000_000, sleutel: 'inwoners', productcategorieen: ['43'], gemeenten: ['0828'] },
    ]) {
      const b = await api.gql(t.regio, `mutation($input: BegrotingspostInput!) { maakBegrotingspost(input: $input) { id } }`, { input });
      expect(b.errors).toBeUndefined();
    }
    // The region lowers beta's 2026 ceiling to 1,000.00 below what is granted.
    await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE budgetplafond SET bedrag_centen = 100000 WHERE jaar = 2026 AND contract_id = (SELECT id FROM contract WHERE nummer = 'NOB-L-200')`));
  }, 120_000);

  let r: Rapport;
  it('answers in a fixed number of statements', async () => {
    counter.reset();
    const res = await api.gql<{ kwartaalrapportage: Rapport }>(t.regio, RAPPORT, Q);
    expect(res.errors).toBeUndefined();
    r = res.data!.kwartaalrapportage;
    // The request: BEGIN with the tenant context, four report statements, the audit row, COMMIT.
    // The limits apart, read as the region: BEGIN, read-only + context, the limits, COMMIT.
    expect(counter.count).toBe(11);
    expect(r).toMatchObject({ regioCode: 'NOB', van: '2026-07-01', tot: '2026-09-30' });
  });

  it('money: realised in the quarter and the year, committed, forecast, budget', () => {
    expect(r.regio).toMatchObject({ code: 'NOB', naam: 'Testregio Noordoost', gerealiseerdCenten: 904_600, gerealiseerdJaarCenten: 1_619_200, verplichtCenten: 1_488_493, prognoseCenten: 3_107_693, budgetCenten: 30_400_000, ruimteCenten: 27_292_307 });
    expect(r.gemeenten.map((g) => g.code)).toEqual(['0796', '0828', '0865']);
    expect(r.gemeenten[0]).toMatchObject({ naam: "'s-Hertogenbosch", budgetCenten: 17_200_000, gerealiseerdCenten: 796_600, gerealiseerdJaarCenten: 1_511_200, verplichtCenten: 1_131_675, prognoseCenten: 2_642_875, ruimteCenten: 14_557_125 });
    expect(r.gemeenten[1]).toMatchObject({ naam: 'Oss', budgetCenten: 10_500_000, gerealiseerdCenten: 108_000, gerealiseerdJaarCenten: 108_000, verplichtCenten: 356_818, prognoseCenten: 464_818, ruimteCenten: 10_035_182 });
    expect(r.gemeenten[2]).toMatchObject({ naam: 'Vught', budgetCenten: 2_700_000, gerealiseerdCenten: 0, gerealiseerdJaarCenten: 0, verplichtCenten: 0, prognoseCenten: 0, ruimteCenten: 2_700_000, clientenInZorg: 0 });
    expect(r.aanbieders.map((a) => a.code)).toEqual([AGB.alfa, AGB.beta]);
    const [alfa, beta] = r.aanbieders;
    // Alfa's budget is its lumpsum (it has no ceiling); its advances count as spend.
    expect(alfa).toMatchObject({ naam: 'Alfa Jeugdhulp', budgetCenten: 1_200_000, gerealiseerdCenten: 796_600, gerealiseerdJaarCenten: 1_511_200, verplichtCenten: 1_131_675, prognoseCenten: 2_642_875, ruimteCenten: -1_442_875 });
    // Beta's ceilings of 2026: NOB-Z-001 2,500,000.00 (seeded) + NOB-L-200 1,000.00.
    expect(beta).toMatchObject({ naam: 'Beta Zorg', budgetCenten: 250_100_000, gerealiseerdCenten: 108_000, verplichtCenten: 356_818, prognoseCenten: 464_818, ruimteCenten: 250_100_000 - 464_818 });
  });

  it('budget lines: amount, spend of their categories and municipalities, committed, forecast', () => {
    expect(r.begrotingsposten).toEqual([
      { naam: 'Ambulant', productcategorieen: ['45'], budgetCenten: 28_200_000, gerealiseerdCenten: 604_600, gerealiseerdJaarCenten: 719_200, verplichtCenten: 1_488_493, prognoseCenten: 2_207_693, ruimteCenten: 25_992_307 },
      { naam: 'Verblijf', productcategorieen: ['43'], budgetCenten: 1_000_000, gerealiseerdCenten: 0, gerealiseerdJaarCenten: 0, verplichtCenten: 0, prognoseCenten: 0, ruimteCenten: 1_000_000 },
    ]);
  });

  it('signals the provider above its ceiling and the lumpsum outside its band', () => {
    // Alfa's lumpsum has 1 client so far (band 2–3); beta's granted 1,080.00 exceeds its 1,000.00.
    expect(r.signalen).toEqual([
      { soort: 'buiten_lumpsumband', aanbiederAgb: AGB.alfa, naam: 'Alfa Jeugdhulp', contractNummer: 'NOB-T-300', grens: 2, werkelijk: 1 },
      { soort: 'boven_plafond', aanbiederAgb: AGB.beta, naam: 'Beta Zorg', contractNummer: 'NOB-L-200', grens: 100_000, werkelijk: 108_000 },
    ]);
  });

  it('clients in care at the quarter\'s end, inflow and outflow by reason', () => {
    // In care on 30 September: T1's client, T3's (restarted on 09-28 after a temporary stop) and the lumpsum client.
    // Inflow: starts T1, T2, T7, T8, T3 and the lumpsum start (the restart is no inflow).
    // Outflow: T2 31 plan, T7 33 early, T8 38 other; T3's 20 is no outflow, T6 ended in Q2.
    expect(r.regio).toMatchObject({ clientenInZorg: 3, instroom: 6, uitstroom: 3, uitstroomVolgensPlan: 1, uitstroomVoortijdig: 1, uitstroomOverig: 1 });
    expect(r.gemeenten[0]).toMatchObject({ clientenInZorg: 2, instroom: 5, uitstroom: 3, uitstroomVolgensPlan: 1, uitstroomVoortijdig: 1, uitstroomOverig: 1 });
    expect(r.aanbieders[0]).toMatchObject({ clientenInZorg: 2, instroom: 5, uitstroom: 3 });
    expect(r.aanbieders[1]).toMatchObject({ clientenInZorg: 1, instroom: 1, uitstroom: 0 });
  });

  it('waiting times: median and 90th percentile of care started in the quarter, waiting over the norm at its end', () => {
    // Alfa: 10, 14, 20, 30 → median 17, p90 = 20 + 0.7 × 10 = 27. Region adds beta's 14:
    // 10, 14, 14, 20, 30 → median 14, p90 = 20 + 0.6 × 10 = 26. Waiting on 30 September:
    // T4 since 07-01 (91 days, over the norm of 63) and T9 since 09-15 (15 days).
    expect(r.regio).toMatchObject({ aantalGestart: 5, mediaanWachtdagen: 14, aantalWachtend: 2, aantalWachtendBovenNorm: 1 });
    expect(r.regio.p90Wachtdagen).toBeCloseTo(26, 6);
    expect(r.aanbieders[0]).toMatchObject({ aantalGestart: 4, mediaanWachtdagen: 17, aantalWachtend: 2, aantalWachtendBovenNorm: 1 });
    expect(r.aanbieders[0].p90Wachtdagen).toBeCloseTo(27, 6);
    expect(r.aanbieders[1]).toMatchObject({ aantalGestart: 1, mediaanWachtdagen: 14, p90Wachtdagen: 14, aantalWachtend: 0 });
  });

  it('other quarters: Q2 holds June and T6; Q4 has nothing started yet', async () => {
    const q2 = (await api.gql<{ kwartaalrapportage: Rapport }>(t.regio, RAPPORT, { j: 2026, k: 2 })).data!.kwartaalrapportage;
    // Q2: June 114,600 plus the advances of April–June (300,000); the year adds January–March (300,000).
    expect(q2.regio).toMatchObject({ gerealiseerdCenten: 414_600, gerealiseerdJaarCenten: 714_600, instroom: 1, uitstroom: 1, uitstroomVolgensPlan: 1, clientenInZorg: 0 });
  });

  it('a municipality sees its own municipalities only; providers and access teams none; other regions nothing of this one', async () => {
    const oss = (await api.gql<{ kwartaalrapportage: Rapport }>(t.oss, RAPPORT, Q)).data!.kwartaalrapportage;
    expect(oss.gemeenten.map((g) => g.code)).toEqual(['0828']);
    expect(oss.aanbieders.map((a) => a.code)).toEqual([AGB.beta]);
    expect(oss.regio).toMatchObject({ gerealiseerdCenten: 108_000, verplichtCenten: 356_818, clientenInZorg: 1, instroom: 1, uitstroom: 0, aantalGestart: 1 });
    expect(oss.regio.budgetCenten).toBe(10_500_000);
    expect(oss.begrotingsposten.map((b) => [b.naam, b.budgetCenten, b.gerealiseerdCenten, b.verplichtCenten])).toEqual([['Ambulant', 9_500_000, 108_000, 356_818], ['Verblijf', 1_000_000, 0, 0]]);
    expect(oss.signalen.map((s) => s.contractNummer)).toEqual(['NOB-L-200']);
    for (const tok of [t.alfa, t.toegangBosch]) {
      const x = await api.gql(tok, RAPPORT, Q);
      expect(x.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const gro = (await api.gql<{ kwartaalrapportage: Rapport }>(t.gro, RAPPORT, Q)).data!.kwartaalrapportage;
    expect(gro.regio.gerealiseerdCenten).toBe(0);
    expect(gro.aanbieders).toEqual([]);
    expect((await api.gql(t.gro, RAPPORT, { ...Q, r: 'NOB' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const aud = (await api.gql<{ kwartaalrapportage: Rapport }>(t.auditor, RAPPORT, Q)).data!.kwartaalrapportage;
    expect(aud.regio.gerealiseerdCenten).toBe(904_600);
    const beh = (await api.gql<{ kwartaalrapportage: Rapport }>(t.beheerder, RAPPORT, { ...Q, r: 'NOB' })).data!.kwartaalrapportage;
    expect(beh.regio.verplichtCenten).toBe(1_488_493);
    expect((await api.gql(t.regio, RAPPORT, { j: 2026, k: 5 })).errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
  });
});

describe('CSV export', () => {
  const csv = (tabel: string, token?: string) =>
    fetch(`${api.url}/export/kwartaal/2026/3/${tabel}.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('every table, with the same figures, and audited', async () => {
    const res = await csv('gemeenten', t.regio);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const regels = (await res.text()).trim().split('\r\n').map((l) => l.split(';'));
    const kop = regels[0];
    expect(kop.slice(0, 8)).toEqual(['code', 'naam', 'budgetCenten', 'gerealiseerdCenten', 'gerealiseerdJaarCenten', 'verplichtCenten', 'prognoseCenten', 'ruimteCenten']);
    const bosch = Object.fromEntries(kop.map((k, i) => [k, regels[1][i]]));
    expect(bosch).toMatchObject({ code: '0796', budgetCenten: '17200000', gerealiseerdCenten: '796600', verplichtCenten: '1131675', clientenInZorg: '2', uitstroomVoortijdig: '1', mediaanWachtdagen: '17' });
    expect(regels).toHaveLength(4);
    for (const tabel of ['regio', 'aanbieders', 'begrotingsposten', 'signalen']) expect((await csv(tabel, t.regio)).status).toBe(200);
    const sig = (await (await csv('signalen', t.regio)).text()).split('\r\n');
    expect(sig.slice(1, 3)).toEqual([`buiten_lumpsumband;${AGB.alfa};Alfa Jeugdhulp;NOB-T-300;2;1`, `boven_plafond;${AGB.beta};Beta Zorg;NOB-L-200;100000;108000`]);
    const posten = (await (await csv('begrotingsposten', t.regio)).text()).split('\r\n');
    expect(posten[1]).toBe('Ambulant;45;28200000;604600;719200;1488493;2207693;25992307');
    const oss = (await (await csv('gemeenten', t.oss)).text()).trim().split('\r\n');
    expect(oss.slice(1).map((l) => l.split(';')[0])).toEqual(['0828']);
    const audit = await withTenant(ds, SYSTEEM, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'kwartaalrapportage.geexporteerd'`));
    // gemeenten, regio, aanbieders, begrotingsposten and signalen twice, and Oss's gemeenten.
    expect(audit[0].n).toBe(8);
  });

  it('refuses without a token, to a provider, and an unknown table', async () => {
    expect((await csv('gemeenten')).status).toBe(401);
    expect((await csv('gemeenten', t.alfa)).status).toBe(403);
    expect((await csv('clienten', t.regio)).status).toBe(404);
  });
});

describe('dashboard in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('serves one static page with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${api.url}/dashboard`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(await res.text()).not.toMatch(/https?:\/\//);
  });

  it('logs in with a token, shows the report\'s figures and charts, reads only', async () => {
    const page = await browser.newPage();
    const extern: string[] = [];
    const posts: string[] = [];
    const cspFouten: string[] = [];
    const mislukt: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) mislukt.push(`${res.status()} ${res.url()}`);
    });
    page.on('request', (req) => {
      if (!req.url().startsWith(api.url)) extern.push(req.url());
      if (req.method() === 'POST') posts.push(req.postData() ?? '');
    });
    page.on('console', (m) => {
      // The browser's own favicon request may 404; a blocked script, style or fetch may not happen.
      if (m.type() === 'error' && /Content Security Policy|Refused/i.test(m.text())) cspFouten.push(m.text());
    });
    await page.goto(`${api.url}/dashboard`);
    await page.fill('#token', t.regio);
    await page.fill('#jaar', '2026');
    await page.selectOption('#kwartaal', '3');
    await page.click('#toon');
    await page.waitForSelector('#tabel-gemeenten');
    const cel = (tabel: string, code: string, veld: string) => page.textContent(`#tabel-${tabel} tr[data-code="${code}"] td[data-veld="${veld}"]`);
    expect(await cel('regio', 'NOB', 'gerealiseerdCenten')).toBe('€ 9.046,00');
    expect(await cel('regio', 'NOB', 'prognoseCenten')).toBe('€ 31.076,93');
    expect(await cel('regio', 'NOB', 'budgetCenten')).toBe('€ 304.000,00');
    expect(await cel('gemeenten', '0796', 'gerealiseerdCenten')).toBe('€ 7.966,00');
    expect(await cel('aanbieders', AGB.alfa, 'ruimteCenten')).toBe('-€ 14.428,75');
    expect(await cel('begrotingsposten', 'Ambulant', 'budgetCenten')).toBe('€ 282.000,00');
    expect(await cel('gemeenten', '0828', 'verplichtCenten')).toBe('€ 3.568,18');
    expect(await cel('aanbieders', AGB.beta, 'budgetCenten')).toBe('€ 2.501.000,00');
    expect(await cel('aanbieders', AGB.alfa, 'p90Wachtdagen')).toBe('27');
    expect(await cel('regio', 'NOB', 'clientenInZorg')).toBe('3');
    expect(await cel('signalen', AGB.beta, 'werkelijk')).toBe('€ 1.080,00');
    // Bars: spend per municipality and provider, waiting times per provider.
    expect(await page.getAttribute(`#staaf-gemeenten rect[data-code="0796"][data-reeks="gerealiseerdCenten"]`, 'data-waarde')).toBe('796600');
    expect(await page.getAttribute(`#staaf-aanbieders rect[data-code="${AGB.beta}"][data-reeks="prognoseCenten"]`, 'data-waarde')).toBe('464818');
    expect(await page.getAttribute(`#staaf-wachttijden rect[data-code="${AGB.alfa}"][data-reeks="mediaanWachtdagen"]`, 'data-waarde')).toBe('17');
    expect(await page.evaluate(`sessionStorage.getItem('hub-token')`)).toBe(t.regio);
    expect(extern).toEqual([]);
    expect(posts.length).toBeGreaterThan(0);
    for (const body of posts) expect(body).not.toMatch(/mutation/i);
    expect(cspFouten).toEqual([]);
    expect(mislukt).toEqual([]);
    await page.close();
  }, 30_000);

  it('a wrong token shows an error, not data', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/dashboard`);
    await page.fill('#token', 'niet-een-token');
    await page.fill('#jaar', '2026');
    await page.selectOption('#kwartaal', '3');
    await page.click('#toon');
    await page.waitForSelector('#fout:not([hidden])');
    expect(await page.textContent('#fout')).toContain('Ongeldig token');
    expect(await page.isHidden('#rapport')).toBe(true);
    expect(await page.$('#tabel-gemeenten')).toBeNull();
    // A provider's valid token: no access, still no data.
    await page.fill('#token', t.alfa);
    await page.click('#toon');
    // A selector, not a script: the page's Content-Security-Policy refuses eval.
    await page.waitForSelector('#fout:has-text("Geen toegang")');
    expect(await page.$('#tabel-gemeenten')).toBeNull();
    await page.close();
  }, 30_000);
});
