import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
}

/** Runs `fn` with `concurrency` callers for `seconds` (and at most `maxRequests`); returns rate and latency percentiles in ms. */
export async function load(fn: () => Promise<void>, opts: { seconds: number; concurrency: number; maxRequests?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + opts.seconds * 1000;
  const max = opts.maxRequests ?? Number.MAX_SAFE_INTEGER;
  let issued = 0;
  const caller = async () => {
    while (performance.now() < deadline && issued < max) {
      issued += 1;
      const t = performance.now();
      await fn();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, caller));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, p50: pct(50), p95: pct(95) };
}

/** One JSON line per figure, as the project's benchmark contract asks. */
export function figure(bench: string, value: number, unit: string, baseline: number, extra: Record<string, unknown> = {}): string {
  const round = (x: number) => Math.round(x * 100) / 100;
  return JSON.stringify({ bench, value: round(value), unit, baseline: round(baseline), ratio: baseline ? round(value / baseline) : null, ...extra });
}

/**
 * A cheap HTTP client for the load runs: keep-alive `node:http` sockets, as bench/ingest.ts posts
 * its messages, so every part measures the hub and not the client (undici `fetch` costs more per
 * request than the hub's own work on a small answer).
 */
export function httpPoster(url: string, headers: Record<string, string>, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const u = new URL(url);
  const post = (body: Buffer) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { ...headers, 'content-length': body.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}
