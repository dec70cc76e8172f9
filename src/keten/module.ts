import type { HubModule } from '../common/hub-module';
import { KetenResolver } from './keten.resolver';
import { berichtVerloop } from './keten.service';

/**
 * The chain seen whole (issue 13 item 4): the trace of a message from the provider's portal
 * through VECOZO and the GGk to the hub and back (`berichtVerloop`), in GraphQL and on the REST
 * read of a message (`GET /ijw/berichten/{id}`: `verloop`). It reads the portal's (vecozo) and
 * the GGk's tables and owns none.
 */
export const MODULE: HubModule = {
  naam: 'keten',
  entiteiten: [],
  resolvers: [KetenResolver],
  berichtLezing: async (em, p, sleutels, id) => ({ verloop: (await berichtVerloop(em, p, sleutels, id))?.stappen ?? [] }),
};
