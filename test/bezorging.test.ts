import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { telAchterstand } from '../src/messaging/processing/achterstand';
import type { TestApi } from './helpers/api';
import { jw305Xml, stuurBericht, testBsn, wachtOpBericht } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

/** Delivery to a provider's endpoint: signed, retried, a dead letter after the last attempt, redriven by an administrator. */
let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
let server: Server;
let antwoord = 500;
const ontvangen: { body: string; signature: string; timestamp: string; id: string }[] = [];
let geheim = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      ontvangen.push({ body, signature: String(req.headers['x-hub-signature-256']), timestamp: String(req.headers['x-hub-timestamp']), id: String(req.headers['x-hub-bericht-id']) });
      res.writeHead(antwoord).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ijw`;
  hub = await createHubTestEnvironment('bezorging', { poolSize: 6, worker: { pogingen: { attempts: 2, backoffMs: 50 } } });
  ({ ds, api } = hub);
  // The provider registers its own endpoint and keeps the signing secret it is shown once.
  const r = await api.gql<{ registreerBezorgadres: { ondertekeningsgeheim: string } }>(
    hub.tokens.alfa,
    `mutation($agb: String!, $url: String!) { registreerBezorgadres(agb: $agb, url: $url) { ondertekeningsgeheim } }`,
    { agb: AGB.alfa, url },
  );
  geheim = r.data?.registreerBezorgadres.ondertekeningsgeheim ?? '';
});

afterAll(async () => {
  await hub?.close();
  await new Promise((r) => server?.close(r));
});

const wachtOp = (token: string, id: string, doel: string) => wachtOpBericht(api.url, token, id, (s) => s.status === doel);

it('a retour the endpoint refuses is retried, becomes a dead letter, and is delivered signed once redriven', async () => {
  const alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  const id = await stuurBericht(api.url, alfa, jw305Xml({ identificatie: 'B1', bsn: testBsn(1) }));
  const retourId = (await wachtOp(alfa, id, 'verwerkt')).retour!.id;
  await wachtOp(alfa, retourId, 'mislukt');
  expect(ontvangen.filter((o) => o.id === retourId)).toHaveLength(2);
  // What the worker's metrics show: one dead letter, nothing left in the outbox.
  expect(await telAchterstand(ds)).toEqual({ open: 0, oudsteSeconden: 0, mislukt: 1 });

  const M = `mutation($id: ID!) { herbezorg(id: $id) { id status } }`;
  const regio = await api.token({ rol: 'regio', regio: 'NOB' });
  expect((await api.gql(regio, M, { id: retourId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const beheer = await api.token({ rol: 'beheerder' });
  const nf = await api.gql(beheer, M, { id });
  expect(nf.errors?.[0].extensions?.code ?? JSON.stringify(nf)).toBe('NOT_FOUND');
  antwoord = 200;
  const h = await api.gql<{ herbezorg: { status: string } }>(beheer, M, { id: retourId });
  expect(h.data?.herbezorg.status).toBe('klaar');
  await wachtOp(alfa, retourId, 'afgeleverd');
  const laatste = ontvangen.filter((o) => o.id === retourId).at(-1)!;
  expect(laatste.signature).toBe(`sha256=${createHmac('sha256', geheim).update(`${laatste.timestamp}.${retourId}.${laatste.body}`).digest('hex')}`);
  expect(laatste.body).toContain('<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw306/schema"');
  // Delivered once more, not again: a second redrive finds no dead letter.
  expect((await api.gql(beheer, M, { id: retourId })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  const open = await withTenant(ds, SYSTEEM, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox WHERE bericht_id = $1 AND afgehandeld_op IS NULL`, [retourId]));
  expect(open[0].n).toBe(0);
  expect(await telAchterstand(ds)).toEqual({ open: 0, oudsteSeconden: 0, mislukt: 0 });
});
