import type { DataSource } from 'typeorm';
import { generateTestBsn } from '../src/common/bsn';
import { writeMessage, type IjwMessage, type IjwNode } from '../src/messaging/ijw/codec';
import type { MessageType } from '../src/messaging/ijw/definition';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { seed } from '../src/seed/seed';
import { startTestApi, type TestApi } from './helpers/api';
import { startBerichtenWorker } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';
import { wachtTot } from './helpers/wacht';

/**
 * Level-2 rules end to end. A provider's message breaking one rule is answered with a
 * header-only retour holding 0001 and keeps the broken rule's code; the same message repaired
 * gets a retour without codes. A municipality's JW301/JW319 is checked and forwarded to the
 * provider (who answers it): breaking a rule stops it with 0001, repaired it goes on.
 * Each case has its own client, so the level-3 state (starts and stops) of one case never meets
 * another's; starts and stops use the fixture's taakgericht product, which needs no toewijzing
 * (TR019, IV096).
 */

let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let worker: ReturnType<typeof startBerichtenWorker>;
const tokens: Record<string, string> = {};
let volgnummer = 0;
/** ToewijzingNummers, fresh for every JW301 (each toewijzing belongs to one client). */
let toewijzing = 5000;
const vandaag = pinKlok();

/** Today plus n days (UTC), as YYYY-MM-DD. */
const dag = (n: number) => new Date(Date.parse(vandaag) + n * 86_400_000).toISOString().slice(0, 10);
const PRODUCT = { Categorie: '45', Code: '45A04' };
/** The fixture's taakgericht product: a start or stop without ToewijzingNummer is linked to it. */
const TAAKGERICHT = { Categorie: '45', Code: '45T10' };

beforeAll(async () => {
  db = await createTestDatabase('regels_niveau2');
  ds = await db.app({ poolSize: 8 });
  await seed(ds, FIXTURE);
  api = await startTestApi(ds);
  worker = startBerichtenWorker(ds, api.cfg);
  tokens.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  tokens.bosch = await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'] });
});

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await db?.drop();
});

const GEMEENTE_BERICHTEN: MessageType[] = ['JW301', 'JW319'];

