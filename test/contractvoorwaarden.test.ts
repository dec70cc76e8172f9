import { verwerkBericht } from '../src/messaging/processing/verwerking';
import { testBsn, wachtOpBericht } from './helpers/berichten';
import { opbouwVan } from '../src/declaratie/jw323';
import { jw323Xml, type TestPrestatie } from './helpers/declaraties';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';
import { ruweId } from './helpers/api';

pinKlok();
jest.setTimeout(300_000);

/**
 * Answers that name the contract (issue 14, item 2): every rejection or flag that comes from a
 * contract condition names the contract, lot and clause, the same in the pre-flight (REST and
 * GraphQL), in GraphQL on the judged prestatie and in the reconciliation CSV; a rejection from
 * the toewijzing's own conditions (TR369, its Budget) names none.
 */

let hub: HubTestEnvironment;
let toegang: string;
let bsnVolg = 8100;

interface Tw {
  nummer: number;
  bsn: string;
}

const TW = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`;

async function toewijzing(agb: string, product: Record<string, unknown>): Promise<Tw> {
  const bsn = testBsn(bsnVolg++);
  const r = await hub.api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(toegang, TW, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: agb,
      client: { bsn, geboortedatum: '2014-04-04', geslacht: '1', achternaam: 'Contract', adres: { postcode: '5211AB', huisnummer: 3 } },
      producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-10-01', einddatum: '2026-12-31', volume: 3, eenheid: '04', frequentie: '2', ...product }],
    },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { nummer: r.data!.toewijzen.toewijzingen[0].nummer, bsn };
}

const ASPECIFIEK = { code: undefined, volume: undefined, eenheid: undefined, frequentie: undefined };

async function contract(input: Record<string, unknown>): Promise<string> {
  const r = await hub.api.gql<{ maakContract: { id: string; artikelPlafond: string } }>(
    hub.tokens.regio,
    `mutation($input: MaakContractInput!) { maakContract(input: $input) { id artikelPlafond } }`,
    { input: { perceel: 'Lichte zorg', procedure: 'openhouse', einddatum: '2027-12-31', verlengingen: 0, gemeenten: ['0796'], ...input } },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return ruweId(r.data!.maakContract.id);
}

/** What a test expects a prestatie's conditions to name: soort, code, contract number, lot, clause. */
type Genoemd = [string, string | null, string | null, string | null, string | null];

interface Voorwaarde {
  soort: string;
  code?: string | null;
  retourcode?: { code: string } | null;
  contractNummer?: string | null;
  contract?: { id: string; nummer: string } | null;
  perceel: string | null;
  artikel: string | null;
  omschrijving: string;
}
const genoemd = (v: Voorwaarde): Genoemd => [v.soort, v.code !== undefined ? v.code : (v.retourcode?.code ?? null), v.contractNummer !== undefined ? v.contractNummer : (v.contract?.nummer ?? null), v.perceel, v.artikel];

const PROEF_GQL = `query($input: ToetsDeclaratieInput!) { toetsDeclaratie(input: $input) {
  prestaties { referentieNummer retourcodes { code } contractvoorwaarden { soort retourcode { code } contract { id nummer } perceel artikel omschrijving } } } }`;

interface Claim {
  agb: string;
  token: string;
  nummer: string;
  periode: string;
  clienten: { bsn: string; prestaties: TestPrestatie[] }[];
}

/** The pre-flight over REST and over GraphQL, then the real claim; returns the conditions per reference from each. */
async function declareer(c: Claim): Promise<{ rest: Record<string, Genoemd[]>; gql: Record<string, Genoemd[]>; codes: Record<string, string[]> }> {
  const xml = jw323Xml({ identificatie: c.nummer, nummer: c.nummer, periode: c.periode, afzender: c.agb, gemeente: '0796', clienten: c.clienten });
  const res = await fetch(`${hub.api.url}/ijw/proef`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/xml' }, body: xml });
  expect(res.status).toBe(200);
  const rest = (await res.json()) as { prestaties: { referentieNummer: string; retourcodes: string[]; contractvoorwaarden: Voorwaarde[] }[] };
  const g = await hub.api.gql<{ toetsDeclaratie: { prestaties: { referentieNummer: string; retourcodes: { code: string }[]; contractvoorwaarden: Voorwaarde[] }[] } }>(c.token, PROEF_GQL, {
    input: { gemeenteCode: '0796', declaratieNummer: c.nummer, periode: c.periode, prestaties: c.clienten.flatMap((cl) => cl.prestaties.map((p) => ({ bsn: cl.bsn, ...opbouwVan(p) }))) },
  });
  expect(g.errors).toBeUndefined();
  const post = await fetch(`${hub.api.url}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/xml' }, body: xml });
  const id = ((await post.json()) as { id: string }).id;
  expect(post.status).toBe(202);
  await verwerkBericht(hub.ds, hub.sleutels, id, { handlers: hub.handlers });
  await wachtOpBericht(hub.api.url, c.token, id, (x) => x.status !== 'ontvangen');
  return {
    rest: Object.fromEntries(rest.prestaties.map((p) => [p.referentieNummer, p.contractvoorwaarden.map(genoemd)])),
    gql: Object.fromEntries(g.data!.toetsDeclaratie.prestaties.map((p) => [p.referentieNummer, p.contractvoorwaarden.map(genoemd)])),
    codes: Object.fromEntries(rest.prestaties.map((p) => [p.referentieNummer, p.retourcodes])),
  };
}

