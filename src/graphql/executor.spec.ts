import { buildSchema, GraphQLError, parse } from 'graphql';
import { HubError } from '../common/hub-error';
import { jitGateway } from './executor';

const schema = buildSchema(`
  input Invoer { lijst: [Int!]! = [], n: Int }
  type Query { a: Int, fout: Int, later: Int, som(invoer: Invoer!): Int }
`);
schema.getQueryType()!.getFields().fout.resolve = () => {
  throw new HubError('BAD_USER_INPUT', 'Ongeldige cursor');
};
schema.getQueryType()!.getFields().later.resolve = () => Promise.resolve(7);
schema.getQueryType()!.getFields().som.resolve = (_, a: { invoer: { lijst: number[] } }) => a.invoer.lijst.reduce((x, y) => x + y, 0);

async function executor(max: number) {
  const gw = jitGateway(schema, max);
  let seen: unknown;
  gw.onSchemaLoadOrUpdate((s) => (seen = s.apiSchema));
  const { executor: run } = await gw.load({ apollo: {} });
  expect(seen).toBe(schema);
  const exec = (query: string, variables: Record<string, unknown> = {}) =>
    run!({ queryHash: query, operationName: null, document: parse(query), context: {}, request: { variables } } as unknown as Parameters<NonNullable<typeof run>>[0]);
  return { gw, exec };
}

describe('jitGateway', () => {
  it('runs compiled operations with the schema resolvers, promises included', async () => {
    const { exec } = await executor(10);
    expect(await exec('{ a later }')).toEqual({ data: { a: null, later: 7 } });
  });

  it('hands errors on as graphql-js makes them: extensions an object, the thrown error as originalError', async () => {
    const { exec } = await executor(10);
    const r = await exec('{ fout }');
    const e = r.errors![0];
    expect(e).toBeInstanceOf(GraphQLError);
    expect(e.extensions).toEqual({});
    expect(e.originalError).toBeInstanceOf(HubError);
    expect(e.path).toEqual(['fout']);
    expect(e.locations).toEqual([{ line: 1, column: 3 }]);
  });

  it('fills in the default of a non-null input field left out of a variable, as graphql-js does', async () => {
    const { exec } = await executor(10);
    const q = 'query($i: Invoer!) { som(invoer: $i) }';
    expect(await exec(q, { i: { n: 1 } })).toEqual({ data: { som: 0 } });
    expect(await exec(q, { i: { lijst: [1, 2] } })).toEqual({ data: { som: 3 } });
    expect(await exec('{ som(invoer: { n: 1 }) }')).toEqual({ data: { som: 0 } });
  });

  it('keeps at most max compiled operations', async () => {
    const { gw, exec } = await executor(2);
    for (const q of ['{ a }', '{ later }', '{ a later }', '{ a }']) await exec(q);
    expect(gw.compiled()).toBe(2);
  });
});
