import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { SYSTEEM, type Rol } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { parseMessage, writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { bouwRetour } from '../src/messaging/processing/retour';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { seed } from '../src/seed/seed';
import { startTestApi, type TestApi } from './helpers/api';
import { jw305Xml, retourcodesVan, startBerichtenWorker, stuurBericht, testBsn, wachtOpBericht, zaakJw301 } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { jw323Xml } from './helpers/declaraties';
import { AGB, FIXTURE } from './fixtures/regions';
import { MUTATION_MATRIX, QUERY_MATRIX, type Zicht } from './fixtures/rollen-matrix';
import { pinKlok } from './helpers/klok';
import { wachtTot } from './helpers/wacht';

const vandaag = pinKlok();

/**
 * The role × operation matrix: every Query and Mutation field of schema/schema.graphql, called by
 * two tenants of every role, against data in both tenants of every kind (two regions, two
 * municipalities, two providers), checked against test/fixtures/rollen-matrix.ts. Then every pair
 * of root Query fields in one request must answer what each answers alone.
 */

const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
const QUERY_VELDEN = Object.keys(SCHEMA.getQueryType()!.getFields()).sort();
const MUTATIE_VELDEN = Object.keys(SCHEMA.getMutationType()?.getFields() ?? {}).sort();

/** The tenant a row or object belongs to, as far as it says. */
interface Tenant {
  regio?: string;
  gemeenten?: string[];
  agb?: string;
  /** For rows shared by several providers (a product): the providers it belongs to. */
  agbs?: string[];
}

const GEMEENTE_REGIO: Record<string, string> = { '0796': 'NOB', '0828': 'NOB', '0865': 'NOB', '0014': 'GRO' };
/** The contracts of the fixture and of this file's set-up: region, municipalities, provider. */
const CONTRACT: Record<string, Tenant> = {
  'NOB-L-001': { regio: 'NOB', gemeenten: ['0796'], agb: AGB.alfa },
  'NOB-Z-001': { regio: 'NOB', gemeenten: ['0828', '0865'], agb: AGB.beta },
  'NOB-Z-002': { regio: 'NOB', gemeenten: ['0828'], agb: AGB.gamma },
  'NOB-L-200': { regio: 'NOB', gemeenten: ['0796', '0828'], agb: AGB.beta },
  'NOB-T-300': { regio: 'NOB', gemeenten: ['0796'], agb: AGB.alfa },
  'NOB-T-301': { regio: 'NOB', gemeenten: ['0828'], agb: AGB.beta },
  'NOB-M-001': { regio: 'NOB', gemeenten: ['0796'], agb: AGB.alfa },
  'GRO-001': { regio: 'GRO', gemeenten: ['0014'], agb: AGB.alfa },
  'GRO-T-300': { regio: 'GRO', gemeenten: ['0014'], agb: AGB.alfa },
};
/** The three tenants data is built in: (NOB, 0796, alfa), (NOB, 0828, beta), (GRO, 0014, alfa). */
const T1: Tenant = { regio: 'NOB', gemeenten: ['0796'], agb: AGB.alfa };
const T2: Tenant = { regio: 'NOB', gemeenten: ['0828'], agb: AGB.beta };
const T3: Tenant = { regio: 'GRO', gemeenten: ['0014'], agb: AGB.alfa };

/** A caller: `eigen` is the first tenant of its role (the one whose objects mutations aim at). */
interface Wie {
  naam: string;
  rol: Rol;
  regio?: string;
  gemeenten: string[];
  agb?: string;
  eigen: boolean;
  token: string;
}

const WIE: Wie[] = (
  [
  { naam: 'regio NOB', rol: 'regio', regio: 'NOB', gemeenten: [], eigen: true },
  { naam: 'regio GRO', rol: 'regio', regio: 'GRO', gemeenten: [], eigen: false },
  { naam: 'gemeente 0796', rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'], eigen: true },
  { naam: 'gemeente 0828', rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'], eigen: false },
  { naam: 'toegang NOB 0796', rol: 'toegang', regio: 'NOB', gemeenten: ['0796'], eigen: true },
  { naam: 'toegang GRO 0014', rol: 'toegang', regio: 'GRO', gemeenten: ['0014'], eigen: false },
  { naam: 'aanbieder alfa', rol: 'aanbieder', agb: AGB.alfa, gemeenten: [], eigen: true },
  { naam: 'aanbieder beta', rol: 'aanbieder', agb: AGB.beta, gemeenten: [], eigen: false },
  { naam: 'beheerder', rol: 'beheerder', gemeenten: [], eigen: true },
  { naam: 'beheerder GRO', rol: 'beheerder', regio: 'GRO', gemeenten: [], eigen: false },
  { naam: 'auditor NOB', rol: 'auditor', regio: 'NOB', gemeenten: [], eigen: true },
  { naam: 'auditor GRO', rol: 'auditor', regio: 'GRO', gemeenten: [], eigen: false },
] satisfies Omit<Wie, 'token'>[]).map((w) => ({ ...w, token: '' }));

function regioVan(t: Tenant): string | undefined {
  if (t.regio) return t.regio;
  const g = t.gemeenten?.[0];
  return g ? GEMEENTE_REGIO[g] : undefined;
}

/** Whether a row of tenant `t` lies within what `w` may see under `zicht`. */
function binnen(w: Wie, zicht: Zicht, t: Tenant, wat: string): boolean {
  const moet = <T>(v: T | undefined, veld: string): T => {
    if (v === undefined) throw new Error(`fixture: ${wat} does not say its ${veld}`);
    return v;
  };
  switch (zicht) {
    case 'publiek':
      return true;
    case 'alles':
      return w.regio ? moet(regioVan(t), 'regio') === w.regio : true;
    case 'regio':
      return moet(regioVan(t), 'regio') === w.regio;
    case 'gemeenten':
      return moet(regioVan(t), 'regio') === w.regio && moet(t.gemeenten, 'gemeenten').some((g) => w.gemeenten.includes(g));
    case 'agb':
      return t.agbs ? t.agbs.includes(w.agb!) : moet(t.agb, 'agb') === w.agb;
    case 'FORBIDDEN':
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Set-up: data in every tenant, through GraphQL and iJw messages as users make it.

let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let apiDs: DataSource;
/** The api's pg pool: how many connections it holds and how many of those are free. */
const apiPool = () => (apiDs.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
let worker: ReturnType<typeof startBerichtenWorker>;
const tk: Record<string, string> = {};
let volg = 0;
const AMBULANT = { Categorie: '45', Code: '45A04' };

/** Ids made in the set-up, by name. */
const id: Record<string, string> = {};
const tw: Record<string, { id: string; nummer: number; bsn: string; tenant: Tenant }> = {};
const berichtVan: { id: string; tenant: Tenant }[] = [];

async function ok<T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await api.gql<T>(token, query, variables);
  if (r.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

const tokenAanbieder = (agb: string) => (agb === AGB.alfa ? tk.alfa : tk.beta);
const tokenToegang = (g: string) => ({ '0796': tk.toegang0796, '0828': tk.toegang0828, '0014': tk.toegang0014 })[g]!;

async function toewijzen(naam: string, t: Tenant, ingang: string, einde: string): Promise<void> {
  const bsnNr = Object.keys(tw).length + 1;
  const bsn = testBsn(bsnNr);
  const gemeente = t.gemeenten![0];
  const r = await ok<{ toewijzen: { toewijzingen: { id: string; nummer: number }[] } }>(
    tokenToegang(gemeente),
    `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`,
    {
      input: {
        gemeenteCode: gemeente,
        aanbiederAgb: t.agb,
        client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Jansen', adres: { postcode: '5211AB', huisnummer: bsnNr } },
        producten: [{ categorie: '45', code: '45A04', ingangsdatum: ingang, einddatum: einde, volume: 3, eenheid: '04', frequentie: '2' }],
      },
    },
  );
  tw[naam] = { ...r.toewijzen.toewijzingen[0], bsn, tenant: t };
}

async function start(naam: string): Promise<void> {
  const x = tw[naam];
  const xml = jw305Xml({
    identificatie: `M${++volg}`,
    bsn: x.bsn,
    toewijzingNummer: x.nummer,
    product: { ...AMBULANT },
    begindatum: '2026-07-01',
    change: (m) => {
      (m.bericht.Header as IjwNode).Afzender = x.tenant.agb!;
      (m.bericht.Header as IjwNode).Ontvanger = x.tenant.gemeenten![0];
    },
  });
  const r = await retourcodesVan(api.url, tokenAanbieder(x.tenant.agb!), xml);
  expect(r.codes).toEqual([]);
  berichtVan.push({ id: r.id, tenant: x.tenant });
}

async function declareer(naam: string, tarief: number): Promise<void> {
  const x = tw[naam];
  const token = tokenAanbieder(x.tenant.agb!);
  const xml = jw323Xml({
    identificatie: `MD${++volg}`,
    nummer: `D${volg}`,
    periode: '2026-09',
    afzender: x.tenant.agb!,
    gemeente: x.tenant.gemeenten![0],
    clienten: [{ bsn: x.bsn, prestaties: [{ ref: `R${volg}`, nummer: x.nummer, begin: '2026-09-01', eind: '2026-09-30', volume: 10, tarief }] }],
  });
  const bid = await stuurBericht(api.url, token, xml);
  const s = await wachtOpBericht(api.url, token, bid, (b) => b.status !== 'ontvangen');
  if (!s.retour) throw new Error(`claim ${naam}: ${s.status} ${JSON.stringify(s.fouten)}`);
}

/** A JW315 request from the tenant's provider to its municipality. */
async function vraagAan(t: Tenant): Promise<void> {
  const m = sampleMessage('JW315', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = t.agb!;
  h.Ontvanger = t.gemeenten![0];
  h.BerichtIdentificatie = { Identificatie: `MV${++volg}`, Dagtekening: '2026-11-02' };
  const c = m.bericht.Client as IjwNode;
  c.Bsn = testBsn(100 + volg);
  c.Geboortedatum = { Datum: '2013-09-09' };
  c.Naam = { Geslachtsnaam: { Achternaam: 'de Vries' }, Voornamen: 'Noor' };
  c.AangevraagdeProducten = {
    AangevraagdProduct: [
      {
        ReferentieAanbieder: `REF${volg}`,
        Product: { ...AMBULANT },
        ToewijzingIngangsdatum: '2026-12-01',
        ToewijzingEinddatum: '2027-05-31',
        Omvang: { Volume: 2, Eenheid: '04', Frequentie: '2' },
        Verwijzer: { Type: '02', Naam: 'Huisarts Bakker' },
      },
    ],
  };
  const r = await retourcodesVan(api.url, tokenAanbieder(t.agb!), writeMessage(m));
  expect(r.codes).toEqual([]);
  berichtVan.push({ id: r.id, tenant: t });
}

/**
 * Mailbox items in the tenant: a JW301 from the municipality's own case system, forwarded to the
 * provider's mailbox, and the provider's JW302 on it, back in the municipality's.
 */
async function postbus(t: Tenant, nummer: number): Promise<{ jw301: string; jw302: string }> {
  const gemeente = t.gemeenten![0];
  const zaak = tokenToegang(gemeente);
  const jw301 = await stuurBericht(api.url, zaak, zaakJw301({ bsn: testBsn(nummer - 8300), nummer, identificatie: `MP${nummer}`, dagtekening: vandaag, agb: t.agb, gemeente }));
  await wachtOpBericht(api.url, zaak, jw301, (b) => b.status === 'beschikbaar');
  const aanbieder = tokenAanbieder(t.agb!);
  const xml = await (await fetch(`${api.url}/ijw/berichten/${jw301}/xml`, { headers: { authorization: `Bearer ${aanbieder}` } })).text();
  const jw302 = await stuurBericht(api.url, aanbieder, writeMessage(bouwRetour((await parseMessage(xml)).message, { header: [], klassen: new Map() }, `MR${nummer}`, vandaag)));
  await wachtOpBericht(api.url, zaak, jw302, (b) => b.status === 'beschikbaar');
  return { jw301, jw302 };
}

const CONTRACT_VELDEN = 'id nummer producten { id product { code } }';

beforeAll(async () => {
  db = await createTestDatabase('rollen_matrix');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  apiDs = await db.app({ poolSize: 6 });
  api = await startTestApi(apiDs);
  worker = startBerichtenWorker(ds, api.cfg);
  for (const w of WIE) w.token = await api.token({ rol: w.rol, regio: w.regio, gemeenten: w.gemeenten, agb: w.agb });
  const by = (naam: string) => WIE.find((w) => w.naam === naam)!.token;
  tk.regioNOB = by('regio NOB');
  tk.regioGRO = by('regio GRO');
  tk.beheerder = by('beheerder');
  tk.alfa = by('aanbieder alfa');
  tk.beta = by('aanbieder beta');
  tk.gemeente0796 = by('gemeente 0796');
  tk.gemeente0828 = by('gemeente 0828');
  tk.toegang0796 = by('toegang NOB 0796');
  tk.toegang0014 = by('toegang GRO 0014');
  tk.toegang0828 = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0828'] });
  tk.gemeente0014 = await api.token({ rol: 'gemeente', regio: 'GRO', gemeenten: ['0014'] });

  // Contracts: beta for ambulant care in Oss with a 2026 ceiling; taakgericht lumpsum contracts of
  // alfa in both regions; a contract of alfa in 's-Hertogenbosch for the mutations to change.
  await ok(tk.regioNOB, `mutation { maakContract(input: { nummer: "NOB-L-200", aanbiederAgb: "${AGB.beta}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796", "0828"], budgetplafonds: [{ jaar: 2026, bedragCenten: 5000000 }], producten: [{ productCode: "45A04", tariefCenten: 9000 }] }) { id } }`);
  const lsNob = await ok<{ maakContract: { id: string } }>(tk.regioNOB, `mutation { maakContract(input: { nummer: "NOB-T-300", aanbiederAgb: "${AGB.alfa}", perceel: "Wijkteams", procedure: aanbesteding, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [{ jaar: 2026, bedragCenten: 5000000 }], producten: [{ productCode: "45T10", tariefCenten: 0 }] }) { id } }`);
  await ok(tk.regioGRO, `mutation { voegProductToe(input: { categorie: "45", code: "45T10", omschrijving: "Wijkteam", eenheid: "83", uitvoeringsvariant: taakgericht }) { id } }`);
  const lsGro = await ok<{ maakContract: { id: string } }>(tk.regioGRO, `mutation { maakContract(input: { nummer: "GRO-T-300", aanbiederAgb: "${AGB.alfa}", perceel: "Wijkteams", procedure: aanbesteding, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0014"], budgetplafonds: [{ jaar: 2026, bedragCenten: 6000000 }], producten: [{ productCode: "45T10", tariefCenten: 0 }] }) { id } }`);
  const lsNob2 = await ok<{ maakContract: { id: string } }>(tk.regioNOB, `mutation { maakContract(input: { nummer: "NOB-T-301", aanbiederAgb: "${AGB.beta}", perceel: "Wijkteams", procedure: aanbesteding, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0828"], budgetplafonds: [], producten: [{ productCode: "45T10", tariefCenten: 0 }] }) { id } }`);
  const m1 = await ok<{ maakContract: { id: string } }>(tk.regioNOB, `mutation { maakContract(input: { nummer: "NOB-M-001", aanbiederAgb: "${AGB.alfa}", perceel: "Ggz", procedure: aanbesteding, begindatum: "2025-01-01", einddatum: "2027-12-31", verlengingen: 2, gemeenten: ["0796"], budgetplafonds: [], producten: [{ productCode: "54001", tariefCenten: 150000 }] }) { id } }`);
  id.contractM = m1.maakContract.id;
  const lumpsum = `mutation($input: LumpsumInput!) { stelLumpsumVast(input: $input) { id } }`;
  const li = { jaar: 2026, budgetCenten: 1_200_000, minimumClienten: 2, maximumClienten: 3, bedragPerClientCenten: 10_000 };
  id.lumpsumNOB = (await ok<{ stelLumpsumVast: { id: string } }>(tk.regioNOB, lumpsum, { input: { ...li, contractId: lsNob.maakContract.id } })).stelLumpsumVast.id;
  await ok(tk.regioNOB, lumpsum, { input: { ...li, contractId: lsNob2.maakContract.id } });
  id.lumpsumGRO = (await ok<{ stelLumpsumVast: { id: string } }>(tk.regioGRO, lumpsum, { input: { ...li, contractId: lsGro.maakContract.id } })).stelLumpsumVast.id;
  id.lumpsumContractNOB = lsNob.maakContract.id;
  const bereken = `mutation($id: ID!) { berekenLumpsumVaststelling(lumpsumId: $id) { id } }`;
  id.vaststellingNOB = (await ok<{ berekenLumpsumVaststelling: { id: string } }>(tk.regioNOB, bereken, { id: id.lumpsumNOB })).berekenLumpsumVaststelling.id;
  await ok(tk.regioGRO, bereken, { id: id.lumpsumGRO });

  // Region policy: waiting-time norms, budget lines, an arrangement in GRO too.
  const norm = `mutation($input: WachttijdnormInput!) { stelWachttijdnormVast(input: $input) { id } }`;
  id.normNOB = (await ok<{ stelWachttijdnormVast: { id: string } }>(tk.regioNOB, norm, { input: { soort: 'aanmelding_tot_start', maxDagen: 63 } })).stelWachttijdnormVast.id;
  await ok(tk.regioGRO, norm, { input: { soort: 'aanmelding_tot_start', maxDagen: 63 } });
  const post = `mutation($input: BegrotingspostInput!) { maakBegrotingspost(input: $input) { id } }`;
  const pi = { naam: 'Ambulant', begindatum: '2026-01-01', einddatum: '2026-12-31', bedragCenten: 28_200_000, sleutel: 'inwoners', productcategorieen: ['45'] };
  id.postNOB = (await ok<{ maakBegrotingspost: { id: string } }>(tk.regioNOB, post, { input: pi })).maakBegrotingspost.id;
  await ok(tk.regioGRO, post, { input: pi });
  await ok(tk.regioGRO, `mutation { maakArrangement(input: { naam: "Ambulant GRO", omschrijving: "test", onderdelen: [{ productCode: "45A04", volume: 2, frequentie: "2" }] }) { id } }`);

  // Capacity of each provider in each region it is contracted in.
  const producten = (await ok<{ producten: { edges: { node: { id: string; code: string; regioCode: string } }[] } }>(tk.beheerder, `{ producten(first: 200) { edges { node { id code regioCode } } } }`)).producten.edges.map((e) => e.node);
  const product = (regio: string, code: string) => producten.find((p) => p.regioCode === regio && p.code === code)!.id;
  id.productNOB = product('NOB', '45A04');
  const cap = `mutation($input: CapaciteitInput!) { werkCapaciteitBij(input: $input) { id } }`;
  const ci = { locatieNaam: 'Oost', postcode: '5211AB', vrijePlaatsen: 3, intakesPerWeek: 2, openVoorNieuweClienten: true };
  id.capaciteitNOB = (await ok<{ werkCapaciteitBij: { id: string } }>(tk.alfa, cap, { input: { ...ci, productId: product('NOB', '45A04') } })).werkCapaciteitBij.id;
  await ok(tk.beta, cap, { input: { ...ci, productId: product('NOB', '45A04') } });
  await ok(tk.alfa, cap, { input: { ...ci, productId: product('GRO', '45A04') } });

  // Care in each tenant: one started and claimed in September, one waiting; one request.
  await toewijzen('TW1', T1, '2026-07-01', '2026-12-31');
  await toewijzen('TW2', T2, '2026-07-01', '2026-12-31');
  await toewijzen('TW3', T3, '2026-07-01', '2026-12-31');
  await toewijzen('TW1w', T1, '2026-10-01', '2026-12-31');
  await toewijzen('TW2w', T2, '2026-10-01', '2026-12-31');
  await toewijzen('TW3w', T3, '2026-10-01', '2026-12-31');
  // Allocated in July, so the waiting ones are over the 63-day norm whatever today is.
  await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE toewijzing SET toewijzingsdatum = '2026-07-01', eerste_toewijzingsdatum = '2026-07-01'`));
  for (const n of ['TW1', 'TW2', 'TW3']) await start(n);
  await declareer('TW1', 9550);
  await declareer('TW2', 9000);
  await declareer('TW3', 10000);
  // Three requests in 's-Hertogenbosch, one for each answer the mutations give.
  for (const t of [T1, T1, T1, T2, T3]) await vraagAan(t);
  for (const t of [tk.gemeente0796, tk.gemeente0828, tk.gemeente0014]) await ok(t, `mutation { maakAfrekeningen(filter: { maand: "2026-09-01" }) { id } }`);
  const pb = await postbus(T1, 9001);
  id.postbusJw301NOB = pb.jw301;
  id.postbusJw302NOB = pb.jw302;
  await postbus(T2, 9002);
  await postbus(T3, 9003);
  // Portal messages through VECOZO of both providers (stored, not pushed: no VECOZO here).
  await ok(tk.alfa, `mutation { zetVecozoPortaal(aanbiederAgb: "${AGB.alfa}", aan: true) { actief } }`);
  await ok(tk.beta, `mutation { zetVecozoPortaal(aanbiederAgb: "${AGB.beta}", aan: true) { actief } }`);
  for (const [t, n] of [[T1, 1], [T2, 2], [T3, 3]] as const) {
    await ok(t.agb === AGB.alfa ? tk.alfa : tk.beta, `mutation($xml: String!) { stelVecozoBerichtOp(input: { soort: JW305, xml: $xml }) { id } }`, {
      xml: jw305Xml({ identificatie: `VZM${n}`, bsn: testBsn(7000 + n), dagtekening: vandaag, change: (m) => {
        const h = m.bericht.Header as IjwNode;
        h.Afzender = t.agb;
        h.Ontvanger = (t.gemeenten as string[])[0];
      } }),
    });
  }

  // A hub-wide freeze window, far in the future, for trekVerzendstopIn.
  id.verzendstop = (await ok<{ kondigVerzendstopAan: { id: string } }>(tk.beheerder, `mutation { kondigVerzendstopAan(input: { van: "2031-06-01T00:00:00+02:00", tot: "2031-06-02T00:00:00+02:00", kanaal: ggk, reden: "Matrix" }) { id } }`)).kondigVerzendstopAan.id;

  // The ids the by-id queries and the mutations use.
  const contracten = (await ok<{ contracten: { edges: { node: { id: string; nummer: string; producten: { id: string; product: { code: string } }[] } }[] } }>(tk.beheerder, `{ contracten(first: 200) { edges { node { ${CONTRACT_VELDEN} } } } }`)).contracten.edges.map((e) => e.node);
  for (const c of contracten) {
    id[`contract ${c.nummer}`] = c.id;
    for (const p of c.producten) id[`contractProduct ${c.nummer} ${p.product.code}`] = p.id;
  }
  const declaraties = (await ok<{ declaraties: { edges: { node: { id: string; gemeenteCode: string } }[] } }>(tk.beheerder, `{ declaraties(first: 200) { edges { node { id gemeenteCode } } } }`)).declaraties.edges.map((e) => e.node);
  for (const d of declaraties) id[`declaratie ${d.gemeenteCode}`] = d.id;
  const verzoeken = (await ok<{ verzoeken: { edges: { node: { id: string; gemeenteCode: string } }[] } }>(tk.beheerder, `{ verzoeken(first: 200) { edges { node { id gemeenteCode } } } }`)).verzoeken.edges.map((e) => e.node);
  for (const v of verzoeken) {
    const n = Object.keys(id).filter((k) => k.startsWith(`verzoek ${v.gemeenteCode}`)).length;
    id[`verzoek ${v.gemeenteCode}${n ? ` ${n}` : ''}`] = v.id;
  }
  const uit = (await ok<{ berichten: { edges: { node: { id: string; type: string; gemeenteCode: string } }[] } }>(tk.beheerder, `{ berichten(first: 200, filter: { type: "JW301" }) { edges { node { id type gemeenteCode } } } }`)).berichten.edges.map((e) => e.node);
  id.jw301NOB = uit.find((b) => b.gemeenteCode === '0796')!.id;
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await db?.drop();
});

// ---------------------------------------------------------------------------------------------
// How each query is asked and what its answer says about tenants.

/** One call of a query: the field as written in a document, and for a by-id read whose object it reads. */
interface Aanroep {
  veld: string;
  doel?: Tenant;
}

interface QuerySpec {
  aanroepen(w: Wie): Aanroep[];
  /** The tenant of each row (or of the one object) in the field's answer. */
  rijen(data: unknown): Tenant[];
}

type Rij = Record<string, unknown>;
const lijst = (data: unknown): Rij[] => (data === null || data === undefined ? [] : Array.isArray(data) ? (data as Rij[]) : [data as Rij]);
const edges = (data: unknown): Rij[] => ((data as { edges: { node: Rij }[] }).edges ?? []).map((e) => e.node);
const rij = (r: Rij): Tenant => ({
  regio: (r.regioCode as string | null) ?? undefined,
  gemeenten: r.gemeenteCode ? [r.gemeenteCode as string] : undefined,
  agb: (r.aanbiederAgb as string | undefined) ?? undefined,
});
const perContract = (r: Rij): Tenant => {
  const t = CONTRACT[r.contractNummer as string];
  if (!t) throw new Error(`fixture: unknown contract ${String(r.contractNummer)}`);
  return t;
};
const een = (veld: string): ((w: Wie) => Aanroep[]) => () => [{ veld }];
/** A by-id read of each tenant's object. */
const perObject = (maak: () => { veld: string; doel: Tenant }[]) => (): Aanroep[] => maak();
const eigenRegio = (w: Wie) => w.regio ?? 'NOB';
/** The providers contracted for a product, by region and code (fixture and set-up contracts). */
const GECONTRACTEERD: Record<string, string[]> = {
  'NOB 45A04': [AGB.alfa, AGB.beta],
  'NOB 43A05': [AGB.beta, AGB.gamma],
  'NOB 54001': [AGB.beta, AGB.alfa],
  'NOB 45T10': [AGB.alfa, AGB.beta],
  'GRO 45A04': [AGB.alfa],
  'GRO 45T10': [AGB.alfa],
};
const ARRANGEMENT: Record<string, string> = { 'Ambulant licht': 'NOB', 'Ambulant GRO': 'GRO' };
const INDEXATIE: Record<string, string> = { jeugdformule: 'NOB', percentage: 'GRO' };

const QUERIES: Record<string, QuerySpec> = {
  aanbieders: { aanroepen: een('aanbieders(first: 200) { edges { node { agb } } }'), rijen: (d) => edges(d).map((r) => ({ agb: r.agb as string })) },
  afrekeningen: { aanroepen: een('afrekeningen(filter: { maand: "2026-09-01" }) { id regioCode gemeenteCode aanbiederAgb bedragCenten }'), rijen: (d) => lijst(d).map(rij) },
  arrangementen: { aanroepen: een('arrangementen(first: 200) { edges { node { id naam } } }'), rijen: (d) => edges(d).map((r) => ({ regio: ARRANGEMENT[r.naam as string] })) },
  // The contract managers' rows of the set-up: every one names its region.
  auditregels: { aanroepen: een('auditregels(first: 200, filter: { rol: "regio" }) { edges { node { id regioCode } } }'), rijen: (d) => edges(d).map(rij) },
  begrotingsposten: {
    aanroepen: een('begrotingsposten(jaar: 2026, first: 200) { edges { node { id regioCode gemeenten bedragCenten } } }'),
    rijen: (d) => edges(d).map((r) => ({ regio: r.regioCode as string, gemeenten: r.gemeenten as string[] })),
  },
  bericht: {
    aanroepen: perObject(() => berichtVan.map((b) => ({ veld: `bericht(id: "${b.id}") { id regioCode gemeenteCode aanbiederAgb }`, doel: b.tenant }))),
    rijen: (d) => lijst(d).map(rij),
  },
  berichten: { aanroepen: een('berichten(first: 200) { edges { node { id type regioCode gemeenteCode aanbiederAgb } } }'), rijen: (d) => edges(d).map(rij) },
  // Each message of the trace names its tenant.
  berichtVerloop: {
    aanroepen: perObject(() => berichtVan.map((b) => ({ veld: `berichtVerloop(id: "${b.id}") { berichten { regioCode gemeenteCode aanbiederAgb } stappen { plek } }`, doel: b.tenant }))),
    rijen: (d) => ((d as { berichten: Rij[] } | null)?.berichten ?? []).map(rij),
  },
  capaciteit: { aanroepen: een('capaciteit(first: 200) { edges { node { id regioCode aanbiederAgb vrijePlaatsen } } }'), rijen: (d) => edges(d).map(rij) },
  capaciteitHistorie: { aanroepen: een('capaciteitHistorie(first: 200) { edges { node { id regioCode aanbiederAgb vrijePlaatsen } } }'), rijen: (d) => edges(d).map(rij) },
  contract: {
    aanroepen: perObject(() => ['NOB-L-001', 'NOB-L-200', 'GRO-001'].map((n) => ({ veld: `contract(id: "${id[`contract ${n}`]}") { id nummer regioCode aanbiederAgb gemeenten }`, doel: CONTRACT[n] }))),
    rijen: (d) => lijst(d).map((r) => ({ regio: r.regioCode as string, gemeenten: r.gemeenten as string[], agb: r.aanbiederAgb as string })),
  },
  contracten: {
    aanroepen: een('contracten(first: 200) { edges { node { id nummer regioCode aanbiederAgb gemeenten } } }'),
    rijen: (d) => edges(d).map((r) => ({ regio: r.regioCode as string, gemeenten: r.gemeenten as string[], agb: r.aanbiederAgb as string })),
  },
  declaratie: {
    aanroepen: perObject(() => [T1, T2, T3].map((t) => ({ veld: `declaratie(id: "${id[`declaratie ${t.gemeenten![0]}`]}") { id regioCode gemeenteCode aanbiederAgb ingediendCenten }`, doel: t }))),
    rijen: (d) => lijst(d).map(rij),
  },
  declaratieTotalen: { aanroepen: een('declaratieTotalen { maand gemeenteCode aanbiederAgb ingediendCenten toegekendCenten }'), rijen: (d) => lijst(d).map(rij) },
  declaraties: { aanroepen: een('declaraties(first: 200) { edges { node { id regioCode gemeenteCode aanbiederAgb ingediendCenten } } }'), rijen: (d) => edges(d).map(rij) },
  gemeenten: { aanroepen: een('gemeenten(first: 200) { edges { node { code regioCode } } }'), rijen: (d) => edges(d).map((r) => ({ regio: r.regioCode as string, gemeenten: [r.code as string] })) },
  herversleuteling: { aanroepen: een('herversleuteling { huidigeSleutel resterend }'), rijen: (d) => (d ? [{}] : []) },
  indexaties: { aanroepen: een('indexaties { id methode jaar }'), rijen: (d) => lijst(d).map((r) => ({ regio: INDEXATIE[r.methode as string] })) },
  kostenaandelen: { aanroepen: een('kostenaandelen(first: 200) { edges { node { begrotingspostId gemeenteCode bedragCenten } } }'), rijen: (d) => edges(d).map(rij) },
  kwartaalrapportage: {
    // The caller's own region, and the other one.
    aanroepen: (w) =>
      [eigenRegio(w), eigenRegio(w) === 'NOB' ? 'GRO' : 'NOB'].map((r) => ({
        veld: `kwartaalrapportage(jaar: 2026, kwartaal: 3, regioCode: "${r}") { regioCode regio { gerealiseerdCenten } gemeenten { code gerealiseerdCenten } aanbieders { code gerealiseerdCenten } }`,
        doel: { regio: r, gemeenten: r === eigenRegio(w) && w.gemeenten.length ? w.gemeenten : [r === 'NOB' ? '0796' : '0014'], agb: w.agb },
      })),
    rijen: (d) => {
      const r = d as { regioCode: string; gemeenten: { code: string; gerealiseerdCenten: number }[] } | null;
      return r ? r.gemeenten.map((g) => ({ regio: r.regioCode, gemeenten: [g.code] })) : [];
    },
  },
  lumpsum: {
    aanroepen: perObject(() => [
      { veld: `lumpsum(id: "${id.lumpsumNOB}") { id regioCode aanbiederAgb budgetCenten aandelen { gemeenteCode } }`, doel: T1 },
      { veld: `lumpsum(id: "${id.lumpsumGRO}") { id regioCode aanbiederAgb budgetCenten aandelen { gemeenteCode } }`, doel: T3 },
    ]),
    rijen: (d) => lijst(d).map((r) => ({ regio: r.regioCode as string, agb: r.aanbiederAgb as string, gemeenten: (r.aandelen as Rij[]).map((a) => a.gemeenteCode as string) })),
  },
  lumpsumVaststelling: {
    aanroepen: perObject(() => [
      { veld: `lumpsumVaststelling(lumpsumId: "${id.lumpsumNOB}") { id bedragCenten gemeenten { gemeenteCode } }`, doel: T1 },
      { veld: `lumpsumVaststelling(lumpsumId: "${id.lumpsumGRO}") { id bedragCenten gemeenten { gemeenteCode } }`, doel: T3 },
    ]),
    rijen: (d) => lijst(d).map((r) => ({ agb: AGB.alfa, gemeenten: (r.gemeenten as Rij[]).map((a) => a.gemeenteCode as string) })),
  },
  lumpsums: {
    aanroepen: een('lumpsums(first: 200) { edges { node { id regioCode aanbiederAgb budgetCenten aandelen { gemeenteCode } } } }'),
    rijen: (d) => edges(d).map((r) => ({ regio: r.regioCode as string, agb: r.aanbiederAgb as string, gemeenten: (r.aandelen as Rij[]).map((a) => a.gemeenteCode as string) })),
  },
  passendeAanbieders: {
    // The child's municipality: the caller's own (or its region's first), and one of the other region.
    aanroepen: (w) => {
      const eigen = w.gemeenten[0] ?? (w.regio === 'GRO' ? '0014' : '0796');
      const ander = GEMEENTE_REGIO[eigen] === 'GRO' ? '0796' : '0014';
      return [eigen, ander].map((g) => ({ veld: `passendeAanbieders(gemeenteCode: "${g}", productCode: "45A04") { aanbiederAgb contractNummer vrijePlaatsen }`, doel: { regio: GEMEENTE_REGIO[g], gemeenten: [g], agb: w.agb } }));
    },
    rijen: (d) => lijst(d).map(perContract),
  },
  vecozoBerichten: { aanroepen: een('vecozoBerichten(first: 200) { edges { node { id regioCode gemeenteCode aanbiederAgb } } }'), rijen: (d) => edges(d).map(rij) },
  verzendstops: { aanroepen: een('verzendstops { id kanaal regioCode }'), rijen: (d) => lijst(d).map(() => ({})) },
  postbus: { aanroepen: een('postbus(first: 200) { edges { node { id regioCode gemeenteCode aanbiederAgb } } }'), rijen: (d) => edges(d).map(rij) },
  budgetstanden: { aanroepen: een('budgetstanden(jaar: 2026) { contractId contractNummer aanbiederAgb plafondCenten signalen { drempel } }'), rijen: (d) => lijst(d).map(perContract) },
  plafondstanden: { aanroepen: een('plafondstanden(jaar: 2026) { contractId contractNummer aanbiederAgb plafondCenten toegekendCenten }'), rijen: (d) => lijst(d).map(perContract) },
  producten: {
    // A provider sees the products it is contracted for: its rows carry its region only.
    aanroepen: een('producten(first: 200) { edges { node { id code regioCode } } }'),
    rijen: (d) => edges(d).map((r) => ({ regio: r.regioCode as string, agbs: GECONTRACTEERD[`${String(r.regioCode)} ${String(r.code)}`] ?? [] })),
  },
  regios: { aanroepen: een('regios { code }'), rijen: (d) => lijst(d).map((r) => ({ regio: r.code as string })) },
  toetsDeclaratie: {
    aanroepen: een(
      `toetsDeclaratie(input: { gemeenteCode: "0796", declaratieNummer: "MATRIX1", periode: "2026-11", prestaties: [{ bsn: "${testBsn(9000)}", referentieNummer: "MATRIX1", toewijzingNummer: 1, productCategorie: "45", productCode: "45A04", begindatum: "2026-11-01", einddatum: "2026-11-30", geleverdVolume: 1, eenheid: "04", productTariefCenten: 9550, ingediendBedragCenten: 9550 }] }) { uitkomst }`,
    ),
    rijen: (d) => (d ? [{}] : []),
  },
  tariefOpDatum: {
    aanroepen: perObject(() =>
      [['NOB-L-001', '45A04'], ['NOB-L-200', '45A04'], ['GRO-001', '45A04']].map(([n, p]) => ({ veld: `tariefOpDatum(contractProductId: "${id[`contractProduct ${n} ${p}`]}", datum: "2026-09-01") { id bedragCenten }`, doel: CONTRACT[n] })),
    ),
    rijen: (d) => lijst(d).map(() => ({})),
  },
  node: {
    aanroepen: perObject(() => Object.values(tw).map((x) => ({ veld: `node(id: "${x.id}") { id ... on Toewijzing { regioCode gemeenteCode aanbiederAgb } }`, doel: x.tenant }))),
    rijen: (d) => lijst(d).map(rij),
  },
  nodes: { aanroepen: () => [{ veld: `nodes(ids: ${JSON.stringify(Object.values(tw).map((x) => x.id))}) { id ... on Toewijzing { regioCode gemeenteCode aanbiederAgb } }` }], rijen: (d) => lijst(d).filter((r) => r !== null).map(rij) },
  toewijzingen: { aanroepen: een('toewijzingen(first: 200) { edges { node { id nummer regioCode gemeenteCode aanbiederAgb } } }'), rijen: (d) => edges(d).map(rij) },
  verzoeken: { aanroepen: een('verzoeken(first: 200) { edges { node { id status regioCode gemeenteCode aanbiederAgb } } }'), rijen: (d) => edges(d).map(rij) },
  wachtlijst: { aanroepen: een('wachtlijst(first: 200) { edges { node { toewijzingId gemeenteCode aanbiederAgb } } }'), rijen: (d) => edges(d).map(rij) },
  wachttijdSignalen: {
    aanroepen: een('wachttijdSignalen(first: 200) { edges { node { soort regioCode gemeenteCode aanbiederAgb toewijzingId verzoekId } } }'),
    rijen: (d) => edges(d).map(rij),
  },
  wachttijden: { aanroepen: een('wachttijden(filter: { startVanaf: "2026-01-01" }) { gemeenteCode aanbiederAgb aantalGestart aantalWachtend }'), rijen: (d) => lijst(d).map(rij) },
  wachttijdnormen: { aanroepen: (w) => [{ veld: `wachttijdnormen(regioCode: "${eigenRegio(w)}") { id regioCode soort maxDagen }`, doel: { regio: eigenRegio(w) } }], rijen: (d) => lijst(d).map(rij) },
};

// The by-id reads whose object carries no tenant of its own: it is the tenant of the object asked for.
const ZONDER_EIGEN_TENANT = new Set(['tariefOpDatum']);

interface Antwoord {
  data: unknown;
  code?: string;
  status: number;
}

async function vraag(w: Wie, veld: string): Promise<Antwoord> {
  const r = await api.gql<Record<string, unknown>>(w.token, `{ a: ${veld} }`);
  return { data: r.data?.a ?? null, code: r.errors?.[0]?.extensions?.code as string | undefined, status: r.status };
}

/** What happened, in words, for the failure message and the report. */
function beschrijf(a: Antwoord, rijen: Tenant[]): string {
  if (a.code) return `error ${a.code}`;
  const r = [...new Set(rijen.map((t) => `${regioVan(t) ?? '?'}/${t.gemeenten?.join('+') ?? '-'}/${t.agb ?? '-'}`))].sort();
  return `${rijen.length} rows [${r.join(', ')}]`;
}

/** How a read of another tenant's object answered, for the report. */
const anderObject = new Set<string>();

describe('A: every Query field × every role', () => {
  afterAll(() => {
    if (process.env.MATRIX_RAPPORT) console.log([...anderObject].sort().join('\n'));
  });

  it('the matrix and the query calls have an entry for every Query field of the schema, and no other', () => {
    const fout = [
      ...QUERY_VELDEN.filter((f) => !QUERY_MATRIX[f]).map((f) => `Query.${f} has no entry in test/fixtures/rollen-matrix.ts`),
      ...Object.keys(QUERY_MATRIX).filter((f) => !QUERY_VELDEN.includes(f)).map((f) => `QUERY_MATRIX.${f} is not a Query field of the schema`),
      ...QUERY_VELDEN.filter((f) => !QUERIES[f]).map((f) => `Query.${f} has no call in test/rollen-matrix.test.ts`),
      ...MUTATIE_VELDEN.filter((f) => !MUTATION_MATRIX[f]).map((f) => `Mutation.${f} has no entry in test/fixtures/rollen-matrix.ts`),
      ...Object.keys(MUTATION_MATRIX).filter((f) => !MUTATIE_VELDEN.includes(f)).map((f) => `MUTATION_MATRIX.${f} is not a Mutation field of the schema`),
      ...MUTATIE_VELDEN.filter((f) => !MUTATIES[f]).map((f) => `Mutation.${f} has no call in test/rollen-matrix.test.ts`),
    ];
    expect(fout).toEqual([]);
  });

  it.each([
    ['gemeente', { rol: 'gemeente', regio: 'GRO', gemeenten: ['0796'] }],
    ['toegang', { rol: 'toegang', regio: 'GRO', gemeenten: ['0796'] }],
    ['gemeente (one of two outside)', { rol: 'gemeente', regio: 'NOB', gemeenten: ['0796', '0014'] }],
  ] as const)('a %s token whose municipalities lie outside its region is refused with 401', async (_naam, claims) => {
    const token = await api.token({ ...claims, gemeenten: [...claims.gemeenten] });
    const r = await api.gql(token, '{ toewijzingen { edges { node { id } } } regios { code } }');
    expect({ status: r.status, data: r.data ?? null }).toEqual({ status: 401, data: null });
  });

  describe.each(QUERY_VELDEN)('%s', (veld) => {
    it.each(WIE.map((w) => [w.naam, w] as const))('%s', async (_naam, w) => {
      const zicht = QUERY_MATRIX[veld]?.[w.rol];
      const spec = QUERIES[veld];
      if (!zicht || !spec) throw new Error(`Query.${veld} has no entry in the matrix (test/fixtures/rollen-matrix.ts) or no call here`);
      const fouten: string[] = [];
      for (const aanroep of spec.aanroepen(w)) {
        const a = await vraag(w, aanroep.veld);
        const rijen = a.code ? [] : spec.rijen(a.data);
        const wat = `${veld}${aanroep.doel ? ` of ${regioVan(aanroep.doel)}/${aanroep.doel.gemeenten?.join('+') ?? '-'}/${aanroep.doel.agb ?? '-'}` : ''}`;
        const gezien = beschrijf(a, rijen);
        if (a.status !== 200) fouten.push(`${wat}: HTTP ${a.status}`);
        if (zicht === 'FORBIDDEN') {
          if (a.code !== 'FORBIDDEN') fouten.push(`${wat}: expected FORBIDDEN, got ${gezien}`);
          continue;
        }
        const magDoel = !aanroep.doel || binnen(w, zicht, aanroep.doel, wat);
        if (!magDoel) {
          anderObject.add(`${veld} × ${w.rol}: ${a.code ?? (rijen.length ? 'rows' : JSON.stringify(a.data))}`);
          // Another tenant's object: nothing of it; an empty answer, null, NOT_FOUND or FORBIDDEN.
          if (a.code && !['NOT_FOUND', 'FORBIDDEN'].includes(a.code)) fouten.push(`${wat}: another tenant's object answered ${gezien}`);
          if (!a.code && rijen.length > 0) fouten.push(`${wat}: another tenant's object answered ${gezien}`);
          continue;
        }
        if (a.code) {
          fouten.push(`${wat}: expected ${zicht}, got ${gezien}`);
          continue;
        }
        if (rijen.length === 0) fouten.push(`${wat}: expected rows (${zicht}), got none`);
        if (!ZONDER_EIGEN_TENANT.has(veld)) {
          const buiten = rijen.filter((t) => !binnen(w, zicht, t, wat));
          if (buiten.length) fouten.push(`${wat}: expected only ${zicht}, got ${gezien}`);
          // An administrator over all regions sees both.
          if (zicht === 'alles' && !w.regio && !aanroep.doel && new Set(rijen.map(regioVan)).size < 2) fouten.push(`${wat}: expected both regions, got ${gezien}`);
        }
      }
      expect(fouten).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// B: two root fields in one request answer what each answers alone (one transaction per request
// must keep one tenant context for all its fields).

/** An answer per alias: the data, or the error codes. */
interface Los {
  data: unknown;
  codes: string[];
}

async function vraagVelden(w: Wie, velden: string[]): Promise<Los[]> {
  const aliassen = velden.map((_, i) => `v${i}`);
  const r = await api.gql<Record<string, unknown>>(w.token, `{ ${velden.map((v, i) => `${aliassen[i]}: ${v}`).join(' ')} }`);
  if (r.status !== 200 && !r.errors) throw new Error(`HTTP ${r.status}`);
  return aliassen.map((a) => ({
    data: r.data?.[a] ?? null,
    codes: (r.errors ?? []).filter((e) => (e as { path?: unknown[] }).path?.[0] === a || (!(e as { path?: unknown[] }).path && velden.length === 1)).map((e) => String(e.extensions?.code)),
  }));
}

/** How a paired answer differs from the lone one: rows added and missing, or both answers. */
function verschil(paar: Los, los: Los): string {
  const rijen = (x: Los): string[] | undefined => {
    const d = x.data as { edges?: unknown[] } | unknown[] | null;
    const l = Array.isArray(d) ? d : Array.isArray(d?.edges) ? d.edges : undefined;
    return l?.map((r) => JSON.stringify(r));
  };
  const a = rijen(paar);
  const b = rijen(los);
  if (!a || !b) return `answered ${JSON.stringify(paar).slice(0, 400)} instead of ${JSON.stringify(los).slice(0, 400)}`;
  const extra = a.filter((r) => !b.includes(r));
  const mist = b.filter((r) => !a.includes(r));
  return `answered ${a.length} rows instead of ${b.length}; extra ${extra.join(' ').slice(0, 600)}; missing ${mist.join(' ').slice(0, 600)}`;
}

/** Connections of the api's pool still lent out once every request has been answered (bounded poll: a release may trail the answer). */
async function uitgeleend(): Promise<number> {
  const n = () => apiPool().totalCount - apiPool().idleCount;
  await wachtTot('every connection back in the pool', () => n() === 0).catch(() => undefined);
  return n();
}

async function inParallel<T>(taken: (() => Promise<T>)[], n: number): Promise<T[]> {
  const uit: T[] = new Array<T>(taken.length);
  let volgende = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (volgende < taken.length) {
        const i = volgende++;
        uit[i] = await taken[i]();
      }
    }),
  );
  return uit;
}

/** The callers of the pair test: one tenant of every role, and the second tenant of the roles with municipalities and providers. */
const PAAR_WIE = ['regio NOB', 'gemeente 0796', 'gemeente 0828', 'toegang NOB 0796', 'aanbieder alfa', 'aanbieder beta', 'beheerder', 'auditor NOB'];

describe('B: every pair of root Query fields in one request answers what each answers alone', () => {
  it.each(PAAR_WIE)('%s', async (naam) => {
    const w = WIE.find((x) => x.naam === naam)!;
    const begin = process.hrtime.bigint();
    // Each field with the arguments of A, the caller's own object for a by-id read.
    const velden = QUERY_VELDEN.map((f) => {
      const aanroepen = QUERIES[f].aanroepen(w);
      const zicht = QUERY_MATRIX[f][w.rol];
      return (aanroepen.find((a) => !a.doel || (zicht !== 'FORBIDDEN' && binnen(w, zicht, a.doel, f))) ?? aanroepen[0]).veld;
    });
    const alleen = await inParallel(velden.map((v) => async () => (await vraagVelden(w, [v]))[0]), 4);
    // A field refused alone makes a non-null root field fail and the whole `data` null (GraphQL's
    // rule): its pairs say nothing about the other field, so they are left out here.
    const paren: [number, number][] = [];
    for (let i = 0; i < velden.length; i++) for (let j = i + 1; j < velden.length; j++) if (!alleen[i].codes.length && !alleen[j].codes.length) paren.push([i, j]);
    const verschillen: string[] = [];
    await inParallel(
      paren.map(([i, j]) => async () => {
        const [a, b] = await vraagVelden(w, [velden[i], velden[j]]);
        for (const [k, x] of [[i, a], [j, b]] as const) {
          if (JSON.stringify(x) !== JSON.stringify(alleen[k])) verschillen.push(`${QUERY_VELDEN[i]} + ${QUERY_VELDEN[j]}: ${QUERY_VELDEN[k]} ${verschil(x, alleen[k])}`);
        }
      }),
      4,
    );
    const ms = Number(process.hrtime.bigint() - begin) / 1e6;
    if (process.env.MATRIX_RAPPORT) console.log(`pairs ${naam}: ${paren.length} pairs in ${Math.round(ms)} ms`);
    expect({ verschillen: verschillen.sort(), uitgeleend: await uitgeleend() }).toEqual({ verschillen: [], uitgeleend: 0 });
  }, 300_000);

  it('requests with a refused field next to answered ones leave no connection behind', async () => {
    // Every pair of the access team's root fields where one is refused: the refused field keeps its code.
    const w = WIE.find((x) => x.naam === 'toegang NOB 0796')!;
    const velden = QUERY_VELDEN.map((f) => QUERIES[f].aanroepen(w)[0].veld);
    const alleen = await inParallel(velden.map((v) => async () => (await vraagVelden(w, [v]))[0]), 4);
    const paren: [number, number][] = [];
    for (let i = 0; i < velden.length; i++) for (let j = i + 1; j < velden.length; j++) if (alleen[i].codes.length || alleen[j].codes.length) paren.push([i, j]);
    expect(paren.length).toBeGreaterThan(0);
    const begin = process.hrtime.bigint();
    const fout: string[] = [];
    await inParallel(
      paren.map(([i, j]) => async () => {
        const [a, b] = await vraagVelden(w, [velden[i], velden[j]]);
        for (const [k, x] of [[i, a], [j, b]] as const) {
          // With both refused, GraphQL may report only the first error (the whole `data` is null at once).
          const beide = alleen[i].codes.length > 0 && alleen[j].codes.length > 0;
          if (alleen[k].codes.length && !beide && JSON.stringify(x.codes) !== JSON.stringify(alleen[k].codes)) fout.push(`${QUERY_VELDEN[i]} + ${QUERY_VELDEN[j]}: ${QUERY_VELDEN[k]} gave ${x.codes.join(',') || 'no error'} instead of ${alleen[k].codes.join(',')}`);
        }
        if (a.codes.length + b.codes.length === 0) fout.push(`${QUERY_VELDEN[i]} + ${QUERY_VELDEN[j]}: no error at all`);
      }),
      4,
    );
    if (process.env.MATRIX_RAPPORT) console.log(`refused pairs: ${paren.length} in ${Math.round(Number(process.hrtime.bigint() - begin) / 1e6)} ms`);
    expect(fout.sort()).toEqual([]);
    expect({ uitgeleend: await uitgeleend() }).toEqual({ uitgeleend: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Mutations: every role, first those refused, then callers of an allowed role aiming at another
// tenant's objects, then the allowed ones on their own (so an allowed success cannot mask a refusal).

interface MutatieSpec {
  doc: string;
  vars(w: Wie): Record<string, unknown>;
  /** The variables name an object or code of tenant 1 (NOB, 0796, alfa): tenant 2 of an allowed role must be refused. */
  doelwit: boolean;
}

const regioArg = (w: Wie) => (w.rol === 'beheerder' ? { regioCode: w.regio ?? 'NOB' } : {});
let uniek = 0;

const MUTATIES: Record<string, MutatieSpec> = {
  beeindigContract: { doc: 'mutation($id: ID!) { beeindigContract(id: $id, einddatum: "2027-06-30", reden: "Matrix") { id } }', vars: () => ({ id: id.contractM }), doelwit: true },
  // The provider's and the municipality's item of tenant 1: either receiver confirms its own, nobody else anything.
  bevestigOntvangst: { doc: 'mutation($ids: [ID!]!) { bevestigOntvangst(ids: $ids) { id } }', vars: () => ({ ids: [id.postbusJw301NOB, id.postbusJw302NOB] }), doelwit: true },
  berekenLumpsumVaststelling: { doc: 'mutation($id: ID!) { berekenLumpsumVaststelling(lumpsumId: $id) { id } }', vars: () => ({ id: id.lumpsumNOB }), doelwit: true },
  contracteerProduct: {
    doc: 'mutation($input: ContracteerProductInput!) { contracteerProduct(input: $input) { id } }',
    vars: () => ({ input: { contractId: id.contractM, productCode: '43A05', tariefCenten: 30000, tariefVanaf: '2026-01-01' } }),
    doelwit: true,
  },
  geefDeclaratieVrij: { doc: 'mutation($id: ID!) { geefDeclaratieVrij(declaratieId: $id) { id } }', vars: () => ({ id: id['declaratie 0796'] }), doelwit: true },
  herbezorg: { doc: 'mutation($id: ID!) { herbezorg(id: $id) { id } }', vars: () => ({ id: id.jw301NOB }), doelwit: true },
  // Far in the future: no delivery of this file is held. Another region's administrator cannot withdraw a hub-wide window.
  kondigVerzendstopAan: {
    doc: 'mutation { kondigVerzendstopAan(input: { van: "2031-01-01T00:00:00+01:00", tot: "2031-01-02T00:00:00+01:00", kanaal: alle, reden: "Matrix" }) { id } }',
    vars: () => ({}),
    doelwit: false,
  },
  trekVerzendstopIn: { doc: 'mutation($id: ID!) { trekVerzendstopIn(id: $id) { id } }', vars: () => ({ id: id.verzendstop }), doelwit: true },
  // A closed local port: nothing leaves this machine when the worker tries to deliver there.
  registreerBezorgadres: { doc: 'mutation($agb: String!) { registreerBezorgadres(agb: $agb, url: "http://127.0.0.1:9/ijw") { bezorgadres { url } } }', vars: () => ({ agb: AGB.alfa }), doelwit: true },
  registreerAanbieder: {
    doc: 'mutation($input: RegistreerAanbiederInput!) { registreerAanbieder(input: $input) { aanbieder { agb } } }',
    vars: () => ({ input: { agb: `72${String(++uniek).padStart(6, '0')}`, naam: `Matrix ${uniek}`, contacten: [{ naam: 'A. Matrix', functie: 'contractmanager', email: 'a@matrix.example' }] } }),
    doelwit: false,
  },
  // NOB's sandbox: made once (after that SANDBOX_BESTAAT), reset after it is made.
  maakSandbox: { doc: 'mutation { maakSandbox(regio: "NOB") { regio contracten } }', vars: () => ({}), doelwit: true },
  resetSandbox: { doc: 'mutation { resetSandbox(regio: "NOB") { regio contracten } }', vars: () => ({}), doelwit: true },
  // A provider aims at its own (alfa); the others at beta, contracted in NOB only.
  wijzigAanbiederContacten: {
    doc: 'mutation($input: WijzigAanbiederContactenInput!) { wijzigAanbiederContacten(input: $input) { agb } }',
    vars: (w) => ({ input: { agb: w.rol === 'aanbieder' ? AGB.alfa : AGB.beta, contacten: [{ naam: 'B. Matrix', functie: 'zorgcoördinator', email: 'b@matrix.example' }] } }),
    doelwit: true,
  },
  roteerOndertekeningsgeheim: { doc: 'mutation($agb: String!) { roteerOndertekeningsgeheim(agb: $agb) { bezorgadres { url } } }', vars: () => ({ agb: AGB.alfa }), doelwit: true },
  verwijderBezorgadres: { doc: 'mutation($agb: String!) { verwijderBezorgadres(agb: $agb) }', vars: () => ({ agb: AGB.alfa }), doelwit: true },
  herverdeelBegrotingspost: { doc: 'mutation($id: ID!) { herverdeelBegrotingspost(id: $id) { id } }', vars: () => ({ id: id.postNOB }), doelwit: true },
  houdDeclaratieAan: { doc: 'mutation($id: ID!) { houdDeclaratieAan(input: { declaratieId: $id, reden: "Controle" }) { id } }', vars: () => ({ id: id['declaratie 0796'] }), doelwit: true },
  indexeerTarieven: {
    doc: 'mutation($input: IndexatieInput!) { indexeerTarieven(input: $input) { id } }',
    vars: (w) => ({ input: { jaar: 2028, methode: 'percentage', percentage: 1.5, ...regioArg(w) } }),
    doelwit: false,
  },
  keurLumpsumVaststellingGoed: { doc: 'mutation($id: ID!) { keurLumpsumVaststellingGoed(id: $id) { id } }', vars: () => ({ id: id.vaststellingNOB }), doelwit: true },
  laatToeTotOpenHouse: {
    doc: 'mutation($input: OpenHouseToelatingInput!) { laatToeTotOpenHouse(input: $input) { id } }',
    vars: () => ({ input: { aanbiederAgb: AGB.gamma, begindatum: '2026-09-01', modelContractNummer: 'NOB-L-001', nummer: `NOB-OH-${++uniek}` } }),
    doelwit: true,
  },
  maakAfrekeningen: { doc: 'mutation { maakAfrekeningen(filter: { maand: "2026-10-01", gemeenteCode: "0796" }) { id } }', vars: () => ({}), doelwit: true },
  maakArrangement: {
    doc: 'mutation($input: ArrangementInput!) { maakArrangement(input: $input) { id } }',
    vars: (w) => ({ input: { naam: `Matrix ${++uniek}`, omschrijving: 'test', onderdelen: [{ productCode: '45A04', volume: 1, frequentie: '2' }], ...regioArg(w) } }),
    doelwit: false,
  },
  maakBegrotingspost: {
    doc: 'mutation($input: BegrotingspostInput!) { maakBegrotingspost(input: $input) { id } }',
    vars: (w) => ({ input: { naam: `Matrix ${++uniek}`, begindatum: '2027-01-01', einddatum: '2027-12-31', bedragCenten: 100_000, sleutel: 'inwoners', ...regioArg(w) } }),
    doelwit: false,
  },
  maakContract: {
    doc: 'mutation($input: MaakContractInput!) { maakContract(input: $input) { id } }',
    // Names 's-Hertogenbosch: a caller of another region must be refused.
    vars: (w) => ({ input: { nummer: `NOB-X-${++uniek}`, aanbiederAgb: AGB.gamma, perceel: 'Lichte zorg', procedure: 'aanbesteding', begindatum: '2026-01-01', einddatum: '2026-12-31', verlengingen: 0, gemeenten: ['0796'], producten: [], ...(w.rol === 'beheerder' ? { regioCode: 'NOB' } : {}) } }),
    doelwit: true,
  },
  sluitCapaciteit: { doc: 'mutation($id: ID!) { sluitCapaciteit(id: $id) { id } }', vars: () => ({ id: id.capaciteitNOB }), doelwit: true },
  stelDeclaratiebeoordelingIn: { doc: 'mutation { stelDeclaratiebeoordelingIn(gemeenteCode: "0796", eigenSysteem: false) { code } }', vars: () => ({}), doelwit: true },
  stelLumpsumVast: {
    doc: 'mutation($input: LumpsumInput!) { stelLumpsumVast(input: $input) { id } }',
    vars: () => ({ input: { contractId: id.lumpsumContractNOB, jaar: 2027, budgetCenten: 1_000_000, minimumClienten: 1, maximumClienten: 2, bedragPerClientCenten: 10_000 } }),
    doelwit: true,
  },
  stelTariefVast: {
    doc: 'mutation($input: TariefInput!) { stelTariefVast(input: $input) { id } }',
    vars: () => ({ input: { contractProductId: id['contractProduct NOB-L-001 45A04'], geldigVanaf: '2029-01-01', bedragCenten: 9999 } }),
    doelwit: true,
  },
  stelWachttijdnormVast: {
    doc: 'mutation($input: WachttijdnormInput!) { stelWachttijdnormVast(input: $input) { id } }',
    vars: (w) => ({ input: { soort: 'aanmelding_tot_toewijzing', maxDagen: 30, ...regioArg(w) } }),
    doelwit: false,
  },
  toewijzen: {
    doc: 'mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id } } }',
    vars: () => ({
      input: {
        gemeenteCode: '0796',
        aanbiederAgb: AGB.alfa,
        client: { bsn: testBsn(500 + ++uniek), geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Matrix', adres: { postcode: '5211AB', huisnummer: uniek } },
        producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-11-01', einddatum: '2026-12-31', volume: 3, eenheid: '04', frequentie: '2' }],
      },
    }),
    doelwit: true,
  },
  verlengContract: { doc: 'mutation($id: ID!) { verlengContract(id: $id, nieuweEinddatum: "2028-12-31") { id } }', vars: () => ({ id: id.contractM }), doelwit: true },
  verwijderToewijzing: { doc: 'mutation($id: ID!) { verwijderToewijzing(id: $id) { toewijzingen { id } } }', vars: () => ({ id: tw.TW1w.id }), doelwit: true },
  verwijderWachttijdnorm: { doc: 'mutation($id: ID!) { verwijderWachttijdnorm(id: $id) }', vars: () => ({ id: id.normNOB }), doelwit: true },
  voegProductToe: {
    doc: 'mutation($input: ProductInput!) { voegProductToe(input: $input) { id } }',
    vars: (w) => ({ input: { categorie: '45', code: `45M${String(++uniek).padStart(2, '0')}`, omschrijving: 'Matrix', eenheid: '04', uitvoeringsvariant: 'inspanningsgericht', ...regioArg(w) } }),
    doelwit: false,
  },
  werkCapaciteitBij: {
    doc: 'mutation($input: CapaciteitInput!) { werkCapaciteitBij(input: $input) { id } }',
    vars: (w) => ({ input: { productId: id.productNOB, locatieNaam: `Matrix ${++uniek}`, postcode: '5211AB', vrijePlaatsen: 1, intakesPerWeek: 1, openVoorNieuweClienten: true, ...(w.rol === 'beheerder' ? { aanbiederAgb: AGB.alfa } : {}) } }),
    doelwit: false,
  },
  wijsVerzoekAf: { doc: 'mutation($id: ID!) { wijsVerzoekAf(input: { verzoekId: $id, reden: "1" }) { id } }', vars: () => ({ id: id['verzoek 0796'] }), doelwit: true },
  wijsVerzoekToe: { doc: 'mutation($id: ID!) { wijsVerzoekToe(input: { verzoekId: $id, adres: { postcode: "5211AB", huisnummer: 1 } }) { toewijzingen { id } } }', vars: () => ({ id: id['verzoek 0796 1'] }), doelwit: true },
  wijsWijzigingsverzoekToe: { doc: 'mutation($id: ID!) { wijsWijzigingsverzoekToe(verzoekId: $id) { toewijzingen { id } } }', vars: () => ({ id: id['verzoek 0796'] }), doelwit: true },
  wijzigToewijzing: {
    doc: 'mutation($id: ID!) { wijzigToewijzing(input: { id: $id, einddatum: "2026-12-15", redenWijziging: "02" }) { toewijzingen { id } } }',
    vars: () => ({ id: tw.TW1.id }),
    doelwit: true,
  },
  // The region's own endpoint: each caller acts for its own region (a closed local port: nothing leaves this machine).
  registreerRegioBezorgadres: { doc: 'mutation($regioCode: String) { registreerRegioBezorgadres(url: "http://127.0.0.1:9/budget", regioCode: $regioCode) { bezorgadres { url } } }', vars: regioArg, doelwit: false },
  roteerRegioOndertekeningsgeheim: { doc: 'mutation($regioCode: String) { roteerRegioOndertekeningsgeheim(regioCode: $regioCode) { bezorgadres { url } } }', vars: regioArg, doelwit: false },
  verwijderRegioBezorgadres: { doc: 'mutation($regioCode: String) { verwijderRegioBezorgadres(regioCode: $regioCode) }', vars: regioArg, doelwit: false },
  stelBudgetdrempelsIn: { doc: 'mutation($i: BudgetdrempelsInput!) { stelBudgetdrempelsIn(input: $i) }', vars: () => ({ i: { contractId: id.contractM, drempels: [60, 80] } }), doelwit: true },
  zetVerzoekInOnderzoek: { doc: 'mutation($id: ID!) { zetVerzoekInOnderzoek(verzoekId: $id) { id } }', vars: () => ({ id: id['verzoek 0796 2'] }), doelwit: true },
  // Invalid XML: reaches the message checks (the portal is on for both providers), stores nothing.
  stelVecozoBerichtOp: { doc: 'mutation { stelVecozoBerichtOp(input: { soort: JW315, xml: "<geen/>" }) { id } }', vars: () => ({}), doelwit: false },
  // Each caller on a provider it keeps: its own, or alfa (contracted in both regions).
  zetVecozoPortaal: { doc: 'mutation($agb: String!) { zetVecozoPortaal(aanbiederAgb: $agb, aan: true) { actief } }', vars: (w) => ({ agb: w.agb ?? AGB.alfa }), doelwit: false },
};

/** The order of callers per mutation: refused roles, then other tenants of allowed roles, then the allowed on their own. */
function volgorde(veld: string): { w: Wie; soort: 'geweigerd' | 'ander' | 'toegestaan' }[] {
  const mag = MUTATION_MATRIX[veld];
  const spec = MUTATIES[veld];
  if (!mag || !spec) return WIE.map((w) => ({ w, soort: 'geweigerd' }));
  const geweigerd = WIE.filter((w) => mag[w.rol] === 'FORBIDDEN').map((w) => ({ w, soort: 'geweigerd' as const }));
  const ander = WIE.filter((w) => mag[w.rol] === 'toegestaan' && !w.eigen && spec.doelwit).map((w) => ({ w, soort: 'ander' as const }));
  const toegestaan = WIE.filter((w) => mag[w.rol] === 'toegestaan' && (w.eigen || !spec.doelwit)).map((w) => ({ w, soort: 'toegestaan' as const }));
  return [...geweigerd, ...ander, ...toegestaan];
}

/** Outcomes of the allowed calls, for the report: ok or the business code they reached. */
const bereikt: string[] = [];

describe('A: every Mutation field × every role', () => {
  describe.each(MUTATIE_VELDEN)('%s', (veld) => {
    it.each(volgorde(veld).map((x) => [`${x.w.naam} (${x.soort})`, x] as const))('%s', async (_naam, { w, soort }) => {
      const spec = MUTATIES[veld];
      if (!MUTATION_MATRIX[veld] || !spec) throw new Error(`Mutation.${veld} has no entry in the matrix (test/fixtures/rollen-matrix.ts) or no call here`);
      const r = await api.gql<Record<string, unknown>>(w.token, spec.doc, spec.vars(w));
      const code = r.errors?.[0]?.extensions?.code as string | undefined;
      // An empty list (a settlement run that found nothing of the caller's) changed nothing.
      const uitkomst = r.data?.[veld];
      const gelukt = !r.errors && uitkomst !== undefined && uitkomst !== null && !(Array.isArray(uitkomst) && uitkomst.length === 0);
      const gezien = gelukt ? 'succeeded' : r.errors ? `error ${code ?? '?'} (${r.errors[0].message})` : 'empty';
      if (soort === 'geweigerd') expect({ [veld]: gezien }).toEqual({ [veld]: expect.stringMatching(/^error FORBIDDEN /) });
      // Refused as another tenant's: forbidden, or not found (a state code such as "already answered" means it was found).
      else if (soort === 'ander') expect({ [veld]: gezien }).toEqual({ [veld]: expect.stringMatching(/^(error (FORBIDDEN|[A-Z_]*NOT_FOUND|NOT_YOUR_MUNICIPALITY|UNKNOWN_MUNICIPALITY) |empty$)/) });
      else {
        bereikt.push(`${veld} × ${w.naam}: ${gezien}`);
        expect({ [veld]: gezien }).toEqual({ [veld]: expect.not.stringMatching(/^error (FORBIDDEN|UNAUTHENTICATED|INTERNAL_SERVER_ERROR) /) });
      }
    });
  });

  afterAll(() => {
    if (process.env.MATRIX_RAPPORT) console.log(bereikt.join('\n'));
  });
});
