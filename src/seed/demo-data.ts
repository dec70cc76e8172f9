import DEMO_GEMEENTEN from './demo-gemeenten.json';
import type { DemoAanbieder, DemoArrangement, DemoArtikelen, DemoContract, DemoGemeente, DemoProduct, DemoProcedure, DemoRegio } from './demo-types';

/** The clauses of the demo regions' model agreements per procedure: what a contract-condition rejection names. */
export const DEMO_ARTIKELEN: Record<DemoProcedure, DemoArtikelen> = {
  openhouse: {
    looptijd: 'Art. 2.1 Toelatingsovereenkomst (looptijd)',
    perceel: 'Art. 3.2 en bijlage 1 (producten van het perceel)',
    tarief: 'Art. 6.1 en bijlage 2 (tarieven)',
    plafond: 'Art. 8.3 (budgetplafond)',
  },
  aanbesteding: {
    looptijd: 'Art. 4.1 Raamovereenkomst (looptijd)',
    perceel: 'Art. 5.2 en bijlage A (perceel en producten)',
    tarief: 'Art. 9.1 en bijlage B (tarieven)',
    plafond: 'Art. 11.2 (budgetplafond)',
  },
};

/**
 * Demo data for two regions that look real: real municipality names, CBS codes and rounded
 * inhabitant counts; real provider names with INVENTED AGB and KvK codes; budget lines from the
 * RIOZ 2020 frame and the 2021 split of heavy care (80 % guaranteed / 20 % reserved).
 * No people: clients come with later issues and are invented.
 */
export type { DemoRegio } from './demo-types';

// The municipalities (CBS code, name, rounded inhabitants, validity) live in demo-gemeenten.json,
// which `npm run token` (scripts/token.js) also reads to find a municipality's region without a
// build. RIOZ: the 16 municipalities of 2020; Boxmeer, Cuijk, Grave, Mill en Sint Hubert, Sint
// Anthonis, Uden and Landerd merged on 1 January 2022 into Land van Cuijk and Maashorst (kept
// with their validity). RIGG: the BMWE municipalities (seed 002, inhabitants 2014) merged into
// Het Hogeland in 2019.
const RIOZ_GEMEENTEN: DemoGemeente[] = DEMO_GEMEENTEN.RIOZ;
/** The municipalities of RIOZ today (after the 2022 mergers). */
const RIOZ_NU = RIOZ_GEMEENTEN.filter((g) => !g.geldigTot).map((g) => g.code);

const RIGG_GEMEENTEN: DemoGemeente[] = DEMO_GEMEENTEN.RIGG;
const RIGG_NU = RIGG_GEMEENTEN.filter((g) => !g.geldigTot).map((g) => g.code);

/** Real provider names; every AGB (7 + 7 digits) and KvK code here is invented. */
const NAMEN_RIOZ = [
  'Reinier van Arkel', 'GGZ Oost Brabant', 'Koraal', 'Oosterpoort', 'Karakter', 'Lindenhout', 'Ambiq',
  'Cello', 'Juvent', 'Sterk Huis', 'Idris', 'Kompaan en De Bocht', 'Pactum', 'Jeugdbescherming Brabant',
  'Leger des Heils Zuid', 'William Schrikker Stichting', 'Veilig Thuis Brabant Noordoost', 'Combinatie Jeugdzorg',
  'De Viersprong', 'Zorgboerderij De Hoeve',
];
const NAMEN_RIGG = [
  'Accare', 'Elker', 'Lentis Jeugd', 'Jonx', 'Ambiq Noord', 'Cosis', '2Noord', 'Leger des Heils Noord',
  "'t Poortje", 'Yorneo',
];

function aanbieders(namen: string[], eersteNummer: number): DemoAanbieder[] {
  return namen.map((naam, i) => ({
    agb: String(71_000_000 + (eersteNummer + i) * 37).padStart(8, '0'),
    naam,
    kvk: String(41_000_000 + (eersteNummer + i) * 113).padStart(8, '0'),
  }));
}
const AANBIEDERS_RIOZ = aanbieders(NAMEN_RIOZ, 1);
const AANBIEDERS_RIGG = aanbieders(NAMEN_RIGG, 101);
const agb = (lijst: DemoAanbieder[], naam: string): string => {
  const a = lijst.find((x) => x.naam === naam);
  if (!a) throw new Error(`demo: unknown provider ${naam}`);
  return a.agb;
};

