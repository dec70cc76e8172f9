import { verwerkBericht } from '../src/messaging/processing/verwerking';
import { stuurBericht, testBsn, wachtOpBericht } from './helpers/berichten';
import { opbouwVan } from '../src/declaratie/jw323';
import { jw323Xml, leesJw325, uitkomstVanJw325, type ProefUitkomst, type TestPrestatie } from './helpers/declaraties';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();
jest.setTimeout(600_000);

/**
 * The claim pre-flight (POST /ijw/proef, GraphQL toetsDeclaratie) against the real path: a
 * generated set of 1,000 claims with random faults, each first checked and then sent; the check
 * must answer what the real JW325 says, code for code, and leave no trace (the real claim is
 * judged as if the check never happened). Plus the check's refusals, its details and its guards.
 */

let hub: HubTestEnvironment;
const tk: Record<string, string> = {};

interface Tw {
  nummer: number;
  id: string;
  bsn: string;
}

const TW = `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { id nummer } } }`;
let bsnVolg = 7000;

async function toewijzing(agb: string): Promise<Tw> {
  const bsn = testBsn(bsnVolg++);
  const r = await hub.api.gql<{ toewijzen: { toewijzingen: { id: string; nummer: number }[] } }>(tk.toegang, TW, {
    input: {
      gemeenteCode: '0796',
      aanbiederAgb: agb,
      client: { bsn, geboortedatum: '2013-03-03', geslacht: '2', achternaam: 'Proef', adres: { postcode: '5211AB', huisnummer: 9 } },
      producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-09-01', einddatum: '2026-12-31', volume: 3, eenheid: '04', frequentie: '2' }],
    },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { ...r.data!.toewijzen.toewijzingen[0], bsn };
}

/** A claim's outcome in one shape, from the pre-flight or from the real JW325. */
type Uitkomst = ProefUitkomst;

interface ProefJson {
  code?: string;
  uitkomst: string;
  retourcodes: string[] | { code: string }[];
  toegekendCenten: number;
  prestaties: { referentieNummer: string; retourcodes: string[] | { code: string }[]; toewijzing: unknown; contract: { nummer: string; perceel: string } | null; tarief: { bedragCenten: number } | null }[];
}

const codes = (l: string[] | { code: string }[]) => l.map((c) => (typeof c === 'string' ? c : c.code));
function alsUitkomst(status: number, b: ProefJson): Uitkomst {
  if (status !== 200) return { status, code: b.code };
  return {
    status,
    uitkomst: b.uitkomst,
    retourcodes: codes(b.retourcodes),
    toegekendCenten: b.toegekendCenten,
    afgewezen: Object.fromEntries(b.prestaties.filter((p) => p.retourcodes.length).map((p) => [p.referentieNummer, codes(p.retourcodes)])),
  };
}

async function proefRest(token: string, xml: string): Promise<{ status: number; body: ProefJson }> {
  const res = await fetch(`${hub.api.url}/ijw/proef`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body: xml });
  return { status: res.status, body: (await res.json()) as ProefJson };
}

const PROEF_GQL = `query($input: ToetsDeclaratieInput!) { toetsDeclaratie(input: $input) {
  uitkomst retourcodes { code betekenis } toegekendCenten ingediendCenten jw325Xml
  prestaties { referentieNummer toegekend retourcodes { code } toewijzing { nummer } contract { nummer perceel } tarief { bedragCenten } } } }`;

interface Claim {
  nummer: string;
  periode: string;
  clienten: { bsn: string; prestaties: TestPrestatie[] }[];
}

/** The structured GraphQL input of the same claim the XML carries. */
function alsInput(c: Claim) {
  return {
    gemeenteCode: '0796',
    declaratieNummer: c.nummer,
    periode: c.periode,
    prestaties: c.clienten.flatMap((cl) => cl.prestaties.map((p) => ({ bsn: cl.bsn, ...opbouwVan(p) }))),
  };
}

/** Everything a claim can change; a pre-flight must leave all of it as it was (and add one audit row). */
async function stand(): Promise<Record<string, unknown>> {
  const [r] = await hub.rijen(`SELECT (SELECT count(*) FROM bericht)::int AS berichten, (SELECT count(*) FROM declaratie)::int AS declaraties,
       (SELECT count(*) FROM prestatie)::int AS prestaties, (SELECT count(*) FROM outbox)::int AS outbox,
       (SELECT coalesce(sum(toegekend_centen), 0)::bigint FROM prestatie) AS toegekend, (SELECT last_value FROM retour_nummer) AS retournummer,
       (SELECT count(*) FROM audit_log WHERE actie <> 'declaratie.proef')::int AS audit`);
  return r;
}

/** Sends the claim for real, lets the worker judge it, and reads the answer in the pre-flight's terms. */
async function echt(token: string, xml: string): Promise<Uitkomst> {
  const res = await fetch(`${hub.api.url}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body: xml });
  const body = (await res.json()) as { id?: string; code?: string };
  if (res.status !== 202) return res.status === 200 ? { status: 409, code: 'ALREADY_RECEIVED' } : { status: res.status, code: body.code };
  await verwerkBericht(hub.ds, hub.sleutels, body.id!, { handlers: hub.handlers });
  const s = await wachtOpBericht(hub.api.url, token, body.id!, (x) => x.status !== 'ontvangen');
  return uitkomstVanJw325(await leesJw325(hub.api.url, token, s.retour!.id));
}

/** The rejected prestaties in one order (the JW325 lists them per client, the pre-flight by reference). */
const gesorteerd = (u: Uitkomst): Uitkomst => ({ ...u, afgewezen: u.afgewezen && Object.fromEntries(Object.entries(u.afgewezen).sort(([a], [b]) => a.localeCompare(b))) });

/** A small deterministic PRNG (mulberry32): the same 1,000 claims every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAANDEN = [
  { periode: '2026-09', begin: '2026-09-01', eind: '2026-09-30' },
  { periode: '2026-10', begin: '2026-10-01', eind: '2026-10-31' },
  { periode: '2026-11', begin: '2026-11-01', eind: '2026-11-30' },
];

let alfa: Tw[] = [];
let beta: Tw[] = [];

beforeAll(async () => {
  hub = await createHubTestEnvironment('proef', { poolSize: 6 });
  tk.alfa = hub.tokens.alfa;
  tk.beta = hub.tokens.beta;
  tk.toegang = await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  // Beta gets a contract in 's-Hertogenbosch too, so an allocation of another provider exists there.
  const c = await hub.api.gql(hub.tokens.regio, `mutation($input: MaakContractInput!) { maakContract(input: $input) { id } }`, {
    input: { nummer: 'NOB-PROEF-B', aanbiederAgb: AGB.beta, perceel: 'Lichte zorg', procedure: 'openhouse', begindatum: '2026-01-01', einddatum: '2027-12-31', verlengingen: 0, gemeenten: ['0796'], producten: [{ productCode: '45A04', tariefCenten: 9550, tariefVanaf: '2026-01-01' }] },
  });
  if (c.errors) throw new Error(JSON.stringify(c.errors));
  alfa = [];
  for (let i = 0; i < 24; i++) alfa.push(await toewijzing(AGB.alfa));
  beta = [await toewijzing(AGB.beta), await toewijzing(AGB.beta)];
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('pre-flight claim check', () => {
  it('1,000 generated claims with random faults: each pre-flight equals the real JW325 code for code, and leaves no trace', async () => {
    const r = prng(20261206);
    const kies = <T>(l: T[]): T => l[Math.floor(r() * l.length)];
    const refs: string[] = [];
    const geaccepteerd: { ref: string; p: TestPrestatie; bsn: string }[] = [];
    const verschillen: string[] = [];
    const gezien = new Set<string>();
    let ident = 0;
    for (let k = 0; k < 1000; k++) {
      const m = MAANDEN[k < 300 ? 0 : k < 650 ? 1 : 2];
      const prestaties: { bsn: string; p: TestPrestatie }[] = [];
      const n = 1 + Math.floor(r() * 4);
      for (let i = 0; i < n; i++) {
        const tw = kies(alfa);
        let bsn = tw.bsn;
        const p: TestPrestatie = { ref: `G${k}-${i}`, nummer: tw.nummer, begin: m.begin, eind: m.eind, volume: 1 + Math.floor(r() * 10) };
        // About one prestatie in three breaks a rule; some break two.
        const fouten = r() < 0.35 ? 1 + Math.floor(r() * 2) : 0;
        for (let f = 0; f < fouten; f++) {
          switch (Math.floor(r() * 15)) {
            case 0: p.nummer = 99_999_999; break; // 9338
            case 1: p.nummer = kies(beta).nummer; break; // 9338: another provider's
            case 2: bsn = kies(alfa.filter((x) => x.bsn !== tw.bsn)).bsn; break; // 8187
            case 3: Object.assign(p, { categorie: '43', code: '43A05' }); break; // 9339
            case 4: p.code = '45T10'; break; // 9340
            case 5: p.eenheid = '14'; break; // 9341
            case 6: p.begin = `${m.periode}-15`; break; // 9387
            case 7: p.eind = `${m.periode}-20`; break; // 9388
            case 8: Object.assign(p, { begin: '2026-12-01', eind: '2026-12-31' }); break; // after the claim's period: refused on the header (level 2)
            case 9: p.tarief = 9999; break; // 0611
            case 10: p.bedrag = p.volume * 9550 + 1; break; // 9346
            case 11: p.volume = 200; break; // 9321, 9322
            case 12: if (refs.length) p.ref = kies(refs); break; // 8021
            case 13: Object.assign(p, { dc: 'C', vorig: `ONBEKEND${k}` }); break; // 8017
            case 14: {
              // A credit of an accepted debit (granted), or of one already credited (9390).
              const d = geaccepteerd.length ? kies(geaccepteerd) : undefined;
              if (d) {
                Object.assign(p, { ...d.p, ref: `G${k}-${i}`, dc: 'C', vorig: d.ref });
                bsn = d.bsn;
              }
              break;
            }
          }
        }
        prestaties.push({ bsn, p });
      }
      // A few claims reuse an earlier DeclaratieNummer (9333).
      const nummer = k > 10 && r() < 0.03 ? `N${Math.floor(r() * k)}` : `N${k}`;
      const claim: Claim = { nummer, periode: m.periode, clienten: prestaties.map((x) => ({ bsn: x.bsn, prestaties: [x.p] })) };
      const xml = jw323Xml({ identificatie: `P${++ident}`, nummer: claim.nummer, periode: claim.periode, afzender: AGB.alfa, gemeente: '0796', clienten: claim.clienten });

      const voor = await stand();
      // Every fourth through GraphQL (the hub composes the JW323), the rest as XML.
      let proef: Uitkomst;
      if (k % 4 === 3) {
        const g = await hub.api.gql<{ toetsDeclaratie: ProefJson }>(tk.alfa, PROEF_GQL, { input: alsInput(claim) });
        if (g.errors) throw new Error(JSON.stringify(g.errors));
        proef = alsUitkomst(200, g.data!.toetsDeclaratie);
      } else {
        const p = await proefRest(tk.alfa, xml);
        proef = alsUitkomst(p.status, p.body);
      }
      const na = await stand();
      if (JSON.stringify(voor) !== JSON.stringify(na)) verschillen.push(`claim ${k}: the pre-flight left a trace: ${JSON.stringify(voor)} → ${JSON.stringify(na)}`);
      const e = await echt(tk.alfa, xml);
      // The GraphQL pre-flight composes its own JW323: the totals and codes must still agree.
      if (JSON.stringify(gesorteerd(proef)) !== JSON.stringify(gesorteerd(e))) verschillen.push(`claim ${k}: pre-flight ${JSON.stringify(proef)} ≠ real ${JSON.stringify(e)}`);
      for (const x of prestaties) {
        refs.push(x.p.ref);
        if (e.uitkomst === 'beantwoord' && !e.afgewezen?.[x.p.ref] && (x.p.dc ?? 'D') === 'D') geaccepteerd.push({ ref: x.p.ref, p: x.p, bsn: x.bsn });
      }
      for (const c of [...(e.retourcodes ?? []), ...Object.values(e.afgewezen ?? {}).flat()]) gezien.add(c);
    }
    expect(verschillen.slice(0, 10)).toEqual([]);
    // Wide: the generated faults reached these codes.
    expect(['9338', '8187', '9339', '9340', '9341', '9387', '9388', '0611', '9346', '9321', '9322', '8021', '8017', '9390', '9333', '0200', '8001'].filter((c) => !gezien.has(c))).toEqual([]);
  });

  it('names the allocation, contract, lot and tariff behind each prestatie; nothing is stored', async () => {
    const tw = await toewijzing(AGB.alfa);
    const xml = jw323Xml({
      identificatie: 'DETAIL1',
      nummer: 'DETAIL1',
      periode: '2026-11',
      afzender: AGB.alfa,
      gemeente: '0796',
      clienten: [{ bsn: tw.bsn, prestaties: [{ ref: 'DET-1', nummer: tw.nummer, begin: '2026-11-01', eind: '2026-11-30', volume: 2, tarief: 9999 }] }],
    });
    const voor = await stand();
    const { status, body } = await proefRest(tk.alfa, xml);
    expect(status).toBe(200);
    expect(body.uitkomst).toBe('beantwoord');
    expect(body.prestaties).toEqual([
      expect.objectContaining({
        referentieNummer: 'DET-1',
        retourcodes: ['0611'],
        toewijzing: expect.objectContaining({ nummer: tw.nummer, productCode: '45A04' }),
        contract: expect.objectContaining({ nummer: 'NOB-L-001', perceel: 'Lichte zorg' }),
        tarief: expect.objectContaining({ bedragCenten: 9550 }),
      }),
    ]);
    expect(await stand()).toEqual(voor);
    const [a] = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'declaratie.proef' AND actor = 'dev-aanbieder'`);
    expect(a.n).toBeGreaterThan(0);
  });

  it('refuses what it cannot judge as the real path would, with the door\'s own codes', async () => {
    const tw = alfa[1];
    const claim = (ident: string, afzender = AGB.alfa, gemeente = '0796') =>
      jw323Xml({ identificatie: ident, nummer: ident, periode: '2026-11', afzender, gemeente, clienten: [{ bsn: tw.bsn, prestaties: [{ ref: `${ident}-1`, nummer: tw.nummer, begin: '2026-11-01', eind: '2026-11-30', volume: 1 }] }] });
    const post = (token: string, body: string, type = 'application/xml') => fetch(`${hub.api.url}/ijw/proef`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    // Another provider's claim, a municipality's token, no token, JSON, not XML, not a claim, an unknown municipality.
    expect((await post(tk.beta, claim('W1'))).status).toBe(403);
    expect((await post(hub.tokens.bosch, claim('W2'))).status).toBe(403);
    expect((await fetch(`${hub.api.url}/ijw/proef`, { method: 'POST', body: claim('W3'), headers: { 'content-type': 'application/xml' } })).status).toBe(401);
    expect((await post(tk.alfa, '{}', 'application/json')).status).toBe(415);
    const geenXml = await post(tk.alfa, 'dit is geen xml');
    expect(geenXml.status).toBe(400);
    const jw305 = await post(tk.alfa, (await import('./helpers/berichten')).jw305Xml({ identificatie: 'W4', bsn: tw.bsn }));
    expect({ status: jw305.status, code: ((await jw305.json()) as { code: string }).code }).toEqual({ status: 400, code: 'NOT_A_CLAIM' });
    const onbekend = await post(tk.alfa, claim('W5', AGB.alfa, '9999'));
    expect(onbekend.status).toBe(422);
    // The same bytes as a claim already sent: the real answer exists.
    const xml = claim('W6');
    await stuurBericht(hub.api.url, tk.alfa, xml);
    const al = await post(tk.alfa, xml);
    expect({ status: al.status, code: ((await al.json()) as { code: string }).code }).toEqual({ status: 409, code: 'ALREADY_RECEIVED' });
    // GraphQL: only a provider.
    const g = await hub.api.gql(hub.tokens.regio, PROEF_GQL, { input: alsInput({ nummer: 'W7', periode: '2026-11', clienten: [{ bsn: tw.bsn, prestaties: [{ ref: 'W7-1', nummer: tw.nummer, begin: '2026-11-01', eind: '2026-11-30', volume: 1 }] }] }) });
    expect(g.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
