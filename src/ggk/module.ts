import type { HubModule } from '../common/hub-module';
import { GgkEnvelopEntity } from './ggk-envelop.entity';
import { GgkTijdstipEntity } from './ggk-tijdstip.entity';
import { ggkKanaal } from './ggk.kanaal';
import { GgkOntvangst } from './ggk.ontvangst';
import { GgkBerichtResolver } from './ggk.resolver';
import { ggkRouter } from './ggk.router';
import { allemaal, clientCertificaat, gedeeldToken } from './ggk.toegang';
import { ggkTls } from './ggk.tls';
import { ggkLoaders } from './loaders';

/**
 * The GGk adapter (StUF-GGk 0210): the hub as its municipalities' system in the national chain.
 * Serves the OntvangAsynchroon port (on with GGK=on) and sends the hub's messages for providers
 * reached through the GGk as Di01/Du01.
 */
export const MODULE: HubModule = {
  naam: 'ggk',
  entiteiten: [GgkEnvelopEntity, GgkTijdstipEntity],
  resolvers: [GgkBerichtResolver],
  loaders: ggkLoaders,
  // With GGK_TLS_PORT a caller needs the token and a client certificate: a call on PORT is refused.
  routes: ({ cfg, ds, sleutels }) =>
    cfg.GGK === 'on'
      ? [{ pad: '/ggk', router: ggkRouter(new GgkOntvangst(ds, sleutels, cfg), cfg.GGK_TLS_PORT === undefined ? gedeeldToken(cfg) : allemaal(gedeeldToken(cfg), clientCertificaat(cfg))) }]
      : [],
  bezorgkanalen: ({ cfg, ds }) => [ggkKanaal(ds, cfg)],
  // The worker shows the certificate to GGK_URL; the api serves GGK_TLS_PORT with it.
  certificaten: (cfg) => [{ ...ggkTls(cfg), processen: cfg.GGK_TLS_PORT === undefined ? ['worker'] : ['api', 'worker'] }],
  tlsPoorten: (cfg) => (cfg.GGK === 'on' && cfg.GGK_TLS_PORT !== undefined ? [{ pad: '/ggk', poort: cfg.GGK_TLS_PORT, bestanden: ggkTls(cfg) }] : []),
};
