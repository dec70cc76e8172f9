import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { AUDIT_LEZERS, auditregelService } from './auditregels.service';
import { AuditregelFilter } from './auditregels.inputs';
import { AuditregelType } from './auditregels.types';

export const AuditregelConnection = ConnectionType(AuditregelType, 'Auditregel');

@Resolver(() => AuditregelType)
export class AuditregelResolver {
  @Authorized([...AUDIT_LEZERS])
  @Query(() => AuditregelConnection, {
    description: 'The audit trail (NEN 7513), newest first: an auditor its region\'s, an administrator all (or its region\'s). Reading it is audited too.',
  })
  async auditregels(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => AuditregelFilter, { nullable: true }) filter?: AuditregelFilter) {
    return auditregelService.pagina(await ctx.em(), ctx.principal, ctx.sleutels, filter, page);
  }
}
