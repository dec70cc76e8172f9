import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { BerichtEntity } from '../messaging/bericht.entity';
import { GgkEnvelopEntity } from './ggk-envelop.entity';

@Resolver(() => BerichtEntity)
export class GgkBerichtResolver {
  @FieldResolver(() => [GgkEnvelopEntity], {
    description: 'The StUF-GGk envelopes that carried this message through the GGk (Di01, Du01), with their state and any fault (Fo03, Fo01) about them; empty for a message that did not travel through the GGk.',
  })
  keten(@Root() b: BerichtEntity, @Ctx() ctx: HubContext) {
    return ctx.loaders.ketenenvelopen.load(b.id);
  }
}
