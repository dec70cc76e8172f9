import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { sleutelsUitConfig, type Sleutels } from '../src/common/sleutels';
import { bouwJw325 } from '../src/declaratie/jw325';
import { withTenant } from '../src/db/tenant';
import { parseMessage, writeMessage, type IjwMessage, type IjwNode } from '../src/messaging/ijw/codec';
import type { MessageType } from '../src/messaging/ijw/definition';
import { DEFINITIONS } from '../src/messaging/ijw/definitions';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import { VAN_AANBIEDER } from '../src/messaging/ijw/soorten';
import { NIVEAU2 } from '../src/messaging/processing/niveau2';
import { bouwRetour } from '../src/messaging/processing/retour';
import { seed } from '../src/seed/seed';
import { bouwJw301 } from '../src/toewijzing/jw301';
import type { ToewijzingEntity } from '../src/toewijzing/toewijzing.entity';
import { knopen, startTestApi, type Conn, type TestApi } from './helpers/api';
import { jw305Xml, testBsn, zaakJw301 } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { jw323Xml, leesJw325, uitkomstVanJw325, type ProefUitkomst, type TestPrestatie } from './helpers/declaraties';
import type { ProefAntwoord } from '../src/declaratie/proef';
import {
  alsTekst,
  BIJWERKEN,
  goudenBestanden,
  leegGoudenMap,
  leesGouden,
  Recorder,
  schrijfGouden,
  verwerk,
  type Stap,
} from './helpers/differentieel';
import { pinKlok, plusDagen } from './helpers/klok';
import { AGB, FIXTURE } from './fixtures/regions';

/**
 * Differential test of the message pipeline: every retour and JW325 the hub writes today, and
 * what it makes of each message (status, retour codes, findings, links, forwarding), pinned byte
 * for byte over a fixed scenario, so a rewrite of src/messaging/processing shows any difference.
 *
 * The scenario is one ordered list of steps. A message step posts through POST /ijw/berichten
 * with the sender's token and then processes that one message to the end (helpers/differentieel
 * `verwerk`, the one call of the pipeline) before the next step: retour numbers, message numbers
 * and toewijzing numbers come from sequences of a fresh database and are the same every run; the
 * clock is pinned. An action step (GraphQL set-up: allocations, answers, contracts) is recorded by
 * state only: a JW301 the hub writes there carries Toewijzingstijd, the wall-clock time of the
 * (pinned, running) clock, so its bytes are not deterministic and not part of the record; the
 * JW325 of a released claim has no time and is recorded.
 *
 * Recorded per step (test/fixtures/differentieel/NNN-naam.json): the door's HTTP answer; every
 * message new or changed in the step, ids replaced by names (the step's name for the posted
 * message, type-Identificatie for one the hub wrote); and the decrypted bytes of each message the
 * hub wrote (NNN-naam.TYPE-IDENT.xml). The bytes are not normalised: no uuid or timestamp occurs
 * in them. One field is: a finding's text may name another message by its uuid ("heenbericht
 * <uuid> heeft al een retour"), which differs every run; the recorder writes that message's name
 * instead (helpers/differentieel `Recorder`). Golden files are written with DIFF_BIJWERKEN=1 and
 * compared otherwise.
 */

const vandaag = pinKlok();
jest.setTimeout(120_000);

let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let xsd: XsdValidators;
let sleutels: Sleutels;
let recorder: Recorder;
const t: Record<string, string> = {};
/** Everything a step learns at run time that later steps need (toewijzing numbers, ids). */
const s: Record<string, number> = {};
const xmls: Record<string, string> = {};

type Wie = 'alfa' | 'beta' | 'gamma' | 'zaak';
interface BerichtStap {
  naam: string;
  wie: Wie;
  xml: () => string | Promise<string>;
}
interface ActieStap {
  naam: string;
  actie: () => Promise<void>;
  /** Record the bytes of what the hub wrote in this action (only where they carry no clock time). */
  metXml?: boolean;
}
type StapDef = BerichtStap | ActieStap;
const STAPPEN: StapDef[] = [];
const bericht = (naam: string, wie: Wie, xml: () => string | Promise<string>) => void STAPPEN.push({ naam, wie, xml });
const actie = (naam: string, f: () => Promise<void>, metXml = false) => void STAPPEN.push({ naam, actie: f, metXml });

beforeAll(async () => {
  db = await createTestDatabase('differentieel');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  api = await startTestApi(ds);
  sleutels = sleutelsUitConfig(api.cfg);
  xsd = await XsdValidators.load(defaultXsdDir());
  recorder = new Recorder(ds, sleutels);
  t.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  t.beta = await api.token({ rol: 'aanbieder', agb: AGB.beta });
  t.gamma = await api.token({ rol: 'aanbieder', agb: AGB.gamma });
  t.zaak = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.bosch = await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'] });
  t.regio = await api.token({ rol: 'regio', regio: 'NOB' });
  // The seed's own rows are the starting point, not part of any step.
  await recorder.verschil('seed', undefined, false);
  if (BIJWERKEN) leegGoudenMap();
});

afterAll(async () => {
  xsd?.close();
  await api?.close();
  await db?.drop();
});

