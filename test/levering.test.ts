import type { DataSource } from 'typeorm';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import type { TestApi } from './helpers/api';
import { jw305Xml, retourcodesVan, testBsn } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

const vandaag = pinKlok();

/** The start/stop state machine of iJw 3.2 §4.5, through HTTP: JW305/JW307 in, JW306/JW308 codes out. */
let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
let alfa: string;
let nummer = 0;
let tweede = 0;
const BSN = testBsn(4001);
const ANDER = testBsn(4002);
const AMBULANT = { Categorie: '45', Code: '45A04' };
let volg = 0;

beforeAll(async () => {
  hub = await createHubTestEnvironment('levering', { poolSize: 6, worker: true });
  ({ ds, api } = hub);
  alfa = hub.tokens.alfa;
  const toegang = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  const toewijzen = async (bsn: string, ingang: string, einde: string) => {
    const r = await api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(
      toegang,
      `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { nummer } } }`,
      {
        input: {
          gemeenteCode: '0796',
          aanbiederAgb: AGB.alfa,
          client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Bakker', adres: { postcode: '5211AB', huisnummer: 3 } },
          producten: [{ categorie: '45', code: '45A04', ingangsdatum: ingang, einddatum: einde, volume: 3, eenheid: '04', frequentie: '2' }],
        },
      },
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.toewijzen.toewijzingen[0].nummer;
  };
  nummer = await toewijzen(BSN, '2026-11-01', '2027-04-30');
  tweede = await toewijzen(ANDER, '2026-11-01', '2027-04-30');
});

afterAll(async () => {
  await hub?.close();
});

async function stuur(xml: string): Promise<string[]> {
  return (await retourcodesVan(api.url, alfa, xml)).codes;
}

function start(o: { nummer?: number; begindatum: string; bsn?: string; product?: IjwNode; status?: string }) {
  return stuur(
    jw305Xml({
      identificatie: `L${++volg}`,
      bsn: o.bsn ?? BSN,
      toewijzingNummer: o.nummer,
      product: o.product ?? AMBULANT,
      begindatum: o.begindatum,
      change: (m) => {
        (((m.bericht.Client as IjwNode).StartProducten as IjwNode).StartProduct as IjwNode[])[0].StatusAanlevering = o.status ?? '1';
      },
    }),
  );
}

function stop(o: { nummer: number; begindatum: string; einddatum: string; reden: string; bsn?: string; status?: string }) {
  const m = sampleMessage('JW307', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = AGB.alfa;
  h.Ontvanger = '0796';
  h.BerichtIdentificatie = { Identificatie: `L${++volg}`, Dagtekening: vandaag };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = o.bsn ?? BSN;
  client.StopProducten = {
    StopProduct: [
      { ToewijzingNummer: o.nummer, Product: { ...AMBULANT }, Begindatum: o.begindatum, RedenBeeindiging: o.reden, Einddatum: o.einddatum, StatusAanlevering: o.status ?? '1' },
    ],
  };
  return stuur(writeMessage(m));
}

describe('start and stop of care against the toewijzing (§4.5)', () => {
  it('a start must be linked to a toewijzing of this provider for this client and product (TR019 → 9019)', async () => {
    expect(await start({ nummer: 987654, begindatum: '2026-11-02' })).toEqual(['9019']);
    expect(await start({ nummer, begindatum: '2026-11-02', product: { Categorie: '43', Code: '43A05' } })).toEqual(['9019']);
    expect(await start({ nummer, begindatum: '2026-11-02', bsn: ANDER })).toEqual(['9019']);
    expect(await start({ begindatum: '2026-11-02' })).toEqual(['9019']);
  });

  it('the first start is accepted; the same key again gets 9074, a second current start 9326', async () => {
    expect(await start({ nummer, begindatum: '2026-11-02' })).toEqual([]);
    expect(await start({ nummer, begindatum: '2026-11-02' })).toEqual(['9074']);
    expect(await start({ nummer, begindatum: '2026-11-05' })).toEqual(['9326']);
  });

  it('a stop needs the current start (TR382 → 9069)', async () => {
    expect(await stop({ nummer, begindatum: '2026-11-03', einddatum: '2026-11-10', reden: '20' })).toEqual(['9069']);
  });

  it('temporary stop, no second one (9413), restart, definitive stop, nothing after it (9415)', async () => {
    expect(await stop({ nummer, begindatum: '2026-11-02', einddatum: '2026-11-10', reden: '20' })).toEqual([]);
    expect(await stop({ nummer, begindatum: '2026-11-02', einddatum: '2026-11-12', reden: '20' })).toEqual(['9413']);
    expect(await start({ nummer, begindatum: '2026-11-15' })).toEqual([]);
    expect(await stop({ nummer, begindatum: '2026-11-15', einddatum: '2026-11-20', reden: '31' })).toEqual([]);
    expect(await stop({ nummer, begindatum: '2026-11-15', einddatum: '2026-11-21', reden: '34' })).toEqual(['9415']);
  });

  it('deletes: only of an earlier delivery (9063), not of a start already stopped (9071); a deleted stop makes room', async () => {
    expect(await start({ nummer, begindatum: '2026-10-01', status: '3' })).toEqual(['9063']);
    expect(await start({ nummer, begindatum: '2026-11-02', status: '3' })).toEqual(['9071']);
    expect(await stop({ nummer, begindatum: '2026-11-15', einddatum: '2026-11-20', reden: '31', status: '3' })).toEqual([]);
    // With the definitive stop deleted, the restart is current again and can be stopped anew.
    expect(await stop({ nummer, begindatum: '2026-11-15', einddatum: '2026-11-22', reden: '31' })).toEqual([]);
  });

  it('a definitive stop after a temporary one may not end earlier (TR414 → 9414)', async () => {
    expect(await start({ nummer: tweede, bsn: ANDER, begindatum: '2026-11-02' })).toEqual([]);
    expect(await stop({ nummer: tweede, bsn: ANDER, begindatum: '2026-11-02', einddatum: '2026-11-12', reden: '20' })).toEqual([]);
    expect(await stop({ nummer: tweede, bsn: ANDER, begindatum: '2026-11-02', einddatum: '2026-11-11', reden: '31' })).toEqual(['9414']);
    expect(await stop({ nummer: tweede, bsn: ANDER, begindatum: '2026-11-02', einddatum: '2026-11-12', reden: '31' })).toEqual([]);
  });

  it('taakgericht care starts without a toewijzing (IV096), keyed by product and date', async () => {
    expect(await start({ begindatum: '2026-11-03', product: { Categorie: '45', Code: '45T10' } })).toEqual([]);
    expect(await start({ begindatum: '2026-11-04', product: { Categorie: '45', Code: '45T10' } })).toEqual(['9326']);
  });
});

describe('a request for change (JW317) states the whole current package (TR349–TR351)', () => {
  function jw317(o: { ongewijzigd?: number[]; teWijzigen?: number[]; referentie: string }) {
    const m = sampleMessage('JW317', 'minimal');
    const h = m.bericht.Header as IjwNode;
    h.Afzender = AGB.alfa;
    h.Ontvanger = '0796';
    h.BerichtIdentificatie = { Identificatie: `L${++volg}`, Dagtekening: vandaag };
    const c = m.bericht.Client as IjwNode;
    c.Bsn = BSN;
    const verzoek: IjwNode = { ReferentieAanbieder: o.referentie, RedenVerzoek: '1' };
    if (o.ongewijzigd?.length) verzoek.OngewijzigdeProducten = { OngewijzigdProduct: o.ongewijzigd.map((n) => ({ ToewijzingNummer: n })) };
    if (o.teWijzigen?.length) verzoek.TeWijzigenProducten = { TeWijzigenProduct: o.teWijzigen.map((n) => ({ ToewijzingNummer: n, GewensteIngangsdatum: '2026-11-01', Einddatum: '2027-04-30', Omvang: { Volume: 3, Eenheid: '04', Frequentie: '2' } })) };
    verzoek.NieuweProducten = {
      NieuwProduct: [{ Product: { Categorie: '45', Code: '45A04' }, GewensteIngangsdatum: '2027-05-01', Einddatum: '2027-06-30', Omvang: { Volume: 2, Eenheid: '04', Frequentie: '2' } }],
    };
    c.Verzoek = verzoek;
    return stuur(writeMessage(m));
  }

  it('an unknown unchanged product gets 9350, an unknown one to change 9351, a missing current one 9349', async () => {
    expect(await jw317({ ongewijzigd: [nummer, 987001], referentie: 'W1' })).toEqual(['9350']);
    expect(await jw317({ ongewijzigd: [nummer], teWijzigen: [987002], referentie: 'W2' })).toEqual(['9351']);
    expect((await jw317({ teWijzigen: [987003], referentie: 'W3' })).sort()).toEqual(['9349', '9351']);
  });

  it('every JW318 the hub wrote is valid against the XSD, codes on their classes included', async () => {
    const xsd = await XsdValidators.load(defaultXsdDir());
    try {
      const ids = await withTenant(ds, SYSTEEM, (em) => em.query<{ id: string }[]>(`SELECT id FROM bericht WHERE type = 'JW318'`));
      expect(ids.length).toBeGreaterThanOrEqual(3);
      for (const { id } of ids) {
        const x = await (await fetch(`${api.url}/ijw/berichten/${id}/xml`, { headers: { authorization: `Bearer ${alfa}` } })).text();
        expect(xsd.validate('JW318', x)).toEqual([]);
      }
    } finally {
      xsd.close();
    }
  });

  it('the whole package gets a JW318 without codes; while that request is open, another gets 9374 (TR374)', async () => {
    expect(await jw317({ teWijzigen: [nummer], referentie: 'W4' })).toEqual([]);
    expect(await jw317({ ongewijzigd: [nummer], referentie: 'W5' })).toEqual(['9374']);
  });
});