/** [categorie, code, omschrijving, eenheid, variant, tariff 2026 in cents]. */
type Regel = [string, string, string, string, DemoProduct['uitvoeringsvariant'], number];
const PRODUCTBOEK: Regel[] = [
  ['40', '40A01', 'Persoonlijke verzorging', '04', 'inspanningsgericht', 5_850],
  ['41', '41A01', 'Dagbehandeling jeugd regulier', '16', 'inspanningsgericht', 9_475],
  ['41', '41A02', 'Dagbehandeling jeugd intensief (LVB)', '16', 'inspanningsgericht', 12_890],
  ['42', '42A01', 'Vervoer dagbehandeling', '82', 'outputgericht', 2_450],
  ['43', '43A01', 'Verblijf incl. behandeling licht', '14', 'inspanningsgericht', 21_900],
  ['43', '43A05', 'Verblijf incl. behandeling zwaar', '14', 'inspanningsgericht', 38_500],
  ['43', '43A08', 'Jeugdzorgplus (gesloten verblijf)', '14', 'inspanningsgericht', 49_800],
  ['44', '44A01', 'Pleegzorg', '14', 'inspanningsgericht', 4_950],
  ['44', '44A04', 'Gezinshuis', '14', 'inspanningsgericht', 18_700],
  ['45', '45A04', 'Jeugdhulp ambulant regulier', '04', 'inspanningsgericht', 9_550],
  ['45', '45A07', 'Jeugdhulp ambulant specialistisch', '04', 'inspanningsgericht', 11_200],
  ['45', '45A10', 'Ambulante gezinsbegeleiding (traject)', '82', 'outputgericht', 285_000],
  ['45', '45A12', 'Ambulante begeleiding groep', '16', 'inspanningsgericht', 4_275],
  ['45', '45A20', 'Lichte ambulante ondersteuning (lumpsum)', '83', 'taakgericht', 100],
  ['46', '46001', 'Crisisopvang', '14', 'inspanningsgericht', 42_500],
  ['46', '46002', 'Ambulante crisisinterventie', '04', 'inspanningsgericht', 13_600],
  ['47', '47001', 'Jeugdreclassering', '82', 'outputgericht', 412_000],
  ['48', '48001', 'Jeugdbescherming: ondertoezichtstelling', '82', 'outputgericht', 498_000],
  ['48', '48002', 'Jeugdbescherming: voogdij', '82', 'outputgericht', 356_000],
  ['49', '49001', 'Preventief justitieel kader (drang)', '82', 'outputgericht', 185_000],
  ['50', '50001', 'Maatwerkarrangement multiprobleemgezin', '83', 'outputgericht', 100],
  ['51', '51001', 'Generalistische basis-ggz jeugd', '82', 'outputgericht', 98_500],
  ['52', '52001', 'Specialistische ggz jeugd kort', '82', 'outputgericht', 245_000],
  ['54', '54001', 'Jeugd-ggz diagnostiek', '04', 'inspanningsgericht', 13_250],
  ['54', '54002', 'Jeugd-ggz behandeling', '01', 'inspanningsgericht', 225],
  ['54', '54003', 'Jeugd-ggz intensieve behandeling thuis', '04', 'inspanningsgericht', 14_100],
  ['55', '55A11', 'Landelijk ingekochte zorg', '14', 'inspanningsgericht', 54_000],
  ['45', '45V01', 'Veilig Thuis: advies en melding (lumpsum)', '83', 'taakgericht', 100],
];
const producten = (regels: Regel[]): DemoProduct[] =>
  regels.map(([categorie, code, omschrijving, eenheid, uitvoeringsvariant]) => ({ categorie, code, omschrijving, eenheid, uitvoeringsvariant }));
const tarief = (code: string, opslag = 0): { productCode: string; tariefCenten: number } => {
  const r = PRODUCTBOEK.find((x) => x[1] === code);
  if (!r) throw new Error(`demo: unknown product ${code}`);
  return { productCode: code, tariefCenten: r[5] + opslag };
};

const LICHT = ['45A04', '45A12', '41A01', '40A01', '42A01'];
const ZWAAR = ['43A01', '43A05', '44A04', '45A07', '54001', '54002', '54003', '46002'];

