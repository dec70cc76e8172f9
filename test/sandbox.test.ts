import type { Principal } from '../src/auth/principal';
import { isValidBsn } from '../src/common/bsn';
import { SANDBOX_SLEUTEL_ID, sleutelIdVan } from '../src/common/sleutels';
import { withTenant } from '../src/db/tenant';
import type { IjwNode } from '../src/messaging/ijw/codec';
import { AGB } from './fixtures/regions';
import { jw305Xml, retourcodesVan, testBsn } from './helpers/berichten';
import { jw323Xml } from './helpers/declaraties';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';

pinKlok();
jest.setTimeout(120_000);

/**
 * A sandbox region (README, "Sandbox region"): a production region's contract structure with
 * fictitious parties, where messages get the answers production would give; real-looking BSNs are
 * refused; row-level security keeps the two worlds apart both ways; a reset empties it and copies
 * again, leaving production untouched.
 */

let hub: HubTestEnvironment;
const SANDBOX = 'SANDBOX-NOB';
/** A number that passes the 11-proef outside the test range: what a real BSN looks like. */
const ECHT = '111222333';

interface Partij {
  code: string;
  naam: string;
  staatVoor: string;
}
interface Sandbox {
  regio: string;
  bron: string;
  gemeenten: Partij[];
  aanbieders: Partij[];
  contracten: number;
}
const VELDEN = 'regio bron contracten gemeenten { code naam staatVoor } aanbieders { code naam staatVoor }';
let sb: Sandbox;
const gem = (echt: string) => sb.gemeenten.find((g) => g.staatVoor === echt)!.code;
const agb = (echt: string) => sb.aanbieders.find((a) => a.staatVoor === echt)!.code;
const tk: Record<string, string> = {};

/** Tables whose rows belong to a region. */
const REGIO_TABELLEN = [
  'afrekening', 'arrangement', 'arrangement_onderdeel', 'audit_log', 'begrotingspost', 'bericht', 'budgetplafond', 'capaciteit', 'client',
  'contract', 'contract_gemeente', 'contract_product', 'declaratie', 'gemeente', 'indexatie', 'kostenaandeel', 'levering', 'lumpsum',
  'lumpsum_aandeel', 'lumpsum_vaststelling', 'lumpsum_vaststelling_gemeente', 'lumpsum_voorschot', 'prestatie', 'product', 'tarief',
  'toewijzing', 'verzoek', 'wachttijdnorm',
];

/** Rows of production (every region but a sandbox) per table, as the owner sees them. */
async function productieTelling(): Promise<Record<string, number>> {
  const uit: Record<string, number> = {};
  for (const t of REGIO_TABELLEN) {
    uit[t] = Number((await hub.rijen<{ n: string }>(`SELECT count(*) AS n FROM "${t}" WHERE regio_code IS NULL OR regio_code NOT LIKE 'SANDBOX-%'`))[0].n);
  }
  uit.aanbieder = Number((await hub.rijen<{ n: string }>(`SELECT count(*) AS n FROM aanbieder WHERE sandbox_regio IS NULL`))[0].n);
  uit.outbox = Number((await hub.rijen<{ n: string }>(`SELECT count(*) AS n FROM outbox o JOIN bericht b ON b.id = o.bericht_id WHERE b.regio_code IS NULL OR b.regio_code NOT LIKE 'SANDBOX-%'`))[0].n);
  return uit;
}

