import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VspClient, verbindingUitConfig } from '../src/vecozo/vsp.client';
import { vspDocumentenMap } from '../sim/vecozo/openapi';
import { startVecozoSimulator, type VecozoSimulator } from '../sim/vecozo/simulator';
import { testPki, type TestPki } from './helpers/test-ca';

/**
 * The VECOZO simulator by itself: it holds every request to VECOZO's OpenAPI documents (400 with
 * ValidationProblemDetails otherwise), reads the `Zoekpad` inheritance as the document means it,
 * and over https admits only a client with a certificate of its CA (the party is its CN).
 */
let sim: VecozoSimulator;

beforeAll(async () => {
  sim = await startVecozoSimulator();
});
afterAll(async () => {
  await sim?.stop();
});
afterEach(() => {
  expect(sim.afwijkingen).toEqual([]);
});

const PUSH = '/berichten/rest-push/v1/berichten';
const PULL = '/berichten/rest-pull/v1/berichten';
const STATUS = '/berichtstatus/rest-pull/v3/berichtstatussen';

const metadata = (traceerId = randomUUID()) => ({
  routeringgegevens: {
    afzender: { rol: 'Zorgaanbieder', code: '71000001' },
    geadresseerden: [{ rol: 'Gemeente', code: '0796' }],
    berichtstroom: { berichttype: 'JW315', berichtversie: 3, berichtsubversie: 2, actie: 'Verzenden' },
  },
  referentiegegevens: { conversatieId: randomUUID(), traceerId },
});

const push = (meta: unknown, payload: string | null = '<x/>', metaType = 'application/json') => {
  const grens = 'grens123';
  const delen = [`--${grens}\r\nContent-Disposition: form-data; name="berichtMetadata"\r\nContent-Type: ${metaType}\r\n\r\n${JSON.stringify(meta)}\r\n`];
  if (payload !== null) delen.push(`--${grens}\r\nContent-Disposition: form-data; name="payload"; filename="b.xml"\r\nContent-Type: application/octet-stream\r\n\r\n${payload}\r\n`);
  return fetch(`${sim.url}${PUSH}`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${grens}` }, body: `${delen.join('')}--${grens}--\r\n` });
};

const problemen = async (r: Response) => {
  expect(r.headers.get('content-type')).toBe('application/json');
  const body = (await r.json()) as { status: number; errors: Record<string, string[]> };
  return Object.values(body.errors).flat().join(' | ');
};

describe('requests are held to the documents', () => {
  it('push: 204 for a valid one; 400 naming the field for a missing traceerId, an unknown field, a missing payload, a JSON part of another type', async () => {
    expect((await push(metadata())).status).toBe(204);
    const zonder = metadata() as { referentiegegevens: Record<string, string> };
    delete zonder.referentiegegevens.traceerId;
    let r = await push(zonder);
    expect(r.status).toBe(400);
    expect(await problemen(r)).toMatch(/berichtMetadata\.referentiegegevens.*traceerId/);
    r = await push({ ...metadata(), extra: 1 });
    expect(r.status).toBe(400);
    expect(await problemen(r)).toMatch(/extra/);
    r = await push(metadata(), null);
    expect(r.status).toBe(400);
    expect(await problemen(r)).toMatch(/payload: ontbreekt/);
    r = await push(metadata(), '<x/>', 'text/plain');
    expect(r.status).toBe(400);
    expect(await problemen(r)).toMatch(/berichtMetadata: content-type/);
  });

  it('pull: limit 1–250 only; a traceerId that is no uuid names no message (404: these operations document no 400)', async () => {
    expect((await fetch(`${sim.url}${PULL}?limit=250`)).status).toBe(200);
    expect((await fetch(`${sim.url}${PULL}?limit=0`)).status).toBe(400);
    expect((await fetch(`${sim.url}${PULL}?limit=251`)).status).toBe(400);
    expect((await fetch(`${sim.url}${PULL}/geen-uuid/payload`)).status).toBe(404);
    expect((await fetch(`${sim.url}${PULL}/geen-uuid`, { method: 'DELETE' })).status).toBe(404);
  });

  it('status: one of traceerId and conversatieId, a uuid; statuses with meldingen', async () => {
    const tid = randomUUID();
    expect((await push(metadata(tid))).status).toBe(204);
    sim.zetStatus(tid, 'AfgekeurdDoorDienst', [{ code: 'J001', omschrijving: 'Afgekeurd', toelichting: 'Onbekende gemeente' }]);
    const r = await fetch(`${sim.url}${STATUS}?traceerId=${tid}`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject([{ referentiegegevens: { traceerId: tid }, berichtstatus: 'AfgekeurdDoorDienst', meldingen: [{ code: 'J001', omschrijving: 'Afgekeurd', toelichting: 'Onbekende gemeente' }] }]);
    expect((await fetch(`${sim.url}${STATUS}?traceerId=${tid}&conversatieId=${randomUUID()}`)).status).toBe(400);
    expect((await fetch(`${sim.url}${STATUS}`)).status).toBe(400);
    expect((await fetch(`${sim.url}${STATUS}?traceerId=x`)).status).toBe(400);
  });

  it('the listed grootte and SHA256 are the payload’s; oldest first', async () => {
    const a = sim.lever({ payload: 'eerste' });
    const b = sim.lever({ payload: 'tweede!' });
    const lijst = (await (await fetch(`${sim.url}${PULL}`)).json()) as { referentiegegevens: { traceerId: string }; basisgegevens: { payload: { url: string; grootte: number; checksum: { waarde: string } } } }[];
    expect(lijst.map((m) => m.referentiegegevens.traceerId)).toEqual([a, b]);
    for (const m of lijst) {
      const payload = Buffer.from(await (await fetch(m.basisgegevens.payload.url)).arrayBuffer());
      expect(m.basisgegevens.payload.grootte).toBe(payload.length);
      expect(m.basisgegevens.payload.checksum.waarde).toBe(createHash('sha256').update(payload).digest('hex'));
      expect((await fetch(`${sim.url}${PULL}/${m.referentiegegevens.traceerId}`, { method: 'DELETE' })).status).toBe(202);
      // Gone once confirmed.
      expect((await fetch(m.basisgegevens.payload.url)).status).toBe(404);
    }
  });
});

describe('the Zoekpad trap', () => {
  const zoek = (body: unknown) => fetch(`${sim.url}${PULL}/zoeken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('read literally, the document rejects every valid search body (what the simulator works around)', () => {
    const doc = JSON.parse(readFileSync(path.join(vspDocumentenMap(), 'VSP-Koppeling_Berichtuitwisseling_REST_Pull_V1_-_1.0.0.json'), 'utf8')) as { components: object };
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'pull', components: doc.components });
    const sub = ajv.compile({ $ref: 'pull#/components/schemas/ZoekpadOpConversatieId' });
    expect(sub({ zoekpadType: 'ZoekpadOpConversatieId', conversatieId: randomUUID() })).toBe(false);
  });

  it('each zoekpad as the document means it: the base’s zoekpadType plus the subtype’s own fields, nothing else', async () => {
    const conv = randomUUID();
    const heen = randomUUID();
    const a = sim.lever({ payload: 'a', conversatieId: conv });
    const b = sim.lever({ payload: 'b', alsAntwoordOp: heen, berichttype: 'JW302', geadresseerde: { rol: 'Zorgaanbieder', code: '71000002' } });
    const ids = async (r: Response) => {
      expect(r.status).toBe(200);
      return ((await r.json()) as { referentiegegevens: { traceerId: string } }[]).map((m) => m.referentiegegevens.traceerId);
    };
    expect(await ids(await zoek({ zoekpadType: 'ZoekpadOpConversatieId', conversatieId: conv }))).toEqual([a]);
    expect(await ids(await zoek({ zoekpadType: 'ZoekpadOpAlsAntwoordOp', alsAntwoordOp: heen }))).toEqual([b]);
    expect(await ids(await zoek({ zoekpadType: 'ZoekpadOpBerichtstroom', berichttype: 'JW302', geadresseerdeCode: '71000002' }))).toEqual([b]);
    expect((await zoek({ zoekpadType: 'ZoekpadOpConversatieId', conversatieId: conv, alsAntwoordOp: heen })).status).toBe(400);
    expect((await zoek({ zoekpadType: 'ZoekpadOpConversatieId' })).status).toBe(400);
    expect((await zoek({ zoekpadType: 'ZoekpadOpIets', conversatieId: conv })).status).toBe(400);
    expect((await zoek({ conversatieId: conv })).status).toBe(400);
    for (const t of [a, b]) await fetch(`${sim.url}${PULL}/${t}`, { method: 'DELETE' });
  });
});

