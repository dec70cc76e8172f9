import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultXsdDir } from '../src/messaging/ijw/xsd-validator';
import { haalOp, verstuurOpen, volgStatussen } from '../src/vecozo/vecozo.uitwisseling';
import { VspClient } from '../src/vecozo/vsp.client';
import { GgkSimulator, type SimStoringen } from '../sim/ggk/simulator';
import { startVecozoSimulator, type Plek, type Storing, type VecozoSimulator } from '../sim/vecozo/simulator';
import { AGB } from './fixtures/regions';
import { ruweId } from './helpers/api';
import { testBsn, wachtOpBericht, zaakJw301, jw315Xml } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { wachtTot } from './helpers/wacht';

const dag = pinKlok();

/**
 * Every fault the chain simulators can inject, per direction, with the outcome the hub promises,
 * and a test per row asserting it: the message's state, the envelope's state, what the other
 * side got, and that it got it exactly once. The README's chain sections carry the same table
 * (checked below). Kill tests with real processes are in keten-kill.test.ts; the hub's own
 * artefacts against the spec files in keten-spec.test.ts.
 */
export const STORINGEN: readonly { richting: string; storing: string; uitkomst: string }[] = [
  { richting: 'GGk uit', storing: 'HTTP 5xx', uitkomst: 'the same envelope again (same referentienummer and tijdstipBericht) until a Bv03; delivered once' },
  { richting: 'GGk uit', storing: 'no answer within GGK_TIMEOUT_MS', uitkomst: 'the same envelope again; the GGk, which stored it, answers its earlier Bv03; delivered once' },
  { richting: 'GGk uit', storing: 'connection dropped before the GGk stored it', uitkomst: 'the same envelope again; delivered once' },
  { richting: 'GGk uit', storing: 'connection dropped after the GGk stored it', uitkomst: 'the same envelope again, answered with the earlier Bv03; delivered once' },
  { richting: 'GGk uit', storing: 'Fo03 plek server (e.g. StUF046)', uitkomst: 'the same envelope again until a Bv03; delivered once' },
  { richting: 'GGk uit', storing: 'Fo03 plek client (e.g. StUF019, IB234)', uitkomst: 'not sent again: envelope `fout`, message `mislukt` (dead letter); `herbezorg` sends a new envelope' },
  { richting: 'GGk uit', storing: 'Fo01 (e.g. IB102, IB210, IB234) after the Bv03', uitkomst: 'answered Bv03; envelope `fout` with the code, message `mislukt`; a repeat of the Fo01 changes nothing' },
  { richting: 'GGk uit', storing: 'Fo01 IB103 (type frozen)', uitkomst: 'answered Bv03; the same envelope again, unchanged; delivered; envelope `verzonden` with IB103 kept' },
  { richting: 'GGk uit', storing: 'Fo01 arriving before the Bv03 of its own envelope', uitkomst: 'the Fo01 decides, not the Bv03 after it: envelope `fout`, message `mislukt`; IB103: the same envelope once more, then `verzonden`' },
  { richting: 'GGk in', storing: 'duplicate delivery (one after the other, or at once)', uitkomst: 'stored once; every delivery answered with the same Bv03' },
  { richting: 'GGk in', storing: 'connection dropped halfway through the envelope', uitkomst: 'nothing stored; the resend is stored once' },
  { richting: 'VECOZO push', storing: '400 or 422', uitkomst: 'message `geweigerd` with VECOZO\'s problem; never pushed again' },
  { richting: 'VECOZO push', storing: '5xx, timeout, connection dropped (before or after VECOZO stored it)', uitkomst: 'pushed again with the same traceerId after a backoff; one message at VECOZO' },
  { richting: 'VECOZO pull', storing: 'list: 5xx or connection dropped', uitkomst: 'nothing stored, nothing confirmed; the next pull takes it in once' },
  { richting: 'VECOZO pull', storing: 'payload: 5xx, connection dropped, or bytes not matching size/SHA256', uitkomst: 'not stored, not confirmed; after a 5xx or a mismatch the pull goes on with the next message (no answer ends it: VECOZO is away); the next pull takes it in once' },
  { richting: 'VECOZO pull', storing: 'DELETE: 5xx or connection dropped before VECOZO confirmed', uitkomst: 'stored once; after a 5xx the pull goes on with the next message; the next pull lists it again and only confirms it' },
  { richting: 'VECOZO pull', storing: 'DELETE: connection dropped after VECOZO confirmed', uitkomst: 'stored once; not listed again' },
  { richting: 'VECOZO pull', storing: 'the same message listed again after its DELETE', uitkomst: 'recognised by traceerId: confirmed, not stored twice' },
  { richting: 'VECOZO status', storing: '5xx, timeout or connection dropped', uitkomst: 'status unchanged; after a 5xx the other messages are still followed (no answer ends the round); the next round asks again' },
];

