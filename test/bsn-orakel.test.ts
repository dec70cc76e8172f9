import { Client } from 'pg';
import { berichtHandlers } from '../src/modules';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { sleutelsUitConfig, type Sleutels } from '../src/common/sleutels';
import { withTenant } from '../src/db/tenant';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { verwerkBericht } from '../src/messaging/processing/verwerking';
import { seed } from '../src/seed/seed';
import { knopen, startTestApi, type Conn, type TestApi } from './helpers/api';
import { jw305Xml, stuurBericht, testBsn, type BerichtStatus, zaakJw301 } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { jw323Xml } from './helpers/declaraties';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

/**
 * A municipality's client record is its own: whatever path takes a BSN (GraphQL `toewijzen`, a
 * case system's JW301, a provider's JW315, JW305, JW323), a BSN that is a client of another
 * municipality (of this region or another) gets the same answer as a BSN nobody has seen, and the
 * hub runs the same SQL statements for both, so neither content nor work tells them apart.
 *
 * Statements are captured on the pg client. Messages are posted over HTTP and judged by the
 * worker's processing step, called here directly so only that step's statements are captured.
 */
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let sleutels: Sleutels;
const t: Record<string, string> = {};
const vandaag = pinKlok();

// Every statement any pg client sends while `opname` is set, whitespace collapsed.
let opname: string[] | null = null;
const prototype = Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const origineel = Object.getOwnPropertyDescriptor(prototype, 'query')!;
beforeAll(() => {
  const query = origineel.value as (...a: unknown[]) => unknown;
  prototype.query = function (this: Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    if (opname) opname.push((typeof q === 'string' ? q : (q.text ?? '')).replace(/\s+/g, ' ').trim());
    return query.apply(this, args);
  };
});
afterAll(() => {
  Object.defineProperty(prototype, 'query', origineel);
});

async function opgenomen<T>(f: () => Promise<T>): Promise<{ uitkomst: T; statements: string[] }> {
  opname = [];
  try {
    const uitkomst = await f();
    return { uitkomst, statements: opname };
  } finally {
    opname = null;
  }
}

