import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
import { KLOK, pinKlok } from './helpers/klok';
import { startTestOidcProvider, type TestOidcProvider } from './helpers/oidc';
import { bladRijen, leesCsvNl, leesXlsx, type NlCsv } from './helpers/spreadsheet';

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

  it('drill-down: each provider within each municipality; waiting times per product category against the norm', async () => {
    const res = await api.gql<{ kwartaalrapportage: { gemeenteAanbieders: (Regel & { gemeenteCode: string })[]; wachttijdenPerCategorie: Record<string, unknown>[] } }>(
      t.regio,
      `query($j: Int!, $k: Int!) { kwartaalrapportage(jaar: $j, kwartaal: $k) { gemeenteAanbieders { gemeenteCode ${REGEL} }
        wachttijdenPerCategorie { categorie naam aantalGestart mediaanWachtdagen p90Wachtdagen normDagen aantalWachtend aantalWachtendBovenNorm } } }`,
      Q,
    );
    expect(res.errors).toBeUndefined();
    const { gemeenteAanbieders: ga, wachttijdenPerCategorie: wc } = res.data!.kwartaalrapportage;
    // Alfa works in 's-Hertogenbosch only, beta in Oss only: each pair equals its provider's row,
    // except that a pair's budget is the lumpsum share alone (beta's ceilings are region-wide).
    expect(ga.map((x) => [x.gemeenteCode, x.code])).toEqual([['0796', AGB.alfa], ['0828', AGB.beta]]);
    expect(ga[0]).toMatchObject({ naam: 'Alfa Jeugdhulp', budgetCenten: 1_200_000, gerealiseerdCenten: 796_600, gerealiseerdJaarCenten: 1_511_200, verplichtCenten: 1_131_675, prognoseCenten: 2_642_875, clientenInZorg: 2, instroom: 5, uitstroom: 3, aantalGestart: 4, mediaanWachtdagen: 17, aantalWachtend: 2, aantalWachtendBovenNorm: 1 });
    expect(ga[1]).toMatchObject({ naam: 'Beta Zorg', budgetCenten: null, ruimteCenten: null, gerealiseerdCenten: 108_000, verplichtCenten: 356_818, prognoseCenten: 464_818, clientenInZorg: 1, instroom: 1, aantalGestart: 1, mediaanWachtdagen: 14 });
    // All care is ambulant (45) under the general norm of 63 days: the region's figures.
    expect(wc).toHaveLength(1);
    expect(wc[0]).toMatchObject({ categorie: '45', naam: 'Jeugdhulp ambulant', aantalGestart: 5, mediaanWachtdagen: 14, normDagen: 63, aantalWachtend: 2, aantalWachtendBovenNorm: 1 });
    expect(wc[0].p90Wachtdagen).toBeCloseTo(26, 6);
    // A municipality drills into its own municipalities only.
    const oss = await api.gql<{ kwartaalrapportage: { gemeenteAanbieders: { gemeenteCode: string; code: string }[] } }>(t.oss, `query { kwartaalrapportage(jaar: 2026, kwartaal: 3) { gemeenteAanbieders { gemeenteCode code } } }`);
    expect(oss.data!.kwartaalrapportage.gemeenteAanbieders).toEqual([{ gemeenteCode: '0828', code: AGB.beta }]);
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

/** What a Dutch spreadsheet must show for a row of the report: euros (not cents) and counts, by header. */
function cijfers(x: Regel): Record<string, number | null> {
  const euro = (c: number | null) => (c === null ? null : c / 100);
  return {
    budget_euro: euro(x.budgetCenten), gerealiseerd_euro: euro(x.gerealiseerdCenten), gerealiseerd_jaar_euro: euro(x.gerealiseerdJaarCenten),
    verplicht_euro: euro(x.verplichtCenten), prognose_euro: euro(x.prognoseCenten), ruimte_euro: euro(x.ruimteCenten),
    clienten_in_zorg: x.clientenInZorg, instroom: x.instroom, uitstroom: x.uitstroom, uitstroom_volgens_plan: x.uitstroomVolgensPlan,
    uitstroom_voortijdig: x.uitstroomVoortijdig, uitstroom_overig: x.uitstroomOverig, aantal_gestart: x.aantalGestart,
    mediaan_wachtdagen: x.mediaanWachtdagen, p90_wachtdagen: x.p90Wachtdagen, aantal_wachtend: x.aantalWachtend, aantal_wachtend_boven_norm: x.aantalWachtendBovenNorm,
  };
}

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const TABELLEN = ['regio', 'gemeenten', 'aanbieders', 'begrotingsposten', 'signalen'];

describe('CSV export, read back as Dutch Excel reads it', () => {
  const csv = (tabel: string, token?: string) =>
    fetch(`${api.url}/export/kwartaal/2026/3/${tabel}.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const lees = async (tabel: string, token: string): Promise<NlCsv> => {
    const res = await csv(tabel, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    return leesCsvNl(await res.arrayBuffer());
  };

  it('every table: BOM, snake_case headers, a name beside every code, euros with a decimal comma; the GraphQL figures', async () => {
    const r = (await api.gql<{ kwartaalrapportage: Rapport }>(t.regio, RAPPORT, Q)).data!.kwartaalrapportage;
    const gem = await lees('gemeenten', t.regio);
    expect(gem.bom).toBe(true);
    expect(gem.koppen.slice(0, 8)).toEqual(['gemeente_code', 'gemeente_naam', 'budget_euro', 'gerealiseerd_euro', 'gerealiseerd_jaar_euro', 'verplicht_euro', 'prognose_euro', 'ruimte_euro']);
    expect(gem.rijen).toHaveLength(3);
    // 172000,00 → 172000 and 11316,75 → 11316.75: in euros, never cents, never a thousandfold.
    expect(gem.rijen[0]).toMatchObject({ gemeente_naam: "'s-Hertogenbosch", budget_euro: 172_000, gerealiseerd_euro: 7966, verplicht_euro: 11_316.75, clienten_in_zorg: 2, uitstroom_voortijdig: 1, mediaan_wachtdagen: 17 });
    // A code of digits is read as a number by Excel on opening (0796 → 796); its name is beside it, the XLSX keeps it text.
    expect(gem.rijen.map((x) => x.gemeente_code)).toEqual([796, 828, 865]);
    gem.rijen.forEach((rij, i) => expect(rij).toMatchObject({ gemeente_naam: r.gemeenten[i].naam, ...cijfers(r.gemeenten[i]) }));

    const regio = await lees('regio', t.regio);
    expect(regio.rijen).toEqual([{ regio_code: 'NOB', regio_naam: 'Testregio Noordoost', van: new Date('2026-07-01T00:00:00Z'), tot: new Date('2026-09-30T00:00:00Z'), ...cijfers(r.regio) }]);
    expect(regio.rijen[0].p90_wachtdagen).toBe(26);
    const aanb = await lees('aanbieders', t.regio);
    aanb.rijen.forEach((rij, i) => expect(rij).toEqual({ aanbieder_agb: Number(r.aanbieders[i].code), aanbieder_naam: r.aanbieders[i].naam, ...cijfers(r.aanbieders[i]) }));
    expect(aanb.rijen[0].ruimte_euro).toBe(-14_428.75);

    const posten = await lees('begrotingsposten', t.regio);
    expect(posten.rijen[0]).toEqual({
      naam: 'Ambulant', productcategorieen: 45, productcategorieen_namen: 'Jeugdhulp ambulant',
      budget_euro: 282_000, gerealiseerd_euro: 6046, gerealiseerd_jaar_euro: 7192, verplicht_euro: 14_884.93, prognose_euro: 22_076.93, ruimte_euro: 259_923.07,
    });
    const sig = await lees('signalen', t.regio);
    expect(sig.rijen).toEqual([
      { signaal: 'buiten_lumpsumband', signaal_omschrijving: 'Buiten lumpsumband', aanbieder_agb: Number(AGB.alfa), aanbieder_naam: 'Alfa Jeugdhulp', contract_nummer: 'NOB-T-300', plafond_euro: null, toegekend_euro: null, grens_clienten: 2, clienten: 1 },
      { signaal: 'boven_plafond', signaal_omschrijving: 'Boven budgetplafond', aanbieder_agb: Number(AGB.beta), aanbieder_naam: 'Beta Zorg', contract_nummer: 'NOB-L-200', plafond_euro: 1000, toegekend_euro: 1080, grens_clienten: null, clienten: null },
    ]);
    for (const x of [gem, regio, aanb, posten, sig]) {
      expect(x.bom).toBe(true);
      for (const k of x.koppen) expect(k).toMatch(SNAKE);
    }

    const raw = await (await csv('begrotingsposten', t.regio)).text();
    expect(raw.split('\r\n')[1]).toBe('Ambulant;45;Jeugdhulp ambulant;282000,00;6046,00;7192,00;14884,93;22076,93;259923,07');
    const oss = await lees('gemeenten', t.oss);
    expect(oss.rijen.map((x) => x.gemeente_naam)).toEqual(['Oss']);
    const audit = await withTenant(ds, SYSTEEM, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'kwartaalrapportage.geexporteerd'`));
    // gemeenten, regio, aanbieders, begrotingsposten, signalen, begrotingsposten again, and Oss's gemeenten.
    expect(audit[0].n).toBe(7);
  });

  it('refuses without a token, to a provider, and an unknown table', async () => {
    expect((await csv('gemeenten')).status).toBe(401);
    expect((await csv('gemeenten', t.alfa)).status).toBe(403);
    expect((await csv('clienten', t.regio)).status).toBe(404);
  });
});

