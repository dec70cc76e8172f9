import { hostname } from 'node:os';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { log } from './logger';

/** One Prometheus registry per process, served at /metrics (api) or the worker's metrics port. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/**
 * Labels every series of this process with `process` (api, worker) and `instance` (host:pid),
 * so two processes stay apart once their series are aggregated.
 */
export function labelProcess(name: 'api' | 'worker'): void {
  registry.setDefaultLabels({ process: name, instance: `${hostname()}:${process.pid}` });
}

export const httpRequests = new Counter({
  name: 'hub_http_requests_total',
  help: 'HTTP requests by route and status',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'hub_graphql_operation_seconds',
  help: 'GraphQL operation duration',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

/** A gauge filled from the database: without `label` one value, with it one value per label value. */
export interface DatabaseGauge {
  name: string;
  help: string;
  label?: string;
}

/** The values of a set of database gauges, by gauge name. */
export type DatabaseValues = Record<string, number | Record<string, number>>;

const COMPUTED = 'hub_database_gauges_computed_seconds';

/**
 * Registers gauges whose values come from the database, all read by one `read` at most every
 * `maxAgeS` seconds however often and by however many scrapers metrics are read: a scrape in
 * between serves the cached values. `hub_database_gauges_computed_seconds` says when they were
 * read. A failed read is logged and tried again after `maxAgeS`; the last values stay served.
 * `maxAgeS` 0 reads at every scrape.
 */
export function registerDatabaseGauges(gauges: DatabaseGauge[], read: () => Promise<DatabaseValues>, maxAgeS: number): void {
  let values: DatabaseValues = {};
  let readAt = 0;
  let computedAt = 0;
  let pending: Promise<DatabaseValues> | undefined;
  const current = (): Promise<DatabaseValues> => {
    if (pending) return pending;
    if (readAt && Date.now() - readAt < maxAgeS * 1000) return Promise.resolve(values);
    readAt = Date.now();
    pending = read()
      .then(
        (v) => {
          values = v;
          computedAt = Date.now();
          return v;
        },
        (e: unknown) => {
          log.warn('database gauges', { error: (e as Error).message });
          return values;
        },
      )
      .finally(() => (pending = undefined));
    return pending;
  };
  for (const g of gauges) {
    registry.removeSingleMetric(g.name);
    new Gauge({
      name: g.name,
      help: g.help,
      labelNames: g.label ? [g.label] : [],
      registers: [registry],
      async collect() {
        const v = (await current())[g.name];
        this.reset();
        if (typeof v === 'number') this.set(v);
        else if (v && g.label) for (const [k, n] of Object.entries(v)) this.set({ [g.label]: k }, n);
      },
    });
  }
  registry.removeSingleMetric(COMPUTED);
  new Gauge({
    name: COMPUTED,
    help: 'When the database-derived gauges were last read (Unix time, seconds)',
    registers: [registry],
    async collect() {
      await current();
      this.set(computedAt / 1000);
    },
  });
}

/** Items past their iJw time limit, by kind (retour, declaratie_antwoord, verzoek_antwoord). */
export const TERMIJNEN_VERLOPEN: DatabaseGauge = { name: 'hub_termijnen_verlopen', help: 'Messages and requests past their iJw time limit, by kind', label: 'soort' };

/** Waiting-time norms exceeded, by kind (wachtend_boven_norm, verzoek_boven_norm, aanbieder_boven_norm). */
export const WACHTTIJD_SIGNALEN: DatabaseGauge = { name: 'hub_wachttijd_signalen', help: 'Waiting-time norms exceeded, by kind', label: 'soort' };

/** Per contract (`regio/nummer`) with a ceiling this year: granted as a share of the ceiling (1 = the ceiling). */
export const BUDGET_BENUTTING: DatabaseGauge = { name: 'hub_budget_benutting', help: 'Granted this year as a share of the contract\'s budget ceiling, by contract', label: 'contract' };

/** Budget alerts fired, by threshold: rows are only ever added, so it only grows (a counter kept in the database). */
export const BUDGET_SIGNALEN: DatabaseGauge = { name: 'hub_budget_signalen', help: 'Budget alerts fired (all years), by threshold in percent', label: 'drempel' };

/** A certificate of the hub for the metrics: its adapter, the variable naming it, when it expires. */
export interface CertificaatVerloop {
  adapter: string;
  certificaat: string;
  geldigTot: Date;
}

/**
 * `hub_certificaat_geldig_seconden{adapter,certificaat}`: seconds until each configured TLS
 * certificate of the hub expires (negative once expired), and `hub_certificaat_waarschuwing`: 1
 * when fewer than `waarschuwingDagen` days remain. Computed from the dates read at boot, at each
 * scrape: no file is read then.
 */
export function registerCertificaatGauges(certs: CertificaatVerloop[], waarschuwingDagen: number): void {
  const labelNames = ['adapter', 'certificaat'] as const;
  const over = (c: CertificaatVerloop) => (c.geldigTot.getTime() - Date.now()) / 1000;
  for (const name of ['hub_certificaat_geldig_seconden', 'hub_certificaat_waarschuwing']) registry.removeSingleMetric(name);
  new Gauge({
    name: 'hub_certificaat_geldig_seconden',
    help: 'Seconds until each TLS client certificate of the hub expires (notAfter), by adapter and variable',
    labelNames,
    registers: [registry],
    collect() {
      for (const c of certs) this.set({ adapter: c.adapter, certificaat: c.certificaat }, Math.floor(over(c)));
    },
  });
  new Gauge({
    name: 'hub_certificaat_waarschuwing',
    help: `1 when a TLS certificate of the hub expires within ${waarschuwingDagen} days (or has expired), else 0`,
    labelNames,
    registers: [registry],
    collect() {
      for (const c of certs) this.set({ adapter: c.adapter, certificaat: c.certificaat }, over(c) < waarschuwingDagen * 86_400 ? 1 : 0);
    },
  });
}