const PRESTATIES_GQL = `query($f: DeclaratieFilter) { declaraties(filter: $f, first: 5) { edges { node { nummer
  prestaties(first: 10) { edges { node { prestatie { referentieNummer } contractvoorwaarden { soort retourcode { code betekenis } contract { id nummer } perceel artikel omschrijving } } } } } } } }`;

/** A claim's prestaties as the connection gives them. */
type PrestatiesAntwoord = { declaraties: { edges: { node: { prestaties: { edges: { node: { prestatie: { referentieNummer: string }; contractvoorwaarden: Voorwaarde[] } }[] } } }[] } };
const prestatiesVan = (r: PrestatiesAntwoord) => r.declaraties.edges.flatMap((e) => e.node.prestaties.edges.map((x) => x.node));

/** A Dutch CSV (BOM, `;`, quotes doubled) as rows of named cells. */
function leesCsv(tekst: string): Record<string, string>[] {
  const regels = tekst.replace(/^\uFEFF/, '').trim().split('\r\n');
  const cellen = (r: string) => {
    const uit: string[] = [];
    let cel = '';
    let binnen = false;
    for (let i = 0; i < r.length; i++) {
      const t = r[i];
      if (binnen && t === '"' && r[i + 1] === '"') {
        cel += '"';
        i++;
      } else if (t === '"') binnen = !binnen;
      else if (t === ';' && !binnen) {
        uit.push(cel);
        cel = '';
      } else cel += t;
    }
    uit.push(cel);
    return uit;
  };
  const kop = cellen(regels[0]);
  return regels.slice(1).map((r) => Object.fromEntries(cellen(r).map((c, i) => [kop[i], c])));
}

let contractB: string;
let contractC: string;
const uitkomsten: Record<string, { rest: Record<string, Genoemd[]>; gql: Record<string, Genoemd[]>; codes: Record<string, string[]> }> = {};

const B_ARTIKELEN = { looptijd: 'Art. 2.1 (looptijd)', perceel: 'Bijlage 1 (producten)', tarief: 'Art. 6.2 (tarieven)', plafond: 'Art. 8.3 (budgetplafond)' };
/** What each prestatie's conditions must name, in every answer. */
const VERWACHT: Record<string, Genoemd[]> = {
  // Gamma, September: the product is contracted only under NOB-CV-B, which begins in October.
  'CV-LOOP': [['looptijd', '0611', 'NOB-CV-B', 'Ambulant', B_ARTIKELEN.looptijd]],
  // Gamma, October under NOB-CV-B (ceiling 2,000.00, policy afwijzen).
  'CV-TARIEF': [['tarief', '0611', 'NOB-CV-B', 'Ambulant', B_ARTIKELEN.tarief]],
  'CV-GOED': [],
  'CV-PLAFOND': [['plafond', '9369', 'NOB-CV-B', 'Ambulant', B_ARTIKELEN.plafond]],
  // TR369: the toewijzing's own Budget, not a contract condition.
  'CV-BUDGET': [],
  // Beta, October under NOB-CV-C (defaults for the clauses; ceiling 1,000.00, policy signaleren).
  'CV-PERCEEL': [['perceel', '9340', 'NOB-CV-C', 'Lichte zorg', 'Artikel 4 (perceel en producten)']],
  'CV-EENHEID': [['eenheid', '9341', 'NOB-CV-C', 'Lichte zorg', 'Artikel 7 (tarieven)']],
  'CV-SIGNAAL': [['plafond', null, 'NOB-CV-C', 'Lichte zorg', 'Artikel 9 (budgetplafond)']],
};

