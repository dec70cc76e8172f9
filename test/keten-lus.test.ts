import { defaultXsdDir } from '../src/messaging/ijw/xsd-validator';
import { startVecozo } from '../src/vecozo/vecozo.uitwisseling';
import { VspClient } from '../src/vecozo/vsp.client';
import { GgkSimulator } from '../sim/ggk/simulator';
import { Keten } from '../sim/keten';
import { startVecozoSimulator, type VecozoSimulator } from '../sim/vecozo/simulator';
import { AGB } from './fixtures/regions';
import { knopen, ruweId, type Conn } from './helpers/api';
import { testBsn } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { wachtTot } from './helpers/wacht';

/**
 * The whole chain, once around (issue 13): a portal provider writes in GraphQL; the worker pushes
 * to the VECOZO simulator; the chain bridge (sim/keten.ts) carries it through the GGk simulator
 * to the hub as the municipality's system; the municipality answers in GraphQL; the hub's messages
 * leave through the GGk simulator, land in VECOZO's pull list and are pulled into the portal.
 * JW315 → JW316 and JW301; JW305 → JW306; JW323 → JW325. `berichtVerloop` shows every leg.
 */
const TOKEN = 'ggk-digikoppeling-token-voor-de-keten-0123456789';
pinKlok();
let hub: HubTestEnvironment;
let vecozo: VecozoSimulator;
let ggk: GgkSimulator;
let keten: Keten;
let loop: { stop: () => Promise<void> };
const lusFouten: unknown[] = [];
const bsn = testBsn(4242);

beforeAll(async () => {
  ggk = await new GgkSimulator({ hubToken: TOKEN }).start();
  vecozo = await startVecozoSimulator();
  hub = await createHubTestEnvironment('keten_lus', {
    env: { GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk.url, IJW_XSD_DIR: defaultXsdDir() },
    worker: { pogingen: { attempts: 4, backoffMs: 50 } },
  });
  ggk.hubUrl = `${hub.api.url}/ggk/OntvangAsynchroon`;
  keten = new Keten(vecozo, ggk);
  // The worker's VECOZO loop, as the worker runs it (push, pull, follow).
  loop = startVecozo(hub.ds, hub.sleutels, new VspClient({ url: vecozo.url, timeoutMs: 5000 }), { intervalMs: 50 }, (e) => lusFouten.push(e));
});

afterAll(async () => {
  await loop?.stop();
  await keten?.stop();
  await hub?.close();
  await vecozo?.stop();
  await ggk?.stop();
});

afterEach(() => {
  // Both simulators answered only what their documents allow; the bridge and the loop met no fault.
  expect(vecozo.afwijkingen).toEqual([]);
  expect(keten.fouten).toEqual([]);
  expect(lusFouten).toEqual([]);
});

interface Stap {
  moment: string;
  plek: string;
  stap: string;
  staat: string;
  berichtId: string;
  berichtType: string | null;
  kenmerk: string | null;
}
interface VerloopBericht {
  id: string;
  kant: string;
  richting: string;
  type: string;
  status: string;
  gemeenteCode: string | null;
  aanbiederAgb: string;
}
interface Verloop {
  berichtId: string;
  berichten: VerloopBericht[];
  stappen: Stap[];
}
const VERLOOP = `query($id: ID!) { berichtVerloop(id: $id) { berichtId berichten { id kant richting type status gemeenteCode aanbiederAgb } stappen { moment plek stap staat berichtId berichtType kenmerk } } }`;
const verloop = async (token: string, id: string): Promise<Verloop | null> => {
  const r = await hub.api.gql<{ berichtVerloop: Verloop | null }>(token, VERLOOP, { id });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.berichtVerloop;
};

const gql = async <T>(token: string, q: string, v: Record<string, unknown> = {}): Promise<T> => {
  const r = await hub.api.gql<T>(token, q, v);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};

interface Portaal {
  id: string;
  type: string | null;
  richting: string;
  traceerId: string;
  alsAntwoordOp: string | null;
  status: string;
  vecozoStatus: string | null;
}
const portaal = async (): Promise<Portaal[]> =>
  knopen(
    (await gql<{ vecozoBerichten: Conn<Portaal> }>(hub.tokens.alfa, `{ vecozoBerichten(first: 200) { edges { node { id type richting traceerId alsAntwoordOp status vecozoStatus } } } }`))
      .vecozoBerichten,
  );
