import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../graphql/node';

@ObjectType('ArrangementOnderdeel', { description: 'A product of an arrangement with its default volume.', simpleResolvers: true })
export class ArrangementOnderdeelType {
  productId!: string;

  @Field(() => Int, { description: 'Default volume (iJw Volume) in the product\'s unit.' })
  volume!: number;

  @Field({ description: 'iJw Frequentie (WMO757) of the volume.' })
  frequentie!: string;
}

@ObjectType('Arrangement', { implements: Node, description: 'A named bundle of products an access team can allocate as one package.', simpleResolvers: true })
export class ArrangementType {
  @Field(() => ID, { description: 'Technical id.' })
  id!: string;

  @Field({ description: 'Name.' })
  naam!: string;

  @Field({ description: 'Description.' })
  omschrijving!: string;
}