describe('over https with a client certificate', () => {
  let pki: TestPki | undefined;
  let tls: VecozoSimulator | undefined;
  let map = '';

  beforeAll(async () => {
    // A local test CA (made here, no openssl), a server certificate for 127.0.0.1 and a client certificate with CN "hub".
    pki = testPki();
    map = pki.dir;
    const ca = await pki.ca('ca');
    const server = await ca.geef('server', { cn: '127.0.0.1' });
    await ca.geef('client', { cn: 'hub' });
    tls = await startVecozoSimulator({ tls: { cert: server.certPem, key: server.keyPem, ca: ca.caPem } });
  });
  afterAll(async () => {
    await tls?.stop();
    pki?.opruimen();
  });

  it('the adapter connects with VECOZO_CERT, VECOZO_KEY and VECOZO_CA and is known by its CN; without a certificate it is refused', async () => {
    const v = verbindingUitConfig({ VECOZO_URL: tls!.url, VECOZO_CERT: path.join(map, 'client.pem'), VECOZO_KEY: path.join(map, 'client.key'), VECOZO_CA: path.join(map, 'ca.pem') })!;
    tls!.lever({ partij: 'hub', payload: 'voor de hub' });
    const lijst = await new VspClient(v).lijst();
    expect(lijst).toHaveLength(1);
    expect(tls!.verzoeken.at(-1)?.partij).toBe('hub');
    await expect(new VspClient({ url: tls!.url, ca: v.ca }).lijst()).rejects.toThrow();
    expect(() => verbindingUitConfig({ VECOZO_URL: tls!.url, VECOZO_CERT: path.join(map, 'weg.pem') })).toThrow(/VECOZO_CERT/);
    expect(tls!.afwijkingen).toEqual([]);
  });
});
