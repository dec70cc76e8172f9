import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process, served at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

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

export const jobsProcessed = new Counter({
  name: 'hub_jobs_processed_total',
  help: 'Jobs processed by queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
  registers: [registry],
});

/**
 * Items past their iJw time limit, read from the database at each scrape: `read` returns the
 * counts per kind (retour, declaratie_antwoord, verzoek_antwoord).
 */
export function registerTermijnen(read: () => Promise<Record<string, number>>): void {
  registry.removeSingleMetric('hub_termijnen_verlopen');
  new Gauge({
    name: 'hub_termijnen_verlopen',
    help: 'Messages and requests past their iJw time limit, by kind',
    labelNames: ['soort'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [soort, n] of Object.entries(await read())) this.set({ soort }, n);
    },
  });
}

/**
 * Waiting-time norms exceeded, read from the database at each scrape: `read` returns the counts
 * per kind (wachtend_boven_norm, verzoek_boven_norm, aanbieder_boven_norm).
 */
export function registerWachttijdSignalen(read: () => Promise<Record<string, number>>): void {
  registry.removeSingleMetric('hub_wachttijd_signalen');
  new Gauge({
    name: 'hub_wachttijd_signalen',
    help: 'Waiting-time norms exceeded, by kind',
    labelNames: ['soort'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [soort, n] of Object.entries(await read())) this.set({ soort }, n);
    },
  });
}