async function gql<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await api.gql<T>(token, query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

const TW = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`;
interface Product {
  categorie: string;
  code?: string;
  ingangsdatum: string;
  einddatum?: string;
  volume?: number;
  eenheid?: string;
  frequentie?: string;
  budget?: number;
}
/** Allocates products to a client at a provider in 's-Hertogenbosch through GraphQL. */
async function toewijzen(bsn: string, producten: Product[], agb = AGB.alfa): Promise<{ id: string; nummer: number }[]> {
  const r = await gql<{ toewijzen: { toewijzingen: { id: string; nummer: number }[] } }>(t.zaak, TW, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: agb,
      client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Bakker', adres: { postcode: '5211AB', huisnummer: 3 } },
      producten,
    },
  });
  return r.toewijzen.toewijzingen;
}

/** Sets the parties and identification of a message. */
function kop(m: IjwMessage, afzender: string, ontvanger: string, identificatie: string, dagtekening = vandaag): void {
  Object.assign(m.bericht.Header as IjwNode, { Afzender: afzender, Ontvanger: ontvanger, BerichtIdentificatie: { Identificatie: identificatie, Dagtekening: dagtekening } });
}
const client = (m: IjwMessage) => m.bericht.Client as IjwNode;
const eerste = (m: IjwMessage, groep: string, klasse: string) => ((client(m)[groep] as IjwNode)[klasse] as IjwNode[])[0];
const AMBULANT = { Categorie: '45', Code: '45A04' };
const TAAKGERICHT = { Categorie: '45', Code: '45T10' };
const WEKELIJKS = (volume: number) => ({ Volume: volume, Eenheid: '04', Frequentie: '2' });

// ---------------------------------------------------------------------------------------------
// 1. Every sample of every message type, sent by the party that may send it.
// ---------------------------------------------------------------------------------------------
/** Types whose Afzender is the provider (its heen messages and the retours of them). */
const AANBIEDER_IS_AFZENDER = new Set(['JW305', 'JW307', 'JW315', 'JW317', 'JW323', 'JW306', 'JW308', 'JW316', 'JW318']);
for (const type of Object.keys(DEFINITIONS).sort() as MessageType[]) {
  for (const mode of ['minimal', 'full'] as const) {
    bericht(`sample-${type}-${mode}`, VAN_AANBIEDER.has(type) ? 'alfa' : 'zaak', () => {
      const m = sampleMessage(type, mode);
      const [af, aan] = AANBIEDER_IS_AFZENDER.has(type) ? [AGB.alfa, '0796'] : ['0796', AGB.alfa];
      kop(m, af, aan, `SMP${type.slice(2)}${mode[0]}`, ((m.bericht.Header as IjwNode).BerichtIdentificatie as IjwNode).Dagtekening as string);
      return writeMessage(m);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The header and the door (test/berichten.test.ts, test/hostile.test.ts): level 3 header codes,
//    level 2, a product unknown to the product book, structure and XSD.
// ---------------------------------------------------------------------------------------------
const start305 = (identificatie: string, bsn: string, change?: (m: IjwMessage) => void) => jw305Xml({ identificatie, bsn, change });
bericht('jw305-schoon', 'alfa', () => (xmls.schoon = start305('K1', testBsn(100))));
bericht('jw305-herhaling-zelfde-bytes', 'alfa', () => xmls.schoon);
bericht('jw305-dubbel-eerste', 'alfa', () => start305('DUBBEL1', testBsn(101)));
bericht('jw305-9056-identificatie-hergebruikt', 'alfa', () => start305('DUBBEL1', testBsn(101), (m) => (eerste(m, 'StartProducten', 'StartProduct').Begindatum = plusDagen(vandaag, -1))));
bericht('jw305-8848-dagtekening-toekomst', 'alfa', () => start305('K2', testBsn(102), (m) => (((m.bericht.Header as IjwNode).BerichtIdentificatie as IjwNode).Dagtekening = '2099-01-01')));
bericht('jw305-8848-dagtekening-morgen', 'alfa', () => start305('K3', testBsn(103), (m) => (((m.bericht.Header as IjwNode).BerichtIdentificatie as IjwNode).Dagtekening = plusDagen(vandaag, 1))));
bericht('jw305-0001-cs002-bsn', 'alfa', () => start305('K4', '123456788', undefined));
bericht('jw305-s329-onbekend-product', 'alfa', () => start305('K5', testBsn(104), (m) => (eerste(m, 'StartProducten', 'StartProduct').Product = { Categorie: '45', Code: '99Z99' })));
bericht('jw305-s329-verkeerde-categorie', 'alfa', () => start305('K6', testBsn(105), (m) => (eerste(m, 'StartProducten', 'StartProduct').Product = { Categorie: '43', Code: '45A04' })));
bericht('jw305-s329-twee-producten', 'alfa', () =>
  start305('K7', testBsn(106), (m) => {
    const p = eerste(m, 'StartProducten', 'StartProduct');
    (client(m).StartProducten as IjwNode).StartProduct = [
      { ...p, Product: { Categorie: '45', Code: '99Z98' } },
      { ...p, Product: { Categorie: '45', Code: '99Z99' }, Begindatum: plusDagen(vandaag, -2) },
    ];
  }),
);
bericht('jw305-structuur-begindatum-ontbreekt', 'alfa', () => start305('K8', testBsn(107)).replace(/<Begindatum>[^<]*<\/Begindatum>/, ''));
bericht('jw305-xsd-onmogelijke-datum', 'alfa', () => start305('K9', testBsn(108), (m) => (eerste(m, 'StartProducten', 'StartProduct').Begindatum = '2026-02-30')));
bericht('jw305-xsd-onbekend-element', 'alfa', () => start305('K10', testBsn(109)).replace('</Bsn>', '</Bsn><Onbekend>x</Onbekend>'));
bericht('jw305-xsd-verkeerde-berichtversie', 'alfa', () => start305('K11', testBsn(110)).replace(/<BerichtVersie>3<\/BerichtVersie>/, '<BerichtVersie>2</BerichtVersie>'));
bericht('jw305-xsd-tekst-te-lang', 'alfa', () => start305('K12', testBsn(111), (m) => (eerste(m, 'StartProducten', 'StartProduct').Product = { Categorie: '45', Code: '45A04XYZ' })));
bericht('deur-geen-xml', 'alfa', () => 'dit is geen xml');
bericht('deur-onbekende-gemeente', 'alfa', () => start305('K13', testBsn(112), (m) => ((m.bericht.Header as IjwNode).Ontvanger = '9999')));
bericht('deur-afzender-niet-van-token', 'beta', () => start305('K14', testBsn(113)));

// ---------------------------------------------------------------------------------------------
// 3. Start and stop of care against the toewijzing (test/levering.test.ts).
// ---------------------------------------------------------------------------------------------
const BSN_L = testBsn(4001);
const ANDER_L = testBsn(4002);
let volgL = 0;
actie('levering-toewijzingen', async () => {
  const p = [{ categorie: '45', code: '45A04', ingangsdatum: '2026-11-01', einddatum: '2027-04-30', volume: 3, eenheid: '04', frequentie: '2' }];
  s.nummer = (await toewijzen(BSN_L, p))[0].nummer;
  s.tweede = (await toewijzen(ANDER_L, p))[0].nummer;
});
function start(o: { nummer?: () => number; begindatum: string; bsn?: string; product?: IjwNode; status?: string }) {
  return () =>
    jw305Xml({
      identificatie: `L${++volgL}`,
      bsn: o.bsn ?? BSN_L,
      toewijzingNummer: o.nummer?.(),
      product: o.product ?? AMBULANT,
      begindatum: o.begindatum,
      change: (m) => (eerste(m, 'StartProducten', 'StartProduct').StatusAanlevering = o.status ?? '1'),
    });
}
function stop(o: { nummer: () => number; begindatum: string; einddatum: string; reden: string; bsn?: string; status?: string }) {
  return () => {
    const m = sampleMessage('JW307', 'minimal');
    kop(m, AGB.alfa, '0796', `L${++volgL}`);
    const c = client(m);
    c.Bsn = o.bsn ?? BSN_L;
    c.StopProducten = {
      StopProduct: [{ ToewijzingNummer: o.nummer(), Product: { ...AMBULANT }, Begindatum: o.begindatum, RedenBeeindiging: o.reden, Einddatum: o.einddatum, StatusAanlevering: o.status ?? '1' }],
    };
    return writeMessage(m);
  };
}
const nr = () => s.nummer;
const nr2 = () => s.tweede;
bericht('levering-9019-onbekend-nummer', 'alfa', start({ nummer: () => 987654, begindatum: '2026-11-02' }));
bericht('levering-9019-ander-product', 'alfa', start({ nummer: nr, begindatum: '2026-11-02', product: { Categorie: '43', Code: '43A05' } }));
bericht('levering-9019-andere-client', 'alfa', start({ nummer: nr, begindatum: '2026-11-02', bsn: ANDER_L }));
bericht('levering-9019-zonder-nummer', 'alfa', start({ begindatum: '2026-11-02' }));
bericht('levering-start', 'alfa', start({ nummer: nr, begindatum: '2026-11-02' }));
bericht('levering-9074-zelfde-sleutel', 'alfa', start({ nummer: nr, begindatum: '2026-11-02' }));
bericht('levering-9326-tweede-start', 'alfa', start({ nummer: nr, begindatum: '2026-11-05' }));
bericht('levering-9069-stop-zonder-start', 'alfa', stop({ nummer: nr, begindatum: '2026-11-03', einddatum: '2026-11-10', reden: '20' }));
bericht('levering-tijdelijke-stop', 'alfa', stop({ nummer: nr, begindatum: '2026-11-02', einddatum: '2026-11-10', reden: '20' }));
bericht('levering-9413-tweede-tijdelijke-stop', 'alfa', stop({ nummer: nr, begindatum: '2026-11-02', einddatum: '2026-11-12', reden: '20' }));
bericht('levering-herstart', 'alfa', start({ nummer: nr, begindatum: '2026-11-15' }));
bericht('levering-definitieve-stop', 'alfa', stop({ nummer: nr, begindatum: '2026-11-15', einddatum: '2026-11-20', reden: '31' }));
bericht('levering-9415-na-definitieve-stop', 'alfa', stop({ nummer: nr, begindatum: '2026-11-15', einddatum: '2026-11-21', reden: '34' }));
bericht('levering-9063-verwijder-onbekend', 'alfa', start({ nummer: nr, begindatum: '2026-10-01', status: '3' }));
bericht('levering-9071-verwijder-gestopte-start', 'alfa', start({ nummer: nr, begindatum: '2026-11-02', status: '3' }));
bericht('levering-verwijder-stop', 'alfa', stop({ nummer: nr, begindatum: '2026-11-15', einddatum: '2026-11-20', reden: '31', status: '3' }));
bericht('levering-nieuwe-stop-na-verwijdering', 'alfa', stop({ nummer: nr, begindatum: '2026-11-15', einddatum: '2026-11-22', reden: '31' }));
bericht('levering-tweede-start', 'alfa', start({ nummer: nr2, bsn: ANDER_L, begindatum: '2026-11-02' }));
bericht('levering-tweede-tijdelijke-stop', 'alfa', stop({ nummer: nr2, bsn: ANDER_L, begindatum: '2026-11-02', einddatum: '2026-11-12', reden: '20' }));
bericht('levering-9414-definitief-eerder', 'alfa', stop({ nummer: nr2, bsn: ANDER_L, begindatum: '2026-11-02', einddatum: '2026-11-11', reden: '31' }));
bericht('levering-definitief-zelfde-dag', 'alfa', stop({ nummer: nr2, bsn: ANDER_L, begindatum: '2026-11-02', einddatum: '2026-11-12', reden: '31' }));
bericht('levering-taakgericht-start', 'alfa', start({ begindatum: '2026-11-03', product: TAAKGERICHT }));
bericht('levering-taakgericht-9326', 'alfa', start({ begindatum: '2026-11-04', product: TAAKGERICHT }));

function jw317L(o: { ongewijzigd?: () => number[]; teWijzigen?: () => number[]; referentie: string }) {
  return () => {
    const m = sampleMessage('JW317', 'minimal');
    kop(m, AGB.alfa, '0796', `L${++volgL}`);
    const c = client(m);
    c.Bsn = BSN_L;
    const verzoek: IjwNode = { ReferentieAanbieder: o.referentie, RedenVerzoek: '1' };
    const ong = o.ongewijzigd?.() ?? [];
    const tw = o.teWijzigen?.() ?? [];
    if (ong.length) verzoek.OngewijzigdeProducten = { OngewijzigdProduct: ong.map((n) => ({ ToewijzingNummer: n })) };
    if (tw.length) verzoek.TeWijzigenProducten = { TeWijzigenProduct: tw.map((n) => ({ ToewijzingNummer: n, GewensteIngangsdatum: '2026-11-01', Einddatum: '2027-04-30', Omvang: WEKELIJKS(3) })) };
    verzoek.NieuweProducten = { NieuwProduct: [{ Product: AMBULANT, GewensteIngangsdatum: '2027-05-01', Einddatum: '2027-06-30', Omvang: WEKELIJKS(2) }] };
    c.Verzoek = verzoek;
    return writeMessage(m);
  };
}
bericht('vow-9350-onbekend-ongewijzigd', 'alfa', jw317L({ ongewijzigd: () => [s.nummer, 987001], referentie: 'W1' }));
bericht('vow-9351-onbekend-te-wijzigen', 'alfa', jw317L({ ongewijzigd: () => [s.nummer], teWijzigen: () => [987002], referentie: 'W2' }));
bericht('vow-9349-9351-huidig-ontbreekt', 'alfa', jw317L({ teWijzigen: () => [987003], referentie: 'W3' }));
bericht('vow-heel-pakket', 'alfa', jw317L({ teWijzigen: () => [s.nummer], referentie: 'W4' }));
bericht('vow-9374-open-verzoek', 'alfa', jw317L({ ongewijzigd: () => [s.nummer], referentie: 'W5' }));

// ---------------------------------------------------------------------------------------------
// 4. Level-2 rules, broken and repaired (test/regels-niveau2.test.ts), each case its own client.
// ---------------------------------------------------------------------------------------------
let volgN2 = 0;
let toewijzingN2 = 5000;
const dag = (n: number) => plusDagen(vandaag, n);
const GEMEENTE_BERICHTEN: MessageType[] = ['JW301', 'JW319'];
const INHOUD: Partial<Record<MessageType, (m: IjwMessage, bsn: string) => void>> = {
  JW301: (m, bsn) => {
    const c = client(m);
    Object.assign(c, { Bsn: bsn, Geboortedatum: { Datum: '2015-03-01' } });
    (c.Naam as IjwNode).NaamGebruik = '1';
    c.Contactgegevens = { Contact: [{ Soort: '01', Adres: { Huis: { Huisnummer: 12 }, Postcode: '5211AB', LandCode: 'NL' } }] };
    c.ToegewezenProducten = {
      ToegewezenProduct: [{ ToewijzingNummer: (toewijzingN2 += 10), Product: AMBULANT, Toewijzingsdatum: vandaag, Toewijzingstijd: '09:00:00', Ingangsdatum: vandaag, Einddatum: dag(90), Omvang: { Volume: 4, Eenheid: '04', Frequentie: '2' } }],
    };
  },
  JW305: (m, bsn) => {
    Object.assign(client(m), { Bsn: bsn, Geboortedatum: { Datum: '2015-03-01' }, StartProducten: { StartProduct: [{ Product: TAAKGERICHT, Begindatum: dag(-30), StatusAanlevering: '1' }] } });
  },
  JW307: (m, bsn) => {
    Object.assign(client(m), {
      Bsn: bsn,
      Geboortedatum: { Datum: '2015-03-01' },
      StopProducten: { StopProduct: [{ Product: TAAKGERICHT, Begindatum: dag(-30), RedenBeeindiging: '31', Einddatum: vandaag, StatusAanlevering: '1' }] },
    });
  },
  JW315: (m, bsn) => {
    Object.assign(client(m), {
      Bsn: bsn,
      Geboortedatum: { Datum: '2015-03-01' },
      AangevraagdeProducten: {
        AangevraagdProduct: [
          { ReferentieAanbieder: 'VOT-1', Product: AMBULANT, ToewijzingIngangsdatum: dag(7), ToewijzingEinddatum: dag(97), Omvang: { Volume: 3, Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '02', ZorgverlenerCode: '01000001' } },
        ],
      },
    });
  },
  JW317: (m, bsn) => {
    Object.assign(client(m), {
      Bsn: bsn,
      Verzoek: {
        ReferentieAanbieder: 'VOW-1',
        RedenVerzoek: '1',
        OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: 5001 }] },
        NieuweProducten: { NieuwProduct: [{ Product: AMBULANT, GewensteIngangsdatum: dag(1), Einddatum: dag(60), Omvang: { Volume: 2, Eenheid: '04', Frequentie: '2' } }] },
      },
    });
  },
  JW319: (m) => Object.assign(m.bericht.Antwoord as IjwNode, { ReferentieAanbieder: 'VOT-1', VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' }),
};
function n2(type: MessageType, bsn: string, change: (m: IjwMessage) => void = () => undefined): string {
  const m = sampleMessage(type, 'minimal');
  const gemeente = GEMEENTE_BERICHTEN.includes(type);
  kop(m, gemeente ? '0796' : AGB.alfa, gemeente ? AGB.alfa : '0796', `N2-${++volgN2}`);
  INHOUD[type]?.(m, bsn);
  change(m);
  return writeMessage(m);
}
const verzoekN2 = (m: IjwMessage) => client(m).Verzoek as IjwNode;
type Wijziging = (m: IjwMessage) => void;
const GEVALLEN: [code: string, type: MessageType, breek: Wijziging, herstel: Wijziging, vooraf?: MessageType][] = [
  ['CS058', 'JW305', (m) => (eerste(m, 'StartProducten', 'StartProduct').StatusAanlevering = '2'), () => undefined],
  ['TR101', 'JW305', (m) => ((client(m).StartProducten as IjwNode).StartProduct = [eerste(m, 'StartProducten', 'StartProduct'), { ...eerste(m, 'StartProducten', 'StartProduct') }]), () => undefined],
  ['TR002', 'JW305', (m) => (client(m).Geboortedatum = { Datum: '1850-06-01' }), (m) => (client(m).Geboortedatum = { Datum: '1900-01-01', DatumGebruik: '3' })],
  ['TR018', 'JW307', (m) => (eerste(m, 'StopProducten', 'StopProduct').Einddatum = dag(-31)), () => undefined, 'JW305'],
  [
    'CD075',
    'JW301',
    (m) => Object.assign(eerste(m, 'ToegewezenProducten', 'ToegewezenProduct'), { Product: { Categorie: '45' }, Budget: 250000, Omvang: undefined, Einddatum: undefined }),
    (m) => Object.assign(eerste(m, 'ToegewezenProducten', 'ToegewezenProduct'), { Product: { Categorie: '45' }, Budget: 250000, Omvang: undefined }),
  ],
  [
    'TR302',
    'JW301',
    (m) => {
      const p = eerste(m, 'ToegewezenProducten', 'ToegewezenProduct');
      (client(m).ToegewezenProducten as IjwNode).ToegewezenProduct = [p, { ...p, ToewijzingNummer: Number(p.ToewijzingNummer) + 1, Ingangsdatum: dag(90), Einddatum: dag(180) }];
    },
    (m) => {
      const p = eerste(m, 'ToegewezenProducten', 'ToegewezenProduct');
      (client(m).ToegewezenProducten as IjwNode).ToegewezenProduct = [p, { ...p, ToewijzingNummer: Number(p.ToewijzingNummer) + 1, Ingangsdatum: dag(91), Einddatum: dag(180) }];
    },
  ],
  ['CD067', 'JW315', (m) => (eerste(m, 'AangevraagdeProducten', 'AangevraagdProduct').Verwijzer = { Type: '02' }), (m) => (eerste(m, 'AangevraagdeProducten', 'AangevraagdProduct').Verwijzer = { Type: '02', Naam: 'Huisarts De Vries' })],
  ['TR380', 'JW317', (m) => (((verzoekN2(m).NieuweProducten as IjwNode).NieuwProduct as IjwNode[])[0].GewensteIngangsdatum = vandaag), () => undefined],
  ['CD085', 'JW319', (m) => ((m.bericht.Antwoord as IjwNode).RedenAfwijzingVerzoek = undefined), () => undefined],
  ['TR377', 'JW319', (m) => ((m.bericht.Antwoord as IjwNode).RedenAfwijzingVerzoek = '8'), (m) => Object.assign(m.bericht.Antwoord as IjwNode, { RedenAfwijzingVerzoek: '8', Woonplaatsbeginsel: { Gemeente: '0828' } })],
];
GEVALLEN.forEach(([code, type, breek, herstel, vooraf], i) => {
  const bsn = testBsn(1000 + 10 * i);
  const wie = (x: MessageType): Wie => (GEMEENTE_BERICHTEN.includes(x) ? 'zaak' : 'alfa');
  const ref = `VOT-${code}`;
  const metRef = (f: Wijziging) => (m: IjwMessage) => {
    f(m);
    if (type === 'JW319') (m.bericht.Antwoord as IjwNode).ReferentieAanbieder = ref;
  };
  if (vooraf) bericht(`n2-${code}-vooraf-${vooraf}`, wie(vooraf), () => n2(vooraf, bsn));
  if (type === 'JW319') bericht(`n2-${code}-vooraf-JW315`, 'alfa', () => n2('JW315', bsn, (m) => (eerste(m, 'AangevraagdeProducten', 'AangevraagdProduct').ReferentieAanbieder = ref)));
  bericht(`n2-${code}-${type}-gebroken`, wie(type), () => n2(type, bsn, metRef(breek)));
  bericht(`n2-${code}-${type}-hersteld`, wie(type), () => n2(type, bsn, metRef(herstel)));
});

// ---------------------------------------------------------------------------------------------
// 5. Requests (test/verzoeken.test.ts): JW315 → JW316, 9347, 9374.
// ---------------------------------------------------------------------------------------------
let volgV = 0;
function jw315(bsn: string, referentie: string): string {
  const m = sampleMessage('JW315', 'minimal');
  kop(m, AGB.alfa, '0796', `V${++volgV}`);
  const c = client(m);
  c.Bsn = bsn;
  c.Geboortedatum = { Datum: '2013-09-09' };
  c.Naam = { Geslachtsnaam: { Achternaam: 'de Vries' }, Voornamen: 'Noor' };
  c.AangevraagdeProducten = {
    AangevraagdProduct: [
      { ReferentieAanbieder: referentie, Product: AMBULANT, ToewijzingIngangsdatum: '2026-12-01', ToewijzingEinddatum: '2027-05-31', Omvang: WEKELIJKS(2), Verwijzer: { Type: '02', Naam: 'Huisarts Bakker' } },
    ],
  };
  return writeMessage(m);
}
bericht('vot-ref-1', 'alfa', () => jw315(testBsn(10), 'REF-1'));
bericht('vot-9347-zelfde-referentie', 'alfa', () => jw315(testBsn(11), 'REF-1'));
bericht('vot-9374-tweede-open-verzoek', 'alfa', () => jw315(testBsn(10), 'REF-2'));

// ---------------------------------------------------------------------------------------------
// 6. A municipality's own case system (test/doorsturen.test.ts): JW301 and JW319 forwarded or
//    refused; the provider's JW302 / JW320 routed back.
// ---------------------------------------------------------------------------------------------
let volgZ = 0;
const jw301Z = (o: { agb?: string; bsn: string; nummer: number; code?: string; categorie?: string }) => zaakJw301({ ...o, identificatie: `Z${++volgZ}`, dagtekening: vandaag });
bericht('zaak-jw301-doorgestuurd', 'zaak', () => (xmls.z1 = jw301Z({ bsn: testBsn(20), nummer: 5001 })));
const jw302Op = async (heenXml: string, ident: string, codes: { header?: string[]; client?: string[] } = {}) => {
  const heen = (await parseMessage(Buffer.from(heenXml))).message;
  const klassen = new Map<IjwNode, string[]>();
  if (codes.client) klassen.set(heen.bericht.Client as IjwNode, codes.client);
  return writeMessage(bouwRetour(heen, { header: codes.header ?? [], klassen }, ident, vandaag));
};
bericht('zaak-jw302-gekoppeld', 'alfa', () => jw302Op(xmls.z1, 'P1'));
bericht('zaak-jw302-tweede-niet-gekoppeld', 'alfa', () => jw302Op(xmls.z1, 'P2'));
bericht('zaak-jw302-onbekend-heenbericht', 'alfa', async () => (await jw302Op(xmls.z1, 'P3')).replace('<ijw:Identificatie>Z1</ijw:Identificatie>', '<ijw:Identificatie>Z999</ijw:Identificatie>'));
bericht('zaak-jw301-niet-gecontracteerd', 'zaak', () => jw301Z({ bsn: testBsn(32), nummer: 5002, agb: AGB.beta }));
bericht('zaak-jw301-s329-onbekend-product', 'zaak', () => jw301Z({ bsn: testBsn(33), nummer: 5003, code: '45X99' }));
bericht('zaak-jw301-9332-nummer-andere-client', 'zaak', () => jw301Z({ bsn: testBsn(31), nummer: 5001 }));
bericht('zaak-jw301-tweede-met-afwijzing', 'zaak', () => (xmls.z2 = jw301Z({ bsn: testBsn(34), nummer: 5004 })));
bericht('zaak-jw302-met-retourcodes', 'alfa', () => jw302Op(xmls.z2, 'P4', { client: ['8001'] }));
bericht('zaak-vot-voor-jw319', 'alfa', () => {
  const m = sampleMessage('JW315', 'minimal');
  kop(m, AGB.alfa, '0796', 'VOT1');
  const c = client(m);
  c.Bsn = testBsn(40);
  c.AangevraagdeProducten = {
    AangevraagdProduct: [{ ReferentieAanbieder: 'R-319', Product: AMBULANT, ToewijzingIngangsdatum: '2026-12-01', Omvang: { Volume: 1, Eenheid: '04', Frequentie: '6' }, Verwijzer: { Type: '06' } }],
  };
  return writeMessage(m);
});
const jw319Z = (ref: string) => {
  const a = sampleMessage('JW319', 'minimal');
  kop(a, '0796', AGB.alfa, `Z${++volgZ}`);
  a.bericht.Antwoord = { ReferentieAanbieder: ref, VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' };
  return writeMessage(a);
};
bericht('zaak-jw319-doorgestuurd', 'zaak', () => (xmls.a1 = jw319Z('R-319')));
bericht('zaak-jw320-gekoppeld', 'alfa', () => jw302Op(xmls.a1, 'P5'));
bericht('zaak-jw319-9365-al-beantwoord', 'zaak', () => jw319Z('R-319'));
bericht('zaak-jw319-9355-onbekend-verzoek', 'zaak', () => jw319Z('R-ONBEKEND'));

// ---------------------------------------------------------------------------------------------
// 7. Claims (test/declaraties.test.ts): a JW323 with approved and rejected prestaties, a rule per
//    prestatie broken and kept, later claims, the claim rejected whole, the budget ceiling, a held
//    claim released, and a municipality judging claims in its own system (its JW325 checked).
// ---------------------------------------------------------------------------------------------
interface Tw {
  id: string;
  nummer: number;
  bsn: string;
}
const SEPT = { begin: '2026-09-01', eind: '2026-09-30' };
const OKT = { begin: '2026-10-01', eind: '2026-10-31' };
const NOV = { begin: '2026-11-01', eind: '2026-11-30' };
let bsnD = 5000;
let volgD = 0;
/** One toewijzing for a new client; by default 45A04, September–December 2026, 3 hours a week. */
async function twD(product: Partial<Product> = {}, agb = AGB.alfa): Promise<Tw> {
  const bsn = testBsn(bsnD++);
  const [r] = await toewijzen(bsn, [{ categorie: '45', code: '45A04', ingangsdatum: '2026-09-01', einddatum: '2026-12-31', volume: 3, eenheid: '04', frequentie: '2', ...product }], agb);
  return { ...r, bsn };
}
const g: Record<string, { slecht: Tw; goed: Tw }> = {};
const claim1: { bsn: string; prestaties: TestPrestatie[] }[] = [];
const ASPECIFIEK = { code: undefined, volume: undefined, eenheid: undefined, frequentie: undefined };
/** Rule, its code (for the reader), the toewijzing's product, the bad prestatie, the good one, and whose Bsn the bad one carries. */
const DECL_GEVALLEN: [regel: string, code: string, product: Partial<Product>, slecht: Partial<TestPrestatie>, goed: Partial<TestPrestatie>, metBsn?: (x: { slecht: Tw; goed: Tw }) => string][] = [
  ['TR338', '9338', {}, { nummer: 99_999_999 }, {}],
  ['TR384', '9384', {}, {}, {}],
  ['TR304', '8187', {}, {}, {}, (x) => x.goed.bsn],
  ['TR339', '9339', {}, { categorie: '43', code: '43A05' }, {}],
  ['TR340', '9340', {}, { code: '45T10' }, {}],
  ['TR341', '9341', {}, { eenheid: '14' }, {}],
  ['TR307', '9307', { ingangsdatum: '2026-09-15' }, { volume: 6 }, { begin: '2026-09-15', volume: 6 }],
  ['TR308', '9308', { einddatum: '2026-09-20' }, { volume: 6 }, { eind: '2026-09-20', volume: 6 }],
  ['TR387', '9387', {}, { begin: '2026-09-02' }, {}],
  ['TR388', '9388', {}, { eind: '2026-09-29' }, {}],
  ['TR319', '9319', {}, { ...OKT }, {}],
  ['TR346', '9346', {}, { bedrag: 114_601 }, {}],
  ['TR418', '0611', {}, { tarief: 9600 }, {}],
  ['TR321', '9321', {}, { volume: 16 }, { volume: 15 }],
  ['TR369', '9369', { ...ASPECIFIEK, budget: 50_000 }, { volume: 6 }, { volume: 5 }],
  ['TR381', 'S329', { ...ASPECIFIEK, budget: 500_000 }, { code: '45X99' }, { volume: 5 }],
  ['TR322', '9322', { frequentie: '6', volume: 10 }, { volume: 8 }, { volume: 8 }],
];
actie('decl-toewijzingen', async () => {
  for (const [regel, , product, slecht, goed, metBsn] of DECL_GEVALLEN) {
    const x = { slecht: await twD(product), goed: await twD(product) };
    g[regel] = x;
    claim1.push({ bsn: metBsn ? metBsn(x) : x.slecht.bsn, prestaties: [{ ref: `${regel}-S`, nummer: x.slecht.nummer, ...SEPT, volume: 12, ...slecht }] });
    claim1.push({ bsn: x.goed.bsn, prestaties: [{ ref: `${regel}-G`, nummer: x.goed.nummer, ...SEPT, volume: 12, ...goed }] });
  }
  await gql(t.zaak, `mutation($id: ID!) { verwijderToewijzing(id: $id) { bericht { id } } }`, { id: g.TR384.slecht.id });
});
const jw323 = (nummer: string, periode: string, clienten: () => { bsn: string; prestaties: TestPrestatie[] }[], agb = AGB.alfa, identificatie?: string) => () =>
  jw323Xml({ identificatie: identificatie ?? `D${++volgD}`, nummer, periode, afzender: agb, gemeente: '0796', clienten: clienten() });
bericht('decl-sep1-regels-per-prestatie', 'alfa', jw323('SEP1', '2026-09', () => claim1));
bericht('decl-okt1-cumulatief-dubbel-credit', 'alfa', jw323('OKT1', '2026-10', () => [
  { bsn: g.TR322.slecht.bsn, prestaties: [{ ref: 'TR322-S2', nummer: g.TR322.slecht.nummer, ...OKT, volume: 5 }] },
  { bsn: g.TR322.goed.bsn, prestaties: [{ ref: 'TR322-G2', nummer: g.TR322.goed.nummer, ...OKT, volume: 2 }] },
  { bsn: g.TR346.goed.bsn, prestaties: [{ ref: 'TR346-G', nummer: g.TR346.goed.nummer, ...OKT, volume: 12 }] },
  { bsn: g.TR418.goed.bsn, prestaties: [{ ref: 'TR314-G', nummer: g.TR418.goed.nummer, ...OKT, volume: 12 }] },
  { bsn: g.TR338.goed.bsn, prestaties: [{ ref: 'TR323-S', vorig: 'ONBEKEND', dc: 'C', nummer: g.TR338.goed.nummer, ...SEPT, volume: 12 }] },
  { bsn: g.TR384.goed.bsn, prestaties: [{ ref: 'TR323-G', vorig: 'TR384-G', dc: 'C', nummer: g.TR384.goed.nummer, ...SEPT, volume: 12 }] },
  { bsn: g.TR339.goed.bsn, prestaties: [{ ref: 'TR389-S', nummer: g.TR339.goed.nummer, ...SEPT, volume: 10 }] },
  {
    bsn: g.TR340.goed.bsn,
    prestaties: [
      { ref: 'TR389-C', vorig: 'TR340-G', dc: 'C', nummer: g.TR340.goed.nummer, ...SEPT, volume: 12 },
      { ref: 'TR389-G', nummer: g.TR340.goed.nummer, ...SEPT, volume: 10 },
    ],
  },
]));
bericht('decl-okt2-9390-tweede-credit', 'alfa', jw323('OKT2', '2026-10', () => [
  { bsn: g.TR384.goed.bsn, prestaties: [{ ref: 'TR390-S', vorig: 'TR384-G', dc: 'C', nummer: g.TR384.goed.nummer, ...SEPT, volume: 12 }] },
  { bsn: g.TR341.goed.bsn, prestaties: [{ ref: 'TR390-G', vorig: 'TR341-G', dc: 'C', nummer: g.TR341.goed.nummer, ...SEPT, volume: 12 }] },
]));
bericht('decl-9333-declaratienummer-dubbel', 'alfa', jw323('SEP1', '2026-10', () => [{ bsn: g.TR387.goed.bsn, prestaties: [{ ref: 'TR333-1', nummer: g.TR387.goed.nummer, ...OKT, volume: 12 }] }]));
bericht('decl-8001-volledig-toegekend', 'alfa', jw323('OKT3', '2026-10', () => [{ bsn: g.TR387.goed.bsn, prestaties: [{ ref: 'TR333-1', nummer: g.TR387.goed.nummer, ...OKT, volume: 12 }] }]));
bericht('decl-8214-maand-te-vroeg', 'alfa', jw323('AUG1', '2026-08', () => [{ bsn: g.TR388.goed.bsn, prestaties: [{ ref: 'TR318-1', nummer: g.TR388.goed.nummer, ...OKT, volume: 1 }] }]));
bericht('decl-kop-8848-dagtekening-toekomst', 'alfa', () => {
  const x = jw323('NOVT', '2026-11', () => [{ bsn: g.TR388.goed.bsn, prestaties: [{ ref: 'T-1', nummer: g.TR388.goed.nummer, ...NOV, volume: 1 }] }])();
  return x.replace(`<ijw:Dagtekening>${vandaag}</ijw:Dagtekening>`, '<ijw:Dagtekening>2099-01-01</ijw:Dagtekening>');
});
bericht('decl-kop-9056-identificatie-hergebruikt', 'alfa', jw323('NOVU', '2026-11', () => [{ bsn: g.TR388.goed.bsn, prestaties: [{ ref: 'U-1', nummer: g.TR388.goed.nummer, ...NOV, volume: 1 }] }], AGB.alfa, 'D1'));
bericht('decl-0001-tr358-totaal-klopt-niet', 'alfa', () => {
  const x = jw323('NOVV', '2026-11', () => [{ bsn: g.TR388.goed.bsn, prestaties: [{ ref: 'V-1', nummer: g.TR388.goed.nummer, ...NOV, volume: 1 }] }])();
  return x.replace(/<ijw:TotaalBedrag>(\d+)<\/ijw:TotaalBedrag>/, (_m, n: string) => `<ijw:TotaalBedrag>${Number(n) + 1}</ijw:TotaalBedrag>`);
});
bericht('decl-0001-cs337-periode-over-maanden', 'alfa', jw323('NOVW', '2026-11', () => [{ bsn: g.TR388.goed.bsn, prestaties: [{ ref: 'W-1', nummer: g.TR388.goed.nummer, begin: '2026-10-31', eind: '2026-11-01', volume: 1 }] }]));
bericht('decl-9340-0611-andere-productcode', 'alfa', jw323('NOVX', '2026-11', () => [{ bsn: g.TR388.goed.bsn, prestaties: [{ ref: 'X-1', nummer: g.TR388.goed.nummer, code: '45X99', ...NOV, volume: 1 }] }]));

const CONTRACT = (nummer: string, agb: string, beleid: string, aanhouden: boolean) =>
  `mutation { maakContract(input: { nummer: "${nummer}", aanbiederAgb: "${agb}", perceel: "Lichte zorg", procedure: openhouse, begindatum: "2026-01-01",
    einddatum: "2027-12-31", verlengingen: 0, gemeenten: ["0796"], budgetplafonds: [{ jaar: 2026, bedragCenten: 200000 }],
    producten: [{ productCode: "45A04", tariefCenten: 9550 }], plafondBeleid: ${beleid}, declaratiesAanhouden: ${aanhouden} }) { id } }`;
const tws: Record<string, Tw> = {};
actie('plafond-contract-afwijzen', async () => {
  await gql(t.regio, CONTRACT('NOB-P-001', AGB.gamma, 'afwijzen', false));
  tws.gamma = await twD(ASPECIFIEK, AGB.gamma);
});
bericht('plafond-sep-binnen-plafond', 'gamma', jw323('G1', '2026-09', () => [{ bsn: tws.gamma.bsn, prestaties: [{ ref: 'G-SEP', nummer: tws.gamma.nummer, ...SEPT, volume: 12 }] }], AGB.gamma));
bericht('plafond-okt-9369-boven-plafond', 'gamma', jw323('G2', '2026-10', () => [{ bsn: tws.gamma.bsn, prestaties: [{ ref: 'G-OKT', nummer: tws.gamma.nummer, ...OKT, volume: 12 }] }], AGB.gamma));
actie('aanhouden-contract-signaleren', async () => {
  await gql(t.regio, CONTRACT('NOB-P-002', AGB.beta, 'signaleren', true));
  tws.beta = await twD(ASPECIFIEK, AGB.beta);
});
bericht('aanhouden-sep-aangehouden', 'beta', jw323('B1', '2026-09', () => [{ bsn: tws.beta.bsn, prestaties: [{ ref: 'B-SEP', nummer: tws.beta.nummer, ...SEPT, volume: 12 }] }], AGB.beta));
/** The held claims' ids (as the municipality sees them). */
const gehouden = async () =>
  (await gql<{ declaraties: { edges: { node: { id: string; nummer: string } }[] } }>(t.bosch, `{ declaraties(filter: { aangehouden: true }, first: 200) { edges { node { id nummer } } } }`)).declaraties.edges.map((e) => e.node);
actie(
  'aanhouden-vrijgegeven-jw325',
  async () => {
    const [d] = (await gehouden()).filter((x) => x.nummer === 'B1');
    await gql(t.bosch, `mutation($id: ID!) { geefDeclaratieVrij(declaratieId: $id) { status } }`, { id: d.id });
  },
  true,
);
bericht('aanhouden-okt-boven-plafond-gesignaleerd', 'beta', jw323('B2', '2026-10', () => [{ bsn: tws.beta.bsn, prestaties: [{ ref: 'B-OKT', nummer: tws.beta.nummer, ...OKT, volume: 12 }] }], AGB.beta));

const eigenSysteem = async (aan: boolean): Promise<void> => void (await gql(t.regio, `mutation($aan: Boolean!) { stelDeclaratiebeoordelingIn(gemeenteCode: "0796", eigenSysteem: $aan) { code } }`, { aan }));
actie('eigen-systeem-aan', () => eigenSysteem(true));
bericht('eigen-systeem-jw323-aangehouden', 'alfa', () =>
  (xmls.nov1 = jw323('NOV1', '2026-11', () => [
    { bsn: g.TR346.goed.bsn, prestaties: [{ ref: 'NOV-1', nummer: g.TR346.goed.nummer, ...NOV, volume: 12 }] },
    { bsn: g.TR321.goed.bsn, prestaties: [{ ref: 'NOV-2', nummer: g.TR321.goed.nummer, ...NOV, volume: 12 }] },
  ])()),
);
const jw325Van = async (afgewezen: [string, string[]][], toegekend: number, ident: string, wijzig?: (m: IjwMessage) => void) => {
  const m = (await parseMessage(Buffer.from(xmls.nov1))).message;
  const antwoord = bouwJw325(m, new Map(afgewezen), toegekend, [], ident, vandaag);
  wijzig?.(antwoord);
  return writeMessage(antwoord);
};
bericht('eigen-systeem-jw325-9367-afwijkende-waarde', 'zaak', () =>
  jw325Van([['NOV-2', ['9321']]], 12 * 9550, 'Z325A', (m) => {
    const a = m.bericht.DeclaratieAntwoord as IjwNode;
    (((a.Clienten as IjwNode).Client as IjwNode[])[0].Prestaties as IjwNode).Prestatie = [{ ...((((a.Clienten as IjwNode).Client as IjwNode[])[0].Prestaties as IjwNode).Prestatie as IjwNode[])[0], GeleverdVolume: 11 }];
  }),
);
bericht('eigen-systeem-jw325-doorgestuurd', 'zaak', () => jw325Van([['NOV-2', ['9321']]], 12 * 9550, 'Z325B'));
bericht('eigen-systeem-jw325-tweede-antwoord', 'zaak', () => jw325Van([], 24 * 9550, 'Z325C'));
bericht('eigen-systeem-jw325-9366-onbekende-prestatie', 'zaak', () =>
  jw325Van([['NOV-9', ['9321']]], 0, 'Z325D', (m) => {
    const a = m.bericht.DeclaratieAntwoord as IjwNode;
    a.Clienten = {
      Client: [{ Bsn: g.TR346.goed.bsn, Prestaties: { Prestatie: [{ ProductReferentie: { ReferentieNummer: 'NOV-9' }, ToewijzingNummer: g.TR346.goed.nummer, ProductCategorie: '45', ProductCode: '45A04', ProductPeriode: { Begindatum: NOV.begin, Einddatum: NOV.eind }, GeleverdVolume: 12, Eenheid: '04', ProductTarief: 9550, IngediendBedrag: { Bedrag: 114600, DebetCredit: 'D' }, RetourCodes: { RetourCode: ['9321'] } }] }, RetourCodes: { RetourCode: ['0200'] } }],
    };
  }),
);
actie('eigen-systeem-uit', () => eigenSysteem(false));

// TR385: a JW301 from a case system ending a toewijzing with accepted prestaties (reden 13).
bericht('zaak-jw301-9385-toewijzing-met-prestaties', 'zaak', () => {
  const x = g.TR388.goed;
  const product = {
    nummer: x.nummer, productCategorie: '45', productCode: '45A04', toewijzingsdatum: vandaag, toewijzingstijd: '10:00:00',
    ingangsdatum: '2026-09-01', einddatum: '2026-09-01', volume: 3, eenheid: '04', frequentie: '2', budget: null, redenWijziging: '13', referentieAanbieder: null, versie: 2,
  } as unknown as ToewijzingEntity;
  return writeMessage(bouwJw301({
    gemeenteCode: '0796', aanbiederAgb: AGB.alfa, identificatie: 'Z385', dagtekening: vandaag,
    client: { bsn: x.bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Bakker', adres: { postcode: '5211AB', huisnummer: 3 } },
    actueel: [product], gewijzigd: new Set([x.nummer]),
  }));
});

// ---------------------------------------------------------------------------------------------
// 8. Level-3 rules of a JW317 (test/wijzigingsverzoeken.test.ts): each broken, with its code on
//    its class, then kept; a kept request is rejected at once (GraphQL) so the next may be open.
// ---------------------------------------------------------------------------------------------
const B = '2026-12-01';
const maand = (n: number) => {
  const d = new Date(`${B}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};
