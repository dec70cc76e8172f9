import type { DataSource, Logger } from 'typeorm';
import { startMetricsServer } from '../src/observability/metrics-server';
import { startTestApi, type TestApi } from './helpers/api';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { pinKlok } from './helpers/klok';

pinKlok();

/** Remembers the SQL statements sent through the api's DataSource. */
class RecordingLogger implements Logger {
  queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

const TOKEN = 'metrics-token-0123456789abcdef';
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
const sql = new RecordingLogger();

beforeAll(async () => {
  db = await createTestDatabase('metrics');
  ds = await db.app({ logger: sql });
  api = await startTestApi(ds, { METRICS_TOKEN: TOKEN });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const scrape = (url: string, token?: string) => fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('/metrics', () => {
  it('refuses a scrape without the token, or with another one, and answers with it', async () => {
    const none = await scrape(`${api.url}/metrics`);
    expect(none.status).toBe(401);
    expect(await none.text()).not.toMatch(/hub_/);
    expect((await scrape(`${api.url}/metrics`, 'metrics-token-0123456789abcdeF')).status).toBe(401);
    const ok = await scrape(`${api.url}/metrics`, TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/# TYPE hub_http_requests_total counter/);
  });

  it('reads the database gauges once for many scrapes, and serves them at every scrape', async () => {
    const before = sql.queries.length;
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) texts.push(await (await scrape(`${api.url}/metrics`, TOKEN)).text());
    // Each read of the gauges is one transaction of the system context: at most one for five scrapes.
    const transactions = sql.queries.slice(before).filter((q) => /^START TRANSACTION|^BEGIN/i.test(q.trim()));
    expect(transactions.length).toBeLessThanOrEqual(1);
    for (const text of texts) {
      expect(text).toContain('hub_termijnen_verlopen{soort="retour"} 0');
      expect(text).toContain('hub_wachttijd_signalen{soort="wachtend_boven_norm"} 0');
      expect(text).toMatch(/hub_database_gauges_computed_seconds \d+/);
    }
  });
});

describe('metrics on a port of their own', () => {
  it('answers GET /metrics only, with the token', async () => {
    const m = await startMetricsServer({ port: 0, host: '127.0.0.1', token: TOKEN });
    try {
      const url = `http://127.0.0.1:${m.port}`;
      expect((await scrape(`${url}/metrics`)).status).toBe(401);
      const ok = await scrape(`${url}/metrics`, TOKEN);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/# TYPE hub_http_requests_total counter/);
      expect((await scrape(`${url}/graphql`, TOKEN)).status).toBe(404);
    } finally {
      await m.close();
    }
  });

  it('refuses to start on a busy port, naming it', async () => {
    const first = await startMetricsServer({ port: 0, host: '127.0.0.1' });
    try {
      await expect(startMetricsServer({ port: first.port, host: '127.0.0.1' })).rejects.toThrow(`127.0.0.1:${first.port} is already in use (EADDRINUSE)`);
    } finally {
      await first.close();
    }
  });
});
