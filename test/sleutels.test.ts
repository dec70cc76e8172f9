import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { seed } from '../src/seed/seed';
import { startTestApi, type TestApi } from './helpers/api';
import { jw305Xml, startBerichtenWorker, stuurBericht, testBsn, wachtOpBericht } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

pinKlok();

/** One key per job: deliveries signed with the endpoint's own secret, the BSN hash with its own key. */
const ENCRYPTIE = Buffer.alloc(32, 41);
const BSN_SLEUTEL = Buffer.alloc(32, 42);

let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let worker: ReturnType<typeof startBerichtenWorker>;
let server: Server;
let url: string;
interface Levering { body: string; handtekening: string; tijdstempel: string; id: string }
const ontvangen: Levering[] = [];
const t: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase('sleutels');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      ontvangen.push({ body, handtekening: String(req.headers['x-hub-signature-256']), tijdstempel: String(req.headers['x-hub-timestamp']), id: String(req.headers['x-hub-bericht-id']) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ijw`;
  api = await startTestApi(ds, { HUB_ENCRYPTION_KEYS: `t1:${ENCRYPTIE.toString('base64')}`, HUB_BSN_HASH_KEY: BSN_SLEUTEL.toString('base64') });
  worker = startBerichtenWorker(ds, api.cfg);
  t.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  t.beta = await api.token({ rol: 'aanbieder', agb: AGB.beta });
  t.beheer = await api.token({ rol: 'beheerder' });
});

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await new Promise((r) => server?.close(r));
  await db?.drop();
});

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest('hex');

/** The receiver's check, written from the documented format: any `sha256=` value over `<timestamp>.<id>.<body>`. */
function klopt(l: Levering, geheim: Buffer | string): boolean {
  const verwacht = `sha256=${hmac(geheim, `${l.tijdstempel}.${l.id}.${l.body}`)}`;
  return l.handtekening.split(',').includes(verwacht);
}

const REGISTREER = `mutation($agb: String!, $url: String!) { registreerBezorgadres(agb: $agb, url: $url) { ondertekeningsgeheim bezorgadres { url heeftGeheim } } }`;
const ROTEER = `mutation($agb: String!) { roteerOndertekeningsgeheim(agb: $agb) { ondertekeningsgeheim bezorgadres { vorigGeldigTot } } }`;

let volgnummer = 0;
/** A JW305 from alfa; returns what alfa's endpoint received for its retour. */
async function bezorgRetour(): Promise<Levering> {
  const n = ++volgnummer;
  const id = await stuurBericht(api.url, t.alfa, jw305Xml({ identificatie: `SL${n}`, bsn: testBsn(n) }));
  const retourId = (await wachtOpBericht(api.url, t.alfa, id, (s) => s.status === 'verwerkt')).retour!.id;
  await wachtOpBericht(api.url, t.alfa, retourId, (s) => s.status === 'afgeleverd');
  const l = ontvangen.filter((o) => o.id === retourId);
  expect(l).toHaveLength(1);
  return l[0];
}

let geheim1 = '';

it('a delivery is signed with the secret of its endpoint, shown once at registration, and not with the encryption key', async () => {
  expect((await api.gql(t.beta, REGISTREER, { agb: AGB.alfa, url })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const r = await api.gql<{ registreerBezorgadres: { ondertekeningsgeheim: string | null; bezorgadres: { url: string; heeftGeheim: boolean } } }>(t.alfa, REGISTREER, { agb: AGB.alfa, url });
  expect(r.errors).toBeUndefined();
  geheim1 = r.data!.registreerBezorgadres.ondertekeningsgeheim ?? '';
  expect(geheim1).toMatch(/^[0-9a-f]{64}$/);
  expect(r.data!.registreerBezorgadres.bezorgadres).toEqual({ url, heeftGeheim: true });

  // Read again (the provider and an administrator), or registered again: the secret is not shown.
  for (const token of [t.alfa, t.beheer]) {
    const lees = await api.gql(token, `{ aanbieders(first: 50) { edges { node { agb bezorgUrl bezorgadres { url heeftGeheim geregistreerdOp } } } } }`);
    expect(JSON.stringify(lees)).toContain(url);
    expect(JSON.stringify(lees)).not.toContain(geheim1);
  }
  const opnieuw = await api.gql<{ registreerBezorgadres: { ondertekeningsgeheim: string | null } }>(t.beheer, REGISTREER, { agb: AGB.alfa, url });
  expect(opnieuw.data?.registreerBezorgadres.ondertekeningsgeheim).toBeNull();
  // Stored encrypted, not in the clear.
  const rij = await withTenant(ds, SYSTEEM, (em) => em.query<{ g: Buffer }[]>(`SELECT geheim_versleuteld AS g FROM bezorgadres WHERE aanbieder_agb = $1`, [AGB.alfa]));
  expect(rij[0].g.toString('latin1')).not.toContain(geheim1);

  const l = await bezorgRetour();
  expect(l.body).toContain('<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw306/schema"');
  expect(Math.abs(Number(l.tijdstempel) - Date.now() / 1000)).toBeLessThan(300);
  expect(klopt(l, geheim1)).toBe(true);
  expect(l.handtekening.split(',')).toHaveLength(1);
  // Neither the old scheme nor the new one with the hub's encryption key.
  expect(klopt(l, ENCRYPTIE)).toBe(false);
  expect(l.handtekening).not.toContain(hmac(ENCRYPTIE, l.body));
  // The signature covers the id and the timestamp: another id or time does not verify.
  expect(klopt({ ...l, id: '00000000-0000-0000-0000-000000000000' }, geheim1)).toBe(false);
  expect(klopt({ ...l, tijdstempel: String(Number(l.tijdstempel) + 1) }, geheim1)).toBe(false);
});

it('after a rotation both secrets sign during the overlap, then only the new one', async () => {
  expect((await api.gql(t.beta, ROTEER, { agb: AGB.alfa })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const r = await api.gql<{ roteerOndertekeningsgeheim: { ondertekeningsgeheim: string; bezorgadres: { vorigGeldigTot: string } } }>(t.beheer, ROTEER, { agb: AGB.alfa });
  expect(r.errors).toBeUndefined();
  const geheim2 = r.data!.roteerOndertekeningsgeheim.ondertekeningsgeheim;
  expect(geheim2).toMatch(/^[0-9a-f]{64}$/);
  expect(geheim2).not.toBe(geheim1);
  // Default overlap: 7 days (BEZORG_GEHEIM_OVERLAP_UUR = 168).
  const tot = Date.parse(r.data!.roteerOndertekeningsgeheim.bezorgadres.vorigGeldigTot);
  expect(tot - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 600_000);
  expect(tot - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600_000);

  const tijdens = await bezorgRetour();
  expect(tijdens.handtekening.split(',')).toHaveLength(2);
  expect(klopt(tijdens, geheim2)).toBe(true);
  expect(klopt(tijdens, geheim1)).toBe(true);
  expect(tijdens.handtekening.split(',')[0]).toBe(`sha256=${hmac(geheim2, `${tijdens.tijdstempel}.${tijdens.id}.${tijdens.body}`)}`);

  // The overlap ends (its end moved into the past, as the clock would).
  await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE bezorgadres SET vorig_geldig_tot = now() - interval '1 second' WHERE aanbieder_agb = $1`, [AGB.alfa]));
  const na = await bezorgRetour();
  expect(na.handtekening.split(',')).toHaveLength(1);
  expect(klopt(na, geheim2)).toBe(true);
  expect(klopt(na, geheim1)).toBe(false);
});

