import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SYSTEEM } from '../src/auth/principal';
import type { BudgetsignaalBericht } from '../src/budget/budgetsignaal.bezorging';
import { verifieer } from '../src/messaging/processing/ondertekening';
import { budgetService } from '../src/budget/budget.service';
import { berichtStatus } from '../src/messaging/status';
import { setTenant, withTenant } from '../src/db/tenant';
import { stuurBericht, testBsn, wachtOpBericht } from './helpers/berichten';
import { jw323Xml, type TestPrestatie } from './helpers/declaraties';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';
import { parseMessage, writeMessage } from '../src/messaging/ijw/codec';
import { bouwJw325 } from '../src/declaratie/jw325';
import { wachtTot } from './helpers/wacht';

pinKlok();

/**
 * Live budgets (README "Live budgets"): ceiling, granted, committed and forecast per contract and
 * municipality; alerts once per threshold crossing, also when claims arrive at once; visible to
 * the region and the contract's provider only; the metric.
 */
let hub: HubTestEnvironment;
const tokens: Record<string, string> = {};
const METRICS_TOKEN = 'budget-metrics-token-0123456789';
let contractId = '';
let bsnVolg = 7000;
let berichtVolg = 0;

const PLAFOND = 300_000;
/** 12 hours of 45A04 at 95.50. */
const MAAND = 114_600;
const SEPT = { begin: '2026-09-01', eind: '2026-09-30' };
const OKT = { begin: '2026-10-01', eind: '2026-10-31' };

interface Tw {
  nummer: number;
  bsn: string;
}

/**
 * An allocation for a new client of 's-Hertogenbosch with provider gamma, September–December
 * 2026: without a volume (nothing estimated, so the allocation ceiling check leaves room), or 45A04
 * at `uurPerWeek` hours a week.
 */
