import { buildClientSchema, getIntrospectionQuery, getNamedType, isInterfaceType, isObjectType, type GraphQLObjectType, type IntrospectionQuery } from 'graphql';
import { AGB } from './fixtures/regions';
import { ruweId } from './helpers/api';
import { testBsn } from './helpers/berichten';
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

/**
 * The lists that were capped (budget lines at 1000, cost shares at 5000, the waiting list and
 * its alerts at 1000) page through every item now: more items than the old cap, read forward
 * and backward in pages of 200, in their documented order, each once, totalCount agreeing.
 * Rows are written as the owner in bulk (the api would take minutes for thousands); one
 * toewijzing is made through the api and copied.
 */
describe('the lists that were capped are whole connections', () => {
  type Rand = { cursor: string; node: Record<string, unknown> };

  /** Every edge of `veld(args)`, pages of 200 forward or backward; checks totalCount and the flags on the way. */
  async function allesVan(token: string, veld: string, args: string, velden: string, richting: 'vooruit' | 'achteruit'): Promise<Rand[]> {
    const paginas: Rand[][] = [];
    let cursor: string | null = null;
    let totaal = -1;
    for (let i = 0; i < 100; i++) {
      const pagina = richting === 'vooruit' ? `first: 200${cursor ? `, after: "${cursor}"` : ''}` : `last: 200${cursor ? `, before: "${cursor}"` : ''}`;
      const d = await gql(token, `{ c: ${veld}(${[args, pagina].filter(Boolean).join(', ')}) { edges { cursor node { ${velden} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`);
      const p = d.c as { edges: Rand[]; pageInfo: Page['pageInfo']; totalCount: number };
      totaal = p.totalCount;
      paginas.push(p.edges);
      const verder = richting === 'vooruit' ? p.pageInfo.hasNextPage : p.pageInfo.hasPreviousPage;
      if (!verder) break;
      expect(p.edges).toHaveLength(200);
      cursor = richting === 'vooruit' ? p.pageInfo.endCursor : p.pageInfo.startCursor;
    }
    const alle = (richting === 'vooruit' ? paginas : [...paginas].reverse()).flat();
    expect({ veld, n: alle.length }).toEqual({ veld, n: totaal });
    return alle;
  }

  /** Forward and backward agree and hold each item once; returns the items in order. */
  async function heel(token: string, veld: string, args: string, velden: string): Promise<Record<string, unknown>[]> {
    const vooruit = await allesVan(token, veld, args, velden, 'vooruit');
    const achteruit = await allesVan(token, veld, args, velden, 'achteruit');
    expect(achteruit.map((e) => e.cursor)).toEqual(vooruit.map((e) => e.cursor));
    expect(new Set(vooruit.map((e) => e.cursor)).size).toBe(vooruit.length);
    return vooruit.map((e) => e.node);
  }

  /** Whether `xs` is in order by `sleutel` (arrays compared element by element). */
  const oplopend = <T>(xs: T[], sleutel: (x: T) => (string | number)[]) =>
    xs.every((x, i) => {
      if (i === 0) return true;
      const [a, b] = [sleutel(xs[i - 1]), sleutel(x)];
      const k = a.findIndex((v, j) => v !== b[j]);
      return k >= 0 && a[k] < b[k];
    });

  beforeAll(async () => {
    // 1,700 budget lines over ten start days, each shared by the region's three municipalities (5,100 shares).
    await hub.rijen(
      `INSERT INTO begrotingspost (regio_code, naam, begindatum, einddatum, bedrag_centen, sleutel, procent_inwoners, gemeenten, aangemaakt_door, verdeeld_op)
       SELECT 'NOB', 'Post ' || lpad(g::text, 4, '0'), DATE '2026-01-01' + (g % 10), DATE '2026-12-31', 100000, 'inwoners', 100,
              ARRAY(SELECT DISTINCT code FROM gemeente WHERE regio_code = 'NOB' ORDER BY code), 'relay-test', now()
         FROM generate_series(1, 1700) g`,
    );
    await hub.rijen(
      `INSERT INTO kostenaandeel (begrotingspost_id, gemeente_code, regio_code, naam, begindatum, einddatum, inwoners, clienten, bedrag_centen)
       SELECT b.id, g.code, b.regio_code, b.naam, b.begindatum, b.einddatum, 1000, 0, 20000 FROM begrotingspost b, unnest(b.gemeenten) AS g(code)`,
    );
    // One toewijzing through the api, copied 1,100 times as waiting 2 to 8 days (the original: 0 days); a norm of 1 day.
    const r = await hub.api.gql<{ toewijzen: { toewijzingen: { id: string }[] } }>(
      hub.tokens.bosch,
      `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id } } }`,
      {
        input: {
          gemeenteCode: '0796',
          aanbiederAgb: AGB.alfa,
          client: { bsn: testBsn(7001), geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Wachter', adres: { postcode: '5211AB', huisnummer: 1 } },
          producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', einddatum: '2027-05-31', volume: 2, eenheid: '04', frequentie: '2' }],
        },
      },
    );
    expect(r.errors).toBeUndefined();
    const origineel = ruweId(r.data!.toewijzen.toewijzingen[0].id);
    const kolommen = (
      await hub.rijen<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'toewijzing' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )
    ).map((k) => k.column_name);
    const waarde: Record<string, string> = { id: 'gen_random_uuid()', nummer: 't.nummer + g', eerste_toewijzingsdatum: 't.eerste_toewijzingsdatum - (2 + g % 7)' };
    await hub.rijen(
      `INSERT INTO toewijzing (${kolommen.map((k) => `"${k}"`).join(', ')})
       SELECT ${kolommen.map((k) => waarde[k] ?? `t."${k}"`).join(', ')} FROM toewijzing t, generate_series(1, 1100) g WHERE t.id = $1`,
      [origineel],
    );
    const norm = await hub.api.gql(hub.tokens.regio, `mutation { stelWachttijdnormVast(input: { soort: aanmelding_tot_start, maxDagen: 1 }) { id } }`);
    expect(norm.errors).toBeUndefined();
  }, 120_000);

  it('begrotingsposten: all 1,700 lines (the old list stopped at 1,000), by start and name; each a Node', async () => {
    const posten = await heel(hub.tokens.regio, 'begrotingsposten', 'jaar: 2026', 'id naam begindatum');
    expect(posten).toHaveLength(1700);
    expect(oplopend(posten, (b) => [b.begindatum as string, b.naam as string])).toBe(true);
    const id = posten[0].id as string;
    expect(Buffer.from(id, 'base64').toString('utf8')).toMatch(/^Begrotingspost:/);
    expect((await gql(hub.tokens.regio, `query($id: ID!) { node(id: $id) { ... on Begrotingspost { naam } } }`, { id })).node).toEqual({ naam: posten[0].naam });
    // Another region's contract manager or a provider reads it through node(id) as through the list: not at all.
    const gro = await hub.api.token({ rol: 'regio', regio: 'GRO' });
    expect((await gql(gro, `query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
    expect((await gql(hub.tokens.alfa, `query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
  }, 120_000);

  it('kostenaandelen: all 5,100 shares (the old list stopped at 5,000), by start, line and municipality; a municipality its own', async () => {
    const aandelen = await heel(hub.tokens.regio, 'kostenaandelen', '', 'begrotingspostId naam begindatum gemeenteCode');
    expect(aandelen).toHaveLength(5100);
    expect(oplopend(aandelen, (k) => [k.begindatum as string, k.naam as string, k.gemeenteCode as string])).toBe(true);
    const bosch = await heel(hub.tokens.bosch, 'kostenaandelen', '', 'gemeenteCode');
    expect(bosch).toHaveLength(1700);
    expect(new Set(bosch.map((k) => k.gemeenteCode))).toEqual(new Set(['0796']));
  }, 300_000);

  it('wachtlijst: all 1,101 waiting (the old list stopped at 1,000), longest wait first, then by number', async () => {
    const lijst = await heel(hub.tokens.regio, 'wachtlijst', '', 'toewijzingNummer dagenWachtend');
    expect(lijst).toHaveLength(1101);
    expect(oplopend(lijst, (w) => [-(w.dagenWachtend as number), w.toewijzingNummer as number])).toBe(true);
    expect(lijst.at(-1)!.dagenWachtend).toBe(0);
    // The filter still applies.
    expect(await heel(hub.tokens.regio, 'wachtlijst', 'filter: { gemeenteCode: "0828" }', 'toewijzingNummer')).toEqual([]);
  }, 120_000);

  it('wachttijdSignalen: all 1,100 children over the norm (the old list stopped at 1,000), most days first', async () => {
    const signalen = await heel(hub.tokens.regio, 'wachttijdSignalen', '', 'soort dagen aanbiederAgb gemeenteCode toewijzingId');
    const wachtend = signalen.filter((s) => s.soort === 'wachtend_boven_norm');
    expect(wachtend).toHaveLength(1100);
    expect(new Set(wachtend.map((s) => s.toewijzingId)).size).toBe(1100);
    const volgorde = signalen.map((s) => [s.soort as string, -(s.dagen as number)] as const);
    expect(volgorde.every((v, i) => i === 0 || volgorde[i - 1][0] < v[0] || (volgorde[i - 1][0] === v[0] && volgorde[i - 1][1] <= v[1]))).toBe(true);
    // /metrics counts every alert, not a capped list's.
    expect(await (await fetch(`${hub.api.url}/metrics`)).text()).toContain('hub_wachttijd_signalen{soort="wachtend_boven_norm"} 1100');
  }, 120_000);

  it('wachttijden: an aggregate of 1,101 cells is whole (the statistics stopped at 1,000 without a word)', async () => {
    // Each waiting child under a product code of its own: one cell per provider, municipality and product.
    await hub.rijen(`UPDATE toewijzing SET product_code = lpad((nummer % 100000)::text, 5, '0') WHERE product_categorie = '45'`);
    const r = await gql(hub.tokens.regio, `{ wachttijden { productCode aantalWachtend } }`);
    const cellen = r.wachttijden as { productCode: string; aantalWachtend: number }[];
    expect(cellen).toHaveLength(1101);
    expect(cellen.reduce((n, c) => n + c.aantalWachtend, 0)).toBe(1101);
  }, 120_000);
});
