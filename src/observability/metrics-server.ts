import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { bearerToken } from '../http/bearer';
import { listen } from '../http/listen';
import { onbekendePad, schrijfProbleem } from '../http/probleem';
import { log } from './logger';
import { registry } from './metrics';

/** True when the header carries `Bearer <token>`; compared in constant time (digests have one length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const gegeven = bearerToken(header);
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(gegeven ?? ''), digest(token)) && gegeven !== undefined;
}

/**
 * The /metrics handler: the process's registry in Prometheus text; with a token, a request
 * without `Authorization: Bearer <token>` gets 401. Plain node types, so the api's Express app
 * and the small metrics listener share it.
 */
export function metricsHandler(token: string | undefined): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (token && !bearerMatches(req.headers.authorization, token)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      schrijfProbleem(req, res, { status: 401, code: 'UNAUTHENTICATED', detail: 'De metrics vragen om een bearer token' });
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    } catch (e) {
      log.error('metrics failed', { error: (e as Error).message });
      schrijfProbleem(req, res, { status: 500, code: 'INTERNAL_SERVER_ERROR', detail: 'De metrics konden niet worden gelezen' });
    }
  };
}

export interface MetricsListener {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * A listener of its own for GET /metrics (everything else 404), so metrics can stay off the
 * public port. Resolves once listening; rejects naming the port when it cannot listen.
 */
export async function startMetricsServer(opts: { port: number; host: string; token?: string }): Promise<MetricsListener> {
  const handle = metricsHandler(opts.token);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') void handle(req, res);
    else onbekendePad(req, res);
  });
  const port = await listen(server, opts.port, opts.host);
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