/** The client content each message type starts from: rule-valid, dated around today. */
const INHOUD: Partial<Record<MessageType, (m: IjwMessage, bsn: string) => void>> = {
  JW301: (m, bsn) => {
    const client = m.bericht.Client as IjwNode;
    Object.assign(client, { Bsn: bsn, Geboortedatum: { Datum: '2015-03-01' } });
    (client.Naam as IjwNode).NaamGebruik = '1';
    client.Contactgegevens = { Contact: [{ Soort: '01', Adres: { Huis: { Huisnummer: 12 }, Postcode: '5211AB', LandCode: 'NL' } }] };
    client.ToegewezenProducten = {
      ToegewezenProduct: [
        { ToewijzingNummer: (toewijzing += 10), Product: PRODUCT, Toewijzingsdatum: vandaag, Toewijzingstijd: '09:00:00', Ingangsdatum: vandaag, Einddatum: dag(90), Omvang: { Volume: 4, Eenheid: '04', Frequentie: '2' } },
      ],
    };
  },
  JW305: (m, bsn) => {
    Object.assign(m.bericht.Client as IjwNode, {
      Bsn: bsn,
      Geboortedatum: { Datum: '2015-03-01' },
      StartProducten: { StartProduct: [{ Product: TAAKGERICHT, Begindatum: dag(-30), StatusAanlevering: '1' }] },
    });
  },
  JW307: (m, bsn) => {
    Object.assign(m.bericht.Client as IjwNode, {
      Bsn: bsn,
      Geboortedatum: { Datum: '2015-03-01' },
      StopProducten: { StopProduct: [{ Product: TAAKGERICHT, Begindatum: dag(-30), RedenBeeindiging: '31', Einddatum: vandaag, StatusAanlevering: '1' }] },
    });
  },
  JW315: (m, bsn) => {
    Object.assign(m.bericht.Client as IjwNode, {
      Bsn: bsn,
      Geboortedatum: { Datum: '2015-03-01' },
      AangevraagdeProducten: {
        AangevraagdProduct: [
          { ReferentieAanbieder: 'VOT-1', Product: PRODUCT, ToewijzingIngangsdatum: dag(7), ToewijzingEinddatum: dag(97), Omvang: { Volume: 3, Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '02', ZorgverlenerCode: '01000001' } },
        ],
      },
    });
  },
  JW317: (m, bsn) => {
    Object.assign(m.bericht.Client as IjwNode, {
      Bsn: bsn,
      Verzoek: {
        ReferentieAanbieder: 'VOW-1',
        RedenVerzoek: '1',
        OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: 5001 }] },
        NieuweProducten: { NieuwProduct: [{ Product: PRODUCT, GewensteIngangsdatum: dag(1), Einddatum: dag(60), Omvang: { Volume: 2, Eenheid: '04', Frequentie: '2' } }] },
      },
    });
  },
  JW319: (m) => Object.assign(m.bericht.Antwoord as IjwNode, { ReferentieAanbieder: 'VOT-1', VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' }),
};

/** A message between provider alfa and 's-Hertogenbosch about one client, with a fresh Identificatie dated today. */
function bericht(type: MessageType, bsn: string, change: (m: IjwMessage) => void = () => undefined): string {
  const m = sampleMessage(type, 'minimal');
  const h = m.bericht.Header as IjwNode;
  const gemeente = GEMEENTE_BERICHTEN.includes(type);
  Object.assign(h, {
    Afzender: gemeente ? '0796' : AGB.alfa,
    Ontvanger: gemeente ? AGB.alfa : '0796',
    BerichtIdentificatie: { Identificatie: `N2-${++volgnummer}`, Dagtekening: vandaag },
  });
  INHOUD[type]?.(m, bsn);
  change(m);
  return writeMessage(m);
}

const client = (m: IjwMessage) => m.bericht.Client as IjwNode;
const eerste = (m: IjwMessage, groep: string, klasse: string) => ((client(m)[groep] as IjwNode)[klasse] as IjwNode[])[0];
const verzoek = (m: IjwMessage) => client(m).Verzoek as IjwNode;

interface Status {
  status: string;
  retourcodes: string[];
  retour: { type: string; retourcodes: string[] } | null;
  fouten: { path: string; message: string }[] | null;
}

async function verstuur(type: MessageType, xml: string): Promise<Status> {
  const token = GEMEENTE_BERICHTEN.includes(type) ? tokens.bosch : tokens.alfa;
  const res = await fetch(`${api.url}/ijw/berichten`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, body: xml });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return wachtTot(`message ${id} processed`, async () => {
    // Read by its sender: a municipality's message the hub refused never reaches the provider.
    const r = await fetch(`${api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const s = (await r.json()) as Status;
    return s.status !== 'ontvangen' && s;
  });
}

type Wijziging = (m: IjwMessage) => void;
/** Rule, message, its retour (none: forwarded), the change that breaks the rule, the change that repairs it, and what must be accepted first. */
const GEVALLEN: [code: string, type: MessageType, retour: MessageType | null, breek: Wijziging, herstel: Wijziging, vooraf?: MessageType][] = [
  ['CS058', 'JW305', 'JW306', (m) => (eerste(m, 'StartProducten', 'StartProduct').StatusAanlevering = '2'), () => undefined],
  [
    'TR101',
    'JW305',
    'JW306',
    (m) => ((client(m).StartProducten as IjwNode).StartProduct = [eerste(m, 'StartProducten', 'StartProduct'), { ...eerste(m, 'StartProducten', 'StartProduct') }]),
    () => undefined,
  ],
  ['TR002', 'JW305', 'JW306', (m) => (client(m).Geboortedatum = { Datum: '1850-06-01' }), (m) => (client(m).Geboortedatum = { Datum: '1900-01-01', DatumGebruik: '3' })],
  // The stop needs the start it ends (TR382): that start is accepted first.
  ['TR018', 'JW307', 'JW308', (m) => (eerste(m, 'StopProducten', 'StopProduct').Einddatum = dag(-31)), () => undefined, 'JW305'],
  [
    'CD075',
    'JW301',
    null,
    (m) => {
      const p = eerste(m, 'ToegewezenProducten', 'ToegewezenProduct');
      Object.assign(p, { Product: { Categorie: '45' }, Budget: 250000, Omvang: undefined, Einddatum: undefined });
    },
    (m) => Object.assign(eerste(m, 'ToegewezenProducten', 'ToegewezenProduct'), { Product: { Categorie: '45' }, Budget: 250000, Omvang: undefined }),
  ],
  [
    'TR302',
    'JW301',
    null,
    (m) => {
      const p = eerste(m, 'ToegewezenProducten', 'ToegewezenProduct');
      (client(m).ToegewezenProducten as IjwNode).ToegewezenProduct = [p, { ...p, ToewijzingNummer: Number(p.ToewijzingNummer) + 1, Ingangsdatum: dag(90), Einddatum: dag(180) }];
    },
    (m) => {
      const p = eerste(m, 'ToegewezenProducten', 'ToegewezenProduct');
      (client(m).ToegewezenProducten as IjwNode).ToegewezenProduct = [p, { ...p, ToewijzingNummer: Number(p.ToewijzingNummer) + 1, Ingangsdatum: dag(91), Einddatum: dag(180) }];
    },
  ],
  ['CD067', 'JW315', 'JW316', (m) => (eerste(m, 'AangevraagdeProducten', 'AangevraagdProduct').Verwijzer = { Type: '02' }), (m) => (eerste(m, 'AangevraagdeProducten', 'AangevraagdProduct').Verwijzer = { Type: '02', Naam: 'Huisarts De Vries' })],
  ['TR380', 'JW317', 'JW318', (m) => ((verzoek(m).NieuweProducten as IjwNode).NieuwProduct as IjwNode[])[0].GewensteIngangsdatum = vandaag, () => undefined],
  ['CD085', 'JW319', null, (m) => ((m.bericht.Antwoord as IjwNode).RedenAfwijzingVerzoek = undefined), () => undefined],
  ['TR377', 'JW319', null, (m) => ((m.bericht.Antwoord as IjwNode).RedenAfwijzingVerzoek = '8'), (m) => Object.assign(m.bericht.Antwoord as IjwNode, { RedenAfwijzingVerzoek: '8', Woonplaatsbeginsel: { Gemeente: '0828' } })],
];

describe('level-2 rules through POST /ijw/berichten', () => {
  const rijen = GEVALLEN.map(([code, type, retour, breek, herstel, vooraf], i) => ({ code, type, retour, breek, herstel, vooraf, bsn: generateTestBsn(1000 + 10 * i) }));
  it.each(rijen.filter((r) => r.retour))('$code ($type): broken → $retour with 0001 and the rule kept; repaired → passes level 2', async ({ code, type, retour, breek, herstel, vooraf, bsn }) => {
    if (vooraf) expect(await verstuur(vooraf, bericht(vooraf, bsn))).toMatchObject({ status: 'verwerkt', retour: { retourcodes: [] } });
    const fout = await verstuur(type, bericht(type, bsn, breek));
    expect(fout).toMatchObject({ status: 'verwerkt', retourcodes: ['0001'], retour: { type: retour, retourcodes: ['0001'] }, fouten: [{ path: code, message: `regel ${code} niet voldaan` }] });
    const goed = await verstuur(type, bericht(type, bsn, herstel));
    // Level 2 passes; a JW317 then meets level 3: toewijzing 5001 is none the hub holds for this client (TR350).
    const niveau3 = type === 'JW317' ? ['9350'] : [];
    expect(goed).toMatchObject({ status: 'verwerkt', retourcodes: niveau3, retour: { type: retour, retourcodes: niveau3 }, fouten: null });
  });

  it.each(rijen.filter((r) => !r.retour))('$code ($type from the municipality): broken → stopped with 0001; repaired → forwarded', async ({ code, type, breek, herstel, bsn }) => {
    // A JW319 answers a request the hub knows (TR355): each case asks its own first.
    const ref = `VOT-${code}`;
    const metRef = (f: (m: IjwMessage) => void) => (m: IjwMessage) => {
      f(m);
      if (type === 'JW319') (m.bericht.Antwoord as IjwNode).ReferentieAanbieder = ref;
    };
    if (type === 'JW319') {
      const vraag = await verstuur('JW315', bericht('JW315', bsn, (m) => {
        ((((m.bericht.Client as IjwNode).AangevraagdeProducten as IjwNode).AangevraagdProduct as IjwNode[])[0]).ReferentieAanbieder = ref;
      }));
      expect(vraag).toMatchObject({ status: 'verwerkt', retourcodes: [] });
    }
    const fout = await verstuur(type, bericht(type, bsn, metRef(breek)));
    // The broken rule's own code is not kept for forwarded messages yet (fouten holds only 0001): reported.
    expect(fout).toMatchObject({ status: 'afgekeurd', retourcodes: ['0001'], retour: null });
    const goed = await verstuur(type, bericht(type, bsn, metRef(herstel)));
    expect(goed).toMatchObject({ retourcodes: [], retour: null, fouten: null });
    // Forwarded: waiting in the outbox, or already delivered to the provider.
    expect(['klaar', 'beschikbaar', 'afgeleverd']).toContain(goed.status);
  });
});
