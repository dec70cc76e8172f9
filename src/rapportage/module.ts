import type { HubModule } from '../common/hub-module';
import { RapportageResolver } from './rapportage.resolver';
import { dashboardRouter } from './dashboard.router';
import { kwartaalExportRouter } from './rapportage.router';

/** The quarterly report and dashboard. */
export const MODULE: HubModule = {
  naam: 'rapportage',
  entiteiten: [],
  resolvers: [RapportageResolver],
  routes: ({ cfg, ds, verifier }) => [
    { pad: '/export', router: kwartaalExportRouter(ds, verifier) },
    { pad: '/dashboard', router: dashboardRouter(cfg) },
  ],
};
