import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { resterend } from './herversleuteling';

@ObjectType({ description: 'Values of one encrypted column not yet under the current key.' })
class ResterendeKolom {
  @Field({ description: 'table.column' })
  kolom!: string;

  @Field(() => Int)
  aantal!: number;
}

@ObjectType({ description: 'Progress of the background re-encryption after a key rotation.' })
class Herversleuteling {
  @Field({ description: 'Id of the key new data is written under.' })
  huidigeSleutel!: string;

  @Field(() => [String], { description: 'Ids of the keys that only still read (remove them once `resterend` is 0).' })
  oudeSleutels!: string[];

  @Field(() => Int, { description: 'Values still under an older key, over all columns.' })
  resterend!: number;

  @Field(() => [ResterendeKolom])
  perKolom!: ResterendeKolom[];
}

@Resolver()
export class SleutelResolver {
  @Authorized(['beheerder'])
  @Query(() => Herversleuteling, { description: 'How far the re-encryption into the current key is (administrators).' })
  async herversleuteling(@Ctx() ctx: HubContext): Promise<Herversleuteling> {
    const ring = ctx.sleutels.versleuteling;
    const perKolom = await resterend(await ctx.em(), ring);
    return { huidigeSleutel: ring.huidigId, oudeSleutels: ring.oudeIds, resterend: perKolom.reduce((s, k) => s + k.aantal, 0), perKolom };
  }
}
