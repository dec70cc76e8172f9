import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createApp, type HubApp } from '../../src/app';
import { signDevToken } from '../../src/auth/jwt';
import type { Principal } from '../../src/auth/principal';
import { loadConfig, type Config } from '../../src/config/config';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';

export interface TestApi {
  url: string;
  cfg: Config;
  hub: HubApp;
  redis: Redis;
  token(p: Omit<Principal, 'sub' | 'gemeenten'> & { gemeenten?: string[] }): Promise<string>;
  gql<T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

/**
 * Starts the real HTTP app on a random port against a test database. `env` overrides the
 * configuration (NODE_ENV=production needs JWT_ISSUER, JWT_AUDIENCE and HUB_ENCRYPTION_KEY too);
 * `token` mints tokens that carry the configured issuer and audience.
 */
export async function startTestApi(ds: DataSource, env: Record<string, string> = {}): Promise<TestApi> {
  const cfg = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_SECRET, ...env });
  const redis = new Redis(cfg.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await redis.connect();
  const hub = await createApp(cfg, ds, redis);
  const server: Server = await new Promise((resolve) => {
    const s = hub.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    cfg,
    hub,
    redis,
    token: (p) => signDevToken({ gemeenten: [], ...p }, TEST_SECRET, '12h', { issuer: cfg.JWT_ISSUER, audience: cfg.JWT_AUDIENCE }),
    async gql(token, query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: never; errors?: never };
      return { status: res.status, ...body };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await hub.apollo.stop();
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    },
  };
}

/** A Relay connection as the api answers it (the fields tests read). */
export interface Conn<T> {
  edges: { node: T }[];
}

/** The items of a connection's page, in order. */
export const knopen = <T>(c: Conn<T>): T[] => c.edges.map((e) => e.node);

/** The key inside a global id (base64 of `Type:key`), to compare with stored rows; a raw key as it is. */
export function ruweId(id: string): string {
  const t = Buffer.from(id, 'base64').toString('utf8');
  const i = t.indexOf(':');
  return /^[A-Z][A-Za-z]*:/.test(t) && i > 0 ? t.slice(i + 1) : id;
}
