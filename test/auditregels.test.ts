import { signDevToken } from '../src/auth/jwt';
import type { Principal } from '../src/auth/principal';
import { AGB } from './fixtures/regions';
import { ruweId, TEST_SECRET } from './helpers/api';
import { testBsn } from './helpers/berichten';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * The auditor's trail (issue 12): `auditregels` and its CSV, each filter against what the owner
 * reads from audit_log, the BSN filter through the keyed hash, the NEN 7513 fields, scope per role,
 * and that reading the trail is audited itself.
 */

let hub: HubTestEnvironment;
const tk: Record<string, string> = {};
const BSN_A = testBsn(1);
const BSN_B = testBsn(2);
let hashA: string;
let hashB: string;
const toewijzingVan: Record<string, string> = {};

const AUDITREGELS = `query($filter: AuditregelFilter, $first: Int!, $after: String) {
  auditregels(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id tijdstip actor rol namens regioCode actie entiteit entiteitId clientReferentie reden details } }
  }
}`;

interface Regel {
  id: string;
  tijdstip: string;
  actor: string;
  rol: string;
  namens: string | null;
  regioCode: string | null;
  actie: string;
  entiteit: string;
  entiteitId: string | null;
  clientReferentie: string | null;
  reden: string;
  details: string;
}
interface Pagina {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Regel }[];
}

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

async function lees(token: string, filter: Record<string, unknown> = {}, first = 200, after?: string): Promise<Pagina> {
  const r = await hub.api.gql<{ auditregels: Pagina }>(token, AUDITREGELS, { filter, first, after });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.auditregels;
}

const ids = (p: Pagina) => p.edges.map((e) => e.node.id);

/** The ids the owner finds for a condition on audit_log, newest first, of region NOB and written before `voor`. */
async function verwacht(voorwaarde: string, params: unknown[] = [], regio: string | null = 'NOB'): Promise<string[]> {
  const r = await hub.rijen<{ id: string }>(
    `SELECT id::text FROM audit_log WHERE (${voorwaarde}) ${regio ? `AND regio_code = '${regio}'` : ''} AND actie NOT LIKE 'auditregels.%' ORDER BY id DESC`,
    params,
  );
  return r.map((x) => x.id);
}

/** Reads of the trail are rows too: leave them out where a filter would otherwise count them. */
const geenLezingen = (p: Pagina) => p.edges.filter((e) => !e.node.actie.startsWith('auditregels.')).map((e) => e.node.id);

async function token(p: Omit<Principal, 'gemeenten'> & { gemeenten?: string[] }): Promise<string> {
  return signDevToken({ gemeenten: [], ...p }, TEST_SECRET, '1h', { issuer: hub.api.cfg.JWT_ISSUER, audience: hub.api.cfg.JWT_AUDIENCE });
}

