import type { Config } from '../config/config';
import type { TlsBestanden } from '../common/tls';

/**
 * The hub's Digikoppeling identity: its PKIoverheid certificate (GGK_CERT, GGK_KEY), shown to
 * GGK_URL as a client and on GGK_TLS_PORT as a server, and the CAs of the Digikoppeling side (GGK_CA).
 */
export function ggkTls(cfg: Config): TlsBestanden {
  return { adapter: 'ggk', namen: { cert: 'GGK_CERT', key: 'GGK_KEY', ca: 'GGK_CA' }, cert: cfg.GGK_CERT, key: cfg.GGK_KEY, ca: cfg.GGK_CA };
}
