import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { zetKlok } from '../src/common/klok';
import { withTenant } from '../src/db/tenant';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { seed } from '../src/seed/seed';
import { knopen, ruweId, startTestApi, type Conn, type TestApi } from './helpers/api';
import { jw305Xml, retourcodesVan, startBerichtenWorker, testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { KLOK, pinKlok, plusDagen } from './helpers/klok';
import { StatementLog } from './helpers/statements';
import { AGB, FIXTURE } from './fixtures/regions';

/**
 * The public waiting-time feed (`/open`), over traffic built through HTTP: JW315 requests answered
 * in GraphQL and started with a JW305 (alfa: 10 clients), direct allocations started (beta: 9),
 * one started after the period and one not started (neither counted). Checked against figures
 * computed by hand; every response scanned for what could identify a client.
 */
const vandaag = pinKlok();
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let worker: ReturnType<typeof startBerichtenWorker>;
const counter = new StatementLog();
const t: Record<string, string> = {};
let volg = 0;
const PRODUCT = { Categorie: '45', Code: '45A04' };
const INGANG = '2026-09-01';
const EINDE = '2027-06-30';
/** Every BSN and every date of a single client in the test data: none may reach a response. */
const bsns: string[] = [];
const clientDagen = new Set<string>();
const toewijzingIds: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('open_wachttijden');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  api = await startTestApi(await db.app({ logger: counter, poolSize: 4 }));
  worker = startBerichtenWorker(ds, api.cfg);
  t.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  t.beta = await api.token({ rol: 'aanbieder', agb: AGB.beta });
  t.regio = await api.token({ rol: 'regio', regio: 'NOB' });
  t.bosch = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  // Beta is contracted for ambulant care in 's-Hertogenbosch too.
  const c = await api.gql(t.regio, `mutation { maakContract(input: { nummer: "NOB-L-300", aanbiederAgb: "${AGB.beta}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [], producten: [{ productCode: "45A04", tariefCenten: 9000 }] }) { id } }`);
  expect(c.errors).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await db?.drop();
});

function nieuweBsn(): string {
  const b = testBsn(400 + bsns.length);
  bsns.push(b);
  return b;
}