const TOKEN = 'ggk-digikoppeling-token-voor-keten-storingen-0123';
let hub: HubTestEnvironment;
let ggk: GgkSimulator;
let vz: VecozoSimulator;
let client: VspClient;
let volg = 0;

const ALFA = { organisatie: AGB.alfa, applicatie: 'Alfa Zorgsoftware' };
const BOSCH = { organisatie: '0796', applicatie: 'GGk' };

beforeAll(async () => {
  ggk = await new GgkSimulator({ hubToken: TOKEN }).start();
  vz = await startVecozoSimulator();
  hub = await createHubTestEnvironment('keten-storingen', {
    env: { GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk.url, GGK_TIMEOUT_MS: '400', IJW_XSD_DIR: defaultXsdDir() },
    worker: { pogingen: { attempts: 6, backoffMs: 20 } },
  });
  ggk.hubUrl = `${hub.api.url}/ggk/OntvangAsynchroon`;
  // Short: a request VECOZO never answers must not make the test slow (the answer is never coming).
  client = new VspClient({ url: vz.url, timeoutMs: 500 });
});

afterAll(async () => {
  await hub?.close();
  await ggk?.stop();
  await vz?.stop();
});

afterEach(() => {
  expect(vz.afwijkingen).toEqual([]);
});

it('the README carries this table: every fault in its chain sections', () => {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  expect(STORINGEN.filter((r) => !readme.includes(`| ${r.richting} | ${r.storing} | ${r.uitkomst} |`))).toEqual([]);
});

const jw315 = (bsn: string): string => jw315Xml({ bsn, identificatie: `KS${++volg}`, referentie: `KR${volg}` });

const ZONDER_STORING = () => Object.assign(ggk.storingen, { http5xx: 0, verbreek: 0, verbreekNaOpslag: 0, fo03: undefined, vertragingMs: 0, stil: 0, http5xxStatus: undefined, fo01VoorBv03: undefined });

/**
 * A provider's JW315 in through the GGk; its JW316 goes out as a Du01 answering it. Returns the
 * retour's id and its Du01 as the GGk stored it (once the GGk has it).
 */
async function retourUit(n: number): Promise<{ retourId: string; di01: string; du01: string }> {
  const e = ggk.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(testBsn(400 + n)) });
  const [a] = await ggk.lever('Di01', e.xml);
  expect(a.http).toBe(200);
  const [heen] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
  const retour = await wachtTot('the JW316 made', async () => (await hub.rijen<{ id: string }>(`SELECT id FROM bericht WHERE heen_id = $1`, [heen.bericht_id]))[0]);
  const du01 = await wachtTot(
    () => `the Du01 at the GGk (it answered ${JSON.stringify(ggk.pogingen.map((p) => p.http))})`,
    () => ggk.ontvangen.find((o) => o.crossRefnummer === e.referentienummer),
  );
  return { retourId: retour.id, di01: e.referentienummer, du01: du01.referentienummer };
}