const eindVan = (n: number) => plusDagen(maand(n + 1), -1);
const begonnen = plusDagen(vandaag, -20);
let volgW = 0;
let refW = 0;
const W = { d: testBsn(53), f: testBsn(54), g: testBsn(55), h: testBsn(56), ander: testBsn(57) };
function jw317W(o: { bsn: string; referentie: string; ongewijzigd?: number[]; teWijzigen?: IjwNode[]; nieuw?: IjwNode[] }): string {
  const m = sampleMessage('JW317', 'minimal');
  kop(m, AGB.alfa, '0796', `W${++volgW}`);
  const verzoek: IjwNode = { ReferentieAanbieder: o.referentie, RedenVerzoek: '1' };
  if (o.ongewijzigd?.length) verzoek.OngewijzigdeProducten = { OngewijzigdProduct: o.ongewijzigd.map((n) => ({ ToewijzingNummer: n })) };
  if (o.teWijzigen?.length) verzoek.TeWijzigenProducten = { TeWijzigenProduct: o.teWijzigen };
  if (o.nieuw?.length) verzoek.NieuweProducten = { NieuwProduct: o.nieuw };
  m.bericht.Client = { Bsn: o.bsn, Verzoek: verzoek };
  return writeMessage(m);
}
actie('vow3-toewijzingen', async () => {
  s.nD = (await toewijzen(W.d, [{ categorie: '45', code: '45A04', ingangsdatum: begonnen, einddatum: eindVan(5), volume: 3, eenheid: '04', frequentie: '2' }]))[0].nummer;
  s.nF = (await toewijzen(W.f, [{ categorie: '45', code: '45A04', ingangsdatum: B, einddatum: eindVan(5), volume: 40, eenheid: '04', frequentie: '6' }]))[0].nummer;
  s.nG = (await toewijzen(W.g, [{ categorie: '45', ingangsdatum: B, einddatum: eindVan(5), budget: 250000 }]))[0].nummer;
  s.nH = (await toewijzen(W.h, [{ categorie: '45', ingangsdatum: B, einddatum: eindVan(5), budget: 250000 }]))[0].nummer;
  s.nAnder = (await toewijzen(W.ander, [{ categorie: '45', code: '45A04', ingangsdatum: B, einddatum: eindVan(5), volume: 2, eenheid: '04', frequentie: '2' }]))[0].nummer;
  // A generiek toewijzing (no product), as test/wijzigingsverzoeken.test.ts makes it.
  await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE toewijzing SET product_categorie = '' WHERE nummer = $1`, [s.nH]));
});
const zelfde = () => ({ ToewijzingNummer: s.nD, GewensteIngangsdatum: begonnen, Einddatum: eindVan(6), Omvang: WEKELIJKS(3) });
/** A JW317 breaking a rule, then one that keeps it (recorded, then rejected through GraphQL). */
function vow3(naam: string, breek: (ref: string) => string, houdt: ((ref: string) => string)[]) {
  bericht(`vow3-${naam}-gebroken`, 'alfa', () => breek(`R${++refW}`));
  houdt.forEach((h, i) => {
    let ref = '';
    bericht(`vow3-${naam}-houdt-${i + 1}`, 'alfa', () => h((ref = `R${++refW}`)));
    actie(`vow3-${naam}-houdt-${i + 1}-afgewezen`, async () => {
      const v = knopen((await gql<{ verzoeken: Conn<{ id: string; referentieAanbieder: string }> }>(t.zaak, `{ verzoeken(first: 200) { edges { node { id referentieAanbieder } } } }`)).verzoeken).find((x) => x.referentieAanbieder === ref);
      if (!v) throw new Error(`no request ${ref}`);
      await gql(t.zaak, `mutation($input: WijsVerzoekAfInput!) { wijsVerzoekAf(input: $input) { id } }`, { input: { verzoekId: v.id, reden: '7' } });
    });
  });
}
vow3('8187-toewijzing-andere-client', (r) => jw317W({ bsn: W.d, referentie: r, ongewijzigd: [s.nAnder], teWijzigen: [zelfde()] }), [(r) => jw317W({ bsn: W.d, referentie: r, teWijzigen: [zelfde()] })]);
vow3('9357-ingang-voor-dagtekening', (r) => jw317W({ bsn: W.d, referentie: r, teWijzigen: [{ ...zelfde(), GewensteIngangsdatum: plusDagen(vandaag, -5) }] }), [
  (r) => jw317W({ bsn: W.d, referentie: r, teWijzigen: [{ ...zelfde(), GewensteIngangsdatum: plusDagen(vandaag, 10) }] }),
]);
const totaalF = (gewenst: string) => ({ ToewijzingNummer: s.nF, GewensteIngangsdatum: gewenst, Einddatum: eindVan(5), Omvang: { Volume: 50, Eenheid: '04', Frequentie: '6' } });
vow3('9373-totaal-niet-op-ingang', (r) => jw317W({ bsn: W.f, referentie: r, teWijzigen: [totaalF(maand(1))] }), [(r) => jw317W({ bsn: W.f, referentie: r, teWijzigen: [totaalF(B)] })]);
const budgetG = (gewenst: string) => ({ ToewijzingNummer: s.nG, GewensteIngangsdatum: gewenst, Einddatum: eindVan(5), Budget: 300000 });
vow3('9373-budget-niet-op-ingang', (r) => jw317W({ bsn: W.g, referentie: r, teWijzigen: [budgetG(maand(1))] }), [(r) => jw317W({ bsn: W.g, referentie: r, teWijzigen: [budgetG(B)] })]);
vow3('9411-specifiek-zonder-omvang', (r) => {
  const { Omvang: _weg, ...zonder } = zelfde();
  void _weg;
  return jw317W({ bsn: W.d, referentie: r, teWijzigen: [zonder] });
}, [(r) => jw317W({ bsn: W.d, referentie: r, teWijzigen: [zelfde()] })]);
vow3('9412-aspecifiek-met-omvang', (r) => jw317W({ bsn: W.g, referentie: r, teWijzigen: [{ ToewijzingNummer: s.nG, GewensteIngangsdatum: maand(1), Einddatum: eindVan(5), Omvang: WEKELIJKS(2) }] }), [
  (r) => jw317W({ bsn: W.g, referentie: r, teWijzigen: [{ ToewijzingNummer: s.nG, GewensteIngangsdatum: maand(1), Einddatum: eindVan(6) }] }),
]);
vow3('9375-generiek-met-omvang', (r) => jw317W({ bsn: W.h, referentie: r, teWijzigen: [{ ToewijzingNummer: s.nH, GewensteIngangsdatum: maand(1), Einddatum: eindVan(5), Omvang: WEKELIJKS(2) }] }), [
  (r) => jw317W({ bsn: W.h, referentie: r, teWijzigen: [{ ToewijzingNummer: s.nH, GewensteIngangsdatum: maand(1), Einddatum: eindVan(6) }] }),
]);
const nieuwD = (vanaf: string) => ({ Product: AMBULANT, GewensteIngangsdatum: vanaf, Einddatum: eindVan(8), Omvang: WEKELIJKS(1) });
vow3('9361-nieuw-overlapt', (r) => jw317W({ bsn: W.d, referentie: r, ongewijzigd: [s.nD], nieuw: [nieuwD(maand(4))] }), [(r) => jw317W({ bsn: W.d, referentie: r, ongewijzigd: [s.nD], nieuw: [nieuwD(maand(6))] })]);
bericht('vow3-9347-referentie-hergebruikt', 'alfa', () => jw317W({ bsn: W.f, referentie: 'R2', teWijzigen: [totaalF(B)] }));

// ---------------------------------------------------------------------------------------------
// 9. TR379 (test/wijzigingsverzoeken.test.ts): a case system's JW301 carries a ReferentieAanbieder
//    only to honour an open request.
// ---------------------------------------------------------------------------------------------
function jw301Ref(bsn: string, nummer: number, referentie: string): string {
  const product = {
    nummer, productCategorie: '45', productCode: '45A04', toewijzingsdatum: vandaag, toewijzingstijd: '09:30:00', ingangsdatum: B, einddatum: eindVan(3),
    volume: 3, eenheid: '04', frequentie: '2', budget: null, redenWijziging: null, referentieAanbieder: referentie, versie: 1,
  } as unknown as ToewijzingEntity;
  return writeMessage(bouwJw301({
    gemeenteCode: '0796', aanbiederAgb: AGB.alfa, identificatie: `Z${++volgZ}`, dagtekening: vandaag,
    client: { bsn, geboortedatum: '2015-01-01', geslacht: '1', achternaam: 'Smit', adres: { postcode: '5211AB', huisnummer: 1 } },
    actueel: [product], gewijzigd: new Set(), beantwoordt: new Set([nummer]),
  }));
}
bericht('zaak-jw301-9379-onbekende-referentie', 'zaak', () => jw301Ref(testBsn(60), 880001, 'R-ONBEKEND'));
bericht('zaak-vot-r379', 'alfa', () => {
  const m = sampleMessage('JW315', 'minimal');
  kop(m, AGB.alfa, '0796', 'V379');
  const c = client(m);
  c.Bsn = testBsn(60);
  c.AangevraagdeProducten = {
    AangevraagdProduct: [{ ReferentieAanbieder: 'R-379', Product: AMBULANT, ToewijzingIngangsdatum: B, ToewijzingEinddatum: eindVan(3), Omvang: WEKELIJKS(3), Verwijzer: { Type: '06' } }],
  };
  return writeMessage(m);
});
bericht('zaak-jw301-referentie-open-verzoek', 'zaak', () => jw301Ref(testBsn(60), 880002, 'R-379'));
bericht('zaak-jw301-9379-verzoek-al-beantwoord', 'zaak', () => jw301Ref(testBsn(60), 880002, 'R-379'));

// ---------------------------------------------------------------------------------------------
// 10. Every other level-2 rule (src/messaging/processing/niveau2.ts), each broken on its own in
//     an otherwise clean message (the samples above break several at once).
// ---------------------------------------------------------------------------------------------
const contact = (m: IjwMessage) => ((client(m).Contactgegevens as IjwNode).Contact as IjwNode[])[0];
const toegewezen = (m: IjwMessage) => eerste(m, 'ToegewezenProducten', 'ToegewezenProduct');
const aangevraagd = (m: IjwMessage) => eerste(m, 'AangevraagdeProducten', 'AangevraagdProduct');
const nieuwN2 = (m: IjwMessage) => ((verzoekN2(m).NieuweProducten as IjwNode).NieuwProduct as IjwNode[])[0];
const ALLEEN: [code: string, type: MessageType, breek: Wijziging][] = [
  ['CD005', 'JW301', (m) => ((contact(m).Adres as IjwNode).LandCode = undefined)],
  ['CD007', 'JW301', (m) => (client(m).Communicatie = { Vorm: '1' })],
  ['CD025', 'JW301', (m) => Object.assign(contact(m), { Adres: { Postcode: '5211AB', LandCode: 'NL' }, Telefoon: { Telefoon01: { Telefoonnummer: '0612345678', Landnummer: '0031' } } })],
  ['CD041', 'JW315', (m) => (aangevraagd(m).Omvang = undefined)],
  ['CD043', 'JW315', (m) => (aangevraagd(m).BeschikkingNummer = '1234')],
  ['CD076', 'JW315', (m) => (aangevraagd(m).ToewijzingEinddatum = undefined)],
  ['CD080', 'JW301', (m) => (toegewezen(m).Product = { Categorie: '45' })],
  ['CD095', 'JW315', (m) => (aangevraagd(m).Product = { Categorie: '45' })],
  ['CD096', 'JW317', (m) => (nieuwN2(m).Product = { Categorie: '45' })],
  ['CS003', 'JW315', (m) => (aangevraagd(m).ToewijzingEinddatum = dag(5))],
  ['CS089', 'JW301', (m) => ((contact(m).Adres as IjwNode).Postcode = '0211AB')],
  ['CS318', 'JW301', (m) => ((client(m).Naam as IjwNode).NaamGebruik = '6')],
  ['CS335', 'JW301', (m) => (toegewezen(m).RedenWijziging = '13')],
  ['CS336', 'JW301', (m) => (toegewezen(m).RedenWijziging = '01')],
  ['TR061', 'JW301', (m) => (contact(m).Soort = '04')],
  ['TR134', 'JW305', (m) => (eerste(m, 'StartProducten', 'StartProduct').Begindatum = dag(1))],
  ['TR386', 'JW315', (m) => ((client(m).AangevraagdeProducten as IjwNode).AangevraagdProduct = [aangevraagd(m), { ...aangevraagd(m), ReferentieAanbieder: 'VOT-2', ToewijzingIngangsdatum: dag(30) }])],
  ['TR409', 'JW319', (m) => Object.assign(m.bericht.Antwoord as IjwNode, { Woonplaatsbeginsel: { Gemeente: '0828' } })],
  ['TR410', 'JW317', (m) => ((verzoekN2(m).NieuweProducten as IjwNode).NieuwProduct = [nieuwN2(m), { ...nieuwN2(m), GewensteIngangsdatum: dag(2), Einddatum: dag(30) }])],
];
ALLEEN.forEach(([code, type, breek], i) => bericht(`n2-alleen-${code}-${type}`, GEMEENTE_BERICHTEN.includes(type) ? 'zaak' : 'alfa', () => n2(type, testBsn(1200 + i), breek)));

/** A JW323 that level 2 rejects on its header (JW325 without DeclaratieAntwoord): no state is touched. */
const D2 = testBsn(1300);
const d2 = (ident: string, prestaties: TestPrestatie[], wijzig: (xml: string) => string = (x) => x) => () =>
  wijzig(jw323Xml({ identificatie: ident, nummer: ident.replace(/-/g, ''), periode: '2026-11', afzender: AGB.alfa, gemeente: '0796', clienten: [{ bsn: D2, prestaties }] }));
const P = { nummer: 777001, ...NOV, volume: 1 };
bericht('n2-alleen-CS100-JW323', 'alfa', d2('D2-1', [{ ref: 'A', ...P, begin: '2020-12-01', eind: '2020-12-31' }]));
bericht('n2-alleen-CS325-JW323', 'alfa', d2('D2-2', [{ ref: 'A', ...P }, { ref: 'B', ...P, vorig: 'Z', dc: 'C', bedrag: 0, begin: '2026-10-01', eind: '2026-10-31' }]));
bericht('n2-alleen-CS339-JW323', 'alfa', d2('D2-3', [{ ref: 'A', ...P, eenheid: '83', tarief: null, volume: 100, bedrag: 200 }]));
bericht('n2-alleen-TR137-JW323', 'alfa', d2('D2-4', [{ ref: 'A', ...P }], (x) => x.replace(`<ijw:Dagtekening>${vandaag}</ijw:Dagtekening>`, `<ijw:Dagtekening>${plusDagen(vandaag, -1)}</ijw:Dagtekening>`)));
bericht('n2-alleen-TR316-JW323', 'alfa', d2('D2-5', [{ ref: 'A', ...P }, { ref: 'B', ...P, vorig: 'A', dc: 'C', begin: '2026-10-01', eind: '2026-10-31' }]));
bericht('n2-alleen-TR335-JW323', 'alfa', d2('D2-6', [{ ref: 'A', ...P, begin: '2021-06-01', eind: '2021-06-30' }]));
bericht('n2-alleen-TR416-JW323', 'alfa', d2('D2-7', [{ ref: 'A', ...P }, { ref: 'B', ...P }]));

// ---------------------------------------------------------------------------------------------
// The steps, in order: each posted, processed to the end, recorded and compared.
// ---------------------------------------------------------------------------------------------
const genummerd = STAPPEN.map((d, i) => ({ key: `${String(i + 1).padStart(3, '0')}-${d.naam}`, d }));
const gemaakt = new Set<string>();

async function voerUit(key: string, d: StapDef): Promise<{ stap: Stap; uitvoer: { bestand: string; bytes: Buffer }[] }> {
  if ('actie' in d) {
    await d.actie();
    const v = await recorder.verschil(key, undefined, d.metXml ?? false);
    return { stap: { stap: key, berichten: v.berichten }, uitvoer: v.uitvoer };
  }
  const xml = await d.xml();
  // Every claim is first checked before it is sent (POST /ijw/proef): the records and bytes below
  // must come out exactly as without the check, and the check must answer as the real JW325 does.
  const proef = /<(?:\w+:)?BerichtCode>490<\/(?:\w+:)?BerichtCode>/.test(xml) ? await proefVan(t[d.wie], xml) : undefined;
  const res = await fetch(`${api.url}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${t[d.wie]}`, 'content-type': 'application/xml' }, body: xml });
  const body = (await res.json()) as { id?: string; status?: string; code?: string };
  const http = { status: res.status, ...(body.code ? { code: body.code } : {}), ...(res.ok && body.status ? { berichtStatus: body.status } : {}) };
  if (res.status === 202 && body.id) {
    recorder.noem(body.id, key);
    await verwerk(ds, sleutels, body.id, xsd);
  }
  if (proef) proeven.push({ key, proef, echt: await echtAntwoord(t[d.wie], res.status, body) });
  const v = await recorder.verschil(key, key, true);
  return { stap: { stap: key, http, berichten: v.berichten }, uitvoer: v.uitvoer };
}

/** What a pre-flight answered, or how the door refused it. */
type Proef = ProefUitkomst;

async function proefVan(token: string, xml: string): Promise<Proef> {
  const res = await fetch(`${api.url}/ijw/proef`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body: xml });
  const b = (await res.json()) as { code?: string } & Partial<ProefAntwoord>;
  if (res.status !== 200) return { status: res.status, code: b.code };
  return {
    status: 200,
    uitkomst: b.uitkomst,
    retourcodes: b.retourcodes,
    toegekendCenten: b.toegekendCenten,
    afgewezen: Object.fromEntries(b.prestaties!.filter((p) => p.retourcodes.length).map((p) => [p.referentieNummer, p.retourcodes])),
  };
}

/** The real answer in the pre-flight's terms: the door's refusal, the JW325, or the claim held. */
async function echtAntwoord(token: string, status: number, body: { id?: string; code?: string }): Promise<Proef> {
  // The door refused it, or these bytes came before (the pre-flight then says ALREADY_RECEIVED).
  if (status !== 202) return status === 200 ? { status: 409, code: 'ALREADY_RECEIVED' } : { status, code: body.code };
  const b = (await (await fetch(`${api.url}/ijw/berichten/${body.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string; retour: { id: string } | null };
  if (b.status === 'ongeldig' && !b.retour) return { status: 200, uitkomst: 'ongeldig', retourcodes: [], toegekendCenten: 0, afgewezen: {} };
  if (!b.retour) {
    // Held: no JW325 yet; the hub's own judgement is what the pre-flight gives.
    const d = await withTenant(ds, SYSTEEM, async (em) => ({
      toegekendCenten: Number((await em.query<{ c: string }[]>('SELECT toegekend_centen AS c FROM declaratie WHERE bericht_id = $1', [body.id]))[0].c),
      prestaties: await em.query<{ r: string; codes: string[] }[]>('SELECT p.referentie_nummer AS r, p.retourcodes AS codes FROM prestatie p JOIN declaratie d ON d.id = p.declaratie_id WHERE d.bericht_id = $1 ORDER BY p.id', [body.id]),
    }));
    const afgewezen = Object.fromEntries(d.prestaties.filter((p) => p.codes.length).map((p) => [p.r, p.codes]));
    return { status: 200, uitkomst: 'aangehouden', retourcodes: Object.keys(afgewezen).length ? ['0200'] : ['8001'], toegekendCenten: d.toegekendCenten, afgewezen };
  }
  return uitkomstVanJw325(await leesJw325(api.url, token, b.retour.id));
}

const proeven: { key: string; proef: Proef; echt: Proef }[] = [];

describe('differential: what the hub makes of each message, byte for byte as today', () => {
  it.each(genummerd)('$key', async ({ key, d }) => {
    const { stap, uitvoer } = await voerUit(key, d);
    const json = `${key}.json`;
    gemaakt.add(json);
    for (const u of uitvoer) gemaakt.add(u.bestand);
    if (BIJWERKEN) {
      schrijfGouden(json, alsTekst(stap));
      for (const u of uitvoer) schrijfGouden(u.bestand, u.bytes);
      return;
    }
    const gouden = leesGouden(json);
    if (!gouden) throw new Error(`no golden file ${json}: run with DIFF_BIJWERKEN=1 to write it`);
    expect(alsTekst(stap)).toBe(gouden.toString('utf8'));
    for (const u of uitvoer) {
      const g = leesGouden(u.bestand);
      expect({ bestand: u.bestand, xml: u.bytes.toString('utf8') }).toEqual({ bestand: u.bestand, xml: g?.toString('utf8') });
      expect(g !== undefined && Buffer.compare(u.bytes, g) === 0).toBe(true);
    }
  });

  it('every claim checked before it was sent got from the pre-flight exactly what its real answer says, code for code', () => {
    expect(proeven.length).toBeGreaterThanOrEqual(20);
    expect(proeven.map((p) => ({ stap: p.key, ...p.proef }))).toEqual(proeven.map((p) => ({ stap: p.key, ...p.echt })));
    // Wide: every outcome, and the claim codes of the scenario, each met by a pre-flight.
    expect([...new Set(proeven.map((p) => p.proef.uitkomst ?? p.proef.code))].sort()).toEqual(['aangehouden', 'afgewezen', 'beantwoord']);
    const codes = new Set(proeven.flatMap((p) => [...(p.proef.retourcodes ?? []), ...Object.values(p.proef.afgewezen ?? {}).flat()]));
    const claimcodes = ['9338', '9384', '9339', '9340', '9341', '9307', '9308', '9387', '9388', '9319', '9346', '0611', '9321', '9369', '9322', '8021', '8017', '9389', '9390', '9333', '8214', '8001'];
    expect(claimcodes.filter((c) => !codes.has(c))).toEqual([]);
  });

  it('the golden files are exactly those the scenario wrote (no step or output went missing)', () => {
    expect(goudenBestanden()).toEqual([...gemaakt].sort());
  });

  it('the scenario is wide: 80+ messages, every retour type and the codes the issue names', () => {
    const alle = goudenBestanden().filter((f) => f.endsWith('.json')).map((f) => JSON.parse(leesGouden(f)!.toString('utf8')) as Stap);
    expect(alle.filter((x) => x.http).length).toBeGreaterThanOrEqual(80);
    const uit = alle.flatMap((x) => x.berichten).filter((b) => b.richting === 'uit' && b.xml);
    expect([...new Set(uit.map((b) => b.type))].sort()).toEqual(expect.arrayContaining(['JW306', 'JW308', 'JW316', 'JW318', 'JW325']));
    const codes = new Set(alle.flatMap((x) => x.berichten).flatMap((b) => b.retourcodes));
    const verwacht = [
      ...['0001', '8848', '9056', 'S329'],
      ...['9019', '9074', '9326', '9069', '9413', '9415', '9063', '9071', '9414'],
      ...['9350', '9351', '9349', '9374', '9347', '8187', '9357', '9373', '9411', '9412', '9375', '9361'],
      ...['9332', '9365', '9355', '9367', '9366', '9385', '9379'],
      ...['9338', '9384', '9339', '9340', '9341', '9307', '9308', '9387', '9388', '9319', '9346', '0611', '9321', '9369', '9322', '8021', '8017', '9389', '9390', '9333', '8214', '8001'],
    ];
    expect(verwacht.filter((c) => !codes.has(c))).toEqual([]);
    // Every level-2 rule is broken somewhere and kept on its message.
    const regels = new Set(alle.flatMap((x) => x.berichten).flatMap((b) => (b.fouten ?? []).map((f) => f.path)));
    expect(Object.keys(NIVEAU2).filter((r) => !regels.has(r))).toEqual([]);
  });
});
