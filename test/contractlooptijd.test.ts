import { verwerkBericht } from '../src/messaging/processing/verwerking';
import { testBsn, wachtOpBericht } from './helpers/berichten';
import { jw323Xml, leesJw325, type TestPrestatie } from './helpers/declaraties';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';
import { ruweId } from './helpers/api';

pinKlok();
jest.setTimeout(300_000);

/**
 * A contract's tariffs hold only within the contract's period (issue 14, items 1 and 2): a
 * ProductPeriode not wholly within it, after the contract's einddatum or after it was ended early
 * (`beeindigContract`), has no tariff although the tariff itself is open-ended: TR418 gives 0611,
 * the real JW325 and the pre-flight alike, and the pre-flight names the contract's `looptijd`.
 */

let hub: HubTestEnvironment;
let toegang: string;
let bsnVolg = 8600;

const ARTIKELEN = { looptijd: 'Art. 3 (looptijd)', perceel: 'Bijlage 1', tarief: 'Art. 6 (tarieven)', plafond: 'Art. 8 (plafond)' };

async function contract(input: Record<string, unknown>): Promise<string> {
  const r = await hub.api.gql<{ maakContract: { id: string } }>(hub.tokens.regio, `mutation($input: MaakContractInput!) { maakContract(input: $input) { id } }`, {
    input: { perceel: 'Ambulant', procedure: 'aanbesteding', verlengingen: 0, gemeenten: ['0796'], begindatum: '2026-01-01', producten: [{ productCode: '45A04', tariefCenten: 9550 }], artikelen: ARTIKELEN, ...input },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.maakContract.id;
}

/** An aspecifieke toewijzing of 45 from September without an end: the contract decides how long it can be claimed. */
async function toewijzing(agb: string): Promise<{ nummer: number; bsn: string }> {
  const bsn = testBsn(bsnVolg++);
  const r = await hub.api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(toegang, `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { nummer } } }`, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: agb,
      client: { bsn, geboortedatum: '2014-04-04', geslacht: '1', achternaam: 'Looptijd', adres: { postcode: '5211AB', huisnummer: 5 } },
      producten: [{ categorie: '45', ingangsdatum: '2026-09-01' }],
    },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { nummer: r.data!.toewijzen.toewijzingen[0].nummer, bsn };
}

interface ProefJson {
  prestaties: { referentieNummer: string; retourcodes: string[]; toegekend: boolean; contractvoorwaarden: { soort: string; code: string | null; contractNummer: string | null; artikel: string | null; omschrijving: string }[] }[];
}

/** The pre-flight, then the same claim for real; the pre-flight's prestaties and the real JW325's rejections. */
async function declareer(agb: string, token: string, nummer: string, bsn: string, prestaties: TestPrestatie[]) {
  const xml = jw323Xml({ identificatie: nummer, nummer, periode: '2026-10', afzender: agb, gemeente: '0796', clienten: [{ bsn, prestaties }] });
  const res = await fetch(`${hub.api.url}/ijw/proef`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body: xml });
  expect(res.status).toBe(200);
  const proef = (await res.json()) as ProefJson;
  const post = await fetch(`${hub.api.url}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body: xml });
  expect(post.status).toBe(202);
  const id = ((await post.json()) as { id: string }).id;
  await verwerkBericht(hub.ds, hub.sleutels, id, { handlers: hub.handlers });
  const s = await wachtOpBericht(hub.api.url, token, id, (x) => x.status !== 'ontvangen');
  const jw325 = await leesJw325(hub.api.url, token, s.retour!.id);
  return { proef: Object.fromEntries(proef.prestaties.map((p) => [p.referentieNummer, p])), echt: Object.fromEntries(jw325.afgewezen), toegekend: jw325.toegekend };
}

const SEPT = { begin: '2026-09-01', eind: '2026-09-30', volume: 2 };
const OKT = { begin: '2026-10-01', eind: '2026-10-31', volume: 2 };

beforeAll(async () => {
  hub = await createHubTestEnvironment('contractlooptijd', { poolSize: 4 });
  toegang = await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('a claim after its contract\'s end', () => {
  it('after the contract\'s einddatum: 0611 in the real JW325 and the pre-flight, naming the contract\'s looptijd', async () => {
    // Gamma has 45A04 only under this contract, which ends with September; its tariff is open-ended.
    await contract({ nummer: 'NOB-LT-G', aanbiederAgb: AGB.gamma, einddatum: '2026-09-30' });
    const tw = await toewijzing(AGB.gamma);
    const r = await declareer(AGB.gamma, hub.tokens.gamma, 'LT1', tw.bsn, [
      { ref: 'LT-G-SEPT', nummer: tw.nummer, ...SEPT },
      { ref: 'LT-G-OKT', nummer: tw.nummer, ...OKT },
    ]);
    expect(r.echt).toEqual({ 'LT-G-OKT': ['0611'] });
    expect(r.toegekend).toBe(2 * 9550);
    expect(r.proef['LT-G-SEPT']).toMatchObject({ toegekend: true, retourcodes: [], contractvoorwaarden: [] });
    expect(r.proef['LT-G-OKT']).toMatchObject({ toegekend: false, retourcodes: ['0611'] });
    expect(r.proef['LT-G-OKT'].contractvoorwaarden).toEqual([
      expect.objectContaining({ soort: 'looptijd', code: '0611', contractNummer: 'NOB-LT-G', artikel: ARTIKELEN.looptijd, omschrijving: expect.stringContaining('2026-01-01 t/m 2026-09-30') }),
    ]);
  });

  it('after it was ended early (beeindigContract): a ProductPeriode that runs past the new end has no tariff either', async () => {
    const id = await contract({ nummer: 'NOB-LT-B', aanbiederAgb: AGB.beta, einddatum: '2027-12-31' });
    const tw = await toewijzing(AGB.beta);
    const b = await hub.api.gql(hub.tokens.regio, `mutation($id: ID!) { beeindigContract(id: $id, einddatum: "2026-10-15", reden: "Faillissement") { einddatum } }`, { id: ruweId(id) });
    expect(b.errors).toBeUndefined();
    const r = await declareer(AGB.beta, hub.tokens.beta, 'LT2', tw.bsn, [
      { ref: 'LT-B-SEPT', nummer: tw.nummer, ...SEPT },
      { ref: 'LT-B-OKT', nummer: tw.nummer, ...OKT },
    ]);
    expect(r.echt).toEqual({ 'LT-B-OKT': ['0611'] });
    expect(r.proef['LT-B-SEPT']).toMatchObject({ toegekend: true, retourcodes: [] });
    expect(r.proef['LT-B-OKT'].contractvoorwaarden).toEqual([
      expect.objectContaining({ soort: 'looptijd', code: '0611', contractNummer: 'NOB-LT-B', artikel: ARTIKELEN.looptijd, omschrijving: expect.stringContaining('t/m 2026-10-15') }),
    ]);
  });
});
