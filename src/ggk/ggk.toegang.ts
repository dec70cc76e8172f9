import { timingSafeEqual } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Request } from 'express';
import { onderwerpVeld } from '../common/tls';
import type { Config } from '../config/config';
import { bearerToken } from '../http/bearer';

/**
 * Who may call the OntvangAsynchroon port: the region's Digikoppeling provider, on behalf of the
 * GGk. A check is one function of the request: the shared token, and with GGK_TLS_PORT also the
 * caller's TLS client certificate (PKIoverheid).
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

/**
 * A call that came over GGK_TLS_PORT with a client certificate issued under GGK_CA (the TLS layer
 * refuses any other there) and, with GGK_PEER_OIN, one whose subject serialNumber (the OIN of a
 * PKIoverheid certificate) is listed. Calls on the plain port fail it.
 */
export function clientCertificaat(cfg: Config): GgkToegang {
  const oins = new Set((cfg.GGK_PEER_OIN ?? '').split(',').map((o) => o.trim()).filter(Boolean));
  return (req) => {
    const s = req.socket as Partial<TLSSocket>;
    if (!s.encrypted || !s.authorized || !s.getPeerCertificate) return false;
    if (oins.size === 0) return true;
    return onderwerpVeld(s.getPeerCertificate().subject, 'serialNumber').some((o) => oins.has(o));
  };
}

/** Every check must pass. */
export function allemaal(...checks: GgkToegang[]): GgkToegang {
  return (req) => checks.every((c) => c(req));
}
