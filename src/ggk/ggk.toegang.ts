import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Config } from '../config/config';
import { bearerToken } from '../http/bearer';

/**
 * Who may call the OntvangAsynchroon port: the region's Digikoppeling provider, on behalf of the
 * GGk. A check is one function of the request, so the TLS client certificate check (PKIoverheid,
 * issue 13 item 6) slots in beside or instead of the shared token without touching the port.
 */
export type GgkToegang = (req: Request) => boolean;

/** The shared bearer token of GGK_TOKEN, compared in constant time. */
export function gedeeldToken(cfg: Config): GgkToegang {
  const verwacht = Buffer.from(cfg.GGK_TOKEN ?? '');
  return (req) => {
    const t = Buffer.from(bearerToken(req.headers.authorization) ?? '');
    return verwacht.length > 0 && t.length === verwacht.length && timingSafeEqual(t, verwacht);
  };
}
