import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { maakVoorschotten } from '../src/bekostiging/voorschotten.job';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { seed } from '../src/seed/seed';
import { knopen, startTestApi, type Conn, type TestApi } from './helpers/api';
import { jw305Xml, retourcodesVan, startBerichtenWorker, TAAKGERICHT, testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { KLOK_ENV, pinKlok } from './helpers/klok';
import { wachtTot } from './helpers/wacht';

const vandaag = pinKlok();

/**
 * Lumpsum financing through the api: set-up, monthly advances by the worker job (exactly once,
 * whatever reruns, restarts or a SIGKILLed worker), and the year-end settlement counted from
 * taakgericht JW305/JW307 messages posted over HTTP.
 */
const ROOT = path.join(__dirname, '..');
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let owner: Client;
let berichten: ReturnType<typeof startBerichtenWorker>;
const tokens: Record<string, string> = {};
let contractId: string;
const lumpsumIds: Record<number, string> = {};

const som = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

interface Voorschot {
  gemeenteCode: string;
  jaar: number;
  maand: number;
  bedragCenten: number;
}
interface Lumpsum {
  id: string;
  jaar: number;
  budgetCenten: number;
  verdeling: string;
  contract: { nummer: string } | null;
  aandelen: { gemeenteCode: string; gewicht: number; budgetCenten: number }[];
  voorschotten: Voorschot[];
}
const LUMPSUM_VELDEN = `id contract { nummer } jaar budgetCenten minimumClienten maximumClienten bedragPerClientCenten verdeling aandelen { gemeenteCode gewicht budgetCenten } voorschotten { gemeenteCode jaar maand bedragCenten }`;
const VASTSTELLING_VELDEN = `id jaar aantalClienten minimumClienten maximumClienten verschil bedragCenten status goedgekeurdDoor goedgekeurdOp gemeenten { gemeenteCode aantalClienten bedragCenten }`;

async function gql<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await api.gql<T>(token, query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

async function foutcode(token: string, query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const r = await api.gql(token, query, variables);
  return r.errors?.[0]?.extensions?.code;
}

async function lumpsum(token: string, id: string): Promise<Lumpsum | null> {
  return (await gql<{ lumpsum: Lumpsum | null }>(token, `query($id: ID!) { lumpsum(id: $id) { ${LUMPSUM_VELDEN} } }`, { id })).lumpsum;
}

async function stelVast(input: Record<string, unknown>): Promise<Lumpsum> {
  return (await gql<{ stelLumpsumVast: Lumpsum }>(tokens.regio, `mutation($input: LumpsumInput!) { stelLumpsumVast(input: $input) { ${LUMPSUM_VELDEN} } }`, { input })).stelLumpsumVast;
}

async function aantalVoorschotten(): Promise<number> {
  return (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM lumpsum_voorschot`)).rows[0].n;
}

let volg = 0;
/** A taakgericht start (JW305) from provider `agb` to municipality `gemeente`; status 3 deletes. */
async function start(o: { bsn: string; gemeente: string; begindatum: string; agb?: string; status?: string }): Promise<string[]> {
  const agb = o.agb ?? AGB.alfa;
  const xml = jw305Xml({
    identificatie: `LS${++volg}`,
    bsn: o.bsn,
    begindatum: o.begindatum,
    change: (m) => {
      const h = m.bericht.Header as IjwNode;
      h.Afzender = agb;
      h.Ontvanger = o.gemeente;
      (((m.bericht.Client as IjwNode).StartProducten as IjwNode).StartProduct as IjwNode[])[0].StatusAanlevering = o.status ?? '1';
    },
  });
  return (await retourcodesVan(api.url, agb === AGB.alfa ? tokens.alfa : tokens.beta, xml)).codes;
}

/** A definitive stop (JW307) of a taakgericht start: no ToewijzingNummer, key = product + Begindatum. */
async function stop(o: { bsn: string; gemeente: string; begindatum: string; einddatum: string }): Promise<string[]> {
  const m = sampleMessage('JW307', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = AGB.alfa;
  h.Ontvanger = o.gemeente;
  h.BerichtIdentificatie = { Identificatie: `LS${++volg}`, Dagtekening: vandaag };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = o.bsn;
  client.StopProducten = { StopProduct: [{ Product: { ...TAAKGERICHT }, Begindatum: o.begindatum, RedenBeeindiging: '31', Einddatum: o.einddatum, StatusAanlevering: '1' }] };
  return (await retourcodesVan(api.url, tokens.alfa, writeMessage(m))).codes;
}

beforeAll(async () => {
  db = await createTestDatabase('lumpsum');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  api = await startTestApi(ds);
  berichten = startBerichtenWorker(ds, api.cfg);
  const contractmanager = { rol: 'regio' as const, regio: 'NOB', sub: 'contractmanager@rioz' };
  tokens.regio = await api.token(contractmanager);
  tokens.gro = await api.token({ rol: 'regio', regio: 'GRO' });
  tokens.oss = await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'] });
  tokens.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  tokens.beta = await api.token({ rol: 'aanbieder', agb: AGB.beta });
  const c = await gql<{ maakContract: { id: string } }>(
    tokens.regio,
    `mutation { maakContract(input: { nummer: "NOB-T-001", aanbiederAgb: "${AGB.alfa}", perceel: "Wijkteams", procedure: aanbesteding, begindatum: "2025-01-01", einddatum: "2027-12-31",
       verlengingen: 0, gemeenten: ["0796", "0828", "0865"], budgetplafonds: [], producten: [{ productCode: "45T10", tariefCenten: 0 }] }) { id } }`,
  );
  contractId = c.maakContract.id;
}, 60_000);

afterAll(async () => {
  await berichten?.close();
  await api?.close();
  await owner?.end();
  await db?.drop();
});

describe('lumpsum set-up (role regio)', () => {
  it('splits the budget by inhabitants when no shares are given, cents included', async () => {
    const l = await stelVast({ contractId, jaar: 2025, budgetCenten: 123_456_789, minimumClienten: 5, maximumClienten: 8, bedragPerClientCenten: 250_000 });
    lumpsumIds[2025] = l.id;
    expect(l.verdeling).toBe('inwoners');
    expect(l.contract).toEqual({ nummer: 'NOB-T-001' });
    // 123456789 × 160000 / 282000 = 70046405.0…, × 95000 / 282000 = 41590052.9…, × 27000 / 282000 = 11820331.1…
    expect(l.aandelen).toEqual([
      { gemeenteCode: '0796', gewicht: 160000, budgetCenten: 70_046_405 },
      { gemeenteCode: '0828', gewicht: 95000, budgetCenten: 41_590_053 },
      { gemeenteCode: '0865', gewicht: 27000, budgetCenten: 11_820_331 },
    ]);
  });

  it('takes explicit shares, one per municipality of the contract', async () => {
    const l = await stelVast({
      contractId, jaar: 2026, budgetCenten: 100_000_001, minimumClienten: 3, maximumClienten: 6, bedragPerClientCenten: 250_000,
      aandelen: [{ gemeenteCode: '0796', aandeel: 50 }, { gemeenteCode: '0828', aandeel: 30 }, { gemeenteCode: '0865', aandeel: 20 }],
    });
    lumpsumIds[2026] = l.id;
    expect(l.verdeling).toBe('aandelen');
    expect(l.aandelen.map((a) => a.budgetCenten)).toEqual([50_000_001, 30_000_000, 20_000_000]);
    const l27 = await stelVast({ contractId, jaar: 2027, budgetCenten: 1200, minimumClienten: 1, maximumClienten: 2, bedragPerClientCenten: 250_000 });
    lumpsumIds[2027] = l27.id;
  });

  it('refuses a second lumpsum for the year, a bad band, bad shares, a year outside the contract, other roles and regions', async () => {
    const m = `mutation($input: LumpsumInput!) { stelLumpsumVast(input: $input) { id } }`;
    const basis = { contractId, jaar: 2025, budgetCenten: 1, minimumClienten: 1, maximumClienten: 2, bedragPerClientCenten: 1 };
    expect(await foutcode(tokens.regio, m, { input: basis })).toBe('LUMPSUM_EXISTS');
    expect(await foutcode(tokens.regio, m, { input: { ...basis, jaar: 2028 } })).toBe('LUMPSUM_YEAR_OUTSIDE_CONTRACT');
    expect(await foutcode(tokens.regio, m, { input: { ...basis, jaar: 2027, minimumClienten: 3 } })).toBe('INVALID_BAND');
    expect(await foutcode(tokens.regio, m, { input: { ...basis, jaar: 2027, aandelen: [{ gemeenteCode: '0796', aandeel: 1 }] } })).toBe('INVALID_SHARES');
    expect(await foutcode(tokens.oss, m, { input: basis })).toBe('FORBIDDEN');
    expect(await foutcode(tokens.alfa, m, { input: basis })).toBe('FORBIDDEN');
    expect(await foutcode(tokens.gro, m, { input: basis })).toBe('CONTRACT_NOT_FOUND');
    const nob = (await owner.query<{ id: string }>(`SELECT id FROM contract WHERE nummer = 'NOB-L-001'`)).rows[0].id;
    expect(await foutcode(tokens.regio, m, { input: { ...basis, contractId: nob } })).toBe('NOT_TASK_ORIENTED');
  });
});

describe('monthly advances (worker job lumpsum-voorschotten)', () => {
  it('a whole year sums exactly to an odd budget over 3 municipalities, month by month and per municipality', async () => {
    const r = await maakVoorschotten(ds, { peildatum: '2025-12-01' });
    expect(r.voorschotten).toBe(36);
    const l = (await lumpsum(tokens.regio, lumpsumIds[2025]))!;
    expect(l.voorschotten).toHaveLength(36);
    expect(som(l.voorschotten.map((v) => v.bedragCenten))).toBe(123_456_789);
    // 123456789 / 12 = 10288065.75: nine months of 10288066 and three of 10288065.
    const maanden = Array.from({ length: 12 }, (_, i) => som(l.voorschotten.filter((v) => v.maand === i + 1).map((v) => v.bedragCenten)));
    expect(maanden).toEqual([10288066, 10288066, 10288066, 10288066, 10288066, 10288066, 10288066, 10288066, 10288066, 10288065, 10288065, 10288065]);
    for (const a of l.aandelen) {
      const eigen = l.voorschotten.filter((v) => v.gemeenteCode === a.gemeenteCode);
      expect(eigen).toHaveLength(12);
      expect(som(eigen.map((v) => v.bedragCenten))).toBe(a.budgetCenten);
    }
    // Each month splits ~ by inhabitants: 10288066 × 160/282 ≈ 5837200.
    expect(l.voorschotten.find((v) => v.maand === 1 && v.gemeenteCode === '0796')!.bedragCenten).toBeGreaterThanOrEqual(5_837_200);
    expect(l.voorschotten.find((v) => v.maand === 1 && v.gemeenteCode === '0796')!.bedragCenten).toBeLessThanOrEqual(5_837_201);
  });

  it('running the job again, twice at once, or through a restarted BullMQ worker creates nothing new', async () => {
    const voor = await owner.query(`SELECT id, bedrag_centen FROM lumpsum_voorschot ORDER BY id`);
    expect(await maakVoorschotten(ds, { peildatum: '2025-12-01' })).toEqual({ lumpsums: 0, voorschotten: 0 });
    const [a, b] = await Promise.all([maakVoorschotten(ds, { peildatum: '2025-12-31' }), maakVoorschotten(ds, { peildatum: '2025-12-31' })]);
    expect(a.voorschotten + b.voorschotten).toBe(0);
    // The real job path: a queue and a worker on a private prefix, the same job twice, the worker restarted in between.
    const prefix = `lumpsum-${randomBytes(4).toString('hex')}`;
    const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
    const queue = new Queue('onderhoud', { connection, prefix });
    const events = new QueueEvents('onderhoud', { connection, prefix });
    try {
      await events.waitUntilReady();
      const runOnce = async () => {
        const worker = new Worker('onderhoud', (job) => maakVoorschotten(ds, job.data as { peildatum?: string }), { connection, prefix });
        try {
          const job = await queue.add('lumpsum-voorschotten', { peildatum: '2025-12-01' });
          return (await job.waitUntilFinished(events, 20_000)) as unknown;
        } finally {
          await worker.close();
        }
      };
      expect(await runOnce()).toEqual({ lumpsums: 0, voorschotten: 0 });
      expect(await runOnce()).toEqual({ lumpsums: 0, voorschotten: 0 });
    } finally {
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
    expect((await owner.query(`SELECT id, bedrag_centen FROM lumpsum_voorschot ORDER BY id`)).rows).toEqual(voor.rows);
  });

  it('a missed month is caught up; months not yet due are not paid', async () => {
    await maakVoorschotten(ds, { peildatum: '2026-03-15' });
    const maart = (await lumpsum(tokens.regio, lumpsumIds[2026]))!;
    expect([...new Set(maart.voorschotten.map((v) => v.maand))]).toEqual([1, 2, 3]);
    // April and May were missed (no run); June's run catches them up.
    expect((await maakVoorschotten(ds, { peildatum: '2026-06-01' })).voorschotten).toBe(9);
    const juni = (await lumpsum(tokens.regio, lumpsumIds[2026]))!;
    expect(juni.voorschotten.filter((v) => v.maand <= 3)).toEqual(maart.voorschotten);
    expect([...new Set(juni.voorschotten.map((v) => v.maand))]).toEqual([1, 2, 3, 4, 5, 6]);
    await maakVoorschotten(ds, { peildatum: '2027-12-01' });
    const jaar = (await lumpsum(tokens.regio, lumpsumIds[2026]))!;
    expect(jaar.voorschotten).toHaveLength(36);
    expect(som(jaar.voorschotten.map((v) => v.bedragCenten))).toBe(100_000_001);
    expect(jaar.aandelen.map((a) => som(jaar.voorschotten.filter((v) => v.gemeenteCode === a.gemeenteCode).map((v) => v.bedragCenten)))).toEqual([50_000_001, 30_000_000, 20_000_000]);
    const klein = (await lumpsum(tokens.regio, lumpsumIds[2027]))!;
    expect(klein.voorschotten.map((v) => v.bedragCenten).every((c) => c >= 0)).toBe(true);
    expect(som(klein.voorschotten.map((v) => v.bedragCenten))).toBe(1200);
  });

  it('a municipality sees only its own share and advances; a provider its own lumpsums; another region nothing', async () => {
    const oss = (await lumpsum(tokens.oss, lumpsumIds[2025]))!;
    expect(oss.aandelen.map((a) => a.gemeenteCode)).toEqual(['0828']);
    expect(new Set(oss.voorschotten.map((v) => v.gemeenteCode))).toEqual(new Set(['0828']));
    expect(oss.budgetCenten).toBe(123_456_789);
    expect((await lumpsum(tokens.alfa, lumpsumIds[2025]))!.aandelen).toHaveLength(3);
    expect(await lumpsum(tokens.beta, lumpsumIds[2025])).toBeNull();
    expect(await lumpsum(tokens.gro, lumpsumIds[2025])).toBeNull();
    const lijst = await gql<{ lumpsums: Conn<{ jaar: number }> }>(tokens.alfa, `{ lumpsums(filter: { contractId: "${contractId}" }) { edges { node { jaar } } } }`);
    expect(knopen(lijst.lumpsums).map((l) => l.jaar)).toEqual([2025, 2026, 2027]);
    expect(knopen((await gql<{ lumpsums: Conn<unknown> }>(tokens.beta, `{ lumpsums { edges { node { id } } } }`)).lumpsums)).toEqual([]);
    // Row-level security agrees: as hub_app with Oss's context, other municipalities' advances do not exist.
    const n = await ds.transaction(async (em) => {
      await em.query(`SELECT set_config('app.rol', 'gemeente', true), set_config('app.regio', 'NOB', true), set_config('app.gemeenten', '0828', true)`);
      return em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM lumpsum_voorschot WHERE gemeente_code <> '0828'`);
    });
    expect(n[0].n).toBe(0);
  });
});