describe('the quarterly report as one XLSX workbook', () => {
  const xlsx = (token?: string, pad = '2026/3.xlsx') => fetch(`${api.url}/export/kwartaal/${pad}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('a sheet per table, numbers in euro format, dates as dates, a frozen header; the GraphQL figures', async () => {
    const r = (await api.gql<{ kwartaalrapportage: Rapport }>(t.regio, RAPPORT, Q)).data!.kwartaalrapportage;
    const res = await xlsx(t.regio);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kwartaal-2026-Q3.xlsx"');
    const wb = await leesXlsx(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(TABELLEN);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
      ws.columns.forEach((c) => expect(c.width).toBeGreaterThanOrEqual(8));
      for (const k of bladRijen(ws).koppen) expect(k).toMatch(SNAKE);
    }
    const gem = bladRijen(wb.getWorksheet('gemeenten')!);
    expect(gem.rijen.map((x) => x.gemeente_code.waarde)).toEqual(['0796', '0828', '0865']);
    gem.rijen.forEach((rij, i) => {
      expect(rij.gemeente_naam.waarde).toBe(r.gemeenten[i].naam);
      for (const [k, v] of Object.entries(cijfers(r.gemeenten[i]))) expect([k, rij[k].waarde]).toEqual([k, v]);
    });
    // Amounts are numeric cells with a euro number format, not text.
    expect(gem.rijen[0].verplicht_euro).toEqual({ waarde: 11_316.75, formaat: '"€" #,##0.00;"€" -#,##0.00' });
    expect(gem.rijen[0].clienten_in_zorg.waarde).toBe(2);
    const regio = bladRijen(wb.getWorksheet('regio')!).rijen[0];
    expect(regio.van).toEqual({ waarde: new Date('2026-07-01T00:00:00Z'), formaat: 'yyyy-mm-dd' });
    expect(regio.tot.waarde).toEqual(new Date('2026-09-30T00:00:00Z'));
    for (const [k, v] of Object.entries(cijfers(r.regio))) expect([k, regio[k].waarde]).toEqual([k, v]);
    const aanb = bladRijen(wb.getWorksheet('aanbieders')!).rijen;
    aanb.forEach((rij, i) => {
      expect(rij.aanbieder_agb.waarde).toBe(r.aanbieders[i].code);
      for (const [k, v] of Object.entries(cijfers(r.aanbieders[i]))) expect([k, rij[k].waarde]).toEqual([k, v]);
    });
    const posten = bladRijen(wb.getWorksheet('begrotingsposten')!).rijen;
    expect(posten.map((p) => [p.naam.waarde, p.productcategorieen.waarde, p.productcategorieen_namen.waarde, p.budget_euro.waarde, p.ruimte_euro.waarde])).toEqual([
      ['Ambulant', '45', 'Jeugdhulp ambulant', 282_000, 259_923.07],
      ['Verblijf', '43', 'Verblijf inclusief behandeling', 10_000, 10_000],
    ]);
    const sig = bladRijen(wb.getWorksheet('signalen')!).rijen;
    expect(sig.map((s) => [s.signaal.waarde, s.plafond_euro.waarde, s.toegekend_euro.waarde, s.grens_clienten.waarde, s.clienten.waarde])).toEqual([
      ['buiten_lumpsumband', null, null, 2, 1],
      ['boven_plafond', 1000, 1080, null, null],
    ]);
    expect(sig[1].toegekend_euro.formaat).toBe('"€" #,##0.00;"€" -#,##0.00');
  });

  it('the same roles and scope as the report: a municipality its own, a provider nothing; audited', async () => {
    const oss = await leesXlsx(await (await xlsx(t.oss)).arrayBuffer());
    expect(bladRijen(oss.getWorksheet('gemeenten')!).rijen.map((x) => x.gemeente_code.waarde)).toEqual(['0828']);
    expect((await xlsx()).status).toBe(401);
    expect((await xlsx(t.alfa)).status).toBe(403);
    expect((await xlsx(t.regio, '2026/5.xlsx')).status).toBe(400);
    const audit = await withTenant(ds, SYSTEEM, (em) =>
      em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'kwartaalrapportage.geexporteerd' AND details->>'tabel' = 'xlsx'`),
    );
    expect(audit[0].n).toBe(2);
  });
});