/** A JW315 from alfa; returns the request's id. */
async function verzoek(bsn: string, referentie: string): Promise<string> {
  const m = sampleMessage('JW315', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = AGB.alfa;
  h.Ontvanger = '0796';
  h.BerichtIdentificatie = { Identificatie: `OW${++volg}`, Dagtekening: vandaag };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = bsn;
  client.Geboortedatum = { Datum: '2013-09-09' };
  client.Naam = { Geslachtsnaam: { Achternaam: 'de Vries' }, Voornamen: 'Noor' };
  client.AangevraagdeProducten = {
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
  expect((await retourcodesVan(api.url, t.alfa, writeMessage(m))).codes).toEqual([]);
  const v = await api.gql<{ verzoeken: Conn<{ id: string; referentieAanbieder: string }> }>(t.bosch, `{ verzoeken(first: 200) { edges { node { id referentieAanbieder } } } }`);
  return knopen(v.data!.verzoeken).find((x) => x.referentieAanbieder === referentie)!.id;
}

/** The access team answers the request (JW301); returns the toewijzing. */
async function wijsToe(verzoekId: string): Promise<{ id: string; nummer: number }> {
  const r = await api.gql<{ wijsVerzoekToe: { toewijzingen: { id: string; nummer: number }[] } }>(
    t.bosch,
    `mutation($input: WijsVerzoekToeInput!) { wijsVerzoekToe(input: $input) { toewijzingen { id nummer } } }`,
    { input: { verzoekId, adres: { postcode: '5211AB', huisnummer: 7 } } },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.wijsVerzoekToe.toewijzingen[0];
}

/** A direct allocation by the access team, without a request. */
async function toewijzen(agb: string, bsn: string): Promise<{ id: string; nummer: number }> {
  const r = await api.gql<{ toewijzen: { toewijzingen: { id: string; nummer: number }[] } }>(t.bosch, `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: agb,
      client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Bakker', adres: { postcode: '5211AB', huisnummer: 3 } },
      producten: [{ categorie: '45', code: '45A04', ingangsdatum: INGANG, einddatum: EINDE, volume: 3, eenheid: '04', frequentie: '2' }],
    },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.toewijzen.toewijzingen[0];
}

/** The provider reports the start of care (JW305). */
async function start(agb: string, bsn: string, nummer: number, begindatum: string): Promise<void> {
  const xml = jw305Xml({
    identificatie: `OS${++volg}`,
    bsn,
    toewijzingNummer: nummer,
    product: { ...PRODUCT },
    begindatum,
    change: (m) => {
      (m.bericht.Header as IjwNode).Afzender = agb;
    },
  });
  expect((await retourcodesVan(api.url, agb === AGB.alfa ? t.alfa : t.beta, xml)).codes).toEqual([]);
}

/** The request came in and was answered on these days (the hub stores today's; set back). */
async function dagen(toewijzingId: string, d: { aangevraagd?: string; toegewezen: string }): Promise<void> {
  const id = ruweId(toewijzingId);
  await withTenant(ds, SYSTEEM, async (em) => {
    await em.query(`UPDATE toewijzing SET toewijzingsdatum = $1, eerste_toewijzingsdatum = $1 WHERE id = $2`, [d.toegewezen, id]);
    await em.query(`UPDATE verzoek SET beantwoord_op = ($1::date + time '12:00') AT TIME ZONE 'Europe/Amsterdam' WHERE toewijzing_id = $2`, [d.toegewezen, id]);
    if (d.aangevraagd) await em.query(`UPDATE verzoek SET ontvangen_op = ($1::date + time '12:00') AT TIME ZONE 'Europe/Amsterdam' WHERE toewijzing_id = $2`, [d.aangevraagd, id]);
  });
}

/**
 * Alfa's ten, from a request: request → allocation (RA) and allocation → start (AS) days; the
 * last one was allocated after care started (backdated): 0 days allocation → start, counted.
 *   request → start: 3 5 8 11 15 20 27 37 52 and 15 → median 15, p80 27 + 0.2 × 10 = 29
 *   request → allocation: 2 4 … 20 → median 11, p80 16 + 0.2 × 2 = 16.4 → 16
 *   allocation → start: 0 1 1 2 3 5 8 13 21 34 → median 4, p80 13 + 0.2 × 8 = 14.6 → 15
 */
const RA = [2, 4, 6, 8, 10, 12, 14, 16, 18];
const AS = [1, 1, 2, 3, 5, 8, 13, 21, 34];
const START = '2026-10-20';

interface Cel {
  regioCode: string;
  aanbiederAgb: string;
  productCategorie: string;
  aantalClienten: number | string;
  [veld: string]: unknown;
}
interface Feed {
  periode: { van: string; tot: string };
  gegenereerdOp: string;
  drempel: number;
  cellen: Cel[];
}

const TOEGESTAAN = [
  'regioCode', 'regioNaam', 'productCategorie', 'productCategorieNaam', 'aanbiederAgb', 'aanbiederNaam', 'aantalClienten',
  'mediaanAanmeldingTotStart', 'p80AanmeldingTotStart', 'mediaanAanmeldingTotToewijzing', 'p80AanmeldingTotToewijzing', 'mediaanToewijzingTotStart', 'p80ToewijzingTotStart',
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What no response may hold: a BSN, a date of a single client, a toewijzing's id. */
function zonderClient(tekst: string, periode: { van: string; tot: string }): void {
  for (const b of bsns) expect(tekst).not.toContain(b);
  for (const id of toewijzingIds) expect(tekst).not.toContain(ruweId(id));
  expect(tekst).not.toMatch(UUID);
  const data = new Set(tekst.match(/\d{4}-\d{2}-\d{2}/g) ?? []);
  for (const d of data) expect([periode.van, periode.tot, vandaag]).toContain(d);
  for (const d of clientDagen) if (d !== periode.van && d !== periode.tot) expect(data.has(d)).toBe(false);
}

describe('open waiting times', () => {
  it('builds the traffic: requests, allocations and starts', async () => {
    for (let i = 0; i < 10; i++) {
      const bsn = nieuweBsn();
      const tw = await wijsToe(await verzoek(bsn, `OW-A${i}`));
      toewijzingIds.push(tw.id);
      if (i < 9) {
        const toegewezen = plusDagen(START, -AS[i]);
        const aangevraagd = plusDagen(toegewezen, -RA[i]);
        await start(AGB.alfa, bsn, tw.nummer, START);
        await dagen(tw.id, { aangevraagd, toegewezen });
        clientDagen.add(toegewezen).add(aangevraagd);
      } else {
        // Request 1 October, care started 16 October, allocated 21 October: request → start 15,
        // request → allocation 20, allocation → start 0 (not -5).
        await start(AGB.alfa, bsn, tw.nummer, '2026-10-16');
        await dagen(tw.id, { aangevraagd: '2026-10-01', toegewezen: '2026-10-21' });
        clientDagen.add('2026-10-01').add('2026-10-21').add('2026-10-16');
      }
    }
    clientDagen.add(START);
    // Alfa: started in November, after the period (the current month is not published yet).
    const laat = nieuweBsn();
    const tl = await toewijzen(AGB.alfa, laat);
    toewijzingIds.push(tl.id);
    await start(AGB.alfa, laat, tl.nummer, '2026-11-10');
    await dagen(tl.id, { toegewezen: '2026-11-02' });
    // Alfa: allocated, not started: on a waiting list, not in the feed.
    toewijzingIds.push((await toewijzen(AGB.alfa, nieuweBsn())).id);
    // Beta: nine direct allocations, started: a cell of 9.
    for (let i = 0; i < 9; i++) {
      const bsn = nieuweBsn();
      const tw = await toewijzen(AGB.beta, bsn);
      toewijzingIds.push(tw.id);
      await start(AGB.beta, bsn, tw.nummer, START);
      const toegewezen = plusDagen(START, -(i + 3));
      await dagen(tw.id, { toegewezen });
      clientDagen.add(toegewezen);
    }
  }, 120_000);

  let feed: Feed;

  it('serves the JSON without a token, in one statement, then from its cache', async () => {
    counter.reset();
    // Three at once while nothing is cached: one computation serves them all.
    const antwoorden = await Promise.all([0, 1, 2].map(() => fetch(`${api.url}/open/wachttijden.json`)));
    const teksten = counter.texts.map((s) => s.replace(/\s+/g, ' ').trim());
    // systeemLezen: BEGIN, read-only + context, the one statement computing every cell, COMMIT.
    expect(teksten.filter((s) => /percentile_cont/.test(s))).toHaveLength(1);
    expect(teksten).toHaveLength(4);
    expect(teksten[0]).toBe('START TRANSACTION');
    expect(teksten[1]).toMatch(/transaction_read_only/);
    expect(teksten[3]).toBe('COMMIT');
    for (const res of antwoorden) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    }
    const bodies = await Promise.all(antwoorden.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    feed = JSON.parse(bodies[0]) as Feed;

    counter.reset();
    const weer = await fetch(`${api.url}/open/wachttijden.json`);
    expect(await weer.text()).toBe(bodies[0]);
    expect(counter.count).toBe(0);
    // A client holding this version gets 304, no body.
    // (fetch adds `Cache-Control: no-cache` to a conditional request unless the caller sets one.)
    const zelfde = await fetch(`${api.url}/open/wachttijden.json`, { headers: { 'if-none-match': antwoorden[0].headers.get('etag')!, 'cache-control': 'max-age=0' } });
    expect(zelfde.status).toBe(304);
    expect(await zelfde.text()).toBe('');
    expect(counter.count).toBe(0);
  });

  it('computes per region, category and provider over the twelve whole months; 10 shows 10, 9 shows <10', () => {
    expect(feed.periode).toEqual({ van: '2025-11-01', tot: '2026-10-31' });
    expect(feed.drempel).toBe(10);
    expect(feed.cellen).toEqual([
      {
        regioCode: 'NOB', regioNaam: 'Testregio Noordoost', productCategorie: '45', productCategorieNaam: expect.any(String) as string,
        aanbiederAgb: AGB.alfa, aanbiederNaam: 'Alfa Jeugdhulp', aantalClienten: 10,
        mediaanAanmeldingTotStart: 15, p80AanmeldingTotStart: 29,
        mediaanAanmeldingTotToewijzing: 11, p80AanmeldingTotToewijzing: 16,
        mediaanToewijzingTotStart: 4, p80ToewijzingTotStart: 15,
      },
      {
        regioCode: 'NOB', regioNaam: 'Testregio Noordoost', productCategorie: '45', productCategorieNaam: expect.any(String) as string,
        aanbiederAgb: AGB.beta, aanbiederNaam: 'Beta Zorg', aantalClienten: '<10',
        mediaanAanmeldingTotStart: null, p80AanmeldingTotStart: null,
        mediaanAanmeldingTotToewijzing: null, p80AanmeldingTotToewijzing: null,
        mediaanToewijzingTotStart: null, p80ToewijzingTotStart: null,
      },
    ]);
  });

  it('the JSON carries no BSN, no count under 10 and no field that identifies a client', async () => {
    expect(Object.keys(feed).sort()).toEqual(['cellen', 'drempel', 'gegenereerdOp', 'periode']);
    for (const c of feed.cellen) {
      expect(Object.keys(c).sort()).toEqual([...TOEGESTAAN].sort());
      expect(c.aantalClienten === '<10' || (typeof c.aantalClienten === 'number' && c.aantalClienten >= 10)).toBe(true);
    }
    for (const pad of ['/open/wachttijden.json', '/open/wachttijden.json?regio=NOB', '/open/wachttijden.json?regio=GRO']) {
      zonderClient(await (await fetch(`${api.url}${pad}`)).text(), feed.periode);
    }
  });

  it('filters by region; refuses a malformed one as problem details', async () => {
    const gro = (await (await fetch(`${api.url}/open/wachttijden.json?regio=GRO`)).json()) as Feed;
    expect(gro.cellen).toEqual([]);
    const nob = (await (await fetch(`${api.url}/open/wachttijden.json?regio=NOB`)).json()) as Feed;
    expect(nob.cellen).toHaveLength(2);
    const fout = await fetch(`${api.url}/open/wachttijden.json?regio=${encodeURIComponent("NOB' OR 1=1")}`);
    expect(fout.status).toBe(400);
    expect(fout.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await fout.json()) as { invalidParams: { name: string }[] }).invalidParams[0].name).toBe('regio');
  });

  it('serves the same cells as CSV without a token, with nothing of a client in it', async () => {
    counter.reset();
    const res = await fetch(`${api.url}/open/wachttijden.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(counter.count).toBe(0);
    // Read as bytes: fetch's text() would drop the byte order mark.
    const tekst = Buffer.from(await res.arrayBuffer()).toString('utf8');
    zonderClient(tekst, feed.periode);
    expect(tekst.startsWith('\uFEFF')).toBe(true);
    // No cell here needs quoting (names without ; or quotes): split as written.
    const [koppen, ...regels] = tekst.slice(1).trimEnd().split('\r\n').map((r) => r.split(';'));
    const csv = { koppen, rijen: regels.map((r) => Object.fromEntries(koppen.map((k, i) => [k, r[i]]))) };
    expect(csv.koppen).toEqual([
      'regio_code', 'regio_naam', 'productcategorie', 'productcategorie_naam', 'aanbieder_agb', 'aanbieder_naam', 'aantal_clienten',
      'mediaan_dagen_aanmelding_tot_start', 'p80_dagen_aanmelding_tot_start', 'mediaan_dagen_aanmelding_tot_toewijzing', 'p80_dagen_aanmelding_tot_toewijzing',
      'mediaan_dagen_toewijzing_tot_start', 'p80_dagen_toewijzing_tot_start', 'periode_van', 'periode_tot', 'gegenereerd_op',
    ]);
    expect(csv.rijen.map((r) => [r.aanbieder_agb, r.aantal_clienten, r.mediaan_dagen_aanmelding_tot_start, r.p80_dagen_aanmelding_tot_start])).toEqual([
      [AGB.alfa, '10', '15', '29'],
      [AGB.beta, '<10', '', ''],
    ]);
    for (const r of csv.rijen) expect(r.aantal_clienten === '<10' || Number(r.aantal_clienten) >= 10).toBe(true);
  });

  it('is computed again only once its time is up (OPEN_CACHE_SECONDS, by the hub clock)', async () => {
    const gegenereerd = Date.parse(feed.gegenereerdOp);
    zetKlok(new Date(gegenereerd + 890_000).toISOString());
    counter.reset();
    const binnen = await fetch(`${api.url}/open/wachttijden.json`);
    expect(binnen.headers.get('cache-control')).toBe('public, max-age=10');
    expect(counter.count).toBe(0);
    zetKlok(new Date(gegenereerd + 901_000).toISOString());
    const na = (await (await fetch(`${api.url}/open/wachttijden.json`)).json()) as Feed;
    expect(counter.texts.filter((s) => /percentile_cont/.test(s))).toHaveLength(1);
    expect(counter.count).toBe(4);
    expect(Date.parse(na.gegenereerdOp)).toBeGreaterThanOrEqual(gegenereerd + 901_000);
    expect(na.cellen).toEqual(feed.cellen);
    zetKlok(KLOK);
  });
});

describe('the public page in headless Chromium', () => {
  const ARTEFACTEN = path.join(__dirname, '..', 'test-artifacts');
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTEFACTEN, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('is served without sign-in under the dashboard\'s Content-Security-Policy', async () => {
    const [open, dashboard] = await Promise.all([fetch(`${api.url}/open`), fetch(`${api.url}/dashboard`)]);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-security-policy')).toBe(dashboard.headers.get('content-security-policy'));
    zonderClient(await open.text(), { van: '', tot: '' });
  });

  for (const breedte of [1280, 390]) {
    it(`shows each category as a chart and a table at ${breedte} px, with nothing of a client`, async () => {
      const page = await browser.newPage({ viewport: { width: breedte, height: 900 } });
      const extern: string[] = [];
      const csp: string[] = [];
      const mislukt: string[] = [];
      page.on('request', (req) => {
        if (!req.url().startsWith(api.url)) extern.push(req.url());
      });
      page.on('response', (res) => {
        if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) mislukt.push(`${res.status()} ${res.url()}`);
      });
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused/i.test(m.text())) csp.push(m.text());
      });
      await page.goto(`${api.url}/open`);
      await page.waitForSelector('#feed[data-regio="NOB"]:not([hidden])');
      expect(await page.locator('section.categorie[data-categorie="45"] svg rect[data-reeks="mediaan"]').count()).toBe(1);
      expect(await page.getAttribute('svg g[data-agb="71000001"] rect[data-reeks="mediaan"]', 'data-waarde')).toBe('15');
      expect(await page.getAttribute('svg g[data-agb="71000001"] rect[data-reeks="p80"]', 'data-waarde')).toBe('29');
      expect(await page.textContent('svg g[data-agb="71000002"]')).toContain('minder dan 10');
      const aantallen = await page.locator('td[data-veld="aantalClienten"]').allTextContents();
      expect(aantallen).toEqual(['10', '<10']);
      const maat = await page.evaluate<{ scroll: number; client: number }>(`({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })`);
      expect(maat.scroll).toBeLessThanOrEqual(maat.client);
      const inhoud = await page.content();
      zonderClient(inhoud, { van: '', tot: '' });
      expect(extern).toEqual([]);
      expect(csp).toEqual([]);
      expect(mislukt).toEqual([]);
      await page.screenshot({ path: path.join(ARTEFACTEN, `open-wachttijden-${breedte}.png`), fullPage: true });
      await page.close();
    }, 30_000);
  }
});
