import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('SandboxPartij', { description: 'A fictitious party of a sandbox region and the real party whose place it takes there.' })
export class SandboxPartij {
  @Field({ description: 'Its code in the sandbox: a CBS-like municipality code 9xxx or an AGB-like code 99xxxxxx, given to no real party here.' })
  code!: string;

  @Field({ description: 'Its fictitious name.' })
  naam!: string;

  @Field({ description: 'The code of the real party of the production region it stands for.' })
  staatVoor!: string;
}

@ObjectType('Sandbox', { description: 'A sandbox region: a copy of a production region\'s contract structure with fictitious parties, for trying messages.' })
export class SandboxType {
  @Field({ description: 'Region code of the sandbox (SANDBOX- + the production code): what sandbox tokens name.' })
  regio!: string;

  @Field({ description: 'The production region it copies.' })
  bron!: string;

  @Field(() => [SandboxPartij], { description: 'Its fictitious municipalities.' })
  gemeenten!: SandboxPartij[];

  @Field(() => [SandboxPartij], { description: 'Its fictitious providers, one per provider contracted in the production region.' })
  aanbieders!: SandboxPartij[];

  @Field(() => Int, { description: 'Contracts copied (with their lots, products, tariffs and ceilings).' })
  contracten!: number;
}
