import type { HubModule } from '../common/hub-module';
import { openRouter } from './openbaar.router';
import { openCellen, OpenWachttijden } from './openbaar.service';

/** The public, anonymised waiting-time feed and its page (no token). */
export const MODULE: HubModule = {
  naam: 'openbaar',
  entiteiten: [],
  resolvers: [],
  routes: ({ cfg, ds }) => [{ pad: '/open', router: openRouter(cfg, new OpenWachttijden(openCellen(ds), cfg.OPEN_CACHE_SECONDS)) }],
};