async function toewijzen(t: string, naam: string, gemeente: string, bsn: string, huisnummer: number): Promise<void> {
  const r = await hub.api.gql<{ toewijzen: { toewijzingen: { id: string }[] } }>(
    t,
    `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id } } }`,
    {
      input: {
        gemeenteCode: gemeente,
        aanbiederAgb: AGB.alfa,
        client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Jansen', adres: { postcode: '5211AB', huisnummer } },
        producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', einddatum: '2027-05-31', volume: 3, eenheid: '04', frequentie: '2' }],
      },
    },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  toewijzingVan[naam] = ruweId(r.data!.toewijzen.toewijzingen[0].id);
}

beforeAll(async () => {
  hub = await createHubTestEnvironment('auditregels', { poolSize: 5 });
  hashA = hub.sleutels.bsnHash(BSN_A);
  hashB = hub.sleutels.bsnHash(BSN_B);
  tk.auditor = await token({ sub: 'auditor-nob', rol: 'auditor', regio: 'NOB' });
  tk.auditorGro = await token({ sub: 'auditor-gro', rol: 'auditor', regio: 'GRO' });
  tk.beheerder = await token({ sub: 'beheerder-hub', rol: 'beheerder' });
  tk.beheerderGro = await token({ sub: 'beheerder-gro', rol: 'beheerder', regio: 'GRO' });
  tk.bosch = await token({ sub: 'medewerker-bosch', rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'] });
  tk.groningen = await token({ sub: 'medewerker-groningen', rol: 'gemeente', regio: 'GRO', gemeenten: ['0014'] });
  tk.regio = hub.tokens.regio;

  // Client A in 's-Hertogenbosch and (the same child, another region) in Groningen; client B in 's-Hertogenbosch.
  await toewijzen(tk.bosch, 'A', '0796', BSN_A, 1);
  await toewijzen(tk.bosch, 'B', '0796', BSN_B, 2);
  await toewijzen(tk.groningen, 'A-GRO', '0014', BSN_A, 3);
  // Reading the clients is audited per client.
  const r = await hub.api.gql(tk.bosch, `{ toewijzingen(first: 200) { edges { node { id client { achternaam } } } } }`);
  expect(r.errors).toBeUndefined();
  // Contract management in both regions.
  const [contract] = await hub.rijen<{ id: string }>(`SELECT id FROM contract WHERE nummer = 'NOB-L-001'`);
  const v = await hub.api.gql(tk.regio, `mutation { verlengContract(id: "${contract.id}", nieuweEinddatum: "2028-12-31") { id } }`);
  expect(v.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('who may read the trail', () => {
  it('the auditor reads its own region only; the administrator all, or its region', async () => {
    const nob = await lees(tk.auditor);
    expect(nob.edges.length).toBeGreaterThan(0);
    expect(new Set(nob.edges.map((e) => e.node.regioCode))).toEqual(new Set(['NOB']));
    expect(geenLezingen(nob)).toEqual(await verwacht('true'));

    const gro = await lees(tk.auditorGro);
    expect(new Set(gro.edges.map((e) => e.node.regioCode))).toEqual(new Set(['GRO']));

    const alles = await lees(tk.beheerder);
    expect(new Set(alles.edges.map((e) => e.node.regioCode))).toEqual(new Set(['NOB', 'GRO']));
    const beheerderGro = await lees(tk.beheerderGro);
    expect(new Set(beheerderGro.edges.map((e) => e.node.regioCode))).toEqual(new Set(['GRO']));
    expect(geenLezingen(await lees(tk.beheerder, { regioCode: 'GRO' }))).toEqual(await verwacht('true', [], 'GRO'));
  });

  it('every other role is refused, and an auditor asking for another region too', async () => {
    const anderen = [tk.regio, tk.bosch, hub.tokens.alfa, await token({ sub: 't', rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] })];
    for (const t of anderen) expect(code(await hub.api.gql(t, AUDITREGELS, { first: 10 }))).toBe('FORBIDDEN');
    expect(code(await hub.api.gql(tk.auditor, AUDITREGELS, { first: 10, filter: { regioCode: 'GRO' } }))).toBe('FORBIDDEN');
  });
});

describe('each filter', () => {
  it('by BSN finds the rows of that client only, in the caller\'s region, through the keyed hash', async () => {
    const a = await lees(tk.auditor, { bsn: BSN_A });
    expect(geenLezingen(a)).toEqual(await verwacht('client_hash = $1', [hashA]));
    expect(new Set(a.edges.map((e) => e.node.actie))).toEqual(new Set(['toewijzing.toegewezen', 'client.gelezen']));
    expect(new Set(a.edges.map((e) => e.node.clientReferentie))).toEqual(new Set([hashA]));
    expect(a.edges.every((e) => e.node.regioCode === 'NOB')).toBe(true);

    const b = await lees(tk.auditor, { bsn: BSN_B });
    expect(geenLezingen(b)).toEqual(await verwacht('client_hash = $1', [hashB]));
    expect(ids(b).some((id) => ids(a).includes(id))).toBe(false);

    // The administrator over all regions sees the same child's rows in Groningen too.
    const overal = await lees(tk.beheerder, { bsn: BSN_A });
    expect(geenLezingen(overal)).toEqual(await verwacht('client_hash = $1', [hashA], null));
    expect(new Set(overal.edges.map((e) => e.node.regioCode))).toEqual(new Set(['NOB', 'GRO']));
    expect(geenLezingen(await lees(tk.auditor, { clientReferentie: hashA }))).toEqual(geenLezingen(a));
    expect(a.edges.length).toBeGreaterThanOrEqual(2);

    const fout = await hub.api.gql(tk.auditor, AUDITREGELS, { first: 10, filter: { bsn: '123456789' } });
    expect(code(fout)).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(fout)).not.toContain('123456789');
  });

  it('by actor, role, object, action (exact or prefix) and region', async () => {
    expect(geenLezingen(await lees(tk.auditor, { actor: 'medewerker-bosch' }))).toEqual(await verwacht(`actor = 'medewerker-bosch'`));
    const rol = await lees(tk.auditor, { rol: 'regio' });
    expect(ids(rol)).toEqual(await verwacht(`rol = 'regio'`));
    expect(ids(rol).length).toBeGreaterThan(0);

    const object = await lees(tk.auditor, { entiteit: 'toewijzing', entiteitId: toewijzingVan.A });
    expect(ids(object)).toEqual(await verwacht(`entiteit = 'toewijzing' AND entiteit_id = $1`, [toewijzingVan.A]));
    expect(ids(object)).toHaveLength(1);
    expect(ids(await lees(tk.auditor, { entiteit: 'contract' }))).toEqual(await verwacht(`entiteit = 'contract'`));

    const gelezen = await lees(tk.auditor, { actie: 'client.gelezen' });
    expect(ids(gelezen)).toEqual(await verwacht(`actie = 'client.gelezen'`));
    expect(ids(gelezen)).toHaveLength(2);
    expect(ids(await lees(tk.auditor, { actie: 'toewijzing.*' }))).toEqual(await verwacht(`actie LIKE 'toewijzing.%'`));
    // `_` and `%` are letters in a prefix, not wildcards.
    expect(ids(await lees(tk.auditor, { actie: 'toe%*' }))).toEqual([]);
  });

  it('by period: from (inclusive) and until (exclusive)', async () => {
    const [r] = await hub.rijen<{ t: Date }>(`SELECT tijdstip AS t FROM audit_log WHERE actie = 'client.gelezen' LIMIT 1`);
    const grens = r.t.toISOString();
    const van = await lees(tk.beheerder, { van: grens });
    expect(geenLezingen(van)).toEqual(await verwacht(`tijdstip >= $1`, [grens], null));
    const tot = await lees(tk.beheerder, { tot: grens });
    expect(ids(tot)).toEqual(await verwacht(`tijdstip < $1`, [grens], null));
    expect(ids(tot).length).toBeGreaterThan(0);
    expect(geenLezingen(van).length).toBeGreaterThan(0);
    expect(code(await hub.api.gql(tk.auditor, AUDITREGELS, { first: 10, filter: { van: grens, tot: grens } }))).toBe('VALIDATION_FAILED');
  });

  it('pages through a Relay connection, newest first, with a total', async () => {
    const alle = await verwacht('rol <> $1', ['auditor']);
    const p1 = await lees(tk.auditor, { rol: 'gemeente' }, 2);
    const gemeente = await verwacht(`rol = 'gemeente'`);
    expect(gemeente.length).toBeGreaterThan(3);
    expect(p1.totalCount).toBe(gemeente.length);
    expect(ids(p1)).toEqual(gemeente.slice(0, 2));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await lees(tk.auditor, { rol: 'gemeente' }, 200, p1.pageInfo.endCursor!);
    expect(ids(p2)).toEqual(gemeente.slice(2));
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(alle.length).toBeGreaterThan(gemeente.length);
    expect(code(await hub.api.gql(tk.auditor, AUDITREGELS, { first: 2, after: 'geen-cursor' }))).toBe('BAD_USER_INPUT');
  });
});

describe('the NEN 7513 fields, and reading the trail is audited', () => {
  it('who, on whose behalf, what, which client, when and why', async () => {
    const [regel] = (await lees(tk.auditor, { entiteit: 'toewijzing', entiteitId: toewijzingVan.A })).edges.map((e) => e.node);
    expect(regel).toMatchObject({
      actor: 'medewerker-bosch',
      rol: 'gemeente',
      namens: 'gemeente 0796',
      regioCode: 'NOB',
      actie: 'toewijzing.toegewezen',
      entiteit: 'toewijzing',
      entiteitId: toewijzingVan.A,
      clientReferentie: hashA,
      reden: 'uitvoering toewijzing',
    });
    expect(Number.isNaN(Date.parse(regel.tijdstip))).toBe(false);
    expect(regel.details).not.toContain(BSN_A);
    const [contract] = (await lees(tk.auditor, { actie: 'contract.verlengd' })).edges.map((e) => e.node);
    expect(contract).toMatchObject({ rol: 'regio', namens: 'regio NOB', reden: 'contractbeheer', clientReferentie: null });
  });

  it('a read of the trail is a row of its own, with the client read about, and never in its own answer', async () => {
    const voor = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'auditregels.gelezen'`);
    const p = await lees(tk.auditorGro, { bsn: BSN_A, actie: 'auditregels.*' });
    const [rij] = await hub.rijen<{ actor: string; rol: string; regio_code: string; namens: string; client_hash: string; reden: string; details: unknown }>(
      `SELECT actor, rol, regio_code, namens, client_hash, reden, details FROM audit_log WHERE actie = 'auditregels.gelezen' ORDER BY id DESC LIMIT 1`,
    );
    expect(rij).toMatchObject({ actor: 'auditor-gro', rol: 'auditor', regio_code: 'GRO', namens: 'regio GRO', client_hash: hashA, reden: 'toezicht (NEN 7513)' });
    expect(JSON.stringify(rij.details)).not.toContain(BSN_A);
    expect((await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'auditregels.gelezen'`))[0].n).toBe(voor[0].n + 1);
    // Its own read is not in the answer; the next read shows it.
    expect(ids(p)).toEqual([]);
    const later = await lees(tk.auditorGro, { bsn: BSN_A, actie: 'auditregels.*' });
    expect(later.edges.map((e) => e.node.actie)).toEqual(['auditregels.gelezen']);
    expect(later.totalCount).toBe(1);
  });
});

describe('GET /export/auditregels.csv', () => {
  const csv = async (t: string | undefined, query = '', headers: Record<string, string> = {}) => {
    const res = await fetch(`${hub.api.url}/export/auditregels.csv${query}`, { headers: { ...(t ? { authorization: `Bearer ${t}` } : {}), ...headers } });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };
  const regels = (body: string) => body.replace(/^\uFEFF/, '').split(/\r\n/).filter(Boolean).map((l) => l.split(';'));

  it('the same rows as the query, snake_case Dutch headers, the BSN only in a header and never in the file', async () => {
    const r = await csv(tk.auditor, `?actie=${encodeURIComponent('toewijzing.*')}`, { 'x-client-bsn': BSN_A });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/csv/);
    const [kop, ...rijen] = regels(r.body);
    expect(kop).toEqual(['id', 'tijdstip', 'actor', 'rol', 'namens', 'regio', 'actie', 'entiteit', 'entiteit_id', 'client_referentie', 'reden', 'details']);
    expect(rijen.map((x) => x[0])).toEqual(await verwacht(`client_hash = $1 AND actie LIKE 'toewijzing.%'`, [hashA]));
    expect(rijen[0].slice(2, 11)).toEqual(['medewerker-bosch', 'gemeente', 'gemeente 0796', 'NOB', 'toewijzing.toegewezen', 'toewijzing', toewijzingVan.A, hashA, 'uitvoering toewijzing']);
    expect(r.body).not.toContain(BSN_A);
    const [rij] = await hub.rijen<{ client_hash: string; rol: string }>(`SELECT client_hash, rol FROM audit_log WHERE actie = 'auditregels.geexporteerd'`);
    expect(rij).toEqual({ client_hash: hashA, rol: 'auditor' });
  });

  it('every filter of the query, by its name', async () => {
    const [r] = await hub.rijen<{ t: Date }>(`SELECT tijdstip AS t FROM audit_log WHERE actie = 'client.gelezen' LIMIT 1`);
    const grens = r.t.toISOString();
    const q = new URLSearchParams({ actor: 'medewerker-bosch', rol: 'gemeente', entiteit: 'client', actie: 'client.gelezen', tot: new Date(r.t.getTime() + 1).toISOString(), van: grens });
    const body = (await csv(tk.beheerder, `?${q.toString()}&regioCode=NOB`)).body;
    expect(regels(body).slice(1).map((x) => x[0])).toEqual(await verwacht(`actor = 'medewerker-bosch' AND entiteit = 'client' AND actie = 'client.gelezen' AND tijdstip >= $1`, [grens]));
    expect(regels(body).length - 1).toBe(2);
  });

  it('refuses a missing token, other roles, a BSN in the URL, another region and a bad filter', async () => {
    expect((await csv(undefined)).status).toBe(401);
    for (const t of [tk.regio, tk.bosch, hub.tokens.alfa]) expect((await csv(t)).status).toBe(403);
    const inUrl = await csv(tk.auditor, `?bsn=${BSN_A}`);
    expect(inUrl.status).toBe(400);
    expect(inUrl.body).not.toContain(BSN_A);
    expect((await csv(tk.auditor, '?regioCode=GRO')).status).toBe(403);
    expect((await csv(tk.auditor, '?rol=koning')).status).toBe(400);
    expect((await csv(tk.auditor, '?van=gisteren')).status).toBe(400);
    expect((await csv(tk.auditor, '', { 'x-client-bsn': '123456789' })).status).toBe(400);
  });
});