it('hashes a BSN with its own key, not with the encryption key', async () => {
  const n = ++volgnummer;
  const bsn = testBsn(n);
  const id = await stuurBericht(api.url, t.alfa, jw305Xml({ identificatie: `SL${n}`, bsn }));
  await wachtOpBericht(api.url, t.alfa, id, (s) => s.status === 'verwerkt');
  const rows = await withTenant(ds, SYSTEEM, (em) => em.query<{ h: string }[]>(`SELECT client_hash AS h FROM levering WHERE bericht_id = $1`, [id]));
  expect(rows).toHaveLength(1);
  expect(rows[0].h).toBe(hmac(BSN_SLEUTEL, bsn));
  expect(rows[0].h).not.toBe(hmac(ENCRYPTIE, bsn));
});

it('an endpoint that is not an http(s) URL, or an AGB that is not one, is refused with its code and nothing is stored', async () => {
  const codes: unknown[] = [];
  for (const [agb, u] of [
    [AGB.beta, 'javascript:alert(1)'],
    [AGB.beta, 'ftp://beta.example/in'],
    [AGB.beta, 'beta.example/in'],
    ['7100000', 'https://beta.example/in'],
  ]) {
    const r = await api.gql(t.beta, REGISTREER, { agb, url: u });
    codes.push(r.errors?.[0].extensions?.code);
    expect(r.data).toBeNull();
  }
  expect(codes).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED']);
  const rijen = await withTenant(ds, SYSTEEM, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM bezorgadres WHERE aanbieder_agb = $1`, [AGB.beta]));
  expect(rijen[0].n).toBe(0);
});
