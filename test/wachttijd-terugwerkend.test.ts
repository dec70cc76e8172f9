import { ruweId } from './helpers/api';
import { dagenSql } from '../src/capaciteit/wachttijd.sql';
import { wachtdagen } from '../src/capaciteit/wachttijd.rules';
import { jw305Xml, retourcodesVan, testBsn } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { bladRijen, leesCsvNl, leesXlsx } from './helpers/spreadsheet';

/** Today is 6 December 2026: the day the backdated allocation is made. */
pinKlok('2026-12-06T10:00:00+01:00');

/**
 * Issue 12: a backdated allocation (care started 2 Nov, allocated 6 Dec) gave
 * mediaanWachtdagen -34 in GraphQL, CSV and dashboard. The rule (src/capaciteit/README.md): a
 * start on or before the day the wait began waited 0 days, and counts as 0.
 */
let hub: HubTestEnvironment;
let toegang: string;
const AMBULANT = { Categorie: '45', Code: '45A04' };

async function toewijzen(bsnNr: number, ingang: string): Promise<{ id: string; nummer: number; bsn: string }> {
  const bsn = testBsn(bsnNr);
  const r = await hub.api.gql<{ toewijzen: { toewijzingen: { id: string; nummer: number }[] } }>(
    toegang,
    `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`,
    {
      input: {
        gemeenteCode: '0796',
        aanbiederAgb: AGB.alfa,
        client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Jansen', adres: { postcode: '5211AB', huisnummer: bsnNr } },
        producten: [{ categorie: '45', code: '45A04', ingangsdatum: ingang, einddatum: '2026-12-31', volume: 3, eenheid: '04', frequentie: '2' }],
      },
    },
  );
  expect(r.errors).toBeUndefined();
  return { ...r.data!.toewijzen.toewijzingen[0], bsn };
}

async function start(t: { nummer: number; bsn: string }, begindatum: string, id: string): Promise<void> {
  const xml = jw305Xml({ identificatie: id, bsn: t.bsn, toewijzingNummer: t.nummer, product: { ...AMBULANT }, begindatum });
  expect((await retourcodesVan(hub.api.url, hub.tokens.alfa, xml)).codes).toEqual([]);
}

beforeAll(async () => {
  hub = await createHubTestEnvironment('wachttijd_terugwerkend', { worker: true });
  toegang = await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  // Backdated: allocated today (6 Dec) for care that started on 2 November.
  const terug = await toewijzen(301, '2026-11-01');
  await start(terug, '2026-11-02', 'WT1');
  // An ordinary one: allocated 1 October (set back to that day), started 11 October: 10 days.
  const gewoon = await toewijzen(302, '2026-10-01');
  await hub.rijen(`UPDATE toewijzing SET toewijzingsdatum = '2026-10-01', eerste_toewijzingsdatum = '2026-10-01' WHERE id = $1`, [ruweId(gewoon.id)]);
  await start(gewoon, '2026-10-11', 'WT2');
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('a backdated allocation waited 0 days, never -34', () => {
  it('the stored moments are those of the issue', async () => {
    const rows = await hub.rijen<{ toewijzingsdatum: string }>(`SELECT to_char(eerste_toewijzingsdatum, 'YYYY-MM-DD') AS toewijzingsdatum FROM toewijzing ORDER BY nummer`);
    expect(rows.map((r) => r.toewijzingsdatum)).toEqual(['2026-12-06', '2026-10-01']);
  });

  it('GraphQL: the quarterly report and the waiting-time statistics count it as 0 (median of 0 and 10 is 5)', async () => {
    const r = await hub.api.gql<{ kwartaalrapportage: { regio: { aantalGestart: number; mediaanWachtdagen: number; p90Wachtdagen: number }; aanbieders: { code: string; mediaanWachtdagen: number }[] } }>(
      hub.tokens.regio,
      `{ kwartaalrapportage(jaar: 2026, kwartaal: 4) { regio { aantalGestart mediaanWachtdagen p90Wachtdagen } aanbieders { code mediaanWachtdagen } } }`,
    );
    expect(r.errors).toBeUndefined();
    const q = r.data!.kwartaalrapportage;
    expect(q.regio).toMatchObject({ aantalGestart: 2, mediaanWachtdagen: 5 });
    expect(q.regio.p90Wachtdagen).toBeCloseTo(9, 6);
    expect(q.aanbieders.find((a) => a.code === AGB.alfa)?.mediaanWachtdagen).toBe(5);

    const w = await hub.api.gql<{ wachttijden: { aantalGestart: number; mediaanDagen: number; p90Dagen: number; mediaanDagenToewijzingTotStart: number }[] }>(
      hub.tokens.regio,
      `{ wachttijden(filter: { startVanaf: "2026-11-01", startTot: "2026-11-30" }) { aantalGestart mediaanDagen p90Dagen mediaanDagenToewijzingTotStart } }`,
    );
    expect(w.errors).toBeUndefined();
    expect(w.data!.wachttijden).toEqual([{ aantalGestart: 1, mediaanDagen: 0, p90Dagen: 0, mediaanDagenToewijzingTotStart: 0 }]);
  });

  it('the CSV and the XLSX export show the same 5 days (the dashboard reads the GraphQL figure)', async () => {
    const get = (pad: string) => fetch(`${hub.api.url}/export/kwartaal/2026/4${pad}`, { headers: { authorization: `Bearer ${hub.tokens.regio}` } });
    const csv = await leesCsvNl(await (await get('/regio.csv')).arrayBuffer());
    expect(csv.rijen[0]).toMatchObject({ aantal_gestart: 2, mediaan_wachtdagen: 5, p90_wachtdagen: 9 });
    const wb = await leesXlsx(await (await get('.xlsx')).arrayBuffer());
    const alfa = bladRijen(wb.getWorksheet('aanbieders')!).rijen.find((x) => x.aanbieder_agb.waarde === AGB.alfa)!;
    expect(alfa.mediaan_wachtdagen.waarde).toBe(5);
  });

  it('the SQL rule and its TypeScript twin agree, day for day', async () => {
    const gevallen: [string | null, string | null][] = [
      ['2026-12-06', '2026-11-02'],
      ['2026-10-01', '2026-10-11'],
      ['2026-11-02', '2026-11-02'],
      ['2026-10-24', '2026-10-26'],
      ['2028-02-28', '2028-03-01'],
      ['2026-12-31', '2026-01-01'],
      [null, '2026-11-02'],
      ['2026-11-02', null],
    ];
    const rows = await hub.rijen<{ dagen: number | null }>(
      `SELECT ${dagenSql('g.b', 'g.e')} AS dagen FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS g(b, e, n) ORDER BY g.n`,
      [gevallen.map((g) => g[0]), gevallen.map((g) => g[1])],
    );
    expect(rows.map((r) => r.dagen)).toEqual(gevallen.map(([b, e]) => wachtdagen(b, e)));
    expect(rows[0].dagen).toBe(0);
  });
});