describe('year-end settlement from JW305/JW307 (vaststelling)', () => {
  const C = [1, 2, 3, 4, 5, 6, 7].map((i) => testBsn(7100 + i));

  beforeAll(async () => {
    // 2025: C1 (0796), C2 (0796, stopped in September), C3 (0828, into 2026) → 3 clients.
    // 2026: C1 (in 0796 and in 0828: one client), C3 (stopped 28 February), C4 (0828), C5 (0865) → 4.
    // 2027: C1, C4, C5 → 3. Not counted: C6 (start deleted), C7 (another provider).
    const codes = [
      await start({ bsn: C[0], gemeente: '0796', begindatum: '2025-03-01' }),
      await start({ bsn: C[1], gemeente: '0796', begindatum: '2025-05-01' }),
      await stop({ bsn: C[1], gemeente: '0796', begindatum: '2025-05-01', einddatum: '2025-09-30' }),
      await start({ bsn: C[2], gemeente: '0828', begindatum: '2025-11-01' }),
      await stop({ bsn: C[2], gemeente: '0828', begindatum: '2025-11-01', einddatum: '2026-02-28' }),
      await start({ bsn: C[0], gemeente: '0828', begindatum: '2026-02-01' }),
      await start({ bsn: C[3], gemeente: '0828', begindatum: '2026-06-01' }),
      await start({ bsn: C[4], gemeente: '0865', begindatum: '2026-01-15' }),
      await start({ bsn: C[5], gemeente: '0796', begindatum: '2025-04-01' }),
      await start({ bsn: C[5], gemeente: '0796', begindatum: '2025-04-01', status: '3' }),
      await start({ bsn: C[6], gemeente: '0796', begindatum: '2025-02-01', agb: AGB.beta }),
    ];
    expect(codes).toEqual(codes.map(() => []));
  }, 60_000);

  const bereken = (id: string) => gql<{ berekenLumpsumVaststelling: Record<string, unknown> }>(tokens.regio, `mutation { berekenLumpsumVaststelling(lumpsumId: "${id}") { ${VASTSTELLING_VELDEN} } }`);

  it('below the band: claw-back (minimum − n) × per-client amount, split by the shares', async () => {
    const v = (await bereken(lumpsumIds[2025])).berekenLumpsumVaststelling;
    expect(v).toMatchObject({ jaar: 2025, aantalClienten: 3, minimumClienten: 5, maximumClienten: 8, verschil: -2, bedragCenten: -500_000, status: 'concept', goedgekeurdDoor: null });
    // 500000 × 160/282, × 95/282, × 27/282 = 283687.9, 168439.7, 47872.3.
    expect(v.gemeenten).toEqual([
      { gemeenteCode: '0796', aantalClienten: 2, bedragCenten: -283_688 },
      { gemeenteCode: '0828', aantalClienten: 1, bedragCenten: -168_440 },
      { gemeenteCode: '0865', aantalClienten: 0, bedragCenten: -47_872 },
    ]);
  });

  it('inside the band: nothing to settle; a client in two municipalities counts once', async () => {
    const v = (await bereken(lumpsumIds[2026])).berekenLumpsumVaststelling;
    expect(v).toMatchObject({ aantalClienten: 4, minimumClienten: 3, maximumClienten: 6, verschil: 0, bedragCenten: 0 });
    expect(v.gemeenten).toEqual([
      { gemeenteCode: '0796', aantalClienten: 1, bedragCenten: 0 },
      { gemeenteCode: '0828', aantalClienten: 3, bedragCenten: 0 },
      { gemeenteCode: '0865', aantalClienten: 1, bedragCenten: 0 },
    ]);
  });

  it('above the band: extra payment (n − maximum) × per-client amount', async () => {
    const v = (await bereken(lumpsumIds[2027])).berekenLumpsumVaststelling;
    expect(v).toMatchObject({ aantalClienten: 3, verschil: 1, bedragCenten: 250_000 });
    expect((v.gemeenten as { bedragCenten: number }[]).map((g) => g.bedragCenten)).toEqual([141_844, 84_220, 23_936]);
  });

  it('a contract manager approves; recomputing or approving again is refused; others may not approve', async () => {
    const concept = (await bereken(lumpsumIds[2025])).berekenLumpsumVaststelling;
    const m = `mutation { keurLumpsumVaststellingGoed(id: "${String(concept.id)}") { ${VASTSTELLING_VELDEN} } }`;
    expect(await foutcode(tokens.oss, m)).toBe('FORBIDDEN');
    expect(await foutcode(tokens.alfa, m)).toBe('FORBIDDEN');
    expect(await foutcode(tokens.gro, m)).toBe('SETTLEMENT_NOT_FOUND');
    const v = (await gql<{ keurLumpsumVaststellingGoed: Record<string, unknown> }>(tokens.regio, m)).keurLumpsumVaststellingGoed;
    expect(v).toMatchObject({ status: 'goedgekeurd', goedgekeurdDoor: 'contractmanager@rioz', bedragCenten: -500_000 });
    // Approved when it was asked: a timestamp of record, the database's clock.
    expect((await owner.query<{ ok: boolean }>(`SELECT $1::timestamptz BETWEEN now() - interval '1 minute' AND now() AS ok`, [v.goedgekeurdOp])).rows[0].ok).toBe(true);
    expect(await foutcode(tokens.regio, m)).toBe('SETTLEMENT_APPROVED');
    expect(await foutcode(tokens.regio, `mutation { berekenLumpsumVaststelling(lumpsumId: "${lumpsumIds[2025]}") { id } }`)).toBe('SETTLEMENT_APPROVED');
    // A late client changes nothing in the approved settlement; the concept of 2026 follows it on recompute.
    expect(await start({ bsn: testBsn(7200), gemeente: '0865', begindatum: '2025-12-01' })).toEqual([]);
    const gelezen = await gql<{ lumpsumVaststelling: Record<string, unknown> }>(tokens.oss, `{ lumpsumVaststelling(lumpsumId: "${lumpsumIds[2025]}") { ${VASTSTELLING_VELDEN} } }`);
    expect(gelezen.lumpsumVaststelling).toMatchObject({ aantalClienten: 3, status: 'goedgekeurd', gemeenten: [{ gemeenteCode: '0828', aantalClienten: 1, bedragCenten: -168_440 }] });
    expect((await bereken(lumpsumIds[2026])).berekenLumpsumVaststelling).toMatchObject({ aantalClienten: 5, verschil: 0, status: 'concept' });
    // The database refuses to change an approved settlement, whoever asks.
    await expect(owner.query(`UPDATE lumpsum_vaststelling SET bedrag_centen = 0 WHERE id = $1`, [concept.id])).rejects.toThrow(/goedgekeurd/);
  });
});

