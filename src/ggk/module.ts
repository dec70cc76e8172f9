import type { HubModule } from '../common/hub-module';
import { GgkEnvelopEntity } from './ggk-envelop.entity';
import { GgkTijdstipEntity } from './ggk-tijdstip.entity';
import { ggkKanaal } from './ggk.kanaal';
import { GgkOntvangst } from './ggk.ontvangst';
import { GgkBerichtResolver } from './ggk.resolver';
import { ggkRouter } from './ggk.router';
import { gedeeldToken } from './ggk.toegang';
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
  routes: ({ cfg, ds, sleutels }) => (cfg.GGK === 'on' ? [{ pad: '/ggk', router: ggkRouter(new GgkOntvangst(ds, sleutels, cfg), gedeeldToken(cfg)) }] : []),
  bezorgkanalen: ({ cfg, ds }) => [ggkKanaal(ds, cfg)],
};