async function toewijzing(uurPerWeek?: number): Promise<Tw> {
  const bsn = testBsn(bsnVolg++);
  const product = uurPerWeek
    ? { categorie: '45', code: '45A04', ingangsdatum: '2026-09-01', einddatum: '2026-12-31', volume: uurPerWeek, eenheid: '04', frequentie: '2' }
    : { categorie: '45', ingangsdatum: '2026-09-01', einddatum: '2026-12-31' };
  const r = await hub.api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(
    tokens.toegang,
    `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { nummer } } }`,
    {
      input: {
        gemeenteCode: '0796',
        aanbiederAgb: AGB.gamma,
        client: { bsn, geboortedatum: '2013-03-03', geslacht: '2', achternaam: 'Budget', adres: { postcode: '5211AB', huisnummer: 7 } },
        producten: [product],
      },
    },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { nummer: r.data!.toewijzen.toewijzingen[0].nummer, bsn };
}

/** Posts a claim of provider gamma (one prestatie per allocation) and waits until the worker has processed it. */
async function declareer(nummer: string, periode: string, regels: [Tw, Omit<TestPrestatie, 'nummer'>][]): Promise<string> {
  const clienten = regels.map(([tw, p]) => ({ bsn: tw.bsn, prestaties: [{ nummer: tw.nummer, ...p }] }));
  const id = await stuurBericht(hub.api.url, tokens.gamma, jw323Xml({ identificatie: `B${++berichtVolg}`, nummer, periode, afzender: AGB.gamma, gemeente: '0796', clienten }));
  const s = await wachtOpBericht(hub.api.url, tokens.gamma, id, (x) => x.status !== 'ontvangen');
  if (s.status !== 'verwerkt') throw new Error(`claim ${nummer}: ${s.status} ${JSON.stringify(s.fouten)}`);
  return id;
}

const signalen = () =>
  hub.rijen<{ drempel: number; n: number }>(`SELECT drempel, count(*)::int AS n FROM budgetsignaal WHERE contract_id = $1 GROUP BY drempel ORDER BY drempel`, [contractId]);

const STAND = `query($f: BudgetFilter) { budgetstanden(jaar: 2026, filter: $f) {
  contractId contractNummer regioCode aanbiederAgb plafondCenten toegekendCenten verplichtCenten prognoseCenten toegekendPercentage prognosePercentage
  drempels bereikteDrempel prognoseBovenPlafond signalen { drempel plafondCenten toegekendCenten } perGemeente { gemeenteCode toegekendCenten verplichtCenten prognoseCenten } } }`;

interface Stand {
  contractNummer: string;
  aanbiederAgb: string;
  toegekendCenten: number;
  verplichtCenten: number;
  prognoseCenten: number;
  bereikteDrempel: number | null;
  signalen: { drempel: number }[];
  perGemeente: { gemeenteCode: string }[];
}
const standen = async (token: string, f: Record<string, unknown> = {}) => {
  const r = await hub.api.gql<{ budgetstanden: Stand[] }>(token, STAND, { f });
  return r;
};

const tws: Tw[] = [];

/** The contract manager's endpoint: what it received. */
let server: Server;
const ontvangen: { body: string; signature: string; timestamp: string; id: string }[] = [];
let geheim = '';

/** Polls until every alert's outbox row is done. */
async function wachtOpBezorging(): Promise<void> {
  await wachtTot('every budget alert delivered', async () => {
    const [r] = await hub.rijen<{ open: number }>(`SELECT count(*)::int AS open FROM outbox WHERE soort = 'budgetsignaal' AND afgehandeld_op IS NULL`);
    return r.open === 0;
  });
}

beforeAll(async () => {
  hub = await createHubTestEnvironment('budget', { poolSize: 8, worker: true, env: { METRICS_TOKEN, METRICS_REFRESH_SECONDS: '0' } });
  Object.assign(tokens, hub.tokens);
  tokens.toegang = await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  tokens.regioGro = await hub.api.token({ rol: 'regio', regio: 'GRO' });
  tokens.auditor = await hub.api.token({ rol: 'auditor', regio: 'NOB' });
  // Policy "signaleren": beyond the ceiling is granted, so the 90 % and later thresholds can be reached.
  const c = await hub.api.gql<{ maakContract: { id: string } }>(
    tokens.regio,
    `mutation { maakContract(input: { nummer: "NOB-B-001", aanbiederAgb: "${AGB.gamma}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2026-01-01",
      einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [{ jaar: 2026, bedragCenten: ${PLAFOND} }],
      producten: [{ productCode: "45A04", tariefCenten: 9550 }], plafondBeleid: signaleren, declaratiesAanhouden: false }) { id } }`,
  );
  if (c.errors) throw new Error(JSON.stringify(c.errors));
  contractId = (await hub.rijen<{ id: string }>(`SELECT id FROM contract WHERE nummer = 'NOB-B-001'`))[0].id;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      ontvangen.push({ body, signature: String(req.headers['x-hub-signature-256']), timestamp: String(req.headers['x-hub-timestamp']), id: String(req.headers['x-hub-bericht-id']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  // The contract manager registers the region's endpoint and keeps the secret it is shown once.
  const adres = await hub.api.gql<{ registreerRegioBezorgadres: { ondertekeningsgeheim: string } }>(
    tokens.regio,
    `mutation($url: String!) { registreerRegioBezorgadres(url: $url) { ondertekeningsgeheim bezorgadres { regioCode url } } }`,
    { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/budget` },
  );
  if (adres.errors) throw new Error(JSON.stringify(adres.errors));
  geheim = adres.data!.registreerRegioBezorgadres.ondertekeningsgeheim;
  for (let i = 0; i < 4; i++) tws.push(await toewijzing());
  tws.push(await toewijzing(1));
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await new Promise((r) => server?.close(r));
});

describe('live budgets', () => {
  /** The fifth allocation's estimate: 1 hour × 18 weeks (ceil(122 days / 7)) × 95.50. */
  const GERAAMD = 18 * 9550;

  it('before any claim: nothing granted, the estimate committed, no threshold reached', async () => {
    const r = await standen(tokens.regio, { contractId });
    expect(r.errors).toBeUndefined();
    const [s] = r.data!.budgetstanden;
    expect(s).toMatchObject({ contractNummer: 'NOB-B-001', aanbiederAgb: AGB.gamma, toegekendCenten: 0, verplichtCenten: GERAAMD, prognoseCenten: GERAAMD, bereikteDrempel: null, signalen: [] });
    expect(s.perGemeente).toEqual([{ gemeenteCode: '0796', toegekendCenten: 0, verplichtCenten: GERAAMD, prognoseCenten: GERAAMD }]);
  });

  it('four claims at once cross 70 % and 90 %: each threshold fires exactly once', async () => {
    await Promise.all(tws.slice(0, 4).map((tw, i) => declareer(`SEP${i}`, '2026-09', [[tw, { ref: `SEP-${i}`, ...SEPT, volume: 12 }]])));
    expect(await signalen()).toEqual([
      { drempel: 70, n: 1 },
      { drempel: 90, n: 1 },
    ]);
    const [s] = (await standen(tokens.regio, { contractId })).data!.budgetstanden;
    expect(s).toMatchObject({ toegekendCenten: 4 * MAAND, verplichtCenten: GERAAMD, prognoseCenten: 4 * MAAND + GERAAMD, bereikteDrempel: 90 });
    expect(s.signalen.map((x) => x.drempel)).toEqual([70, 90]);
  });

  it('a crossing under the same ceiling fires once: dropping below by credits and rising again fires nothing', async () => {
    await declareer('CRED', '2026-09', [0, 1, 2].map((i) => [tws[i], { ref: `SEP-${i}-C`, vorig: `SEP-${i}`, dc: 'C', ...SEPT, volume: 12 }]));
    const [laag] = (await standen(tokens.regio, { contractId })).data!.budgetstanden;
    expect(laag).toMatchObject({ toegekendCenten: MAAND, bereikteDrempel: null });
    await declareer('OKT012', '2026-10', [0, 1, 2].map((i) => [tws[i], { ref: `OKT-${i}`, ...OKT, volume: 12 }]));
    expect(await signalen()).toEqual([
      { drempel: 70, n: 1 },
      { drempel: 90, n: 1 },
    ]);
  });

  it('the contract manager sets the thresholds; one not yet crossed fires with the next claim, none fires twice', async () => {
    const zet = await hub.api.gql<{ stelBudgetdrempelsIn: number[] }>(tokens.regio, `mutation($i: BudgetdrempelsInput!) { stelBudgetdrempelsIn(input: $i) }`, { i: { contractId, drempels: [90, 50, 70, 100] } });
    expect(zet.errors).toBeUndefined();
    expect(zet.data!.stelBudgetdrempelsIn).toEqual([50, 70, 90, 100]);
    const fout = await hub.api.gql(tokens.regio, `mutation($i: BudgetdrempelsInput!) { stelBudgetdrempelsIn(input: $i) }`, { i: { contractId, drempels: [120] } });
    expect(fout.errors?.[0].extensions?.code).toBe('INVALID_THRESHOLDS');
    const ander = await hub.api.gql(tokens.regioGro, `mutation($i: BudgetdrempelsInput!) { stelBudgetdrempelsIn(input: $i) }`, { i: { contractId, drempels: [50] } });
    expect(ander.errors?.[0].extensions?.code).toBe('CONTRACT_NOT_FOUND');
    await declareer('OKT3', '2026-10', [[tws[3], { ref: 'OKT-3', ...OKT, volume: 12 }]]);
    // Granted now 5 × 114,600 of 300,000: 50 % and 100 % are new; 70 % and 90 % fired before.
    expect(await signalen()).toEqual([
      { drempel: 50, n: 1 },
      { drempel: 70, n: 1 },
      { drempel: 90, n: 1 },
      { drempel: 100, n: 1 },
    ]);
  });

  it('two transactions racing for the same crossing: the unique key lets one of them fire it', async () => {
    await hub.rijen(`UPDATE budgetdrempels SET drempels = '{50,70,90,100,30}' WHERE contract_id = $1`, [contractId]);
    const qr = hub.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      await setTenant(qr.manager, SYSTEEM);
      const eerste = await budgetService.signaleer(qr.manager, null, [{ contractId, jaar: 2026 }]);
      // The second waits on the first's uncommitted row, or finds it committed: either way it adds nothing.
      const tweede = withTenant(hub.ds, SYSTEEM, (em) => budgetService.signaleer(em, null, [{ contractId, jaar: 2026 }]));
      await qr.commitTransaction();
      expect(eerste.map((s) => s.drempel)).toEqual([30]);
      expect(await tweede).toEqual([]);
    } finally {
      await qr.release();
    }
    expect((await signalen()).find((s) => s.drempel === 30)).toEqual({ drempel: 30, n: 1 });
  });

  it('visible to the region and the contract\'s provider only', async () => {
    const nummers = async (token: string) => {
      const r = await standen(token);
      if (r.errors) return r.errors[0].extensions?.code;
      return r.data!.budgetstanden.filter((s) => s.contractNummer === 'NOB-B-001').map((s) => `${s.contractNummer}:${s.signalen.length}`);
    };
    expect(await nummers(tokens.regio)).toEqual(['NOB-B-001:5']);
    expect(await nummers(tokens.auditor)).toEqual(['NOB-B-001:5']);
    expect(await nummers(tokens.beheerder)).toEqual(['NOB-B-001:5']);
    expect(await nummers(tokens.gamma)).toEqual(['NOB-B-001:5']);
    // Another provider, another region: nothing; municipalities: refused.
    expect(await nummers(tokens.alfa)).toEqual([]);
    expect(await nummers(tokens.beta)).toEqual([]);
    expect(await nummers(tokens.regioGro)).toEqual([]);
    expect(await nummers(tokens.bosch)).toBe('FORBIDDEN');
    expect(await nummers(tokens.toegang)).toBe('FORBIDDEN');
    // Row-level security holds the same without the application's filter.
    const rls = async (p: Parameters<typeof setTenant>[1]) =>
      withTenant(hub.ds, p, async (em) => (await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM budgetsignaal`))[0].n);
    expect(await rls({ sub: 't', rol: 'aanbieder', agb: AGB.alfa, gemeenten: [] })).toBe(0);
    expect(await rls({ sub: 't', rol: 'regio', regio: 'GRO', gemeenten: [] })).toBe(0);
    expect(await rls({ sub: 't', rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'] })).toBe(0);
    expect(await rls({ sub: 't', rol: 'aanbieder', agb: AGB.gamma, gemeenten: [] })).toBe(5);
  });

  it('the filter narrows by contract, provider and municipality', async () => {
    expect((await standen(tokens.regio, { aanbiederAgb: AGB.gamma })).data!.budgetstanden.map((s) => s.contractNummer)).toEqual(['NOB-B-001']);
    expect((await standen(tokens.regio, { gemeenteCode: '0865' })).data!.budgetstanden.map((s) => s.contractNummer)).not.toContain('NOB-B-001');
    const bosch = (await standen(tokens.regio, { gemeenteCode: '0796', contractId })).data!.budgetstanden;
    expect(bosch.map((s) => s.perGemeente.map((g) => g.gemeenteCode))).toEqual([['0796']]);
  });

  it('every alert reaches the contract manager\'s endpoint once, as JSON signed with the region\'s secret', async () => {
    await wachtOpBezorging();
    const ids = (await hub.rijen<{ id: string }>(`SELECT id FROM budgetsignaal WHERE contract_id = $1 ORDER BY drempel`, [contractId])).map((r) => r.id);
    expect(ontvangen.map((o) => o.id).sort()).toEqual([...ids].sort());
    const nuS = Math.floor(Date.now() / 1000);
    for (const o of ontvangen) expect(verifieer({ handtekening: o.signature, tijdstempel: o.timestamp, berichtId: o.id, body: Buffer.from(o.body) }, geheim, nuS)).toBe(true);
    const berichten = ontvangen.map((o) => JSON.parse(o.body) as BudgetsignaalBericht);
    expect(berichten.map((b) => b.drempel).sort((a, b) => a - b)).toEqual([30, 50, 70, 90, 100]);
    expect(berichten.find((b) => b.drempel === 70)).toMatchObject({ soort: 'budgetsignaal', regioCode: 'NOB', contractNummer: 'NOB-B-001', aanbiederAgb: AGB.gamma, jaar: 2026, plafondCenten: PLAFOND });
    // Ids and amounts only: nothing about a client.
    expect(ontvangen.map((o) => o.body).join('')).not.toMatch(/9999\d{5}|bsn/i);
  });

  it('/metrics: usage per contract and alerts per threshold', async () => {
    const res = await fetch(`${hub.api.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const tekst = await res.text();
    const benutting = /hub_budget_benutting\{contract="NOB\/NOB-B-001"[^}]*\} ([0-9.]+)/.exec(tekst);
    expect(Number(benutting?.[1])).toBeCloseTo((5 * MAAND) / PLAFOND, 6);
    expect(tekst).toMatch(/hub_budget_signalen\{drempel="70"[^}]*\} 1\n/);
    expect(tekst).toMatch(/hub_budget_signalen\{drempel="30"[^}]*\} 1\n/);
  });

  it("what a municipality's own system grants, which the hub rejected, fires its alerts too", async () => {
    // A new ceiling is a new crossing: every threshold waits again; only 90 % is watched.
    await hub.rijen(`UPDATE budgetplafond SET bedrag_centen = 1000000 WHERE contract_id = $1 AND jaar = 2026`, [contractId]);
    await hub.rijen(`UPDATE budgetdrempels SET drempels = '{90}' WHERE contract_id = $1`, [contractId]);
    const eigen = await hub.api.gql(tokens.regio, `mutation { stelDeclaratiebeoordelingIn(gemeenteCode: "0796", eigenSysteem: true) { code } }`);
    expect(eigen.errors).toBeUndefined();
    // Granted so far 5 × 114,600 = 57 %; this claim of 36 hours at a tariff not the contract's (0611 by the hub) would make it 92 %.
    const jw323 = jw323Xml({
      identificatie: 'B-EIGEN',
      nummer: 'EIGEN',
      periode: '2026-11',
      afzender: AGB.gamma,
      gemeente: '0796',
      clienten: [{ bsn: tws[0].bsn, prestaties: [{ ref: 'NOV-E', nummer: tws[0].nummer, begin: '2026-11-01', eind: '2026-11-30', volume: 36, tarief: 9600 }] }],
    });
    const id = await stuurBericht(hub.api.url, tokens.gamma, jw323);
    expect(await wachtOpBericht(hub.api.url, tokens.gamma, id, (x) => x.status !== 'ontvangen')).toMatchObject({ status: 'aangehouden' });
    const [p] = await hub.rijen<{ toegekend: boolean; retourcodes: string[] }>(`SELECT toegekend, retourcodes FROM prestatie WHERE referentie_nummer = 'NOV-E'`);
    expect(p).toEqual({ toegekend: false, retourcodes: ['0611'] });
    const voor = (await signalen()).find((x) => x.drempel === 90)!.n;
    // The municipality's own system grants it all.
    const m = (await parseMessage(Buffer.from(jw323))).message;
    const jw325 = writeMessage(bouwJw325(m, new Map(), 36 * 9600, [], 'Z325E', '2026-11-30'));
    const antwoord = await stuurBericht(hub.api.url, tokens.toegang, jw325);
    expect(await wachtOpBericht(hub.api.url, tokens.toegang, antwoord, (x) => !['ontvangen', 'klaar'].includes(x.status))).toMatchObject({ status: 'beschikbaar' });
    expect((await signalen()).find((x) => x.drempel === 90)!.n).toBe(voor + 1);
    const [s] = (await standen(tokens.regio, { contractId })).data!.budgetstanden;
    expect(s.toegekendCenten).toBe(5 * MAAND + 36 * 9600);
  });

  it('an alert gone before its delivery (a sandbox reset removes it) closes its outbox row instead of coming back', async () => {
    const weg = randomUUID();
    await withTenant(hub.ds, SYSTEEM, (em) => berichtStatus.signalenTeBezorgen(em, [weg]));
    const [rij] = await hub.rijen<{ id: string }>(`SELECT id FROM outbox WHERE budgetsignaal_id = $1`, [weg]);
    await wachtOpBezorging();
    const [o] = await hub.rijen<{ klaar: boolean }>(`SELECT afgehandeld_op IS NOT NULL AS klaar FROM outbox WHERE id = $1`, [rij.id]);
    expect(o.klaar).toBe(true);
  });
});