const stelOp = async (input: Record<string, unknown>): Promise<Portaal> =>
  (await gql<{ stelVecozoBerichtOp: Portaal }>(hub.tokens.alfa, `mutation($input: VecozoBerichtInput!) { stelVecozoBerichtOp(input: $input) { id type richting traceerId alsAntwoordOp status vecozoStatus } }`, { input }))
    .stelVecozoBerichtOp;

/**
 * Waits until the portal message is Bezorgd at VECOZO and its answer (of `retourType`) is pulled
 * into the portal and confirmed. A retour travels the GGk as a Du01 answering the Di01, so VECOZO
 * lists it `alsAntwoordOp` the push; a JW325 is a heen message of its own in the GGk (a Di01).
 */
async function rondOm(heen: Portaal, retourType: string, alsAntwoord = true): Promise<Portaal> {
  return wachtTot(
    () => `${heen.type} Bezorgd and its ${retourType} pulled (bridge: ${JSON.stringify(keten.overdrachten)})`,
    async () => {
      const alle = await portaal();
      const h = alle.find((x) => x.id === heen.id);
      const r = alle.find((x) => x.richting === 'in' && x.type === retourType && (!alsAntwoord || x.alsAntwoordOp === heen.traceerId));
      const [bevestigd] = r ? await hub.rijen<{ bevestigd_op: Date | null }>(`SELECT bevestigd_op FROM vecozo_bericht WHERE id = $1`, [ruweId(r.id)]) : [];
      return h?.vecozoStatus === 'Bezorgd' && bevestigd?.bevestigd_op && (await gekwiteerd()) ? r : undefined;
    },
  );
}

/**
 * Whether the GGk confirmed every envelope the hub sent (Bv03 recorded): the GGk passes a message
 * on as soon as it stored it, so the portal may hold it before the hub has read the Bv03.
 */
