import type { HubModule } from '../common/hub-module';
import { AuditEntity } from './audit.entity';
import { AuditregelResolver } from './auditregels.resolver';
import { auditregelsRouter } from './auditregels.router';
import { devTokenRouter } from './dev-tokens';

/** Who did what: the append-only audit log, and the auditor's reading of it (GraphQL and CSV). */
export const MODULE: HubModule = {
  naam: 'auth',
  entiteiten: [AuditEntity],
  resolvers: [AuditregelResolver],
  routes: ({ cfg, ds, verifier, sleutels }) => [
    { pad: '/export', router: auditregelsRouter(ds, verifier, sleutels) },
    // Development sign-in only: never mounted in production or without an HS256 secret.
    ...(cfg.NODE_ENV !== 'production' && cfg.JWT_SECRET ? [{ pad: '/dev', router: devTokenRouter(ds, cfg) }] : []),
  ],
};
