import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { sandboxService } from './sandbox.service';
import { SandboxType } from './sandbox.types';

/** A region's contract manager or an administrator of it. */
const BEHEERDERS = ['regio', 'beheerder'];

@Resolver(() => SandboxType)
export class SandboxResolver {
  @Authorized(BEHEERDERS)
  @Mutation(() => SandboxType, { description: 'Make the sandbox of a production region: SANDBOX-<code>, a copy of its contract structure (products, arrangements, contracts with lots, municipalities, products, tariffs, ceilings, indexations, waiting-time norms) with fictitious municipalities and providers.' })
  async maakSandbox(@Ctx() ctx: HubContext, @Arg('regio', { description: 'Code of the production region.' }) regio: string) {
    return sandboxService.maak(await ctx.em(), ctx.tx.dataSource, ctx.principal, regio);
  }

  @Authorized(BEHEERDERS)
  @Mutation(() => SandboxType, { description: 'Reset the sandbox of a production region in one transaction: every message, client, allocation and claim in it is deleted and the contract structure copied again; its fictitious parties keep their codes. Production is only read.' })
  async resetSandbox(@Ctx() ctx: HubContext, @Arg('regio', { description: 'Code of the production region.' }) regio: string) {
    return sandboxService.reset(await ctx.em(), ctx.tx.dataSource, ctx.principal, regio);
  }
}