beforeAll(async () => {
  db = await createTestDatabase('bsn_orakel');
  ds = await db.app({ poolSize: 4 });
  await seed(ds, FIXTURE);
  api = await startTestApi(ds);
  sleutels = sleutelsUitConfig(api.cfg);
  t.bosch = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.oss = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0828'] });
  t.groningen = await api.token({ rol: 'toegang', regio: 'GRO', gemeenten: ['0014'] });
  t.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const TOEWIJZEN = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) {
  toewijzingen { id nummer productCode ingangsdatum einddatum volume eenheid frequentie geraamdCenten versie }
  bericht { id type richting status afzender ontvanger } } }`;

const clientInput = (bsn: string, achternaam = 'Jansen') => ({
  bsn,
  geboortedatum: '2014-03-02',
  geslacht: '2',
  achternaam,
  adres: { postcode: '5211AB', huisnummer: 12 },
});
const ambulant = { categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', einddatum: '2027-05-31', volume: 2, eenheid: '04', frequentie: '2' };

async function toewijzen(token: string, input: Record<string, unknown>) {
  return api.gql<{ toewijzen: { toewijzingen: { id: string; nummer: number }[]; bericht: { id: string } } }>(token, TOEWIJZEN, { input });
}

let volgende = 0;
/**
 * Three BSNs for one path: a client of Oss (same region), a client of Groningen (another
 * region), and one nobody has seen; plus a fourth unseen one that warms the path up first, so
 * first-use effects (a new pool connection) fall outside the comparison.
 */
async function drieBsns(): Promise<{ oss: string; groningen: string; nieuw: string; warm: string }> {
  const b = { oss: testBsn(++volgende), groningen: testBsn(++volgende), nieuw: testBsn(++volgende), warm: testBsn(++volgende) };
  const oss = await toewijzen(t.oss, {
    gemeenteCode: '0828',
    aanbiederAgb: AGB.beta,
    client: clientInput(b.oss, 'Oss'),
    producten: [{ categorie: '54', code: '54001', ingangsdatum: '2027-01-01', einddatum: '2027-12-31', volume: 1, eenheid: '82', frequentie: '6' }],
  });
  expect(oss.errors).toBeUndefined();
  const gro = await toewijzen(t.groningen, { gemeenteCode: '0014', aanbiederAgb: AGB.alfa, client: clientInput(b.groningen, 'Groningen'), producten: [ambulant] });
  expect(gro.errors).toBeUndefined();
  return b;
}

/** The answer with what differs by nature (ids, numbers, the BSN itself, message references) taken out. */
function zonderIds(v: unknown, bsn: string): unknown {
  return JSON.parse(
    JSON.stringify(v)
      .replaceAll(bsn, 'BSN')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'ID')
      // Global ids (base64 of Type:uuid) differ by nature too.
      .replace(/"id":"[A-Za-z0-9+/]+={0,2}"/g, '"id":"ID"')
      .replace(/"nummer":\d+/g, '"nummer":0'),
  ) as unknown;
}

/** Runs `pad` for the warm-up BSN, then for the three; returns their normalised answers and statements. */
async function vergelijk(pad: (bsn: string, i: number) => Promise<unknown>, b: { oss: string; groningen: string; nieuw: string; warm: string }) {
  await pad(b.warm, 0);
  const uit: Record<string, { antwoord: unknown; statements: string[] }> = {};
  for (const [i, k] of (['oss', 'groningen', 'nieuw'] as const).entries()) {
    const r = await opgenomen(() => pad(b[k], i + 1));
    uit[k] = { antwoord: zonderIds(r.uitkomst, b[k]), statements: r.statements };
  }
  return uit;
}

function verwachtGelijk(uit: Record<string, { antwoord: unknown; statements: string[] }>) {
  expect(uit.nieuw.statements.length).toBeGreaterThan(0);
  expect(uit.oss.antwoord).toEqual(uit.nieuw.antwoord);
  expect(uit.groningen.antwoord).toEqual(uit.nieuw.antwoord);
  expect(uit.oss.statements).toEqual(uit.nieuw.statements);
  expect(uit.groningen.statements).toEqual(uit.nieuw.statements);
}

/** Posts a message over HTTP, lets the hub judge it, and reads what its sender gets back. */
async function bericht(token: string, xml: string): Promise<{ status: string; fouten: unknown; retour: unknown }> {
  const id = await stuurBericht(api.url, token, xml);
  await verwerkBericht(ds, sleutels, id, { handlers: berichtHandlers() });
  const s = (await (await fetch(`${api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as BerichtStatus;
  let retourXml: string | null = null;
  if (s.retour) {
    retourXml = (await (await fetch(`${api.url}/ijw/berichten/${s.retour.id}/xml`, { headers: { authorization: `Bearer ${token}` } })).text())
      // References the sender chose differ per case by construction.
      .replace(/<(\w+:)?(Identificatie|IdentificatieRetour|ReferentieAanbieder|ReferentieNummer|DeclaratieNummer)>[^<]*</g, '<$1$2>X<');
  }
  return { status: s.status, fouten: s.fouten, retour: s.retour && { type: s.retour.type, retourcodes: s.retour.retourcodes, xml: retourXml } };
}

let ident = 0;