beforeAll(async () => {
  hub = await createHubTestEnvironment('contractvoorwaarden', { poolSize: 4 });
  toegang = await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  // Gamma: NOB-CV-A (45A12, the whole year) holds its aspecifieke toewijzing; 45A04 is contracted only in NOB-CV-B, from October.
  const product = await hub.api.gql(hub.tokens.regio, `mutation { voegProductToe(input: { categorie: "45", code: "45A12", omschrijving: "Ambulant groep", eenheid: "04", uitvoeringsvariant: inspanningsgericht }) { id } }`);
  if (product.errors) throw new Error(JSON.stringify(product.errors));
  await contract({ nummer: 'NOB-CV-A', aanbiederAgb: AGB.gamma, begindatum: '2026-01-01', producten: [{ productCode: '45A12', tariefCenten: 8000 }] });
  contractB = await contract({
    nummer: 'NOB-CV-B', aanbiederAgb: AGB.gamma, perceel: 'Ambulant', procedure: 'aanbesteding', begindatum: '2026-10-01',
    budgetplafonds: [{ jaar: 2026, bedragCenten: 200000 }], producten: [{ productCode: '45A04', tariefCenten: 9550 }], plafondBeleid: 'afwijzen', artikelen: B_ARTIKELEN,
  });
  contractC = await contract({
    nummer: 'NOB-CV-C', aanbiederAgb: AGB.beta, begindatum: '2026-01-01',
    budgetplafonds: [{ jaar: 2026, bedragCenten: 100000 }], producten: [{ productCode: '45A04', tariefCenten: 9550 }], plafondBeleid: 'signaleren',
  });

  const gammaAsp = await toewijzing(AGB.gamma, { ...ASPECIFIEK, ingangsdatum: '2026-09-01' });
  // Aspecifiek (no Omvang, so nothing is reserved against the ceiling when allocated): priced by NOB-CV-B, the one contract of 45A04.
  const [tarief, goed, plafond] = [await toewijzing(AGB.gamma, ASPECIFIEK), await toewijzing(AGB.gamma, ASPECIFIEK), await toewijzing(AGB.gamma, ASPECIFIEK)];
  const budget = await toewijzing(AGB.gamma, { ...ASPECIFIEK, budget: 50000 });
  const betaAsp = await toewijzing(AGB.beta, { ...ASPECIFIEK, ingangsdatum: '2026-09-01' });
  const betaTw = await toewijzing(AGB.beta, ASPECIFIEK);

  const SEPT = { begin: '2026-09-01', eind: '2026-09-30' };
  const OKT = { begin: '2026-10-01', eind: '2026-10-31' };
  uitkomsten.gammaSept = await declareer({
    agb: AGB.gamma, token: hub.tokens.gamma, nummer: 'CV1', periode: '2026-09',
    clienten: [{ bsn: gammaAsp.bsn, prestaties: [{ ref: 'CV-LOOP', nummer: gammaAsp.nummer, ...SEPT, volume: 2 }] }],
  });
  uitkomsten.gammaOkt = await declareer({
    agb: AGB.gamma, token: hub.tokens.gamma, nummer: 'CV2', periode: '2026-10',
    clienten: [
      { bsn: tarief.bsn, prestaties: [{ ref: 'CV-TARIEF', nummer: tarief.nummer, ...OKT, volume: 2, tarief: 9999 }] },
      { bsn: goed.bsn, prestaties: [{ ref: 'CV-GOED', nummer: goed.nummer, ...OKT, volume: 12 }] },
      { bsn: plafond.bsn, prestaties: [{ ref: 'CV-PLAFOND', nummer: plafond.nummer, ...OKT, volume: 12 }] },
      { bsn: budget.bsn, prestaties: [{ ref: 'CV-BUDGET', nummer: budget.nummer, ...OKT, volume: 12 }] },
    ],
  });
  uitkomsten.betaOkt = await declareer({
    agb: AGB.beta, token: hub.tokens.beta, nummer: 'CV3', periode: '2026-10',
    clienten: [
      { bsn: betaAsp.bsn, prestaties: [{ ref: 'CV-PERCEEL', nummer: betaAsp.nummer, ...OKT, volume: 100, code: '45T10', eenheid: '83' }, { ref: 'CV-EENHEID', nummer: betaAsp.nummer, ...OKT, volume: 2, eenheid: '14' }] },
      { bsn: betaTw.bsn, prestaties: [{ ref: 'CV-SIGNAAL', nummer: betaTw.nummer, ...OKT, volume: 12 }] },
    ],
  });
}, 240_000);