/** The calls the GGk got carrying this envelope, and how often it stored it. */
const bijGgk = (referentienummer: string) => ({
  pogingen: ggk.pogingen.filter((p) => p.xml.includes(referentienummer)),
  opgeslagen: ggk.ontvangen.filter((o) => o.referentienummer === referentienummer).length,
});

const uitEnvelop = async (berichtId: string) =>
  hub.rijen<{ referentienummer: string; status: string; foutcode: string | null; foutplek: string | null }>(
    `SELECT referentienummer, status, foutcode, foutplek FROM ggk_envelop WHERE richting = 'uit' AND bericht_id = $1 ORDER BY id`,
    [berichtId],
  );

describe('GGk, the hub sending (Di01/Du01)', () => {
  beforeEach(ZONDER_STORING);

  it.each([
    ['HTTP 5xx', { http5xx: 2, http5xxStatus: 502 }, [502, 502, 200]],
    ['no answer within GGK_TIMEOUT_MS', { stil: 1 }, ['stil', 200]],
    ['connection dropped before the GGk stored it', { verbreek: 1 }, ['verbroken', 200]],
    ['connection dropped after the GGk stored it', { verbreekNaOpslag: 1 }, [200, 200]],
    ['Fo03 plek server (e.g. StUF046)', { fo03: { code: 'StUF046', plek: 'server', omschrijving: 'Kan niet opslaan' } }, [500, 200]],
  ] as [string, Partial<SimStoringen>, (number | string)[]][])('%s: the same envelope again until a Bv03, stored once by the GGk, the message afgeleverd', async (_naam, storing, verwacht) => {
    Object.assign(ggk.storingen, storing);
    const { retourId, du01 } = await retourUit(++volg);
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retourId, (s) => s.status === 'afgeleverd');
    const g = bijGgk(du01);
    expect(g.pogingen.map((p) => p.http)).toEqual(verwacht);
    // Byte for byte the one envelope every time.
    expect(new Set(g.pogingen.map((p) => p.xml)).size).toBe(1);
    expect(g.opgeslagen).toBe(1);
    expect(await uitEnvelop(retourId)).toEqual([{ referentienummer: du01, status: 'verzonden', foutcode: null, foutplek: null }]);
  });

  it.each([
    ['StUF019', 'tijdstipBericht niet oplopend'],
    ['IB234', 'Functie niet toegestaan'],
  ])('Fo03 plek client (%s): not sent again; envelope fout, message mislukt; herbezorg sends a new envelope, delivered once', async (code, omschrijving) => {
    ggk.storingen.fo03 = { code, plek: 'client', omschrijving };
    const e = ggk.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(testBsn(450 + ++volg)) });
    expect((await ggk.lever('Di01', e.xml))[0].http).toBe(200);
    const [heen] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
    const retourId = (await wachtOpBericht(hub.api.url, hub.tokens.alfa, heen.bericht_id, (s) => s.retour !== null)).retour!.id;
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retourId, (s) => s.status === 'mislukt');
    const [fout] = await uitEnvelop(retourId);
    expect(fout).toMatchObject({ status: 'fout', foutcode: code, foutplek: 'client' });
    expect(bijGgk(fout.referentienummer)).toMatchObject({ opgeslagen: 0, pogingen: [{ http: 500 }] });

    const h = await hub.api.gql(hub.tokens.beheerder, `mutation($id: ID!) { herbezorg(id: $id) { status } }`, { id: retourId });
    expect(h.errors).toBeUndefined();
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retourId, (s) => s.status === 'afgeleverd');
    const rijen = await uitEnvelop(retourId);
    expect(rijen.map((r) => r.status)).toEqual(['vervangen', 'verzonden']);
    expect(rijen[1].referentienummer).not.toBe(fout.referentienummer);
    expect(bijGgk(rijen[1].referentienummer)).toMatchObject({ opgeslagen: 1, pogingen: [{ http: 200 }] });
    expect(ggk.ontvangen.filter((o) => o.crossRefnummer === e.referentienummer)).toHaveLength(1);
  });

  it.each(['IB102', 'IB210', 'IB234'])('Fo01 %s after the Bv03: answered Bv03; envelope fout, message mislukt; a repeat of the Fo01 changes nothing', async (code) => {
    const { retourId, du01 } = await retourUit(++volg);
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retourId, (s) => s.status === 'afgeleverd');
    const fo01 = ggk.fo01({ crossRefnummer: du01, ontvanger: { organisatie: '0796', applicatie: 'Jeugdzorghub' }, code, omschrijving: `Fout ${code}` });
    const [a, b] = await ggk.lever('Fo01', fo01.xml, 2);
    expect(a.http).toBe(200);
    expect(a.xml).toContain('<StUF:berichtcode>Bv03</StUF:berichtcode>');
    expect(b).toEqual(a);
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retourId, (s) => s.status === 'mislukt');
    expect(await uitEnvelop(retourId)).toEqual([{ referentienummer: du01, status: 'fout', foutcode: code, foutplek: 'client' }]);
    const fo01Rijen = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM ggk_envelop WHERE richting = 'in' AND berichtcode = 'Fo01' AND cross_refnummer = $1`, [du01]);
    expect(fo01Rijen[0].n).toBe(1);
    // Not sent again by itself.
    expect(bijGgk(du01)).toMatchObject({ opgeslagen: 1, pogingen: [{ http: 200 }] });
  });

  it('Fo01 IB103 (type frozen): answered Bv03; the same envelope again, unchanged; delivered; envelope verzonden with IB103 kept', async () => {
    const { retourId, du01 } = await retourUit(++volg);
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retourId, (s) => s.status === 'afgeleverd');
    const [a] = await ggk.lever('Fo01', ggk.fo01({ crossRefnummer: du01, ontvanger: { organisatie: '0796', applicatie: 'Jeugdzorghub' }, code: 'IB103', omschrijving: 'Berichttype bevroren' }).xml);
    expect(a.http).toBe(200);
    await wachtTot('the resend', () => bijGgk(du01).pogingen.length === 2);
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retourId, (s) => s.status === 'afgeleverd');
    const g = bijGgk(du01);
    expect(g.pogingen.map((p) => p.http)).toEqual([200, 200]);
    expect(new Set(g.pogingen.map((p) => p.xml)).size).toBe(1);
    expect(g.opgeslagen).toBe(1);
    expect(await uitEnvelop(retourId)).toEqual([{ referentienummer: du01, status: 'verzonden', foutcode: 'IB103', foutplek: 'client' }]);
  });
});

describe('GGk, a Fo01 overtaking the Bv03', () => {
  beforeEach(ZONDER_STORING);

  it.each([
    ['IB210', { bericht: 'mislukt', envelop: 'fout', foutcode: 'IB210' }, [200]],
    ['IB103', { bericht: 'afgeleverd', envelop: 'verzonden', foutcode: 'IB103' }, [200, 200]],
  ] as const)('Fo01 %s arriving before the Bv03 of its own envelope: the Fo01 decides', async (code, stand, verwacht) => {
    ggk.storingen.fo01VoorBv03 = { code, omschrijving: `Fout ${code}` };
    const voor = ggk.fo01Antwoorden.length;
    const { retourId, du01 } = await retourUit(++volg);
    await wachtTot('its delivery closed', async () => {
      const [r] = await hub.rijen<{ open: number }>(`SELECT count(*)::int AS open FROM outbox WHERE bericht_id = $1 AND soort = 'bezorg' AND afgehandeld_op IS NULL`, [retourId]);
      return r.open === 0;
    });
    // The hub answered the Fo01 with a Bv03 (the answer reaches the GGk after the hub's commit closed the delivery).
    await wachtTot('the Fo01 answered', () => ggk.fo01Antwoorden.length > voor);
    expect(ggk.fo01Antwoorden.slice(voor).map((a) => a.http)).toEqual([200]);
    const [rij] = await hub.rijen<{ bericht: string; envelop: string; foutcode: string | null }>(
      `SELECT b.status AS bericht, e.status AS envelop, e.foutcode FROM bericht b JOIN ggk_envelop e ON e.bericht_id = b.id AND e.richting = 'uit' WHERE b.id = $1`,
      [retourId],
    );
    expect(rij).toEqual(stand);
    const g = bijGgk(du01);
    expect(g.pogingen.map((p) => p.http)).toEqual(verwacht);
    expect(new Set(g.pogingen.map((p) => p.xml)).size).toBe(1);
    expect(g.opgeslagen).toBe(1);
  });
});

describe('GGk, the hub receiving', () => {
  const inkomend = async () => (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM bericht WHERE richting = 'in'`))[0].n;

  it('duplicate delivery (one after the other, or at once): stored once; every delivery answered with the same Bv03', async () => {
    ZONDER_STORING();
    const voor = await inkomend();
    const e = ggk.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(testBsn(480)) });
    const na = await ggk.lever('Di01', e.xml, 2);
    const tegelijk = (await Promise.all([ggk.lever('Di01', e.xml), ggk.lever('Di01', e.xml), ggk.lever('Di01', e.xml)])).flat();
    for (const a of [...na, ...tegelijk]) expect(a).toEqual(na[0]);
    expect(na[0].http).toBe(200);
    expect(await inkomend()).toBe(voor + 1);
    const rij = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
    expect(rij[0].n).toBe(1);
    // Its one retour leaves once.
    await wachtTot('its Du01', () => ggk.ontvangen.some((o) => o.crossRefnummer === e.referentienummer));
    expect(ggk.ontvangen.filter((o) => o.crossRefnummer === e.referentienummer)).toHaveLength(1);
  });

  it('connection dropped halfway through the envelope: nothing stored; the resend is stored once', async () => {
    ZONDER_STORING();
    const voor = await inkomend();
    const e = ggk.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(testBsn(481)) });
    await ggk.leverAfgebroken('Di01', e.xml);
    expect(await inkomend()).toBe(voor);
    const [a] = await ggk.lever('Di01', e.xml);
    expect(a.http).toBe(200);
    expect(await inkomend()).toBe(voor + 1);
    await wachtTot('its Du01', () => ggk.ontvangen.some((o) => o.crossRefnummer === e.referentienummer));
  });
});

