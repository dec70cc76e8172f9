import type { HubModule } from '../common/hub-module';
import { BEHEER_PAD, beheerRouter } from './beheer.router';

/** The administrator's pages: the queue dashboard and the message backlog. */
export const MODULE: HubModule = {
  naam: 'beheer',
  entiteiten: [],
  resolvers: [],
  routes: (ctx) => [{ pad: BEHEER_PAD, router: beheerRouter(ctx) }],
};