afterAll(async () => {
  await hub?.close();
});

describe('answers that name the contract', () => {
  it('the claims gave the codes the cases are about (the ceiling\'s 9369 and the Budget\'s 9369 alike)', () => {
    const codes = { ...uitkomsten.gammaSept.codes, ...uitkomsten.gammaOkt.codes, ...uitkomsten.betaOkt.codes };
    expect(codes).toEqual({
      'CV-LOOP': ['0611'], 'CV-TARIEF': ['0611'], 'CV-GOED': [], 'CV-PLAFOND': ['9369'], 'CV-BUDGET': ['9369'],
      'CV-PERCEEL': ['9340'], 'CV-EENHEID': ['9341'], 'CV-SIGNAAL': [],
    });
  });

  it('the pre-flight names contract, lot and clause for each condition kind, over REST and GraphQL', () => {
    const rest = { ...uitkomsten.gammaSept.rest, ...uitkomsten.gammaOkt.rest, ...uitkomsten.betaOkt.rest };
    const gql = { ...uitkomsten.gammaSept.gql, ...uitkomsten.gammaOkt.gql, ...uitkomsten.betaOkt.gql };
    expect(rest).toEqual(VERWACHT);
    expect(gql).toEqual(VERWACHT);
  });

  it('GraphQL names them on each judged prestatie, with the contract\'s global id and a Dutch description', async () => {
    const gezien: Record<string, Genoemd[]> = {};
    for (const [token, agb] of [[hub.tokens.gamma, AGB.gamma], [hub.tokens.beta, AGB.beta]]) {
      const r = await hub.api.gql<PrestatiesAntwoord>(token, PRESTATIES_GQL, { f: { aanbiederAgb: agb } });
      expect(r.errors).toBeUndefined();
      for (const p of prestatiesVan(r.data!)) gezien[p.prestatie.referentieNummer] = p.contractvoorwaarden.map(genoemd);
      const alle = prestatiesVan(r.data!).flatMap((p) => p.contractvoorwaarden);
      for (const v of alle) {
        expect(ruweId(v.contract!.id)).toBe(v.contract!.nummer === 'NOB-CV-B' ? contractB : contractC);
        expect(v.omschrijving).toMatch(/contract|perceel|eenheid/);
      }
    }
    expect(gezien).toEqual(VERWACHT);
    const r = await hub.api.gql<PrestatiesAntwoord>(hub.tokens.gamma, PRESTATIES_GQL, { f: { aanbiederAgb: AGB.gamma } });
    const tarief = prestatiesVan(r.data!).find((p) => p.prestatie.referentieNummer === 'CV-TARIEF')!;
    expect(tarief.contractvoorwaarden[0].omschrijving).toBe('Het gedeclareerde tarief € 99,99 wijkt af van het contracttarief € 95,50');
  });

  it('the reconciliation CSV carries them on each prestatie\'s row; the settlement CSV carries the flag', async () => {
    const rijen: Record<string, string>[] = [];
    for (const maand of ['2026-09-01', '2026-10-01']) {
      const res = await fetch(`${hub.api.url}/export/declaraties.csv?maand=${maand}`, { headers: { authorization: `Bearer ${hub.tokens.regio}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      rijen.push(...leesCsv(await res.text()));
    }
    const cv = rijen.filter((r) => r.referentie_nummer.startsWith('CV-'));
    const alsGenoemd = (r: Record<string, string>): Genoemd[] =>
      r.contractvoorwaarde ? [[r.contractvoorwaarde, r.contractvoorwaarde_code || null, r.contractvoorwaarde_contract, r.contractvoorwaarde_perceel, r.contractvoorwaarde_artikel]] : [];
    expect(Object.fromEntries(cv.map((r) => [r.referentie_nummer, alsGenoemd(r)]))).toEqual(VERWACHT);
    const plafond = cv.find((r) => r.referentie_nummer === 'CV-PLAFOND')!;
    expect(plafond).toMatchObject({ uitkomst: 'afgewezen', retourcodes: '9369', contractvoorwaarde_omschrijving: 'Het budgetplafond 2026 van het contract (€ 2000,00) is bereikt' });
    expect(cv.find((r) => r.referentie_nummer === 'CV-SIGNAAL')).toMatchObject({ uitkomst: 'toegekend boven plafond', toegekend_euro: '1146,00' });
    // A provider's export holds its own prestaties only.
    const eigen = await fetch(`${hub.api.url}/export/declaraties.csv?maand=2026-10-01`, { headers: { authorization: `Bearer ${hub.tokens.beta}` } });
    expect(new Set(leesCsv(await eigen.text()).map((r) => r.aanbieder_agb))).toEqual(new Set([AGB.beta]));
    expect((await fetch(`${hub.api.url}/export/declaraties.csv?maand=2026-10`, { headers: { authorization: `Bearer ${hub.tokens.regio}` } })).status).toBe(400);

    const maak = await hub.api.gql(hub.tokens.regio, `mutation { maakAfrekeningen(filter: { maand: "2026-10-01" }) { factuurnummer } }`);
    expect(maak.errors).toBeUndefined();
    const af = await fetch(`${hub.api.url}/export/afrekeningen.csv?maand=2026-10-01`, { headers: { authorization: `Bearer ${hub.tokens.regio}` } });
    const signaal = leesCsv(await af.text()).find((r) => r.referentie_nummer === 'CV-SIGNAAL');
    expect(signaal).toMatchObject({ contractvoorwaarde: 'plafond', contractvoorwaarde_code: '', contractvoorwaarde_contract: 'NOB-CV-C', contractvoorwaarde_artikel: 'Artikel 9 (budgetplafond)' });
  });

  it('a contract manager sets the clauses; an open-house admission copies the lot\'s', async () => {
    const r = await hub.api.gql<{ contract: { artikelLooptijd: string; artikelPerceel: string; artikelTarief: string; artikelPlafond: string } }>(
      hub.tokens.regio,
      `query($id: ID!) { contract(id: $id) { artikelLooptijd artikelPerceel artikelTarief artikelPlafond } }`,
      { id: contractB },
    );
    expect(r.data!.contract).toEqual({ artikelLooptijd: B_ARTIKELEN.looptijd, artikelPerceel: B_ARTIKELEN.perceel, artikelTarief: B_ARTIKELEN.tarief, artikelPlafond: B_ARTIKELEN.plafond });
    const model = await contract({ nummer: 'NOB-CV-OH', aanbiederAgb: AGB.alfa, perceel: 'Open huis proef', begindatum: '2026-01-01', producten: [{ productCode: '45A04', tariefCenten: 9550 }], artikelen: { plafond: 'Art. 12 (plafond)' } });
    expect(model).toBeTruthy();
    const toegelaten = await hub.api.gql<{ laatToeTotOpenHouse: { artikelPlafond: string; artikelTarief: string } }>(
      hub.tokens.regio,
      `mutation { laatToeTotOpenHouse(input: { modelContractNummer: "NOB-CV-OH", nummer: "NOB-CV-OH2", aanbiederAgb: "${AGB.gamma}", begindatum: "2026-11-01" }) { artikelPlafond artikelTarief } }`,
    );
    expect(toegelaten.errors).toBeUndefined();
    expect(toegelaten.data!.laatToeTotOpenHouse).toEqual({ artikelPlafond: 'Art. 12 (plafond)', artikelTarief: 'Artikel 7 (tarieven)' });
  });
});