describe('VECOZO', () => {
  const STEL_OP = `mutation($input: VecozoBerichtInput!) { stelVecozoBerichtOp(input: $input) { id traceerId } }`;
  const stelOp = async (): Promise<{ id: string; traceerId: string }> => {
    const n = ++volg;
    const r = await hub.api.gql<{ stelVecozoBerichtOp: { id: string; traceerId: string } }>(hub.tokens.alfa, STEL_OP, {
      input: {
        soort: 'JW315',
        jw315: {
          gemeente: '0796', identificatie: `KV${n}`, bsn: testBsn(500 + n), geboortedatum: '2015-03-01', geslacht: '2', achternaam: 'Smit',
          producten: [{ referentieAanbieder: `KVR${n}`, categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', verwijzerType: '02', verwijzerNaam: 'Huisarts' }],
        },
      },
    });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return { id: ruweId(r.data!.stelVecozoBerichtOp.id), traceerId: r.data!.stelVecozoBerichtOp.traceerId };
  };
  const rij = async (id: string) =>
    (await hub.rijen<{ status: string; pogingen: number; probleem: { status: number } | null; laatste_fout: string | null; vecozo_status: string | null }>(
      `SELECT status, pogingen, probleem, laatste_fout, vecozo_status FROM vecozo_bericht WHERE id = $1`,
      [id],
    ))[0];
  const pushes = (tid: string) => vz.verzoeken.filter((v) => v.api === 'push' && v.body.includes(tid)).length;
  const jw301 = (i: number) => zaakJw301({ bsn: testBsn(600 + i), nummer: 9000 + i, identificatie: `KP${i}`, dagtekening: dag });
  const binnen = async (tid: string) => (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM vecozo_bericht WHERE traceer_id = $1`, [tid]))[0].n;

  beforeAll(async () => {
    const r = await hub.api.gql(hub.tokens.alfa, `mutation { zetVecozoPortaal(aanbiederAgb: "${AGB.alfa}", aan: true) { actief } }`);
    expect(r.errors).toBeUndefined();
  });

  it.each(['400', '422'] as const)('push %s: message geweigerd with VECOZO\'s problem; never pushed again', async (soort) => {
    const b = await stelOp();
    vz.storing('push', { soort, fouten: { payload: ['Ongeldig'] } });
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 1, opnieuw: 0 });
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 0 });
    expect(await rij(b.id)).toMatchObject({ status: 'geweigerd', probleem: { status: Number(soort) } });
    expect(pushes(b.traceerId)).toBe(1);
    expect(vz.ontvangen.has(b.traceerId)).toBe(false);
  });

  it.each([
    ['a 500', { soort: '5xx', status: 500 }, false],
    ['a 503', { soort: '5xx', status: 503 }, false],
    ['a timeout', { soort: 'timeout' }, false],
    ['a connection dropped before VECOZO stored it', { soort: 'afgebroken' }, false],
    ['a connection dropped after VECOZO stored it', { soort: 'verbreek' }, true],
  ] as [string, Storing, boolean][])('push, %s: pushed again with the same traceerId; one message at VECOZO', async (_naam, storing, alOpgeslagen) => {
    const b = await stelOp();
    vz.storing('push', storing);
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 1 });
    expect(await rij(b.id)).toMatchObject({ status: 'te_versturen', pogingen: 1 });
    expect(vz.ontvangen.has(b.traceerId)).toBe(alOpgeslagen);
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 1, geweigerd: 0, opnieuw: 0 });
    expect(await rij(b.id)).toMatchObject({ status: 'verstuurd', pogingen: 2, laatste_fout: null });
    expect(pushes(b.traceerId)).toBe(2);
    expect(vz.ontvangen.get(b.traceerId)?.keer).toBe(alOpgeslagen ? 2 : 1);
  });

  it.each([
    ['list', '5xx'],
    ['list', 'verbreek'],
    ['list', 'afgebroken'],
    ['payload', '5xx'],
    ['payload', 'verbreek'],
    ['payload', 'afgebroken'],
    ['payload', 'verminkt'],
  ] as const)('pull, %s %s: nothing stored, nothing confirmed; the next pull takes it in once', async (plek, soort) => {
    const tid = vz.lever({ payload: jw301(++volg) });
    vz.storing(plek === 'list' ? 'lijst' : 'payload', { soort });
    if (soort === 'verminkt') expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 0, afwijkend: 1 });
    // VECOZO answered: this message failed, the pull went on (and took nothing else in).
    else if (plek === 'payload' && soort === '5xx') expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 0, mislukt: 1 });
    else await expect(haalOp(hub.ds, hub.sleutels, client)).rejects.toThrow();
    expect(await binnen(tid)).toBe(0);
    expect(vz.wachtend()).toEqual([tid]);
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1, al_opgeslagen: 0 });
    expect(await binnen(tid)).toBe(1);
    expect(vz.wachtend()).toEqual([]);
  });

  it.each([
    ['a 5xx', { soort: '5xx' }, true],
    ['a connection dropped before VECOZO confirmed', { soort: 'afgebroken' }, true],
    ['a connection dropped after VECOZO confirmed', { soort: 'verbreek' }, false],
  ] as [string, Storing, boolean][])('pull, DELETE failing with %s: stored once; confirmed exactly when it was not yet', async (_naam, storing, nogTeBevestigen) => {
    const tid = vz.lever({ payload: jw301(++volg) });
    vz.storing('delete', storing);
    if (storing.soort === '5xx') expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 0, mislukt: 1 });
    else await expect(haalOp(hub.ds, hub.sleutels, client)).rejects.toThrow();
    expect(await binnen(tid)).toBe(1);
    expect(vz.wachtend()).toEqual(nogTeBevestigen ? [tid] : []);
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 0, al_opgeslagen: nogTeBevestigen ? 1 : 0 });
    expect(await binnen(tid)).toBe(1);
    expect(vz.wachtend()).toEqual([]);
  });

  it('pull, a message whose payload VECOZO answers with a 5xx every time does not hold up the ones after it', async () => {
    const vast = vz.lever({ payload: jw301(++volg) });
    const daarna = vz.lever({ payload: jw301(++volg) });
    // Both listings of it in this pull fail.
    for (let i = 0; i < 2; i++) vz.storing('payload', { soort: '5xx', status: 500 }, vast);
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1, mislukt: 2 });
    expect(await binnen(daarna)).toBe(1);
    expect(await binnen(vast)).toBe(0);
    expect(vz.wachtend()).toEqual([vast]);
    // Once VECOZO serves it, it is taken in once.
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1, mislukt: 0 });
    expect(await binnen(vast)).toBe(1);
    expect(vz.wachtend()).toEqual([]);
  });

  it('status, a query VECOZO answers with a 5xx for one message does not hold up the others', async () => {
    const a = await stelOp();
    const b = await stelOp();
    expect((await verstuurOpen(hub.ds, hub.sleutels, client)).aangenomen).toBe(2);
    await hub.rijen(`UPDATE vecozo_bericht SET status_definitief = true WHERE id NOT IN ($1, $2) AND richting = 'uit'`, [a.id, b.id]);
    vz.zetStatus(a.traceerId, 'Bezorgd');
    vz.zetStatus(b.traceerId, 'Bezorgd');
    vz.storing('status', { soort: '5xx', status: 500 }, a.traceerId);
    expect(await volgStatussen(hub.ds, client)).toBe(1);
    expect([(await rij(a.id)).vecozo_status, (await rij(b.id)).vecozo_status]).toEqual([null, 'Bezorgd']);
    expect(await volgStatussen(hub.ds, client)).toBe(1);
    expect((await rij(a.id)).vecozo_status).toBe('Bezorgd');
  });

  it('pull, the same message listed again after its DELETE: confirmed, not stored twice', async () => {
    const tid = vz.lever({ payload: jw301(++volg) });
    vz.storing('delete', { soort: 'dubbel' });
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1, al_opgeslagen: 1 });
    expect(await binnen(tid)).toBe(1);
    expect(vz.wachtend()).toEqual([]);
    // Payload fetched once: the second listing was recognised by its traceerId.
    expect(vz.verzoeken.filter((v) => v.api === 'pull' && v.pad === `/berichten/${tid}/payload`)).toHaveLength(1);
  });

  it.each([
    ['a 5xx', { soort: '5xx' }],
    ['a timeout', { soort: 'timeout' }],
    ['a connection dropped', { soort: 'verbreek' }],
    ['a connection dropped on arrival', { soort: 'afgebroken' }],
  ] as [string, Storing][])('status, %s: status unchanged; the next round asks again', async (_naam, storing) => {
    const b = await stelOp();
    expect((await verstuurOpen(hub.ds, hub.sleutels, client)).aangenomen).toBe(1);
    vz.zetStatus(b.traceerId, 'Bezorgd');
    // Only this message is followed: the earlier ones are made final first.
    await hub.rijen(`UPDATE vecozo_bericht SET status_definitief = true WHERE id <> $1 AND richting = 'uit'`, [b.id]);
    const plek: Plek = 'status';
    vz.storing(plek, storing);
    if (storing.soort === '5xx') expect(await volgStatussen(hub.ds, client)).toBe(0);
    else await expect(volgStatussen(hub.ds, client)).rejects.toThrow();
    expect(await rij(b.id)).toMatchObject({ status: 'verstuurd', vecozo_status: null });
    expect(await volgStatussen(hub.ds, client)).toBe(1);
    expect(await rij(b.id)).toMatchObject({ vecozo_status: 'Bezorgd' });
  });
});
