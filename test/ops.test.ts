import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { contractStatus, SYSTEEM } from '../jobs/contract-status.processor';
import { hubDataSource } from '../src/modules';
import { migrateWithLock } from '../src/db/migrate';
import { withTenant } from '../src/db/tenant';
import { seed } from '../src/seed/seed';
import { startTestApi, type TestApi } from './helpers/api';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

pinKlok();

let db: TestDatabase;
let ds: DataSource;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase('ops');
  ds = await db.app();
  await seed(ds, FIXTURE);
  api = await startTestApi(ds);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('health, readiness and metrics', () => {
  it('/healthz and /readyz answer, /metrics speaks Prometheus', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
    await api.gql(await api.token({ rol: 'regio', regio: 'NOB' }), '{ regios { code } }');
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/# TYPE hub_graphql_operation_seconds histogram/);
    expect(metrics).toMatch(/hub_http_requests_total\{route="graphql",status="200"\} \d+/);
  });

  it('/readyz says which dependency is down', async () => {
    const other = await startTestApi(ds);
    try {
      other.redis.disconnect();
      const r = await fetch(`${other.url}/readyz`);
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({ status: 'not ready', checks: { postgres: 'ok', redis: 'unreachable' } });
    } finally {
      await other.close();
    }
  });
});

describe('production mode', () => {
  it('turns introspection off and masks internal errors', async () => {
    const prod = await startTestApi(ds, { NODE_ENV: 'production', JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'jeugdzorg-hub', HUB_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'), HUB_BSN_HASH_KEY: Buffer.alloc(32, 10).toString('base64'), METRICS_TOKEN: 'ops-test-metrics-token' });
    try {
      const token = await prod.token({ rol: 'regio', regio: 'NOB' });
      const r = await prod.gql(token, '{ __schema { types { name } } }');
      expect(r.errors?.[0].message).toMatch(/introspection/i);
      const bad = await prod.gql(token, '{ contract(id: "x") { nummer } }');
      expect(bad.data).toEqual({ contract: null });
      expect(JSON.stringify(bad)).not.toMatch(/stacktrace|at .*\.ts/);
    } finally {
      await prod.close();
    }
  });
});

describe('migrate', () => {
  it('concurrent runs serialise on the advisory lock and apply each migration once', async () => {
    const fresh = await createTestDatabase('migrate_lock');
    try {
      // createTestDatabase migrated already; run three more at once: nothing pending, no error.
      const sources = [0, 1, 2].map(() => hubDataSource(fresh.ownerUrl));
      await Promise.all(sources.map((s) => s.initialize()));
      const applied = await Promise.all(sources.map((s) => migrateWithLock(s)));
      expect(applied).toEqual([[], [], []]);
      await Promise.all(sources.map((s) => s.destroy()));
    } finally {
      await fresh.drop();
    }
  });
});

describe('worker: contract-status job through BullMQ', () => {
  it('ends expired contracts once, however often the job runs', async () => {
    const prefix = `test-${randomBytes(4).toString('hex')}`;
    // Connection options, not instances: BullMQ then owns its connections and closes them.
    const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
    const queue = new Queue('onderhoud', { connection, prefix });
    const events = new QueueEvents('onderhoud', { connection, prefix });
    const worker = new Worker('onderhoud', (job) => contractStatus(ds, job.data as { peildatum?: string }), { connection, prefix });
    try {
      await events.waitUntilReady();
      const first = await queue.add('contract-status', { peildatum: '2028-01-15' });
      expect(await first.waitUntilFinished(events, 20000)).toEqual({ beeindigd: 2 }); // NOB-L-001 and GRO-001 ended 2027-12-31
      const second = await queue.add('contract-status', { peildatum: '2028-01-15' });
      expect(await second.waitUntilFinished(events, 20000)).toEqual({ beeindigd: 0 });
      const rows = await withTenant(ds, SYSTEEM, (em) => em.query<{ nummer: string; status: string }[]>(`SELECT nummer, status FROM contract WHERE status = 'beeindigd'`));
      expect(rows.map((r) => r.nummer).sort()).toEqual(['GRO-001', 'NOB-L-001']);
      const audit = await withTenant(ds, SYSTEEM, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'contract.verlopen'`));
      expect(audit[0].n).toBe(2);
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
