import { Queue, QueueEvents, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { generateTestBsn } from '../src/common/bsn';
import { sleutelsUitConfig } from '../src/common/sleutels';
import { withTenant } from '../src/db/tenant';
import { seed } from '../src/seed/seed';
import { herversleutel, startHerversleuteling } from '../src/sleutels/herversleuteling';
import { knopen, startTestApi, type Conn, type TestApi } from './helpers/api';
import { jw305Xml, stuurBericht, testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

pinKlok();

/** Rotating the encryption key: read old, write new, re-encrypt in the background, drop the old key. */
const K1 = Buffer.alloc(32, 51).toString('base64');
const K2 = Buffer.alloc(32, 52).toString('base64');
const BSN_SLEUTEL = Buffer.alloc(32, 53).toString('base64');
/** The stored header of a blob under key id `id`: 'h' 'k' 0x01, the id's length, the id. */
const kop = (id: string) => Buffer.concat([Buffer.from([0x68, 0x6b, 0x01, id.length]), Buffer.from(id)]);

let db: TestDatabase;
let ds: DataSource;
const apis: TestApi[] = [];

beforeAll(async () => {
  db = await createTestDatabase('herversleuteling');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
});

afterAll(async () => {
  for (const a of apis) await a.close();
  await db?.drop();
});

async function api(keys: string): Promise<TestApi> {
  const a = await startTestApi(ds, { HUB_ENCRYPTION_KEYS: keys, HUB_BSN_HASH_KEY: BSN_SLEUTEL });
  apis.push(a);
  return a;
}

/** Every encrypted value in the database, with the column it is in. */
async function blobs(): Promise<{ kolom: string; b: Buffer }[]> {
  return withTenant(ds, SYSTEEM, (em) =>
    em.query<{ kolom: string; b: Buffer }[]>(
      `SELECT 'bericht' AS kolom, xml_versleuteld AS b FROM bericht
       UNION ALL SELECT 'client', gegevens_versleuteld FROM client
       UNION ALL SELECT 'bezorgadres', geheim_versleuteld FROM bezorgadres WHERE geheim_versleuteld IS NOT NULL
       UNION ALL SELECT 'bezorgadres.vorig', vorig_geheim_versleuteld FROM bezorgadres WHERE vorig_geheim_versleuteld IS NOT NULL`,
    ),
  );
}

const BIJ = `query { toewijzingen(first: 200) { edges { node { id client { bsn } } } } }`;

it('data stored under k1 reads after rotating to k2, the re-encryption leaves nothing under k1, and k2 alone then reads it all', async () => {
  const k1 = await api(`k1:${K1}`);
  const alfa = await k1.token({ rol: 'aanbieder', agb: AGB.alfa });
  const toegang = await k1.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  const beheer = await k1.token({ rol: 'beheerder' });
  const xml = jw305Xml({ identificatie: 'HV1', bsn: testBsn(1) });
  const berichtId = await stuurBericht(k1.url, alfa, xml);
  const bsn = generateTestBsn(901);
  const t = await k1.gql(toegang, `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id } } }`, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: AGB.alfa,
      client: { bsn, geboortedatum: '2014-03-02', geslacht: '2', achternaam: 'Jansen', adres: { postcode: '5211AB', huisnummer: 12 } },
      producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', einddatum: '2027-05-31', volume: 2, eenheid: '04', frequentie: '2' }],
    },
  });
  expect(t.errors).toBeUndefined();
  const reg = await k1.gql(beheer, `mutation($agb: String!) { registreerBezorgadres(agb: $agb, url: "https://alfa.example.nl/ijw") { ondertekeningsgeheim } }`, { agb: AGB.alfa });
  expect(reg.errors).toBeUndefined();
  const onder1 = await blobs();
  expect(onder1.length).toBeGreaterThanOrEqual(4);
  for (const x of onder1) expect(x.b.subarray(0, 6)).toEqual(kop('k1'));

  // Rotate: k2 writes, k1 still reads.
  const k21 = await api(`k2:${K2},k1:${K1}`);
  const leest = async (a: TestApi) => {
    const res = await fetch(`${a.url}/ijw/berichten/${berichtId}/xml`, { headers: { authorization: `Bearer ${await a.token({ rol: 'aanbieder', agb: AGB.alfa })}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(xml);
    const c = await a.gql<{ toewijzingen: Conn<{ client: { bsn: string } | null }> }>(await a.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] }), BIJ);
    expect(c.errors).toBeUndefined();
    expect(knopen(c.data!.toewijzingen).map((x) => x.client?.bsn)).toContain(bsn);
  };
  await leest(k21);
  const STATUS = `{ herversleuteling { huidigeSleutel oudeSleutels resterend perKolom { kolom aantal } } }`;
  const voor = await k21.gql<{ herversleuteling: { huidigeSleutel: string; oudeSleutels: string[]; resterend: number } }>(await k21.token({ rol: 'beheerder' }), STATUS);
  expect(voor.data?.herversleuteling).toMatchObject({ huidigeSleutel: 'k2', oudeSleutels: ['k1'], resterend: onder1.length });
  expect((await k21.gql(await k21.token({ rol: 'regio', regio: 'NOB' }), STATUS)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

  // The background job: queued as the worker does at start while old keys are configured, run in small batches.
  const ring = sleutelsUitConfig(k21.cfg).versleuteling;
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const q = new Queue('onderhoud', { connection, prefix });
  const events = new QueueEvents('onderhoud', { connection, prefix });
  const w = new Worker('onderhoud', (job) => (job.name === 'herversleutel' ? herversleutel(ds, ring, 2) : Promise.resolve({})), { connection, prefix });
  try {
    await events.waitUntilReady();
    const klaar = new Promise<unknown>((resolve, reject) => {
      events.on('completed', ({ returnvalue }) => resolve(typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue));
      events.on('failed', ({ failedReason }) => reject(new Error(failedReason)));
    });
    expect(await startHerversleuteling(q, sleutelsUitConfig({ NODE_ENV: 'test', HUB_ENCRYPTION_KEYS: `k2:${K2}`, HUB_BSN_HASH_KEY: BSN_SLEUTEL }).versleuteling)).toBe(false);
    expect(await startHerversleuteling(q, ring)).toBe(true);
    expect(await klaar).toEqual({ herversleuteld: onder1.length });
  } finally {
    await w.close();
    await events.close();
    await q.obliterate({ force: true });
    await q.close();
  }
  // Idempotent: a second run finds nothing.
  expect((await herversleutel(ds, ring, 2)).herversleuteld).toBe(0);
  const na = await blobs();
  expect(na).toHaveLength(onder1.length);
  for (const x of na) expect(x.b.subarray(0, 6)).toEqual(kop('k2'));
  const status = await k21.gql<{ herversleuteling: { resterend: number } }>(await k21.token({ rol: 'beheerder' }), STATUS);
  expect(status.data?.herversleuteling.resterend).toBe(0);

  // A restart with only k2 reads everything.
  await leest(await api(`k2:${K2}`));
});
