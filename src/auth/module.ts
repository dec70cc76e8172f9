import type { HubModule } from '../common/hub-module';
import { AuditEntity } from './audit.entity';
import { devTokenRouter } from './dev-tokens';

/** Who did what: the append-only audit log. */
export const MODULE: HubModule = {
  naam: 'auth',
  entiteiten: [AuditEntity],
  resolvers: [],
  // Development sign-in only: never mounted in production or without an HS256 secret.
  routes: ({ cfg, ds }) => (cfg.NODE_ENV !== 'production' && cfg.JWT_SECRET ? [{ pad: '/dev', router: devTokenRouter(ds, cfg) }] : []),
};