describe('a worker SIGKILLed during the advance run', () => {
  const AANTAL = 1500;
  let build: string;
  const kinderen: ChildProcess[] = [];
  const prefix = `lumpsum-crash-${randomBytes(4).toString('hex')}`;

  function startWorker(): { child: ChildProcess; out: () => string } {
    const child = spawn(process.execPath, [path.join(build, 'src', 'worker.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: db.appUrl,
        DATABASE_OWNER_URL: db.ownerUrl,
        QUEUE_PREFIX: prefix,
        WORKER_QUEUES: 'onderhoud',
        QUEUE_LOCK_MS: '2000',
        JWT_SECRET: 'lumpsum-test-secret-0123456789-abcdef',
        HUB_ENCRYPTION_KEYS: api.cfg.HUB_ENCRYPTION_KEYS ?? '',
        HUB_BSN_HASH_KEY: api.cfg.HUB_BSN_HASH_KEY ?? '',
        // The run creates what is due by today: the worker's today is this file's.
        ...KLOK_ENV,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    kinderen.push(child);
    return { child, out: () => out };
  }

  async function kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  beforeAll(async () => {
    build = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-lumpsum-build-'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(build, 'node_modules'), 'dir');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', build], { stdio: 'inherit' });
    const loader = path.join('src', 'messaging', 'ijw', 'libxml2-loader.cjs');
    fs.copyFileSync(path.join(ROOT, loader), path.join(build, loader));
    // Many lumpsums of past years, so the run takes long enough to be killed halfway. Set up
    // directly as the owner: the GraphQL set-up is tested above; here only the run matters.
    await owner.query(
      `WITH c AS (
         INSERT INTO contract (regio_code, nummer, aanbieder_agb, perceel, procedure, begindatum, einddatum)
         SELECT 'NOB', 'NOB-K-' || i, $1, 'Wijkteams', 'aanbesteding', '2020-01-01', '2024-12-31' FROM generate_series(1, $2::int) i
         RETURNING id),
       l AS (
         INSERT INTO lumpsum (regio_code, aanbieder_agb, contract_id, jaar, budget_centen, minimum_clienten, maximum_clienten, bedrag_per_client_centen, verdeling, aangemaakt_door)
         SELECT 'NOB', $1, c.id, 2024, 1000000 + (row_number() OVER ())::int * 7, 0, 10, 100, 'inwoners', 'test' FROM c
         RETURNING id, budget_centen)
       INSERT INTO lumpsum_aandeel (lumpsum_id, gemeente_code, regio_code, aanbieder_agb, gewicht, budget_centen)
       SELECT l.id, g.code, 'NOB', $1, g.inw, 0 FROM l CROSS JOIN (VALUES ('0796', 160000), ('0828', 95000), ('0865', 27000)) AS g(code, inw)`,
      [AGB.alfa, AANTAL],
    );
  }, 180_000);

  afterAll(async () => {
    for (const c of kinderen) await kill(c);
    const q = new Queue('onderhoud', { connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null }, prefix });
    await q.obliterate({ force: true });
    await q.close();
    if (build) fs.rmSync(build, { recursive: true, force: true });
  });

  it('the restarted worker completes the run with exactly one advance per key', async () => {
    const voor = await aantalVoorschotten();
    const doel = voor + AANTAL * 36;
    const q = new Queue('onderhoud', { connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null }, prefix });
    // The run takes the lumpsums in (jaar, id) order, one transaction each. Locking the HALT-th
    // lumpsum stops the run there (its advances reference it), so once the worker waits on the
    // lock the run is provably halfway: HALT lumpsums done, the rest not, one job in flight.
    const HALT = 700;
    const houder = new Client({ connectionString: db.ownerUrl });
    await houder.connect();
    await houder.query('BEGIN');
    // Chosen first, locked after: FOR UPDATE with OFFSET would lock every row it skips too.
    await houder.query(`SELECT id FROM lumpsum WHERE id = (SELECT id FROM lumpsum WHERE jaar = 2024 ORDER BY id OFFSET $1 LIMIT 1) FOR UPDATE`, [HALT]);
    const houderPid = (await houder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const wachtend = async () =>
      (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hub-worker' AND $1 = ANY(pg_blocking_pids(pid))`, [houderPid])).rows[0].n;
    const w1 = startWorker();
    expect(await wachtTot('the worker waiting on the held lumpsum', wachtend, 120_000)).toBe(1);
    const actief = await q.getActive();
    expect(actief.map((j) => j.name)).toEqual(['lumpsum-voorschotten']);
    const gedood = actief[0].id!;
    await kill(w1.child);
    await houder.query('COMMIT');
    await houder.end();
    const bijKill = await aantalVoorschotten();
    expect(bijKill).toBe(voor + HALT * 36);
    // Killed between transactions: every lumpsum has all its 36 advances or none.
    const half = await owner.query(`SELECT lumpsum_id FROM lumpsum_voorschot GROUP BY lumpsum_id HAVING count(*) NOT IN (36)`);
    expect(half.rows).toEqual([]);

    // The restarted worker adds a fresh run at its start, and the killed job comes back once its
    // lock expires. Done means: both completed and nothing is left to run.
    const w2 = startWorker();
    const klaar = async () => {
      const [staat, tellingen, gedaan] = await Promise.all([q.getJobState(gedood), q.getJobCounts('active', 'waiting', 'prioritized'), q.getCompleted()]);
      const vers = gedaan.some((j) => j.name === 'lumpsum-voorschotten' && j.id !== gedood);
      return staat === 'completed' && vers && Object.values(tellingen).every((n) => n === 0);
    };
    await wachtTot('the killed job and a fresh run completed, nothing left to run', klaar, 120_000);
    expect(await aantalVoorschotten()).toBe(doel);
    // What each run added, by job: the killed job's replay and the fresh run together added exactly
    // the remainder, each advance once (the unique key makes the slower of the two add nothing).
    const runs = (await q.getCompleted()).filter((j) => j.name === 'lumpsum-voorschotten');
    const replay = runs.find((j) => j.id === gedood);
    expect(replay).toBeDefined();
    const toegevoegd = runs.map((j) => (j.returnvalue as { voorschotten: number }).voorschotten);
    expect(toegevoegd.reduce((a, b) => a + b, 0)).toBe(doel - bijKill);
    const doorReplay = (replay!.returnvalue as { voorschotten: number }).voorschotten;
    const r = await owner.query<{ n: number; sleutels: number; fout: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (lumpsum_id, gemeente_code, jaar, maand))::int AS sleutels,
              (SELECT count(*)::int FROM (SELECT l.id FROM lumpsum l JOIN lumpsum_voorschot v ON v.lumpsum_id = l.id WHERE l.jaar = 2024
                GROUP BY l.id, l.budget_centen HAVING sum(v.bedrag_centen) <> l.budget_centen OR count(*) <> 36) x) AS fout
         FROM lumpsum_voorschot`,
    );
    expect(r.rows[0]).toEqual({ n: doel, sleutels: doel, fout: 0 });
    expect(w2.out()).toMatch(/worker started/);
    expect(w2.out()).not.toMatch(/job failed/);
    // The daily scheduler is registered under its fixed id: restarts keep one.
    const schedulers = await q.getJobSchedulers();
    await q.close();
    expect(schedulers.filter((s) => s.key === 'lumpsum-voorschotten')).toHaveLength(1);
    console.log(`lumpsum crash: killed at ${bijKill - voor}/${doel - voor} advances; the replay added ${doorReplay}, the fresh run ${doel - bijKill - doorReplay}`);
  }, 240_000);
});