const gekwiteerd = async () => (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM ggk_envelop WHERE richting = 'uit' AND status <> 'verzonden'`))[0].n === 0;

/** The legs of one message of a trace, as "plek stap staat". */
const benen = (v: Verloop, berichtId: string) => v.stappen.filter((s) => s.berichtId === berichtId).map((s) => `${s.plek} ${s.stap} ${s.staat}`);

/** The trace of a heen message and its retour, both sides: four messages, each with every leg. */
function controleerGesprek(v: Verloop, heenType: string, retourType: string, hubHeenStatus: string, envelop: 'Du01' | 'Di01' = 'Du01'): { portaalHeen: string; hubHeen: string; hubRetour: string; portaalRetour: string } {
  const vind = (kant: string, richting: string, type: string) => {
    const b = v.berichten.find((x) => x.kant === kant && x.richting === richting && x.type === type);
    if (!b) throw new Error(`no ${kant} ${richting} ${type} in ${JSON.stringify(v.berichten)}`);
    return b.id;
  };
  const ids = { portaalHeen: vind('portaal', 'uit', heenType), hubHeen: vind('hub', 'in', heenType), hubRetour: vind('hub', 'uit', retourType), portaalRetour: vind('portaal', 'in', retourType) };
  // Time order, and each leg's time is a real moment.
  const momenten = v.stappen.map((s) => new Date(s.moment).getTime());
  expect(momenten).toEqual([...momenten].sort((a, b) => a - b));
  // portal → VECOZO (push with its traceerId, its VECOZO statuses up to Bezorgd). VECOZO's status
  // times are VECOZO's: one may come before the hub recorded the push's 204.
  const ph = benen(v, ids.portaalHeen);
  expect(ph[0]).toBe('portaal opgesteld te_versturen');
  expect(ph).toContain('vecozo push verstuurd');
  // The push's 204 and the hand-over race each other; the last status seen is Bezorgd.
  expect(ph.filter((s) => s.startsWith('vecozo vecozo-status')).pop()).toBe('vecozo vecozo-status Bezorgd');
  expect(ph.slice(1).every((s) => s.startsWith('vecozo '))).toBe(true);
  // → GGk (Di01 in, Bv03) → hub processing
  expect(benen(v, ids.hubHeen)).toEqual(['ggk Di01 ontvangen Bv03', `hub verwerkt ${hubHeenStatus}`]);
  // → the retour out through the GGk (Du01, Bv03)
  expect(benen(v, ids.hubRetour)).toEqual(['hub retour geschreven afgeleverd', `ggk ${envelop} klaargezet klaar`, `ggk ${envelop} verzonden Bv03`]);
  // → VECOZO → portal (listed, pulled, DELETE confirmed)
  expect(benen(v, ids.portaalRetour)).toEqual(['vecozo aangeboden wacht', 'portaal opgehaald ontvangen', 'vecozo bevestigd 202']);
  // The chain's keys: the push's traceerId, the envelopes' referentienummers.
  const heenPush = v.stappen.find((s) => s.berichtId === ids.portaalHeen && s.stap === 'push')!;
  expect(heenPush.kenmerk).toMatch(/^[0-9a-f-]{36}$/);
  const di01 = v.stappen.find((s) => s.berichtId === ids.hubHeen && s.stap === 'Di01 ontvangen')!;
  expect(keten.overdrachten.find((o) => o.referentienummer === di01.kenmerk)).toMatchObject({ richting: 'naar-ggk', traceerId: heenPush.kenmerk, uitkomst: 'Bv03' });
  return ids;
}

let jw315: Portaal;
let jw301: Portaal;

it('JW315 from the portal reaches the municipality through VECOZO and the GGk; its JW316 comes back into the portal; allocated, the JW301 too', async () => {
  await gql(hub.tokens.alfa, `mutation { zetVecozoPortaal(aanbiederAgb: "${AGB.alfa}", aan: true) { actief } }`);
  jw315 = await stelOp({
    soort: 'JW315',
    jw315: {
      gemeente: '0796', identificatie: 'LUS315', bsn, geboortedatum: '2015-03-01', geslacht: '2', achternaam: 'Smit',
      producten: [{ referentieAanbieder: 'LUS-1', categorie: '45', code: '45A04', ingangsdatum: '2026-11-02', einddatum: '2027-04-30', volume: 2, eenheid: '04', frequentie: '2', verwijzerType: '02', verwijzerNaam: 'Huisarts' }],
    },
  });
  const jw316 = await rondOm(jw315, 'JW316');
  expect(jw316).toMatchObject({ status: 'ontvangen' });

  // The municipality (the hub) has the request in its work list, and allocates it.
  const L = `query { verzoeken(filter: { status: open }, first: 50) { edges { node { id referentieAanbieder } } } }`;
  const verzoek = await wachtTot('the request in the work list', async () => knopen((await gql<{ verzoeken: Conn<{ id: string; referentieAanbieder: string }> }>(hub.tokens.bosch, L)).verzoeken).find((x) => x.referentieAanbieder === 'LUS-1'));
  const M = `mutation($input: WijsVerzoekToeInput!) { wijsVerzoekToe(input: $input) { toewijzingen { nummer } bericht { id type } } }`;
  const toegewezen = await gql<{ wijsVerzoekToe: { toewijzingen: { nummer: number }[]; bericht: { id: string } } }>(hub.tokens.bosch, M, { input: { verzoekId: verzoek.id, adres: { postcode: '5211AB', huisnummer: 7 } } });

  // The JW301 leaves as a Di01 through the GGk, waits at VECOZO and is pulled into the portal.
  jw301 = await wachtTot('the JW301 pulled into the portal', async () => {
    const r = (await portaal()).find((x) => x.richting === 'in' && x.type === 'JW301');
    const [b] = r ? await hub.rijen<{ bevestigd_op: Date | null }>(`SELECT bevestigd_op FROM vecozo_bericht WHERE id = $1`, [ruweId(r.id)]) : [];
    return b?.bevestigd_op && (await gekwiteerd()) ? r : undefined;
  });
  const xml = (await gql<{ vecozoBerichten: Conn<{ id: string; xml: string }> }>(hub.tokens.alfa, `{ vecozoBerichten(first: 200, filter: { richting: "in" }) { edges { node { id xml } } } }`)).vecozoBerichten;
  expect(knopen(xml).find((x) => x.id === jw301.id)!.xml).toContain(`<ToewijzingNummer>${toegewezen.wijsVerzoekToe.toewijzingen[0].nummer}</ToewijzingNummer>`);

  // The trace of the JW315, asked by the portal's message: every leg, in time order.
  const v = (await verloop(hub.tokens.alfa, jw315.id))!;
  expect(v.berichtId).toBe(jw315.id);
  expect(v.berichten).toHaveLength(4);
  const ids = controleerGesprek(v, 'JW315', 'JW316', 'verwerkt');
  // The pulled retour is the municipality's (a retour keeps its heen message's header: Ontvanger).
  expect(v.berichten.find((b) => b.id === ids.portaalRetour)).toMatchObject({ gemeenteCode: '0796' });
  // Asked by the hub's copy or by the retour: the same conversation.
  expect((await verloop(hub.tokens.alfa, ids.hubRetour))!.stappen).toEqual(v.stappen);
  expect((await verloop(hub.tokens.alfa, jw316.id))!.stappen).toEqual(v.stappen);

  // The JW301's own trace: hub → GGk (Di01, Bv03) → VECOZO → portal.
  const w = (await verloop(hub.tokens.alfa, jw301.id))!;
  const hub301 = w.berichten.find((b) => b.kant === 'hub')!;
  expect(ruweId(hub301.id)).toBe(ruweId(toegewezen.wijsVerzoekToe.bericht.id));
  expect(benen(w, hub301.id)).toEqual(['hub geschreven afgeleverd', 'ggk Di01 klaargezet klaar', 'ggk Di01 verzonden Bv03']);
  expect(benen(w, jw301.id)).toEqual(['vecozo aangeboden wacht', 'portaal opgehaald ontvangen', 'vecozo bevestigd 202']);
});

let toewijzingNummer: number;

it('JW305 (start of care) goes the same way and its JW306 comes back', async () => {
  toewijzingNummer = Number((await hub.rijen<{ nummer: number }>(`SELECT nummer FROM toewijzing WHERE aanbieder_agb = $1 ORDER BY nummer DESC LIMIT 1`, [AGB.alfa]))[0].nummer);
  const jw305 = await stelOp({
    soort: 'JW305',
    zorg: { gemeente: '0796', identificatie: 'LUS305', bsn, geboortedatum: '2015-03-01', geslacht: '2', achternaam: 'Smit', producten: [{ toewijzingNummer, categorie: '45', code: '45A04', begindatum: '2026-11-02' }] },
  });
  await rondOm(jw305, 'JW306');
  const v = (await verloop(hub.tokens.alfa, jw305.id))!;
  controleerGesprek(v, 'JW305', 'JW306', 'verwerkt');
});

it('JW323 (a claim) goes the same way and ends with the JW325 in the portal; the trace shows every leg', async () => {
  const jw323 = await stelOp({
    soort: 'JW323',
    jw323: {
      identificatie: 'LUS323', gemeenteCode: '0796', declaratieNummer: 'LUS323', periode: '2026-11',
      prestaties: [{ bsn, referentieNummer: 'LUSR1', toewijzingNummer, productCategorie: '45', productCode: '45A04', begindatum: '2026-11-02', einddatum: '2026-11-29', geleverdVolume: 8, eenheid: '04', productTariefCenten: 9550, ingediendBedragCenten: 8 * 9550 }],
    },
  });
  const jw325 = await rondOm(jw323, 'JW325', false);
  const v = (await verloop(hub.tokens.alfa, jw323.id))!;
  // Linked by what names it on both sides (the hub's JW325 answers the JW323), not by the chain's conversation.
  const ids = controleerGesprek(v, 'JW323', 'JW325', 'verwerkt', 'Di01');
  expect(ids.portaalRetour).toBe(jw325.id);
});

it('a message the municipality\'s system refuses (Fo03): VECOZO reports AfgekeurdDoorDienst with the code, and the trace ends there', async () => {
  // 0999 is no municipality of this hub: the hub, as the municipality's system, answers Fo03 StUF010.
  const b = await stelOp({
    soort: 'JW315',
    jw315: {
      gemeente: '0999', identificatie: 'LUS315X', bsn: testBsn(4243), geboortedatum: '2015-03-01', geslacht: '1', achternaam: 'Smit',
      producten: [{ referentieAanbieder: 'LUS-X', categorie: '45', code: '45A04', ingangsdatum: '2026-11-02', verwijzerType: '02', verwijzerNaam: 'Huisarts' }],
    },
  });
  await wachtTot('VECOZO status AfgekeurdDoorDienst', async () => (await portaal()).find((x) => x.id === b.id)?.vecozoStatus === 'AfgekeurdDoorDienst');
  expect(keten.overdrachten.find((o) => o.traceerId === b.traceerId)).toMatchObject({ richting: 'naar-ggk', uitkomst: 'StUF010' });
  const r = await hub.api.gql<{ berichtVerloop: { berichten: { kant: string }[]; stappen: { plek: string; stap: string; staat: string; toelichting: string | null }[] } }>(
    hub.tokens.alfa,
    `query($id: ID!) { berichtVerloop(id: $id) { berichten { kant } stappen { plek stap staat toelichting } } }`,
    { id: b.id },
  );
  const v = r.data!.berichtVerloop;
  // Nothing reached the municipality's side: only the portal's message, and its last leg is VECOZO's refusal with the GGk's code.
  expect(v.berichten.map((x) => x.kant)).toEqual(['portaal']);
  const laatste = v.stappen[v.stappen.length - 1];
  expect(laatste).toMatchObject({ plek: 'vecozo', stap: 'vecozo-status', staat: 'AfgekeurdDoorDienst' });
  expect(laatste.toelichting).toMatch(/^StUF010 /);
});

it('row-level security: another provider and another municipality see nothing; the municipality sees its own side only; the region its region; reading is audited', async () => {
  expect(await verloop(hub.tokens.beta, jw315.id)).toBeNull();
  expect(await verloop(hub.tokens.oss, jw315.id)).toBeNull();
  const eigen = (await verloop(hub.tokens.alfa, jw315.id))!;
  const hubKopie = eigen.berichten.find((b) => b.kant === 'hub' && b.type === 'JW315')!;
  expect(await verloop(hub.tokens.beta, hubKopie.id)).toBeNull();
  expect(await verloop(hub.tokens.oss, hubKopie.id)).toBeNull();
  // The municipality: the GGk and hub legs of its own messages, not the provider's portal (its correspondence).
  const gemeente = (await verloop(hub.tokens.bosch, hubKopie.id))!;
  expect(gemeente.berichten.map((b) => `${b.kant} ${b.type}`).sort()).toEqual(['hub JW315', 'hub JW316']);
  expect(gemeente.stappen.map((s) => s.plek).every((p) => p === 'ggk' || p === 'hub')).toBe(true);
  expect(gemeente.stappen).toEqual(eigen.stappen.filter((s) => s.plek === 'ggk' || s.plek === 'hub'));
  // The region's staff: the hub's side of its region's messages; the portal's message is not theirs to read.
  expect((await verloop(hub.tokens.regio, hubKopie.id))!.stappen).toEqual(gemeente.stappen);
  expect(await verloop(hub.tokens.regio, jw315.id)).toBeNull();
  // The hub-wide administrator: both sides.
  expect((await verloop(hub.tokens.beheerder, jw315.id))!.stappen).toEqual(eigen.stappen);

  const audit = await hub.rijen<{ actor: string; rol: string; entiteit: string; client_hash: string | null }>(
    `SELECT actor, rol, entiteit, client_hash FROM audit_log WHERE actie = 'bericht.verloop.gelezen' AND entiteit_id = $1 ORDER BY id`,
    [ruweId(hubKopie.id)],
  );
  expect(audit.map((a) => a.rol)).toContain('gemeente');
  expect(audit.every((a) => a.entiteit === 'bericht' && a.client_hash === hub.sleutels.bsnHash(bsn))).toBe(true);
  // A denied read is no read: nothing audited for it.
  expect(audit.map((a) => a.rol)).not.toContain('aanbieder');
});

it('the message page (GET /ijw/berichten/{id}) shows the same trace as verloop', async () => {
  const eigen = (await verloop(hub.tokens.bosch, (await verloop(hub.tokens.alfa, jw315.id))!.berichten.find((b) => b.kant === 'hub' && b.type === 'JW315')!.id))!;
  const id = ruweId(eigen.berichtId);
  const r = await fetch(`${hub.api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${hub.tokens.bosch}` } });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { type: string; verloop: Stap[] };
  expect(body.type).toBe('JW315');
  expect(body.verloop.map((s) => `${s.plek} ${s.stap} ${s.staat}`)).toEqual(eigen.stappen.map((s) => `${s.plek} ${s.stap} ${s.staat}`));
  const ander = await fetch(`${hub.api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${hub.tokens.oss}` } });
  expect(ander.status).toBe(404);
});
