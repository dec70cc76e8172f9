import type { Server } from 'node:net';

/** Why a listener could not start, in words an operator acts on. */
function reason(e: NodeJS.ErrnoException, where: string): string {
  if (e.code === 'EADDRINUSE') return `${where} is already in use (EADDRINUSE)`;
  if (e.code === 'EACCES') return `no permission to listen on ${where} (EACCES)`;
  if (e.code === 'EADDRNOTAVAIL') return `${where}: address not available on this machine (EADDRNOTAVAIL)`;
  return `cannot listen on ${where} (${e.code ?? e.message})`;
}

/**
 * Starts `server` listening; resolves once it really listens (with the port it got, for port 0)
 * and rejects with a message naming the port when it cannot. Express's `app.listen(port, cb)`
 * hands a listen error to `cb`, which reads as success when `cb` ignores its argument.
 */
export function listen(server: Server, port: number, host?: string): Promise<number> {
  const where = host ? `${host}:${port}` : `port ${port}`;
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new Error(reason(e, where)));
    };
    const onListening = () => {
      server.off('error', onError);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    if (host) server.listen(port, host);
    else server.listen(port);
  });
}
