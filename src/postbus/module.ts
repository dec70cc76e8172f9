import type { HubModule } from '../common/hub-module';
import { postbusRouter } from './postbus.router';
import { PostbusResolver } from './postbus.resolver';

/** The mailbox: receivers without a delivery endpoint pull what waits for them and confirm receipt. */
export const MODULE: HubModule = {
  naam: 'postbus',
  entiteiten: [],
  resolvers: [PostbusResolver],
  routes: ({ ds, verifier, sleutels }) => [{ pad: '/ijw/postbus', router: postbusRouter(ds, verifier, sleutels) }],
};