function rioz(): DemoRegio {
  const A = AANBIEDERS_RIOZ;
  const openHouse = ['Koraal', 'Oosterpoort', 'Lindenhout', 'Ambiq', 'Cello', 'Juvent', 'Sterk Huis', 'Idris', 'Combinatie Jeugdzorg', 'De Viersprong', 'Zorgboerderij De Hoeve', 'Pactum'];
  const contracten: DemoContract[] = openHouse.map((naam, i) => ({
    nummer: `RIOZ-L-${String(i + 1).padStart(3, '0')}`,
    aanbiederAgb: agb(A, naam),
    perceel: 'Lichte zorg (open house)',
    procedure: 'openhouse',
    begindatum: i < 9 ? '2021-01-01' : '2023-07-01', // the last three joined mid-term
    einddatum: '2027-12-31',
    verlengingen: 2,
    gemeenten: RIOZ_NU,
    producten: LICHT.slice(0, 2 + (i % 4)).map((c) => tarief(c, (i % 3) * 50)),
  }));
  const zwaar = ['Reinier van Arkel', 'GGZ Oost Brabant', 'Karakter', 'Kompaan en De Bocht', 'Koraal', 'Oosterpoort'];
  zwaar.forEach((naam, i) =>
    contracten.push({
      nummer: `RIOZ-Z-${String(i + 1).padStart(3, '0')}`,
      aanbiederAgb: agb(A, naam),
      perceel: 'Zware zorg (aanbesteding)',
      procedure: 'aanbesteding',
      begindatum: '2021-01-01',
      einddatum: '2027-12-31',
      verlengingen: 2,
      gemeenten: RIOZ_NU,
      // Ceilings add up to the 44 M guaranteed part of heavy care.
      budgetplafondPerJaarCenten: [9_500_000_00, 8_500_000_00, 8_000_000_00, 7_000_000_00, 6_000_000_00, 5_000_000_00][i],
      producten: ZWAAR.filter((_, j) => (j + i) % 3 !== 0).map((c) => tarief(c, i * 25)),
    }),
  );
  // Koraal is main contractor for a residential subcontract with De Hoeve (onderaannemer).
  contracten.push({
    nummer: 'RIOZ-Z-005-O1',
    aanbiederAgb: agb(A, 'Zorgboerderij De Hoeve'),
    perceel: 'Zware zorg (aanbesteding)',
    procedure: 'aanbesteding',
    begindatum: '2022-01-01',
    einddatum: '2027-12-31',
    verlengingen: 0,
    hoofdcontractNummer: 'RIOZ-Z-005',
    gemeenten: ['1991', '0828', '1982'],
    producten: [tarief('44A04'), tarief('43A01')],
  });
  contracten.push(
    {
      nummer: 'RIOZ-JZP-001', aanbiederAgb: agb(A, 'Kompaan en De Bocht'), perceel: 'Jeugdzorgplus', procedure: 'aanbesteding',
      begindatum: '2021-01-01', einddatum: '2027-12-31', verlengingen: 1, gemeenten: RIOZ_NU,
      budgetplafondPerJaarCenten: 4_387_470_00, producten: [tarief('43A08')],
    },
    {
      nummer: 'RIOZ-GI-001', aanbiederAgb: agb(A, 'Jeugdbescherming Brabant'), perceel: 'Gecertificeerde instellingen', procedure: 'aanbesteding',
      begindatum: '2021-01-01', einddatum: '2027-12-31', verlengingen: 2, gemeenten: RIOZ_NU,
      budgetplafondPerJaarCenten: 9_500_000_00, producten: [tarief('48001'), tarief('48002'), tarief('49001')],
    },
    {
      nummer: 'RIOZ-GI-002', aanbiederAgb: agb(A, 'Leger des Heils Zuid'), perceel: 'Gecertificeerde instellingen', procedure: 'aanbesteding',
      begindatum: '2021-01-01', einddatum: '2027-12-31', verlengingen: 2, gemeenten: RIOZ_NU,
      budgetplafondPerJaarCenten: 1_800_000_00, producten: [tarief('47001'), tarief('48001')],
    },
    {
      nummer: 'RIOZ-GI-003', aanbiederAgb: agb(A, 'William Schrikker Stichting'), perceel: 'Gecertificeerde instellingen', procedure: 'aanbesteding',
      begindatum: '2021-01-01', einddatum: '2027-12-31', verlengingen: 2, gemeenten: RIOZ_NU,
      budgetplafondPerJaarCenten: 1_282_812_00, producten: [tarief('48001'), tarief('48002')],
    },
    {
      // The lumpsum heritage: a task-oriented contract paid outside iJw claims.
      nummer: 'RIOZ-VT-001', aanbiederAgb: agb(A, 'Veilig Thuis Brabant Noordoost'), perceel: 'Veilig Thuis', procedure: 'aanbesteding',
      begindatum: '2021-01-01', einddatum: '2027-12-31', verlengingen: 2, gemeenten: RIOZ_NU,
      budgetplafondPerJaarCenten: 4_800_133_00, producten: [tarief('45V01')],
    },
    {
      nummer: 'RIOZ-LS-001', aanbiederAgb: agb(A, 'Cello'), perceel: 'Lichte ambulante ondersteuning (lumpsum)', procedure: 'aanbesteding',
      begindatum: '2021-01-01', einddatum: '2027-12-31', verlengingen: 1, gemeenten: RIOZ_NU,
      budgetplafondPerJaarCenten: 2_400_000_00, producten: [tarief('45A20')],
    },
    {
      nummer: 'RIOZ-CR-001', aanbiederAgb: agb(A, 'Oosterpoort'), perceel: 'Crisis', procedure: 'aanbesteding',
      begindatum: '2021-01-01', einddatum: '2027-12-31', verlengingen: 2, gemeenten: RIOZ_NU,
      producten: [tarief('46001'), tarief('46002')],
    },
  );
  const arrangementen: DemoArrangement[] = [
    { naam: 'Ambulant licht', omschrijving: 'Ambulante begeleiding thuis, 2 uur per week', onderdelen: [{ productCode: '45A04', volume: 2, frequentie: '2' }] },
    {
      naam: 'Ambulant met dagbesteding',
      omschrijving: 'Ambulante begeleiding plus twee dagdelen dagbehandeling met vervoer',
      onderdelen: [
        { productCode: '45A04', volume: 1, frequentie: '2' },
        { productCode: '41A01', volume: 2, frequentie: '2' },
        { productCode: '42A01', volume: 4, frequentie: '2' },
      ],
    },
    {
      naam: 'Verblijf met behandeling',
      omschrijving: 'Residentiële behandeling met ouderbegeleiding',
      onderdelen: [
        { productCode: '43A05', volume: 30, frequentie: '4' },
        { productCode: '45A07', volume: 2, frequentie: '4' },
      ],
    },
    {
      naam: 'Jeugd-ggz traject',
      omschrijving: 'Diagnostiek gevolgd door behandeling',
      onderdelen: [
        { productCode: '54001', volume: 6, frequentie: '6' },
        { productCode: '54002', volume: 1200, frequentie: '6' },
      ],
    },
  ];
  return {
    code: 'RIOZ',
    naam: 'RIOZ Noordoost-Brabant',
    gemeenten: RIOZ_GEMEENTEN,
    aanbieders: AANBIEDERS_RIOZ,
    producten: producten(PRODUCTBOEK),
    arrangementen,
    contracten,
    // Each line charged with the claims of its own iJw categories (a demo's choice; a region
    // sets its own): without them every line would show the whole region's spend. Lines whose
    // money never arrives as a claim (the reserve, CTB) name categories the region does not buy.
    budgetlijnen: [
      { naam: 'Jeugdzorgplus', bedragCenten: 4_387_470_00, jaar: 2026, productcategorieen: ['43'] },
      { naam: 'LTA (landelijke transitie-arrangementen)', bedragCenten: 11_780_760_00, jaar: 2026, productcategorieen: ['55'] },
      { naam: 'Gecertificeerde instellingen', bedragCenten: 12_582_812_00, jaar: 2026, productcategorieen: ['47', '48', '49'] },
      { naam: 'Veilig Thuis', bedragCenten: 4_800_133_00, jaar: 2026, productcategorieen: ['46'] },
      { naam: 'Zware zorg gegarandeerd (80 %)', bedragCenten: 44_000_000_00, jaar: 2026, productcategorieen: ['44', '54'] },
      { naam: 'Zware zorg gereserveerd (20 %)', bedragCenten: 11_000_000_00, jaar: 2026, productcategorieen: ['51', '52'] },
      { naam: 'Lichte zorg (open house)', bedragCenten: 42_682_235_00, jaar: 2026, productcategorieen: ['40', '41', '42', '45'] },
      { naam: 'CTB', bedragCenten: 86_000_00, jaar: 2026, productcategorieen: ['50'] },
    ],
    indexatie: { jaar: 2027, methode: 'jeugdformule', ova: 4.1, ppc: 2.3, gewichtOva: 90, gewichtPpc: 10 },
  };
}

