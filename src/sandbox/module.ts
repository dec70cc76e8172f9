import type { HubModule } from '../common/hub-module';
import { SandboxResolver } from './sandbox.resolver';

/** Sandbox regions: a production region's contract structure with fictitious parties, isolated by row-level security. */
export const MODULE: HubModule = {
  naam: 'sandbox',
  entiteiten: [],
  resolvers: [SandboxResolver],
};
