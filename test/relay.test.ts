import { buildClientSchema, getIntrospectionQuery, getNamedType, isInterfaceType, isObjectType, type GraphQLObjectType, type IntrospectionQuery } from 'graphql';
import { AGB } from './fixtures/regions';
import { QUERY_MATRIX } from './fixtures/rollen-matrix';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';

pinKlok();

/**
 * The Relay specs over the whole schema, found by introspection so a new connection or Node type
 * is covered without a line here: every `*Connection` field pages both ways over the same items
 * with the right flags and opaque cursors (Cursor Connections), every Node type reads back
 * through node/nodes by its global id, and node keeps tenants apart like the typed queries
 * (Global Object Identification).
 */

let hub: HubTestEnvironment;
let beheerder: string;

type Data = Record<string, unknown>;

async function gql(token: string, query: string, variables?: Data): Promise<Data> {
  const r = await hub.api.gql<Data>(token, query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

interface Page {
  edges: { cursor: string; node: { id?: string; __typename: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

let schemaTypes: { connections: { veld: string; node: GraphQLObjectType }[]; nodeTypes: string[] };

beforeAll(async () => {
  hub = await createHubTestEnvironment('relay');
  beheerder = hub.tokens.beheerder;
  stil.auditregels = `filter: { tot: "${new Date().toISOString()}" }`;
  const intro = (await gql(beheerder, getIntrospectionQuery())) as unknown as IntrospectionQuery;
  const schema = buildClientSchema(intro);
  const query = schema.getQueryType()!;
  const connections = Object.values(query.getFields())
    .filter((f) => getNamedType(f.type).name.endsWith('Connection'))
    .map((f) => {
      const conn = getNamedType(f.type) as GraphQLObjectType;
      const edge = getNamedType(conn.getFields().edges.type) as GraphQLObjectType;
      return { veld: f.name, node: getNamedType(edge.getFields().node.type) as GraphQLObjectType, args: f.args };
    });
  for (const c of connections) {
    // Every connection takes the four page arguments, and no other argument is required.
    expect(c.args.map((a) => a.name)).toEqual(expect.arrayContaining(['first', 'after', 'last', 'before']));
  }
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) throw new Error('no Node interface');
  schemaTypes = { connections, nodeTypes: schema.getPossibleTypes(node).map((t) => t.name).sort() };
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

/**
 * Arguments a connection needs to stand still while it is paged: reading the audit trail is
 * itself audited, so it is paged up to a moment before the test.
 */
const stil: Record<string, string> = {};
const metArgs = (veld: string, args: string) => (stil[veld] ? `${args}, ${stil[veld]}` : args);

/** Who reads a connection here: the administrator, or for a list it may not read (a receiver's mailbox) a role that may. */
function lezer(veld: string): string {
  const mag = QUERY_MATRIX[veld];
  if (!mag || mag.beheerder !== 'FORBIDDEN') return beheerder;
  if (mag.aanbieder !== 'FORBIDDEN') return hub.tokens.alfa;
  if (mag.gemeente !== 'FORBIDDEN') return hub.tokens.bosch;
  return hub.tokens.regio;
}

/** Every item of a connection, one page of `n` at a time, forward or backward. */
async function alles(veld: string, n: number, richting: 'vooruit' | 'achteruit'): Promise<{ ids: string[]; paginas: Page[] }> {
  const paginas: Page[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const args = richting === 'vooruit' ? `first: ${n}${cursor ? `, after: "${cursor}"` : ''}` : `last: ${n}${cursor ? `, before: "${cursor}"` : ''}`;
    const d = await gql(lezer(veld), `{ c: ${veld}(${metArgs(veld, args)}) { edges { cursor node { __typename } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`);
    const p = d.c as Page;
    paginas.push(p);
    const verder = richting === 'vooruit' ? p.pageInfo.hasNextPage : p.pageInfo.hasPreviousPage;
    if (!verder) break;
    cursor = richting === 'vooruit' ? p.pageInfo.endCursor : p.pageInfo.startCursor;
  }
  const ids = (richting === 'vooruit' ? paginas : [...paginas].reverse()).flatMap((p) => p.edges.map((e) => e.cursor));
  return { ids, paginas };
}

describe('every connection field follows the Cursor Connections spec', () => {
  it('finds the connections and Node types by introspection', () => {
    expect(schemaTypes.connections.map((c) => c.veld)).toEqual(expect.arrayContaining(['contracten', 'toewijzingen', 'verzoeken', 'capaciteit', 'capaciteitHistorie', 'lumpsums']));
    expect(schemaTypes.nodeTypes).toEqual(expect.arrayContaining(['Aanbieder', 'Bericht', 'Contract', 'Declaratie', 'Gemeente', 'Lumpsum', 'Product', 'Regio', 'Toewijzing', 'Verzoek', 'Capaciteit']));
  });

  it('pages forward and backward over the same items, in forward order, with the flags right at both ends', async () => {
    const gezien: string[] = [];
    for (const { veld } of schemaTypes.connections) {
      const heel = (await gql(lezer(veld), `{ c: ${veld}(${metArgs(veld, 'first: 200')}) { edges { cursor } totalCount } }`)).c as { edges: { cursor: string }[]; totalCount: number };
      expect({ veld, n: heel.edges.length }).toEqual({ veld, n: Math.min(heel.totalCount, 200) });
      const vooruit = await alles(veld, 2, 'vooruit');
      const achteruit = await alles(veld, 2, 'achteruit');
      const alle = heel.edges.map((e) => e.cursor);
      expect({ veld, ids: vooruit.ids }).toEqual({ veld, ids: alle });
      expect({ veld, ids: achteruit.ids }).toEqual({ veld, ids: alle });
      // At the start: nothing before; at the end: nothing after, whichever way the pages went.
      const eerste = vooruit.paginas[0].pageInfo;
      const laatste = achteruit.paginas[0].pageInfo;
      expect({ veld, prev: eerste.hasPreviousPage, next: laatste.hasNextPage }).toEqual({ veld, prev: false, next: false });
      expect({ veld, next: vooruit.paginas.at(-1)!.pageInfo.hasNextPage, prev: achteruit.paginas.at(-1)!.pageInfo.hasPreviousPage }).toEqual({ veld, next: false, prev: false });
      for (const p of [...vooruit.paginas, ...achteruit.paginas]) {
        expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
        expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      }
      if (alle.length >= 3) {
        gezien.push(veld);
        // Middle pages know both sides; first/before and last/after bound a page from both ends.
        expect(vooruit.paginas[1].pageInfo).toMatchObject({ hasPreviousPage: true });
        const tussen = (await gql(lezer(veld), `{ c: ${veld}(${metArgs(veld, `first: 200, after: "${alle[0]}", before: "${alle[alle.length - 1]}"`)}) { edges { cursor } } }`)).c as Page;
        expect(tussen.edges.map((e) => e.cursor)).toEqual(alle.slice(1, -1));
        const staart = (await gql(lezer(veld), `{ c: ${veld}(${metArgs(veld, `last: 200, after: "${alle[0]}"`)}) { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }`)).c as Page;
        expect(staart.edges.map((e) => e.cursor)).toEqual(alle.slice(1));
        expect(staart.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false });
      }
      // Cursors are opaque: no id or key in the clear.
      for (const c of alle) expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    // The fixture has enough rows for the middle-page checks on several connections.
    expect(gezien.length).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('refuses first and last together, a size out of range and a cursor it did not issue, in Dutch, as BAD_USER_INPUT', async () => {
    const fout = async (args: string) => {
      const r = await hub.api.gql(beheerder, `{ contracten(${args}) { edges { cursor } } }`);
      return { code: r.errors?.[0].extensions?.code, message: r.errors?.[0].message };
    };
    expect(await fout('first: 1, last: 1')).toEqual({ code: 'BAD_USER_INPUT', message: 'Geef first of last, niet allebei' });
    expect((await fout('before: "bm9n"')).code).toBe('BAD_USER_INPUT');
    expect((await fout('after: "x"')).message).toBe('Ongeldige cursor');
    expect((await fout('last: 201')).code).toMatch(/BAD_USER_INPUT|VALIDATION_FAILED/);
  });
});

describe('every Node type reads back by its global id', () => {
  it('node and nodes return each type\'s objects by global id; the ids are opaque', async () => {
    const teLezen = new Map<string, string>();
    for (const { veld, node } of schemaTypes.connections) {
      if (!isObjectType(node) || teLezen.has(node.name) || !schemaTypes.nodeTypes.includes(node.name)) continue;
      const p = (await gql(lezer(veld), `{ c: ${veld}(first: 1) { edges { node { ... on Node { id } } } } }`)).c as Page;
      if (p.edges[0]) teLezen.set(node.name, p.edges[0].node.id!);
    }
    const regio = (await gql(beheerder, '{ regios { id } }')).regios as { id: string }[];
    teLezen.set('Regio', regio[0].id);
    // The fixture holds contracts, products, arrangements, municipalities, providers and regions at least.
    expect([...teLezen.keys()]).toEqual(expect.arrayContaining(['Aanbieder', 'Arrangement', 'Contract', 'Gemeente', 'Product', 'Regio']));
    for (const [type, id] of teLezen) {
      expect(Buffer.from(id, 'base64').toString('utf8')).toMatch(new RegExp(`^${type}:`));
      const d = await gql(beheerder, `query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(d.node).toEqual({ __typename: type, id });
    }
    const ids = [...teLezen.values()];
    const d = await gql(beheerder, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [...ids, 'onbekend'] });
    expect(d.nodes).toEqual([...[...teLezen].map(([type, id]) => ({ __typename: type, id })), null]);
  });

  it('an argument takes the global id, and a raw key still (transition)', async () => {
    const c = ((await gql(beheerder, '{ contracten(first: 1) { edges { node { id nummer } } } }')).contracten as { edges: { node: { id: string; nummer: string } }[] }).edges[0].node;
    expect(((await gql(beheerder, `query($id: ID!) { contract(id: $id) { nummer } }`, { id: c.id })).contract as { nummer: string }).nummer).toBe(c.nummer);
    const ruw = Buffer.from(c.id, 'base64').toString('utf8').split(':')[1];
    expect(((await gql(beheerder, `{ contract(id: "${ruw}") { id } }`)).contract as { id: string }).id).toBe(c.id);
  });

  it('a provider cannot read another provider\'s objects through node: null, exactly like the typed query', async () => {
    const alfa = await hub.api.token({ rol: 'aanbieder', agb: AGB.alfa });
    const beta = await hub.api.token({ rol: 'aanbieder', agb: AGB.beta });
    const vanAlfa = ((await gql(alfa, '{ contracten(first: 200) { edges { node { id aanbiederAgb } } } }')).contracten as { edges: { node: { id: string; aanbiederAgb: string } }[] }).edges.map((e) => e.node);
    expect(vanAlfa.length).toBeGreaterThan(0);
    for (const c of vanAlfa) {
      expect(c.aanbiederAgb).toBe(AGB.alfa);
      expect((await gql(alfa, `query($id: ID!) { node(id: $id) { id } }`, { id: c.id })).node).toEqual({ id: c.id });
      expect((await gql(beta, `query($id: ID!) { node(id: $id) { id } }`, { id: c.id })).node).toBeNull();
      expect((await gql(beta, `query($id: ID!) { contract(id: $id) { id } }`, { id: c.id })).contract).toBeNull();
    }
    expect((await gql(beta, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: vanAlfa.map((c) => c.id) })).nodes).toEqual(vanAlfa.map(() => null));
    const alfaZelf = ((await gql(alfa, '{ aanbieders { edges { node { id } } } }')).aanbieders as { edges: { node: { id: string } }[] }).edges[0].node.id;
    expect((await gql(beta, `query($id: ID!) { node(id: $id) { id } }`, { id: alfaZelf })).node).toBeNull();
  });
});