function rigg(): DemoRegio {
  const A = AANBIEDERS_RIGG;
  const codes = ['45A04', '45A07', '41A01', '43A01', '43A05', '44A01', '44A04', '46001', '47001', '48001', '48002', '54001', '54002', '55A11'];
  const regels = PRODUCTBOEK.filter((r) => codes.includes(r[1]));
  const contract = (nummer: string, naam: string, perceel: string, producten: string[], plafond?: number): DemoContract => ({
    nummer, aanbiederAgb: agb(A, naam), perceel, procedure: 'aanbesteding', begindatum: '2023-01-01', einddatum: '2027-12-31',
    verlengingen: 1, gemeenten: RIGG_NU, budgetplafondPerJaarCenten: plafond, producten: producten.map((c) => tarief(c, 125)),
  });
  return {
    code: 'RIGG',
    naam: 'RIGG Groningen',
    gemeenten: RIGG_GEMEENTEN,
    aanbieders: AANBIEDERS_RIGG,
    producten: producten(regels),
    arrangementen: [
      { naam: 'Flexibele ondersteuning', omschrijving: 'Ambulante hulp zonder beschikking, getoetst aan criteria', onderdelen: [{ productCode: '45A04', volume: 3, frequentie: '2' }] },
      {
        naam: 'Intensieve zorg thuis',
        omschrijving: 'Specialistische ambulante hulp met diagnostiek',
        onderdelen: [
          { productCode: '45A07', volume: 3, frequentie: '2' },
          { productCode: '54001', volume: 4, frequentie: '6' },
        ],
      },
      { naam: 'Pleegzorg', omschrijving: 'Pleegzorg met begeleiding', onderdelen: [{ productCode: '44A01', volume: 30, frequentie: '4' }] },
    ],
    contracten: [
      contract('RIGG-I-001', 'Accare', 'Intensieve jeugdhulp', ['54001', '54002', '45A07'], 12_000_000_00),
      contract('RIGG-I-002', 'Elker', 'Intensieve jeugdhulp', ['45A04', '45A07', '41A01', '44A01', '44A04'], 9_000_000_00),
      contract('RIGG-I-003', 'Lentis Jeugd', 'Intensieve jeugdhulp', ['54001', '54002'], 6_500_000_00),
      contract('RIGG-I-004', 'Jonx', 'Intensieve jeugdhulp', ['54001', '54002', '45A07'], 3_000_000_00),
      contract('RIGG-I-005', 'Ambiq Noord', 'Intensieve jeugdhulp', ['45A04', '41A01', '43A01'], 2_500_000_00),
      contract('RIGG-I-006', 'Cosis', 'Intensieve jeugdhulp', ['45A04', '43A01'], 2_000_000_00),
      contract('RIGG-V-001', "'t Poortje", 'Verblijf en gesloten zorg', ['43A05', '46001'], 7_500_000_00),
      contract('RIGG-V-002', 'Yorneo', 'Verblijf en gesloten zorg', ['43A01', '43A05', '44A04', '55A11'], 5_000_000_00),
      contract('RIGG-GI-001', '2Noord', 'Jeugdbescherming en jeugdreclassering', ['48001', '48002', '47001'], 8_000_000_00),
      contract('RIGG-GI-002', 'Leger des Heils Noord', 'Jeugdbescherming en jeugdreclassering', ['47001', '48001'], 2_200_000_00),
    ],
    // Direct care (76 %) split by the level it buys; innovation, running costs and pgb never
    // arrive as provider claims, so they name categories RIGG does not buy.
    budgetlijnen: [
      { naam: 'Directe zorg: jeugdhulp', bedragCenten: 48_000_000_00, jaar: 2026, productcategorieen: ['41', '44', '45', '54'] },
      { naam: 'Directe zorg: verblijf en crisis', bedragCenten: 16_000_000_00, jaar: 2026, productcategorieen: ['43', '46', '55'] },
      { naam: 'Directe zorg: jeugdbescherming en jeugdreclassering', bedragCenten: 12_000_000_00, jaar: 2026, productcategorieen: ['47', '48'] },
      { naam: 'Innovatie', bedragCenten: 10_000_000_00, jaar: 2026, productcategorieen: ['50'] },
      { naam: 'Uitvoeringskosten', bedragCenten: 3_000_000_00, jaar: 2026, productcategorieen: ['53'] },
      { naam: 'Pgb (via SVB)', bedragCenten: 3_960_000_00, jaar: 2026, productcategorieen: ['52'] },
    ],
    indexatie: { jaar: 2027, methode: 'percentage', percentage: 3.2 },
  };
}

/** The demo regions; tariffs are written for 2026 and indexed into 2027. */
export const DEMO: { regios: DemoRegio[]; tariefJaar: number } = { regios: [rioz(), rigg()], tariefJaar: 2026 };
