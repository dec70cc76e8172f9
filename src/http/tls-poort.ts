import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TlsIdentiteit } from '../common/tls';
import { listen } from './listen';
import { onbekendePad } from './probleem';

export interface TlsListener {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the paths below `pad` of `app` over two-way TLS on a port of their own: the server shows
 * `id`'s certificate, and only a caller whose client certificate was issued under `id.ca` gets
 * past the handshake (the routes can check more of it). Everything else there is 404.
 */
export async function startTlsPoort(app: (req: IncomingMessage, res: ServerResponse) => void, o: { pad: string; port: number; host?: string; id: TlsIdentiteit; requestTimeoutMs?: number }): Promise<TlsListener> {
  const server = createServer({ cert: o.id.cert, key: o.id.key, ca: o.id.ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const p = (req.url ?? '').split('?')[0];
    if (p === o.pad || p.startsWith(`${o.pad}/`)) app(req, res);
    else onbekendePad(req, res);
  });
  if (o.requestTimeoutMs) server.requestTimeout = o.requestTimeoutMs;
  const port = await listen(server, o.port, o.host);
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
