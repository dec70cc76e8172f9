import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What the hub knows of the request (or job) it is working for: its id, and once the bearer
 * token is verified the caller's role and organisation. Never a BSN, never the token.
 */
export interface RequestScope {
  requestId: string;
  role?: string;
  /** The caller's organisation: its AGB code, its municipality codes, or its region. */
  org?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The header a request id travels in, inbound and on outbound deliveries. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An acceptable request id: short, and only characters safe in a log line, a header and a column. */
const VEILIG = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's request id when it is acceptable, otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && VEILIG.test(header) ? header : randomUUID();
}

/** Whether a request id stored or carried in a job may be used as one (ids from Redis are not trusted blindly). */
export function isRequestId(v: unknown): v is string {
  return typeof v === 'string' && VEILIG.test(v);
}

/** Runs `fn` with `scope` as the current request: every log line and message it writes carries its id. */
export function runInRequest<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current request's scope, if any. */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

/** The current request's id, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Notes the verified caller on the current request, for its log line. */
export function noteCaller(p: { rol: string; agb?: string; gemeenten: string[]; regio?: string }): void {
  const s = storage.getStore();
  if (!s) return;
  s.role = p.rol;
  s.org = p.agb ?? (p.gemeenten.length ? p.gemeenten.join(',') : p.regio);
}