const TW = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`;
const toewijzenInput = (gemeente: string, aanbieder: string, bsn: string) => ({
  input: {
    gemeenteCode: gemeente,
    aanbiederAgb: aanbieder,
    client: { bsn, geboortedatum: '2013-03-03', geslacht: '2', achternaam: 'Proef', adres: { postcode: '5211AB', huisnummer: 9 } },
    producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-09-01', einddatum: '2026-12-31', volume: 3, eenheid: '04', frequentie: '2' }],
  },
});

/** A JW305 of the sandbox's stand-in for alfa to the stand-in for 's-Hertogenbosch. */
function sandboxJw305(identificatie: string, bsn: string): string {
  return jw305Xml({
    identificatie,
    bsn,
    change: (m) => {
      const h = m.bericht.Header as IjwNode;
      h.Afzender = agb(AGB.alfa);
      h.Ontvanger = gem('0796');
    },
  });
}

beforeAll(async () => {
  expect(isValidBsn(ECHT)).toBe(true);
  hub = await createHubTestEnvironment('sandbox', { worker: true });
  tk.gro = await hub.api.token({ rol: 'regio', regio: 'GRO' });
  tk.toegang = await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
});
afterAll(async () => {
  await hub?.close();
});

test('a contract manager makes the sandbox: fictitious parties, the contract structure copied', async () => {
  const voor = await productieTelling();
  const anders = await hub.api.gql(tk.gro, `mutation { maakSandbox(regio: "NOB") { regio } }`);
  expect(anders.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const zelf = await hub.api.gql(hub.tokens.beheerder, `mutation { maakSandbox(regio: "SANDBOX-NOB") { regio } }`);
  expect(zelf.errors?.[0].extensions?.code).toBe('SANDBOX_GEEN_PRODUCTIEREGIO');

  const r = await hub.api.gql<{ maakSandbox: Sandbox }>(hub.tokens.regio, `mutation { maakSandbox(regio: "NOB") { ${VELDEN} } }`);
  expect(r.errors).toBeUndefined();
  sb = r.data!.maakSandbox;
  expect(sb.regio).toBe(SANDBOX);
  expect(sb.bron).toBe('NOB');
  expect(sb.gemeenten.map((g) => g.staatVoor).sort()).toEqual(['0796', '0828', '0865']);
  for (const g of sb.gemeenten) expect(g.code).toMatch(/^9[0-9]{3}$/);
  expect(sb.aanbieders.map((a) => a.staatVoor).sort()).toEqual([AGB.alfa, AGB.beta, AGB.gamma].sort());
  for (const a of sb.aanbieders) expect(a.code).toMatch(/^99[0-9]{6}$/);
  for (const p of [...sb.gemeenten, ...sb.aanbieders]) expect(p.naam).toMatch(/^Proef/);

  // The structure, row for row: contracts with their lots, products, tariffs and ceilings.
  for (const t of ['contract', 'contract_gemeente', 'contract_product', 'tarief', 'budgetplafond', 'product', 'arrangement_onderdeel']) {
    const [n] = await hub.rijen<{ nob: string; sb: string }>(`SELECT count(*) FILTER (WHERE regio_code = 'NOB') AS nob, count(*) FILTER (WHERE regio_code = $1) AS sb FROM "${t}"`, [SANDBOX]);
    expect([t, n.sb]).toEqual([t, n.nob]);
  }
  expect(sb.contracten).toBe(Number((await hub.rijen<{ n: string }>(`SELECT count(*) AS n FROM contract WHERE regio_code = 'NOB'`))[0].n));
  const percelen = await hub.rijen<{ perceel: string; aanbieder_agb: string }>(`SELECT perceel, aanbieder_agb FROM contract WHERE regio_code = $1 ORDER BY nummer`, [SANDBOX]);
  expect(percelen.map((c) => c.perceel)).toEqual((await hub.rijen<{ perceel: string }>(`SELECT perceel FROM contract WHERE regio_code = 'NOB' ORDER BY nummer`)).map((c) => c.perceel));
  // No real party in the sandbox's rows.
  const echteCodes = await hub.rijen<{ n: string }>(
    `SELECT count(*) AS n FROM contract_gemeente WHERE regio_code = $1 AND (gemeente_code IN ('0796', '0828', '0865') OR aanbieder_agb IN ($2, $3, $4))`,
    [SANDBOX, AGB.alfa, AGB.beta, AGB.gamma],
  );
  expect(echteCodes[0].n).toBe('0');

  const nogmaals = await hub.api.gql(hub.tokens.regio, `mutation { maakSandbox(regio: "NOB") { regio } }`);
  expect(nogmaals.errors?.[0].extensions?.code).toBe('SANDBOX_BESTAAT');
  expect(await productieTelling()).toEqual({ ...voor, audit_log: voor.audit_log + 1 });

  tk.sbAlfa = await hub.api.token({ rol: 'aanbieder', agb: agb(AGB.alfa), regio: SANDBOX });
  tk.sbToegang = await hub.api.token({ rol: 'toegang', regio: SANDBOX, gemeenten: [gem('0796')] });
  tk.sbRegio = await hub.api.token({ rol: 'regio', regio: SANDBOX });
});

test("a provider's message in the sandbox gets the answer production gives", async () => {
  const sandbox = await retourcodesVan(hub.api.url, tk.sbAlfa, sandboxJw305('SB-1', testBsn(1)));
  const productie = await retourcodesVan(hub.api.url, hub.tokens.alfa, jw305Xml({ identificatie: 'PR-1', bsn: testBsn(2) }));
  expect(sandbox.codes).toEqual(productie.codes);
  const [b] = await hub.rijen<{ regio_code: string; xml_versleuteld: Buffer }>(`SELECT regio_code, xml_versleuteld FROM bericht WHERE id = $1`, [sandbox.id]);
  expect(b.regio_code).toBe(SANDBOX);
  // Its own keys: the sandbox's message (and its retour) under the sandbox key, production's under production's; neither ring reads the other's.
  const [p] = await hub.rijen<{ xml_versleuteld: Buffer }>(`SELECT xml_versleuteld FROM bericht WHERE id = $1`, [productie.id]);
  const retouren = await hub.rijen<{ regio_code: string; xml_versleuteld: Buffer }>(`SELECT regio_code, xml_versleuteld FROM bericht WHERE heen_id = ANY($1::uuid[])`, [[sandbox.id, productie.id]]);
  expect(retouren.map((r) => [r.regio_code, sleutelIdVan(r.xml_versleuteld) === SANDBOX_SLEUTEL_ID]).sort()).toEqual([['NOB', false], [SANDBOX, true]]);
  expect(sleutelIdVan(b.xml_versleuteld)).toBe(SANDBOX_SLEUTEL_ID);
  expect(sleutelIdVan(p.xml_versleuteld)).not.toBe(SANDBOX_SLEUTEL_ID);
  expect(hub.sleutels.voor(SANDBOX).ontsleutel(b.xml_versleuteld).toString()).toContain('<');
  expect(() => hub.sleutels.ontsleutel(b.xml_versleuteld)).toThrow();
  expect(() => hub.sleutels.voor(SANDBOX).ontsleutel(p.xml_versleuteld)).toThrow();
  // A production token cannot reach a sandbox party (and so the reverse): it is unknown there.
  const r = await fetch(`${hub.api.url}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${hub.tokens.alfa}`, 'content-type': 'application/xml' }, body: jw305Xml({ identificatie: 'PR-2', bsn: testBsn(3), change: (m) => ((m.bericht.Header as IjwNode).Ontvanger = gem('0796')) }) });
  expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([422, 'UNKNOWN_RECEIVER']);
});

test('a message or an allocation with a real-looking BSN is refused in the sandbox and nothing is stored', async () => {
  const [{ n: voor }] = await hub.rijen<{ n: string }>(`SELECT count(*) AS n FROM bericht WHERE regio_code = $1`, [SANDBOX]);
  const r = await fetch(`${hub.api.url}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${tk.sbAlfa}`, 'content-type': 'application/xml' }, body: sandboxJw305('SB-ECHT', ECHT) });
  const tekst = await r.text();
  expect(r.status).toBe(422);
  expect((JSON.parse(tekst) as { code: string }).code).toBe('SANDBOX_ECHTE_BSN');
  expect(tekst).not.toContain(ECHT);
  const [{ n: na }] = await hub.rijen<{ n: string }>(`SELECT count(*) AS n FROM bericht WHERE regio_code = $1`, [SANDBOX]);
  expect(na).toBe(voor);

  const g = await hub.api.gql(tk.sbToegang, TW, toewijzenInput(gem('0796'), agb(AGB.alfa), ECHT));
  expect(g.errors?.[0].extensions?.code).toBe('SANDBOX_ECHTE_BSN');
  expect(JSON.stringify(g)).not.toContain(ECHT);
  const ok = await hub.api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(tk.sbToegang, TW, toewijzenInput(gem('0796'), agb(AGB.alfa), testBsn(4)));
  expect(ok.errors).toBeUndefined();
  // The client is found by the sandbox's own BSN hash, and its data under the sandbox key.
  const [cl] = await hub.rijen<{ bsn_hash: string; gegevens_versleuteld: Buffer }>(`SELECT bsn_hash, gegevens_versleuteld FROM client WHERE regio_code = $1 AND gemeente_code = $2`, [SANDBOX, gem('0796')]);
  expect(cl.bsn_hash).toBe(hub.sleutels.voor(SANDBOX).bsnHash(testBsn(4)));
  expect(cl.bsn_hash).not.toBe(hub.sleutels.bsnHash(testBsn(4)));
  expect(sleutelIdVan(cl.gegevens_versleuteld)).toBe(SANDBOX_SLEUTEL_ID);

  // The claim pre-flight: judged inside the sandbox; a real-looking BSN refused there too.
  const nummer = ok.data!.toewijzen.toewijzingen[0].nummer;
  const proef = (ident: string, bsn: string) =>
    fetch(`${hub.api.url}/ijw/proef`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tk.sbAlfa}`, 'content-type': 'application/xml' },
      body: jw323Xml({ identificatie: ident, nummer: ident, periode: '2026-11', afzender: agb(AGB.alfa), gemeente: gem('0796'), clienten: [{ bsn, prestaties: [{ ref: `${ident}-1`, nummer, begin: '2026-11-01', eind: '2026-11-30', volume: 1 }] }] }),
    });
  const goed = await proef('SBP1', testBsn(4));
  const antwoord = (await goed.json()) as { uitkomst: string; prestaties: { contract: { nummer: string } | null }[] };
  expect([goed.status, antwoord.uitkomst]).toEqual([200, expect.any(String)]);
  expect(antwoord.prestaties[0].contract?.nummer).toBe('NOB-L-001');
  const fout = await proef('SBP2', ECHT);
  expect([fout.status, ((await fout.json()) as { code: string }).code]).toEqual([422, 'SANDBOX_ECHTE_BSN']);
  // Production traffic beside it, for the isolation test.
  const prod = await hub.api.gql(tk.toegang, TW, toewijzenInput('0796', AGB.alfa, testBsn(5)));
  expect(prod.errors).toBeUndefined();
});

