import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { plusWeken, plusWerkdagen } from '../src/common/werkdagen';
import { withTenant } from '../src/db/tenant';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import { ruweId, knopen, type Conn, type TestApi } from './helpers/api';
import { jw315Xml, retourcodesVan, testBsn } from './helpers/berichten';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

/** A request after a referral (JW315 → JW316), answered by the access team through GraphQL (JW301 / JW319). */
let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
let xsd: XsdValidators;
const t: Record<string, string> = {};
let volg = 0;
const vandaag = pinKlok();

beforeAll(async () => {
  hub = await createHubTestEnvironment('verzoeken', { poolSize: 6, worker: true });
  ({ ds, api } = hub);
  xsd = await XsdValidators.load(defaultXsdDir());
  t.alfa = hub.tokens.alfa;
  t.beta = hub.tokens.beta;
  t.bosch = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.oss = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0828'] });
});

afterAll(async () => {
  await hub?.close();
  xsd?.close();
});

/** A JW315 of provider alfa to 's-Hertogenbosch for `bsn`, one product requested as `referentie`. */
const jw315 = (bsn: string, referentie: string): string => jw315Xml({ bsn, identificatie: `V${++volg}`, referentie });

async function stuur(xml: string): Promise<{ id: string; codes: string[] }> {
  return retourcodesVan(api.url, t.alfa, xml);
}

interface Verzoek {
  id: string;
  referentieAanbieder: string;
  status: string;
  uiterlijk: string;
  productCode: string;
  toewijzingId: string | null;
}
const LIJST = `query($f: VerzoekFilter) { verzoeken(filter: $f, first: 200) { edges { node { id referentieAanbieder status uiterlijk productCode toewijzingId } } } }`;
const lijst = async (token: string, f: Record<string, unknown> = {}) => knopen((await api.gql<{ verzoeken: Conn<Verzoek> }>(token, LIJST, { f })).data!.verzoeken);

async function xml(id: string): Promise<string> {
  return (await fetch(`${api.url}/ijw/berichten/${id}/xml`, { headers: { authorization: `Bearer ${t.alfa}` } })).text();
}

describe('JW315 → work list → JW301 or JW319', () => {
  const bsn = testBsn(10);

  it('a request is acknowledged (JW316) and waits in the municipality\'s work list, due in 5 working days', async () => {
    expect((await stuur(jw315(bsn, 'REF-1'))).codes).toEqual([]);
    const [v] = await lijst(t.bosch, { status: 'open' });
    expect(v).toMatchObject({ referentieAanbieder: 'REF-1', productCode: '45A04', uiterlijk: plusWerkdagen(vandaag, 5) });
    expect((await lijst(t.alfa)).map((x) => x.referentieAanbieder)).toEqual(['REF-1']);
    expect(await lijst(t.beta)).toEqual([]);
    expect(await lijst(t.oss)).toEqual([]);
  });

  it('the same reference again gets 9347, a second open request for the client 9374', async () => {
    expect((await stuur(jw315(testBsn(11), 'REF-1'))).codes).toEqual(['9347']);
    expect((await stuur(jw315(bsn, 'REF-2'))).codes).toEqual(['9374']);
    expect(await lijst(t.bosch)).toHaveLength(1);
  });

  it('allocated as requested: a toewijzing and a JW301 carrying the reference; not answered twice', async () => {
    const [v] = await lijst(t.bosch, { status: 'open' });
    const M = `mutation($input: WijsVerzoekToeInput!) { wijsVerzoekToe(input: $input) { toewijzingen { id nummer } bericht { id type } } }`;
    const input = { verzoekId: v.id, adres: { postcode: '5211AB', huisnummer: 7 } };
    expect((await api.gql(t.oss, M, { input })).errors?.[0].extensions?.code).toBe('VERZOEK_NOT_FOUND');
    const r = await api.gql<{ wijsVerzoekToe: { toewijzingen: { id: string; nummer: number }[]; bericht: { id: string; type: string } } }>(t.bosch, M, { input });
    expect(r.errors).toBeUndefined();
    const x = await xml(r.data!.wijsVerzoekToe.bericht.id);
    expect(xsd.validate('JW301', x)).toEqual([]);
    expect(x).toContain('<ReferentieAanbieder>REF-1</ReferentieAanbieder>');
    expect(x).toContain(`<Bsn>${bsn}</Bsn>`);
    const [na] = await lijst(t.bosch);
    expect(na).toMatchObject({ status: 'toegewezen', toewijzingId: ruweId(r.data!.wijsVerzoekToe.toewijzingen[0].id) });
    expect((await api.gql(t.bosch, M, { input })).errors?.[0].extensions?.code).toBe('VERZOEK_ANSWERED');
    // The request is no longer open: the client may be asked for again.
    expect((await stuur(jw315(bsn, 'REF-3'))).codes).toEqual([]);
  });

  it('in onderzoek (JW319, 8 weeks), then rejected on the residence principle naming the other municipality', async () => {
    expect((await stuur(jw315(testBsn(12), 'REF-4'))).codes).toEqual([]);
    const v = (await lijst(t.bosch, { status: 'open' })).find((x) => x.referentieAanbieder === 'REF-4')!;
    const O = `mutation($id: ID!) { zetVerzoekInOnderzoek(verzoekId: $id) { id type } }`;
    const o = await api.gql<{ zetVerzoekInOnderzoek: { id: string; type: string } }>(t.bosch, O, { id: v.id });
    expect(o.errors).toBeUndefined();
    const x = await xml(o.data!.zetVerzoekInOnderzoek.id);
    expect(xsd.validate('JW319', x)).toEqual([]);
    expect(x).toMatch(/<ReferentieAanbieder>REF-4<\/ReferentieAanbieder><VerzoekAntwoord>2<\/VerzoekAntwoord>/);
    expect((await lijst(t.bosch, { status: 'in_onderzoek' }))[0]).toMatchObject({ id: v.id, uiterlijk: plusWeken(vandaag, 8) });
    expect((await api.gql(t.bosch, O, { id: v.id })).errors?.[0].extensions?.code).toBe('VERZOEK_ANSWERED');

    const A = `mutation($input: WijsVerzoekAfInput!) { wijsVerzoekAf(input: $input) { id type } }`;
    expect((await api.gql(t.bosch, A, { input: { verzoekId: v.id, reden: '8' } })).errors?.[0].extensions?.code).toBe('WOONPLAATS_GEMEENTE');
    const a = await api.gql<{ wijsVerzoekAf: { id: string } }>(t.bosch, A, { input: { verzoekId: v.id, reden: '8', woonplaatsGemeente: '0828' } });
    expect(a.errors).toBeUndefined();
    const y = await xml(a.data!.wijsVerzoekAf.id);
    expect(xsd.validate('JW319', y)).toEqual([]);
    expect(y).toMatch(/<VerzoekAntwoord>1<\/VerzoekAntwoord><RedenAfwijzingVerzoek>8<\/RedenAfwijzingVerzoek><Woonplaatsbeginsel><Gemeente>0828<\/Gemeente><\/Woonplaatsbeginsel>/);
  });

  it('lists what is overdue', async () => {
    expect((await stuur(jw315(testBsn(13), 'REF-5'))).codes).toEqual([]);
    expect(await lijst(t.bosch, { verlopen: true })).toEqual([]);
    await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE verzoek SET uiterlijk = '2026-01-02' WHERE referentie_aanbieder = 'REF-5'`));
    expect((await lijst(t.bosch, { verlopen: true })).map((v) => v.referentieAanbieder)).toEqual(['REF-5']);
  });
});
