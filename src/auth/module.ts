import type { HubModule } from '../common/hub-module';
import { AuditEntity } from './audit.entity';

/** Who did what: the append-only audit log. */
export const MODULE: HubModule = {
  naam: 'auth',
  entiteiten: [AuditEntity],
  resolvers: [],
};