describe('a BSN known only in another municipality answers like an unknown one', () => {
  it('GraphQL toewijzen refused (provider not contracted here): same error, same statements', async () => {
    const b = await drieBsns();
    const uit = await vergelijk((bsn) => toewijzen(t.bosch, { gemeenteCode: '0796', aanbiederAgb: AGB.beta, client: clientInput(bsn), producten: [ambulant] }), b);
    expect((uit.nieuw.antwoord as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_CONTRACTED');
    verwachtGelijk(uit);
  });

  it('GraphQL toewijzen accepted: same answer, same statements; each municipality keeps its own record', async () => {
    const b = await drieBsns();
    const uit = await vergelijk((bsn) => toewijzen(t.bosch, { gemeenteCode: '0796', aanbiederAgb: AGB.alfa, client: clientInput(bsn, 'Bosch'), producten: [ambulant] }), b);
    expect((uit.nieuw.antwoord as { errors?: unknown }).errors).toBeUndefined();
    verwachtGelijk(uit);

    // Both municipalities allocated care to the same child, independently; neither sees the other's record.
    const Q = `{ toewijzingen(first: 200) { edges { node { aanbiederAgb productCode client { bsn achternaam gemeenteCode } } } } }`;
    const metBsn = (r: { data?: { toewijzingen: Conn<{ client: { bsn: string } }> } }) => knopen(r.data!.toewijzingen).filter((x) => x.client.bsn === b.oss);
    expect(metBsn(await api.gql(t.oss, Q))).toEqual([{ aanbiederAgb: AGB.beta, productCode: '54001', client: { bsn: b.oss, achternaam: 'Oss', gemeenteCode: '0828' } }]);
    expect(metBsn(await api.gql(t.bosch, Q))).toEqual([{ aanbiederAgb: AGB.alfa, productCode: '45A04', client: { bsn: b.oss, achternaam: 'Bosch', gemeenteCode: '0796' } }]);
    const groningen = knopen((await api.gql<{ toewijzingen: Conn<{ client: { bsn: string; achternaam: string; gemeenteCode: string } }> }>(t.groningen, Q)).data!.toewijzingen);
    expect(groningen.filter((x) => x.client.bsn === b.groningen).map((x) => x.client)).toEqual([{ bsn: b.groningen, achternaam: 'Groningen', gemeenteCode: '0014' }]);
    const records = await withTenant(ds, SYSTEEM, (em) =>
      em.query<{ gemeente_code: string }[]>(`SELECT gemeente_code FROM client WHERE bsn_hash = $1 ORDER BY gemeente_code`, [sleutels.bsnHash(b.oss)]),
    );
    expect(records.map((r) => r.gemeente_code)).toEqual(['0796', '0828']);
  });

  it("a case system's JW301: recorded and forwarded alike, same statements", async () => {
    const b = await drieBsns();
    const jw301 = (bsn: string, i: number) => zaakJw301({ bsn, nummer: 70000 + ++ident, identificatie: `ZS${ident}-${i}`, dagtekening: vandaag });
    const uit = await vergelijk((bsn, i) => bericht(t.bosch, jw301(bsn, i)), b);
    expect(uit.nieuw.antwoord).toMatchObject({ status: 'klaar', fouten: null });
    verwachtGelijk(uit);
  });

  it("a provider's JW315: same JW316, same statements, whatever it asked of another municipality", async () => {
    const b = await drieBsns();
    const jw315 = (bsn: string, gemeente = '0796') => {
      const m = sampleMessage('JW315', 'minimal');
      const h = m.bericht.Header as IjwNode;
      h.Afzender = AGB.alfa;
      h.Ontvanger = gemeente;
      h.BerichtIdentificatie = { Identificatie: `V${++ident}`, Dagtekening: vandaag };
      const c = m.bericht.Client as IjwNode;
      c.Bsn = bsn;
      c.AangevraagdeProducten = {
        AangevraagdProduct: [
          {
            ReferentieAanbieder: `R-${ident}`,
            Product: { Categorie: '45', Code: '45A04' },
            ToewijzingIngangsdatum: '2026-12-01',
            ToewijzingEinddatum: '2027-05-31',
            Omvang: { Volume: 2, Eenheid: '04', Frequentie: '2' },
            Verwijzer: { Type: '02', Naam: 'Huisarts Bakker' },
          },
        ],
      };
      return writeMessage(m);
    };
    // The provider's open requests for the same child at the other municipalities are theirs.
    expect(await bericht(t.alfa, jw315(b.oss, '0828'))).toMatchObject({ status: 'verwerkt', retour: { retourcodes: [] } });
    expect(await bericht(t.alfa, jw315(b.groningen, '0014'))).toMatchObject({ status: 'verwerkt', retour: { retourcodes: [] } });
    const uit = await vergelijk((bsn) => bericht(t.alfa, jw315(bsn)), b);
    expect(uit.nieuw.antwoord).toMatchObject({ status: 'verwerkt', retour: { type: 'JW316', retourcodes: [] } });
    verwachtGelijk(uit);
  });

  it("a provider's JW305: same JW306, same statements", async () => {
    const b = await drieBsns();
    const uit = await vergelijk((bsn) => bericht(t.alfa, jw305Xml({ identificatie: `S${++ident}`, bsn })), b);
    expect(uit.nieuw.antwoord).toMatchObject({ status: 'verwerkt', retour: { type: 'JW306' } });
    verwachtGelijk(uit);
  });

  it("a provider's JW323: same JW325, same statements", async () => {
    const b = await drieBsns();
    const jw323 = (bsn: string) =>
      jw323Xml({
        identificatie: `D${++ident}`,
        nummer: `DN${ident}`,
        periode: '2026-11',
        afzender: AGB.alfa,
        gemeente: '0796',
        clienten: [{ bsn, prestaties: [{ ref: `P${ident}`, nummer: 888888, begin: '2026-11-01', eind: '2026-11-30', volume: 2 }] }],
      });
    const uit = await vergelijk((bsn) => bericht(t.alfa, jw323(bsn)), b);
    expect(uit.nieuw.antwoord).toMatchObject({ status: 'verwerkt', fouten: null, retour: { type: 'JW325' } });
    verwachtGelijk(uit);
  });
});