test('no sandbox row reaches a production query and no production row a sandbox query', async () => {
  // Both worlds hold traffic and structure.
  for (const t of ['bericht', 'client', 'toewijzing', 'contract', 'tarief', 'audit_log']) {
    const [n] = await hub.rijen<{ sb: string; prod: string }>(`SELECT count(*) FILTER (WHERE regio_code = $1) AS sb, count(*) FILTER (WHERE regio_code = 'NOB') AS prod FROM "${t}"`, [SANDBOX]);
    expect([t, Number(n.sb) > 0, Number(n.prod) > 0]).toEqual([t, true, true]);
  }
  const sbGemeenten = sb.gemeenten.map((g) => g.code);
  const productie: Principal[] = [
    { sub: 'persoon-beheerder', rol: 'beheerder', gemeenten: [] },
    { sub: 'p-regio', rol: 'regio', regio: 'NOB', gemeenten: [] },
    { sub: 'p-auditor', rol: 'auditor', regio: 'NOB', gemeenten: [] },
    { sub: 'p-toegang', rol: 'toegang', regio: 'NOB', gemeenten: [] },
    { sub: 'p-gemeente', rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'] },
    { sub: 'p-alfa', rol: 'aanbieder', agb: AGB.alfa, gemeenten: [] },
  ];
  const sandbox: Principal[] = [
    { sub: 's-beheerder', rol: 'beheerder', regio: SANDBOX, gemeenten: [] },
    { sub: 's-regio', rol: 'regio', regio: SANDBOX, gemeenten: [] },
    { sub: 's-auditor', rol: 'auditor', regio: SANDBOX, gemeenten: [] },
    { sub: 's-toegang', rol: 'toegang', regio: SANDBOX, gemeenten: [] },
    { sub: 's-alfa', rol: 'aanbieder', agb: agb(AGB.alfa), regio: SANDBOX, gemeenten: [] },
  ];
  const tel = (p: Principal, sql: string) => withTenant(hub.ds, p, async (em) => Number((await em.query<{ n: string }[]>(sql))[0].n));
  const ander = (p: Principal, waar: string) => (p.regio === SANDBOX ? `${waar} IS DISTINCT FROM '${SANDBOX}'` : `${waar} LIKE 'SANDBOX-%'`);
  const lekken: string[] = [];
  for (const p of [...productie, ...sandbox]) {
    for (const t of REGIO_TABELLEN) if (await tel(p, `SELECT count(*) AS n FROM "${t}" WHERE ${ander(p, 'regio_code')}`)) lekken.push(`${p.sub} ${t}`);
    if (await tel(p, `SELECT count(*) AS n FROM regio WHERE ${ander(p, 'code')}`)) lekken.push(`${p.sub} regio`);
    if (await tel(p, `SELECT count(*) AS n FROM aanbieder WHERE ${ander(p, 'sandbox_regio')}`)) lekken.push(`${p.sub} aanbieder`);
    for (const t of ['aanbieder_contact', 'bezorgadres']) {
      if (await tel(p, `SELECT count(*) AS n FROM "${t}" x JOIN aanbieder a ON a.agb = x.aanbieder_agb WHERE ${ander(p, 'a.sandbox_regio')}`)) lekken.push(`${p.sub} ${t}`);
    }
  }
  expect(lekken).toEqual([]);

  // Through the api: every list an administrator without region reads, and the sandbox's own.
  const LIJSTEN = `{ aanbieders(first: 100) { edges { node { agb naam } } } gemeenten(first: 100) { edges { node { code regioCode } } }
                     contracten(first: 100) { edges { node { nummer } } } berichten(first: 100) { edges { node { afzender ontvanger } } }
                     toewijzingen(first: 100) { edges { node { nummer gemeenteCode aanbiederAgb } } } }`;
  const beheer = await hub.api.gql(hub.tokens.beheerder, LIJSTEN);
  expect(beheer.errors).toBeUndefined();
  const tekst = JSON.stringify(beheer.data);
  expect(tekst).toContain(AGB.alfa);
  for (const code of [...sbGemeenten, ...sb.aanbieders.map((a) => a.code), 'Proef']) expect(tekst).not.toContain(code);
  const binnen = JSON.stringify((await hub.api.gql(tk.sbRegio, LIJSTEN)).data);
  expect(binnen).toContain(sbGemeenten[0]);
  // Contract numbers and lots are the copied structure; no real party is in it.
  for (const code of ['0796', '0828', AGB.alfa, AGB.beta]) expect(binnen).not.toContain(code);
});

test('every table of one region, also one added later, carries the restrictive sandbox policy', async () => {
  // Found in the catalogue, not from a list: a new regional table without the policy fails here.
  const zonder = await hub.rijen<{ tabel: string }>(
    `SELECT c.table_name AS tabel FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name = 'regio_code'
        AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.table_name AND p.permissive = 'RESTRICTIVE' AND p.policyname = 'sandbox')
      ORDER BY 1`,
  );
  expect(zonder.map((z) => z.tabel)).toEqual([]);
});

test('the open waiting-time feed counts no sandbox row', async () => {
  // A sandbox child whose care started in the feed's period (the 12 whole months before November 2026).
  const [tw] = await hub.rijen<{ nummer: number; gemeente_code: string; aanbieder_agb: string; client_hash: string; bericht_id: string }>(
    `SELECT t.nummer, t.gemeente_code, t.aanbieder_agb, c.bsn_hash AS client_hash, (SELECT id FROM bericht WHERE regio_code = $1 LIMIT 1) AS bericht_id
       FROM toewijzing t JOIN client c ON c.id = t.client_id WHERE t.regio_code = $1 LIMIT 1`,
    [SANDBOX],
  );
  await hub.rijen(
    `INSERT INTO levering (soort, aanbieder_agb, gemeente_code, regio_code, toewijzing_nummer, client_hash, product_categorie, product_code, begindatum, bericht_id)
     VALUES ('start', $1, $2, $3, $4, $5, '45', '45A04', '2026-10-01', $6)`,
    [tw.aanbieder_agb, tw.gemeente_code, SANDBOX, tw.nummer, tw.client_hash, tw.bericht_id],
  );
  const feed = async (q = '') => ((await (await fetch(`${hub.api.url}/open/wachttijden.json${q}`)).json()) as { cellen: { regioCode: string }[] }).cellen;
  expect((await feed()).filter((c) => c.regioCode.startsWith('SANDBOX-'))).toEqual([]);
  expect(await feed(`?regio=${SANDBOX}`)).toEqual([]);
});

test('a reset deletes the sandbox traffic, copies the structure again and leaves production as it was', async () => {
  const voor = await productieTelling();
  const r = await hub.api.gql<{ resetSandbox: Sandbox }>(hub.tokens.regio, `mutation { resetSandbox(regio: "NOB") { ${VELDEN} } }`);
  expect(r.errors).toBeUndefined();
  // The same fictitious parties (tokens stay valid), the same structure.
  expect(r.data!.resetSandbox).toEqual(sb);
  for (const t of ['bericht', 'client', 'toewijzing', 'levering', 'verzoek']) {
    const [n] = await hub.rijen<{ n: string }>(`SELECT count(*) AS n FROM "${t}" WHERE regio_code = $1`, [SANDBOX]);
    expect([t, n.n]).toEqual([t, '0']);
  }
  expect((await hub.rijen(`SELECT 1 FROM outbox o LEFT JOIN bericht b ON b.id = o.bericht_id WHERE b.id IS NULL`)).length).toBe(0);
  // Production: row for row as before (one more audit row: the reset's).
  expect(await productieTelling()).toEqual({ ...voor, audit_log: voor.audit_log + 1 });
  // The sandbox works again after the reset.
  const na = await retourcodesVan(hub.api.url, tk.sbAlfa, sandboxJw305('SB-2', testBsn(1)));
  expect(na.codes).toBeDefined();
});