describe('dashboard in headless Chromium', () => {
  const ARTEFACTEN = path.join(__dirname, '..', 'test-artifacts');
  const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
  /** Text as a reader sees it: any run of white space (the currency format's no-break space too) as one space. */
  const leesbaar = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const euro = (c: number | null) => (c === null ? '–' : leesbaar(EURO.format(c / 100)));
  let browser: Browser;
  let rapport: Rapport & { gemeenteAanbieders: (Regel & { gemeenteCode: string })[]; wachttijdenPerCategorie: { categorie: string; mediaanWachtdagen: number; p90Wachtdagen: number; normDagen: number }[] };

  beforeAll(async () => {
    mkdirSync(ARTEFACTEN, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
    // Ambulant care gets a norm of its own, 20 days: its median (14) is within it, its p90 (26) above.
    const n = await api.gql(t.regio, `mutation($input: WachttijdnormInput!) { stelWachttijdnormVast(input: $input) { id } }`, { input: { soort: 'aanmelding_tot_start', productCategorie: '45', maxDagen: 20 } });
    expect(n.errors).toBeUndefined();
    const res = await api.gql<{ kwartaalrapportage: typeof rapport }>(
      t.regio,
      `query($j: Int!, $k: Int!) { kwartaalrapportage(jaar: $j, kwartaal: $k) { regioCode jaar kwartaal van tot regio { ${REGEL} } gemeenten { ${REGEL} } aanbieders { ${REGEL} }
        gemeenteAanbieders { gemeenteCode ${REGEL} } wachttijdenPerCategorie { categorie mediaanWachtdagen p90Wachtdagen normDagen }
        begrotingsposten { naam productcategorieen budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten } signalen { soort aanbiederAgb naam contractNummer grens werkelijk } } }`,
      Q,
    );
    expect(res.errors).toBeUndefined();
    rapport = res.data!.kwartaalrapportage;
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A page that records what must not happen: requests elsewhere, mutations, CSP refusals, failed responses. */
  async function nieuwePagina(breedte: number, basis = api.url) {
    const page = await browser.newPage({ viewport: { width: breedte, height: 900 }, acceptDownloads: true });
    // The browser's "today" is the tests' pinned day: the page's default period is then 2026 Q3.
    await page.clock.setFixedTime(new Date(KLOK));
    const log = { extern: [] as string[], posts: [] as string[], csp: [] as string[], mislukt: [] as string[] };
    page.on('response', (res) => {
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) log.mislukt.push(`${res.status()} ${res.url()}`);
    });
    page.on('request', (req) => {
      if (!req.url().startsWith(basis) && !req.url().startsWith('blob:')) log.extern.push(req.url());
      if (req.method() === 'POST' && req.url().startsWith(basis)) log.posts.push(req.postData() ?? '');
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused/i.test(m.text())) log.csp.push(m.text());
    });
    return { page, log };
  }

  type Pagina = Awaited<ReturnType<typeof nieuwePagina>>['page'];

  /** An attribute (or the text) of every element matching `selector`, in document order. */
  const alle = (page: Pagina, selector: string, attribuut?: string) =>
    page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => ${attribuut ? `e.getAttribute(${JSON.stringify(attribuut)})` : '(e.textContent || "").trim()'})`);

  /** The page fits its width: no sideways scrolling of the page itself; then a full-page screenshot as a test artefact. */
  async function pastEnFoto(page: Pagina, naam: string) {
    const maat = await page.evaluate<{ scroll: number; client: number }>(`({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })`);
    expect(maat.scroll).toBeLessThanOrEqual(maat.client);
    await page.screenshot({ path: path.join(ARTEFACTEN, `dashboard-${naam}.png`), fullPage: true });
  }

  async function kiesPeriode(page: Pagina) {
    await page.selectOption('#jaar', '2026');
    await page.selectOption('#kwartaal', '3');
    await page.click('#toon');
    await page.waitForSelector('#rapport[data-periode="2026-3"]:not([hidden])');
  }

  /** Every total on the page, as the page shows it, against the GraphQL row. */
  async function totalenZijn(page: Pagina, r: Regel) {
    const tekst = async (veld: string) => leesbaar(await page.textContent(`#totalen [data-totaal="${veld}"] dd`));
    for (const veld of ['budgetCenten', 'gerealiseerdCenten', 'gerealiseerdJaarCenten', 'verplichtCenten', 'prognoseCenten', 'ruimteCenten'] as const) {
      expect(await tekst(veld)).toBe(euro(r[veld]));
    }
    for (const veld of ['clientenInZorg', 'instroom', 'uitstroom', 'aantalWachtend', 'aantalWachtendBovenNorm'] as const) expect(await tekst(veld)).toBe(String(r[veld]));
    expect(await tekst('procentBudget')).toBe(r.budgetCenten ? leesbaar(new Intl.NumberFormat('nl-NL', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r.prognoseCenten / r.budgetCenten)) : '–');
  }

  it('serves one static page with a strict Content-Security-Policy, and its configuration', async () => {
    const res = await fetch(`${api.url}/dashboard`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(await res.text()).not.toMatch(/https?:\/\//);
    expect(await (await fetch(`${api.url}/dashboard/config.json`)).json()).toEqual({ oidc: null });
    const lib = await fetch(`${api.url}/dashboard/oauth4webapi.js`);
    expect(lib.status).toBe(200);
    expect(lib.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('signs in with the picker; figures equal GraphQL; drill-down region → municipality → provider; downloads; fits 1280 and 390 px', async () => {
    const { page, log } = await nieuwePagina(1280);
    await page.goto(`${api.url}/dashboard`);
    // Development sign-in: a picker of identities, no token field; no OIDC without a provider.
    await page.waitForSelector('#dev-form:not([hidden])');
    expect(await page.isHidden('#oidc-form')).toBe(true);
    expect(await page.$('input[type="password"]')).toBeNull();
    await pastEnFoto(page, '1280-aanmelden');
    await page.setViewportSize({ width: 390, height: 844 });
    await pastEnFoto(page, '390-aanmelden');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.selectOption('#identiteit', { label: 'Contractbeheerder Testregio Noordoost' });
    await page.click('#dev-aanmelden');
    await page.waitForSelector('#rapport[data-periode="2026-3"]:not([hidden])');
    expect(leesbaar(await page.textContent('#wie'))).toBe('Aangemeld als Contractbeheerder Testregio Noordoost');
    await kiesPeriode(page);
    expect(await page.evaluate(`[sessionStorage.getItem('hub-token') !== null, localStorage.length]`)).toEqual([true, 0]);

    // Region: totals, the municipalities, the providers, budget lines and signals as GraphQL has them.
    await totalenZijn(page, rapport.regio);
    expect(await page.getAttribute('#rapport', 'data-niveau')).toBe('regio');
    const cel = (tabel: string, code: string, veld: string) => page.textContent(`#${tabel} tr[data-code="${code}"] td[data-veld="${veld}"]`).then(leesbaar);
    for (const g of rapport.gemeenten) {
      for (const veld of ['budgetCenten', 'gerealiseerdCenten', 'verplichtCenten', 'prognoseCenten', 'ruimteCenten'] as const) expect(await cel('tabel-gemeenten', g.code, veld)).toBe(euro(g[veld]));
    }
    expect(await cel('tabel-aanbieders', AGB.alfa, 'ruimteCenten')).toBe(euro(-1_442_875));
    expect(await cel('tabel-begrotingsposten', 'Ambulant', 'budgetCenten')).toBe(euro(28_200_000));
    expect(await cel('tabel-signalen', AGB.beta, 'werkelijk')).toBe(euro(108_000));
    // Amounts stay on one line: each amount's text is one line box.
    const regels = await page.evaluate<number[]>(`[...document.querySelectorAll('#totalen dd, td.getal')].map((e) => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; })`);
    expect(regels.length).toBeGreaterThan(20);
    expect(Math.max(...regels)).toBe(1);
    // Waiting times per category: bars with the norm; ambulant's p90 (26) is above its norm (20), the median (14) within.
    const wc = rapport.wachttijdenPerCategorie[0];
    expect(wc).toMatchObject({ categorie: '45', mediaanWachtdagen: 14, normDagen: 20 });
    const groep = '#staaf-wachttijden g[data-categorie="45"]';
    expect(await page.getAttribute(`${groep} rect[data-reeks="mediaanWachtdagen"]`, 'data-waarde')).toBe('14');
    expect(Number(await page.getAttribute(`${groep} rect[data-reeks="p90Wachtdagen"]`, 'data-waarde'))).toBeCloseTo(26, 6);
    expect(await page.getAttribute(`${groep} line.norm`, 'data-norm')).toBe('20');
    expect(await page.getAttribute(groep, 'class')).toBe('boven-norm');
    expect(await page.getAttribute(`${groep} rect[data-reeks="p90Wachtdagen"]`, 'class')).toBe('p90 boven');
    expect(await page.getAttribute(`${groep} rect[data-reeks="mediaanWachtdagen"]`, 'class')).toBe('mediaan');
    // Live budgets (README "Live budgets"): a chart per provider, a bar per contract with the figures of budgetstanden.
    await page.waitForSelector('#sectie-budgetten[data-jaar="2026"]:not([hidden])');
    const budget = await api.gql<{ budgetstanden: { contractNummer: string; aanbiederAgb: string; toegekendCenten: number; verplichtCenten: number; bereikteDrempel: number | null; prognoseBovenPlafond: boolean }[] }>(
      t.regio,
      `{ budgetstanden(jaar: 2026) { contractNummer aanbiederAgb toegekendCenten verplichtCenten bereikteDrempel prognoseBovenPlafond } }`,
    );
    expect(budget.data!.budgetstanden.length).toBeGreaterThan(0);
    expect(await alle(page, '#grafiek-budgetten svg', 'data-aanbieder')).toEqual([...new Set(budget.data!.budgetstanden.map((b) => b.aanbiederAgb))]);
    for (const b of budget.data!.budgetstanden) {
      const balk = `#budget-${b.aanbiederAgb} g[data-contract="${b.contractNummer}"]`;
      expect(await page.getAttribute(`${balk} rect[data-reeks="toegekendCenten"]`, 'data-waarde')).toBe(String(b.toegekendCenten));
      expect(await page.getAttribute(`${balk} rect[data-reeks="verplichtCenten"]`, 'data-waarde')).toBe(String(b.verplichtCenten));
      expect(await page.getAttribute(balk, 'class')).toBe(b.bereikteDrempel !== null || b.prognoseBovenPlafond ? 'signaal' : 'binnen');
    }
    // The signal: the contracts past a threshold or with a forecast above the ceiling.
    const gesignaleerd = budget.data!.budgetstanden.filter((b) => b.bereikteDrempel !== null || b.prognoseBovenPlafond).map((b) => b.contractNummer);
    expect(await alle(page, '#budget-signalen li[data-contract]', 'data-contract')).toEqual(gesignaleerd);
    await pastEnFoto(page, '1280-regio');

    // Downloads need the token: fetched by the page, saved as a file; its content is the export's.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="gemeenten"]')]);
    expect(download.suggestedFilename()).toBe('kwartaal-2026-Q3-gemeenten.csv');
    // Byte for byte (a text decoder would drop the byte order mark Dutch Excel needs).
    const gedownload = readFileSync(await download.path());
    const direct = Buffer.from(await (await fetch(`${api.url}/export/kwartaal/2026/3/gemeenten.csv`, { headers: { authorization: `Bearer ${t.regio}` } })).arrayBuffer());
    expect(gedownload.equals(direct)).toBe(true);
    expect(gedownload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(gedownload.toString('utf8')).toContain('0796');
    await page.waitForSelector('#download-status:has-text("is gedownload")');
    // The workbook too: the same bytes as the export, a real XLSX with a sheet per table.
    const [werkboek] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="xlsx"]')]);
    expect(werkboek.suggestedFilename()).toBe('kwartaal-2026-Q3.xlsx');
    const wb = await leesXlsx(readFileSync(await werkboek.path()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(TABELLEN);
    expect(await alle(page, '[data-download]', 'data-download')).toEqual(['regio', 'gemeenten', 'aanbieders', 'begrotingsposten', 'signalen', 'xlsx']);

    // Drill down: a municipality (keyboard: its name is a button), then a provider; the breadcrumb goes back.
    await page.focus('#tabel-gemeenten tr[data-code="0796"] button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#rapport[data-niveau="gemeente"]');
    const bosch = rapport.gemeenten.find((g) => g.code === '0796')!;
    await totalenZijn(page, bosch);
    expect(leesbaar(await page.textContent('#titel'))).toBe("Gemeente 's-Hertogenbosch");
    const alfaBosch = rapport.gemeenteAanbieders.find((x) => x.gemeenteCode === '0796' && x.code === AGB.alfa)!;
    expect(await alle(page, '#tabel-gemeente-aanbieders tbody tr', 'data-code')).toEqual([AGB.alfa]);
    expect(await cel('tabel-gemeente-aanbieders', AGB.alfa, 'gerealiseerdCenten')).toBe(euro(alfaBosch.gerealiseerdCenten));
    expect(await page.isHidden('#sectie-posten')).toBe(true);
    // Ceilings hold for a whole contract: no budget chart at a municipality's level.
    expect(await page.isHidden('#sectie-budgetten')).toBe(true);
    await pastEnFoto(page, '1280-gemeente');
    await page.click(`#tabel-gemeente-aanbieders tr[data-code="${AGB.alfa}"] button`);
    await page.waitForSelector('#rapport[data-niveau="aanbieder"]');
    await totalenZijn(page, alfaBosch);
    expect(await alle(page, '#kruimelpad li')).toEqual(['Regio Testregio Noordoost', "Gemeente 's-Hertogenbosch", 'Alfa Jeugdhulp']);
    expect(await alle(page, '#tabel-signalen tbody tr', 'data-code')).toEqual([AGB.alfa]);
    await pastEnFoto(page, '1280-aanbieder');

    // 390 px: the same page, every level, without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await pastEnFoto(page, '390-aanbieder');
    await page.click('#kruimelpad li:nth-child(2) button');
    await page.waitForSelector('#rapport[data-niveau="gemeente"]');
    await pastEnFoto(page, '390-gemeente');
    await page.click('#kruimelpad li:nth-child(1) button');
    await page.waitForSelector('#rapport[data-niveau="regio"]');
    await totalenZijn(page, rapport.regio);
    // The chart is redrawn at the phone's width.
    const svgBreedte = Number(await page.getAttribute('#staaf-wachttijden', 'width'));
    expect(svgBreedte).toBeLessThanOrEqual(390);
    await pastEnFoto(page, '390-regio');

    // Sign out: the token is gone, the picker is back.
    await page.click('#afmelden');
    await page.waitForSelector('#dev-form:not([hidden])');
    expect(await page.evaluate(`sessionStorage.getItem('hub-token')`)).toBeNull();
    expect(await page.isHidden('#rapport')).toBe(true);

    expect(log.extern).toEqual([]);
    expect(log.posts.length).toBeGreaterThan(0);
    for (const body of log.posts) expect(body).not.toMatch(/mutation/i);
    expect(log.csp).toEqual([]);
    expect(log.mislukt).toEqual([]);
    await page.close();
  }, 60_000);

  it('a token the hub refuses sends the user back to sign-in; a provider sees no figures', async () => {
    const { page } = await nieuwePagina(1280);
    await page.goto(`${api.url}/dashboard`);
    await page.waitForSelector('#dev-form:not([hidden])');
    await page.evaluate(`sessionStorage.setItem('hub-token', 'niet-een-token')`);
    await page.reload();
    await page.waitForSelector('#fout:not([hidden])');
    expect(await page.textContent('#fout')).toContain('Meld u opnieuw aan');
    expect(await page.isVisible('#dev-form')).toBe(true);
    expect(await page.evaluate(`sessionStorage.getItem('hub-token')`)).toBeNull();
    // A provider's valid token: no access, still no data.
    await page.evaluate(`sessionStorage.setItem('hub-token', ${JSON.stringify(t.alfa)})`);
    await page.reload();
    await page.waitForSelector('#fout:has-text("Geen toegang")');
    expect(await page.isHidden('#rapport')).toBe(true);
    expect(await page.$('#tabel-gemeenten')).toBeNull();
    await page.close();
  }, 30_000);

  describe('OIDC sign-in (authorisation code with PKCE) against a local provider', () => {
    let oidc: TestOidcProvider;
    let api2: TestApi;
    beforeAll(async () => {
      oidc = await startTestOidcProvider({
        clientId: 'hub-dashboard',
        audience: 'jeugdzorg-hub',
        gebruiker: { sub: 'f.deboer', name: 'Femke de Boer', claims: { rol: 'regio', regio: 'NOB' } },
      });
      // Production-like: RS256 tokens from the provider only, no development secret, so no picker.
      api2 = await startTestApi(await db.app({ poolSize: 2 }), {
        JWT_SECRET: '', JWT_JWKS_URL: oidc.jwksUrl, JWT_ISSUER: oidc.issuer, JWT_AUDIENCE: 'jeugdzorg-hub',
        OIDC_ISSUER: oidc.issuer, OIDC_CLIENT_ID: 'hub-dashboard', OIDC_SCOPE: 'openid profile',
      });
      oidc.redirectUri = `${api2.url}/dashboard`;
    }, 30_000);
    afterAll(async () => {
      await api2?.close();
      await oidc?.close();
    });

    it('the provider refuses a code without the right code_verifier', async () => {
      const verifier = 'a'.repeat(43);
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const q = new URLSearchParams({ client_id: 'hub-dashboard', redirect_uri: oidc.redirectUri, response_type: 'code', scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', state: 's' });
      const res = await fetch(`${oidc.issuer}/authorize?${q.toString()}`, { redirect: 'manual' });
      const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
      const token = (v: string) => fetch(`${oidc.issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'hub-dashboard', redirect_uri: oidc.redirectUri, code_verifier: v }) });
      expect((await token('b'.repeat(43))).status).toBe(400);
      expect((await token(verifier)).status).toBe(200);
      expect((await token(verifier)).status).toBe(400); // a code is used once
      oidc.tokenVerzoeken.length = 0;
    });

    it('the browser signs in through the provider and shows the figures', async () => {
      expect((await fetch(`${api2.url}/dev/identiteiten`)).status).toBe(404);
      const res = await fetch(`${api2.url}/dashboard`);
      expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${oidc.issuer}`);
      expect(await (await fetch(`${api2.url}/dashboard/config.json`)).json()).toEqual({ oidc: { issuer: oidc.issuer, clientId: 'hub-dashboard', scope: 'openid profile' } });

      const { page, log } = await nieuwePagina(1280, api2.url);
      const bezocht: string[] = [];
      page.on('request', (req) => { if (req.isNavigationRequest()) bezocht.push(req.url()); });
      await page.goto(`${api2.url}/dashboard`);
      await page.waitForSelector('#oidc-form:not([hidden])');
      expect(await page.isHidden('#dev-form')).toBe(true);
      await page.click('#oidc-aanmelden');
      // Provider → back with a code → token request with the verifier → the report of the pinned day's last quarter.
      await page.waitForSelector('#rapport[data-periode="2026-3"]:not([hidden])');
      expect(leesbaar(await page.textContent('#wie'))).toBe('Aangemeld als Femke de Boer');
      await totalenZijn(page, rapport.regio);
      expect(oidc.tokenVerzoeken).toEqual([{ pkceGoed: true }]);
      const naarProvider = bezocht.map((u) => new URL(u)).find((u) => u.origin === oidc.issuer);
      expect(naarProvider?.searchParams.get('code_challenge_method')).toBe('S256');
      expect(naarProvider?.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The code leaves the address bar; the token lives in the session only.
      expect(page.url()).toBe(`${api2.url}/dashboard`);
      const opslag = await page.evaluate<{ sessie: string | null; lokaal: number; pkce: string | null }>(`({ sessie: sessionStorage.getItem('hub-token'), lokaal: localStorage.length, pkce: sessionStorage.getItem('hub-oidc') })`);
      expect(opslag).toMatchObject({ lokaal: 0, pkce: null });
      expect(opslag.sessie?.split('.')).toHaveLength(3);
      await pastEnFoto(page, '1280-oidc');
      await page.click('#afmelden');
      await page.waitForSelector('#oidc-form:not([hidden])');
      expect(await page.evaluate(`sessionStorage.getItem('hub-token')`)).toBeNull();
      // Only the provider besides the hub; no CSP refusals on the way.
      expect(log.extern.every((u) => u.startsWith(oidc.issuer))).toBe(true);
      expect(log.csp).toEqual([]);
      await page.close();
    }, 60_000);
  });
});
