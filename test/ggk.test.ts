import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import path from 'node:path';
import { vandaag } from '../src/common/klok';
import { parseMessage, writeMessage } from '../src/messaging/ijw/codec';
import { bouwRetour } from '../src/messaging/processing/retour';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import { libxml2 } from '../src/messaging/ijw/xml';
import { GgkSimulator, type SimOntvangen } from '../sim/ggk/simulator';
import { AGB } from './fixtures/regions';
import { knopen, ruweId, type Conn } from './helpers/api';
import { stuurBericht, testBsn, wachtOpBericht, jw315Xml } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { wachtTot } from './helpers/wacht';
import { randomUUID } from 'node:crypto';
import { GgkSchema } from '../src/ggk/ggk.schema';
import { bv03 } from '../src/ggk/ggk.xml';

pinKlok();

/** The GGk adapter through HTTP, against the local GGk simulator. */
const TOKEN = 'ggk-digikoppeling-token-voor-de-tests-0123456789';
const METRICS = 'ggk-metrics-token-0123456789abcdef';
let hub: HubTestEnvironment;
let sim: GgkSimulator;
let ijwXsd: XsdValidators;
let volg = 0;

const ALFA = { organisatie: AGB.alfa, applicatie: 'Alfa Zorgsoftware' };
const BOSCH = { organisatie: '0796', applicatie: 'GGk' };

beforeAll(async () => {
  sim = await new GgkSimulator({ hubToken: TOKEN }).start();
  hub = await createHubTestEnvironment('ggk', {
    env: { GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: sim.url, GGK_TIMEOUT_MS: '400', METRICS_TOKEN: METRICS },
    worker: { pogingen: { attempts: 4, backoffMs: 50 } },
  });
  sim.hubUrl = `${hub.api.url}/ggk/OntvangAsynchroon`;
  ijwXsd = await XsdValidators.load(defaultXsdDir());
});

afterAll(async () => {
  await hub?.close();
  await sim?.stop();
  ijwXsd?.close();
});

const jw315 = (o: { bsn: string; referentie?: string }): string => jw315Xml({ bsn: o.bsn, identificatie: `G${++volg}`, referentie: o.referentie ?? `R${volg}` });

const di01 = (xml: string, o: { referentienummer?: string; tijdstipBericht?: string; functie?: string } = {}) =>
  sim.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: o.functie ?? 'JW315', xml, ...o });

/** The Fo03 code of a fault answer. */
const fo03Code = (xml: string) => /<StUF:code>([^<]+)<\/StUF:code>/.exec(xml)?.[1];
const crossRef = (xml: string) => /<StUF:crossRefnummer>([^<]*)<\/StUF:crossRefnummer>/.exec(xml)?.[1];
const berichten = async () => (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM bericht WHERE richting = 'in'`))[0].n;

const wachtOp = <T>(f: () => T | undefined, wat: string): Promise<T> => wachtTot(() => `${wat} (the GGk answered ${JSON.stringify(sim.pogingen.map((p) => p.http))})`, f);

/** The hub's envelope, checked here against the spec's XSDs (independently of the simulator), and its payload against the iJw XSD. */
async function controleerTegenSpec(o: SimOntvangen): Promise<void> {
  const lib = await libxml2();
  const dir = path.resolve(__dirname, '..', 'spec', 'ggk0210');
  const files: Record<string, Uint8Array> = {};
  for (const f of ['soap11-envelop.xsd', 'ggk0210/ggkberichten/ggk0210_msg_ggkberichten.xsd', 'ggk0210/ggkberichten/ggk0210_stuf0301_msg_ggkberichten.xsd', '0301/stuf0301.xsd']) {
    files[`ggk-test/${f}`] = readFileSync(path.join(dir, f));
  }
  lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(files));
  const schemaDoc = lib.XmlDocument.fromBuffer(files['ggk-test/soap11-envelop.xsd'], { url: 'ggk-test/soap11-envelop.xsd' });
  const v = lib.XsdValidator.fromDoc(schemaDoc);
  schemaDoc.dispose();
  const doc = lib.XmlDocument.fromString(o.xml);
  try {
    expect(() => v.validate(doc)).not.toThrow();
  } finally {
    doc.dispose();
    v.dispose();
  }
  expect(ijwXsd.validate(o.functie as 'JW316', o.payload ?? '')).toEqual([]);
}

it('serves the WSDL and refuses a caller without the Digikoppeling token', async () => {
  const w = await fetch(`${hub.api.url}/ggk/OntvangAsynchroon?wsdl`);
  expect(w.status).toBe(200);
  const wsdl = await w.text();
  expect(wsdl).toContain('soapAction="http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01"');
  expect(wsdl).toContain(`<soap:address location="${hub.api.url}/ggk/OntvangAsynchroon"/>`);
  // Everything it imports is served, transitively, so a client builds the port from ?wsdl alone.
  const gezien = new Set<string>();
  const open = [...wsdl.matchAll(/(?:schemaLocation|location)="([^"]+\.(?:xsd|wsdl))"/g)].map((m) => m[1]);
  while (open.length) {
    const url = open.pop()!;
    if (gezien.has(url)) continue;
    gezien.add(url);
    const r = await fetch(url);
    expect([url, r.status]).toEqual([url, 200]);
    open.push(...[...(await r.text()).matchAll(/(?:schemaLocation|location)="([^"]+\.(?:xsd|wsdl))"/g)].map((m) => m[1]));
  }
  expect([...gezien].map((u) => u.replace(`${hub.api.url}/ggk/spec/`, '')).sort()).toEqual([
    '0301/stuf0301.xsd',
    '0301/stuf0301_types.wsdl',
    'ggk0210/ggkberichten/ggk0210_msg_ggkberichten.xsd',
    'ggk0210/ggkberichten/ggk0210_stuf0301_msg_ggkberichten.xsd',
  ]);
  expect((await fetch(`${hub.api.url}/ggk/spec/..%2F..%2Fpackage.json`)).status).toBe(404);
  const r = await fetch(`${hub.api.url}/ggk/OntvangAsynchroon`, { method: 'POST', headers: { soapaction: 'x' }, body: di01(jw315({ bsn: testBsn(1) })).xml });
  expect(r.status).toBe(401);
});

it('a JW315 in a Di01 lands on the inbox; its JW316 leaves as a Du01 answering that Di01; a repeat stores nothing; other content is StUF016', async () => {
  const voor = await berichten();
  const e = di01(jw315({ bsn: testBsn(2) }));
  const [a] = await sim.lever('Di01', e.xml);
  expect(a.http).toBe(200);
  expect(a.xml).toContain('<StUF:berichtcode>Bv03</StUF:berichtcode>');
  expect(crossRef(a.xml)).toBe(e.referentienummer);
  expect(sim.geldig(a.xml)).toEqual([]);
  expect(await berichten()).toBe(voor + 1);
  const [rij] = await hub.rijen<{ bericht_id: string; functie: string }>(`SELECT bericht_id, functie FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
  expect(rij.functie).toBe('JW315');

  // The identical envelope again (a resend after a lost Bv03): the same answer, nothing stored.
  const [b] = await sim.lever('Di01', e.xml);
  expect(b).toEqual(a);
  expect(await berichten()).toBe(voor + 1);

  // The same number with other content.
  const [c] = await sim.lever('Di01', di01(jw315({ bsn: testBsn(3) }), { referentienummer: e.referentienummer }).xml);
  expect(c.http).toBe(500);
  expect(fo03Code(c.xml)).toBe('StUF016');
  expect(c.xml).toContain('<faultcode>soap:Client</faultcode>');
  expect(await berichten()).toBe(voor + 1);

  // The retour: processed by the worker, out through the GGk as a Du01.
  const du01 = await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === e.referentienummer), 'the Du01');
  expect(du01).toMatchObject({
    actie: 'Du01',
    functie: 'JW316',
    zender: { organisatie: '0796', applicatie: 'Jeugdzorghub' },
    ontvanger: { organisatie: AGB.alfa, applicatie: 'GGk' },
  });
  expect(du01.referentienummer).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(du01.tijdstipBericht).toMatch(/^[0-9]{17}$/);
  await controleerTegenSpec(du01);
  const [retour] = await hub.rijen<{ id: string }>(`SELECT r.id FROM bericht r WHERE r.heen_id = $1`, [rij.bericht_id]);
  await wachtOpBericht(hub.api.url, hub.tokens.alfa, retour.id, (s) => s.status === 'afgeleverd');
});

it('a provider that sends through the GGk and also directly: the retour of its direct message goes back the way that came, to its mailbox, not as a Du01', async () => {
  // Alfa is reached through the GGk since the previous test.
  expect(await hub.rijen(`SELECT 1 FROM keten_route WHERE aanbieder_agb = $1`, [AGB.alfa])).toHaveLength(1);
  const id = await stuurBericht(hub.api.url, hub.tokens.alfa, jw315({ bsn: testBsn(9) }));
  const s = await wachtOpBericht(hub.api.url, hub.tokens.alfa, id, (x) => x.status === 'verwerkt' && !!x.retour);
  const retour = await wachtTot(
    () => `the retour of ${id} in the mailbox`,
    async () => (await hub.rijen<{ status: string }>(`SELECT status FROM bericht WHERE id = $1 AND status IN ('beschikbaar', 'mislukt')`, [s.retour!.id]))[0],
  );
  expect(retour.status).toBe('beschikbaar');
  expect(await hub.rijen(`SELECT 1 FROM ggk_envelop WHERE bericht_id = $1`, [s.retour!.id])).toEqual([]);
  expect(await hub.rijen(`SELECT 1 FROM outbox WHERE bericht_id = $1 AND afgehandeld_op IS NULL`, [s.retour!.id])).toEqual([]);
});

it('refuses a tijdstipBericht that does not rise (StUF019), an invalid payload and an invalid envelope (StUF055), a functie that is not the payload (StUF037)', async () => {
  const voor = await berichten();
  const eerst = di01(jw315({ bsn: testBsn(4) }), { tijdstipBericht: '20991231235959000' });
  expect((await sim.lever('Di01', eerst.xml))[0].http).toBe(200);
  const laat = await sim.lever('Di01', di01(jw315({ bsn: testBsn(5) }), { tijdstipBericht: '20991231235959' }).xml);
  expect(fo03Code(laat[0].xml)).toBe('StUF019');

  const t = () => `2100${String(++volg).padStart(13, '0')}`;
  const ongeldig = jw315({ bsn: testBsn(6) }).replace('de Vries', 'x'.repeat(250));
  const p = await sim.lever('Di01', di01(ongeldig, { tijdstipBericht: t() }).xml);
  expect([p[0].http, fo03Code(p[0].xml)]).toEqual([500, 'StUF055']);
  const env = di01(jw315({ bsn: testBsn(7) }), { tijdstipBericht: t() }).xml.replace(/<StUF:referentienummer>[^<]+/, '<StUF:referentienummer>9C0F7B90-5C69-41E5-A837-0800200C9A66');
  const q = await sim.lever('Di01', env);
  expect(fo03Code(q[0].xml)).toBe('StUF055');
  const f = await sim.lever('Di01', di01(jw315({ bsn: testBsn(8) }), { tijdstipBericht: t(), functie: 'JW305' }).xml);
  expect(fo03Code(f[0].xml)).toBe('StUF037');
  expect(await berichten()).toBe(voor + 1);
  // The accepted one's retour has left before the next test injects faults.
  await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === eerst.referentienummer), 'its Du01');
});

it('an identical repeat that another api process stored while this one waited for the sending system gets that earlier Bv03, not StUF019', async () => {
  const zender = { organisatie: AGB.alfa, applicatie: 'Alfa Tweede Systeem' };
  // The sending system's row exists once it has sent an envelope.
  const eerst = sim.envelop({ actie: 'Di01', zender, ontvanger: BOSCH, functie: 'JW315', xml: jw315({ bsn: testBsn(31) }) });
  expect((await sim.lever('Di01', eerst.xml))[0].http).toBe(200);
  const voor = await berichten();
  const e = sim.envelop({ actie: 'Di01', zender, ontvanger: BOSCH, functie: 'JW315', xml: jw315({ bsn: testBsn(32) }) });
  const gelezen = (await GgkSchema.laad()).lees(Buffer.from(e.xml), 'Di01');
  if (!('env' in gelezen) || !gelezen.env) throw new Error('the envelope does not read');
  const sg = gelezen.env.stuurgegevens;
  // The other api process holds the sending system's row,
  const ander = new Client({ connectionString: hub.db.ownerUrl });
  await ander.connect();
  try {
    await ander.query('BEGIN');
    await ander.query(`SELECT 1 FROM ggk_tijdstip WHERE organisatie = $1 AND applicatie = $2 FOR UPDATE`, [zender.organisatie, zender.applicatie]);
    const antwoord = sim.lever('Di01', e.xml);
    // until this one's batch waits for it,
    await wachtTot('the batch waiting for the sending system', async () =>
      (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO ggk_tijdstip%'`))[0].n,
    );
    // and stores the same envelope with its Bv03 before it lets go.
    const eerder = bv03({ zender: { organisatie: BOSCH.organisatie, applicatie: 'Jeugdhub' }, ontvanger: zender, referentienummer: randomUUID(), tijdstipBericht: '20261206120000000', crossRefnummer: sg.referentienummer });
    await ander.query(
      `INSERT INTO ggk_envelop (richting, berichtcode, zender_organisatie, zender_applicatie, ontvanger_organisatie, referentienummer, tijdstip_bericht, functie, inhoud_hash, antwoord, status)
       VALUES ('in', 'Di01', $1, $2, $3, $4, $5, 'JW315', $6, $7, 'ontvangen')`,
      [zender.organisatie, zender.applicatie, BOSCH.organisatie, sg.referentienummer, sg.tijdstipBericht, gelezen.env.hash, eerder],
    );
    await ander.query(`UPDATE ggk_tijdstip SET laatste = $3 WHERE organisatie = $1 AND applicatie = $2`, [zender.organisatie, zender.applicatie, sg.tijdstipBericht.padEnd(17, '0')]);
    await ander.query('COMMIT');
    const [a] = await antwoord;
    expect([a.http, fo03Code(a.xml) ?? a.xml]).toEqual([200, eerder]);
    expect(await berichten()).toBe(voor);
  } finally {
    await ander.end();
  }
  // The first one's retour has left before the next test injects faults.
  await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === eerst.referentienummer), 'its Du01');
});

it('a 5xx of the GGk: the Du01 is resent unchanged; an asynchronous Fo01 marks it and shows in GraphQL', async () => {
  sim.storingen.http5xx = 1;
  sim.storingen.verbreek = 1;
  const e = di01(jw315({ bsn: testBsn(9) }), { tijdstipBericht: `2200${String(++volg).padStart(13, '0')}` });
  expect((await sim.lever('Di01', e.xml))[0].http).toBe(200);
  const du01 = await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === e.referentienummer), 'the Du01');
  const pogingen = sim.pogingen.filter((p) => p.xml.includes(e.referentienummer));
  expect(pogingen.map((p) => p.http)).toEqual(['verbroken', 503, 200]);
  // Byte for byte the same envelope each time: same referentienummer and tijdstipBericht.
  expect(new Set(pogingen.map((p) => p.xml)).size).toBe(1);
  expect(pogingen[0].xml).toBe(du01.xml);

  const [uit] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE richting = 'uit' AND referentienummer = $1`, [du01.referentienummer]);
  const fout = sim.fo01({ crossRefnummer: du01.referentienummer, ontvanger: du01.zender, code: 'IB210', omschrijving: 'Ontvangende organisatie onbekend' });
  const [a] = await sim.lever('Fo01', fout.xml);
  expect([a.http, crossRef(a.xml)]).toEqual([200, fout.referentienummer]);
  await wachtOpBericht(hub.api.url, hub.tokens.alfa, uit.bericht_id, (s) => s.status === 'mislukt');
  const g = await hub.api.gql<{ bericht: { status: string; keten: { richting: string; berichtcode: string; status: string; foutcode: string | null; foutomschrijving: string | null }[] } }>(
    hub.tokens.alfa,
    `query($id: ID!) { bericht(id: $id) { status keten { richting berichtcode status foutcode foutomschrijving } } }`,
    { id: uit.bericht_id },
  );
  expect(g.errors).toBeUndefined();
  expect(g.data?.bericht.keten).toEqual([
    { richting: 'uit', berichtcode: 'Du01', status: 'fout', foutcode: 'IB210', foutomschrijving: 'Ontvangende organisatie onbekend' },
    { richting: 'in', berichtcode: 'Fo01', status: 'ontvangen', foutcode: 'IB210', foutomschrijving: 'Ontvangende organisatie onbekend' },
  ]);
  // A Fo01 about an envelope the hub never sent.
  const [b] = await sim.lever('Fo01', sim.fo01({ crossRefnummer: '00000000-0000-4000-8000-000000000000', ontvanger: du01.zender, code: 'IB210', omschrijving: 'x' }).xml);
  expect(fo03Code(b.xml)).toBe('StUF043');
});

const ZONDER_STORING = () => Object.assign(sim.storingen, { http5xx: 0, verbreek: 0, verbreekNaOpslag: 0, fo03: undefined, vertragingMs: 0, fo01VoorBv03: undefined });
const tijd = () => `2300${String(++volg).padStart(13, '0')}`;

/** A retour of the hub leaving as a Du01 while the GGk sends a Fo01 about it before its own Bv03; the message's end state, once its delivery closed. */
async function du01MetFo01VoorBv03(bsn: number, fout: { code: string; omschrijving: string }) {
  ZONDER_STORING();
  sim.storingen.fo01VoorBv03 = fout;
  const e = di01(jw315({ bsn: testBsn(bsn) }), { tijdstipBericht: tijd() });
  expect((await sim.lever('Di01', e.xml))[0].http).toBe(200);
  const du01 = await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === e.referentienummer), 'the Du01');
  const [uit] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE richting = 'uit' AND referentienummer = $1`, [du01.referentienummer]);
  await wachtTot('its delivery closed', async () => {
    const [r] = await hub.rijen<{ open: number }>(`SELECT count(*)::int AS open FROM outbox WHERE bericht_id = $1 AND soort = 'bezorg' AND afgehandeld_op IS NULL`, [uit.bericht_id]);
    return r.open === 0;
  });
  const [stand] = await hub.rijen<{ bericht: string; envelop: string; foutcode: string | null }>(
    `SELECT b.status AS bericht, e.status AS envelop, e.foutcode FROM bericht b JOIN ggk_envelop e ON e.bericht_id = b.id AND e.richting = 'uit' WHERE b.id = $1`,
    [uit.bericht_id],
  );
  return { stand, pogingen: sim.pogingen.filter((p) => p.xml.includes(du01.referentienummer)), du01 };
}

it('a Fo01 that overtakes the Bv03 of its envelope is not overwritten by it: the message is a dead letter', async () => {
  const voor = sim.fo01Antwoorden.length;
  const { stand, pogingen } = await du01MetFo01VoorBv03(30, { code: 'IB210', omschrijving: 'Ontvangende organisatie onbekend' });
  expect(sim.fo01Antwoorden.slice(voor).map((a) => a.http)).toEqual([200]);
  expect(stand).toEqual({ bericht: 'mislukt', envelop: 'fout', foutcode: 'IB210' });
  expect(pogingen.map((p) => p.http)).toEqual([200]);
});

it('an IB103 Fo01 that overtakes the Bv03 sends the same envelope once more, and then it is delivered', async () => {
  const { stand, pogingen, du01 } = await du01MetFo01VoorBv03(31, { code: 'IB103', omschrijving: 'Berichttype bevroren' });
  expect(stand).toEqual({ bericht: 'afgeleverd', envelop: 'verzonden', foutcode: 'IB103' });
  expect(pogingen.map((p) => p.http)).toEqual([200, 200]);
  expect(new Set(pogingen.map((p) => p.xml))).toEqual(new Set([du01.xml]));
});

it('the GGk leg of a conversation: JW315 in, allocated in GraphQL, JW301 out as a Di01, the JW302 back in a Du01 answering it', async () => {
  ZONDER_STORING();
  const e = di01(jw315({ bsn: testBsn(20), referentie: 'GGK-1' }), { tijdstipBericht: tijd() });
  expect((await sim.lever('Di01', e.xml))[0].http).toBe(200);
  await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === e.referentienummer), 'the JW316');
  const L = `query { verzoeken(filter: { status: open }, first: 50) { edges { node { id referentieAanbieder } } } }`;
  const v = knopen((await hub.api.gql<{ verzoeken: Conn<{ id: string; referentieAanbieder: string }> }>(hub.tokens.bosch, L)).data!.verzoeken).find((x) => x.referentieAanbieder === 'GGK-1')!;
  const M = `mutation($input: WijsVerzoekToeInput!) { wijsVerzoekToe(input: $input) { bericht { id type } } }`;
  const r = await hub.api.gql<{ wijsVerzoekToe: { bericht: { id: string } } }>(hub.tokens.bosch, M, { input: { verzoekId: v.id, adres: { postcode: '5211AB', huisnummer: 7 } } });
  expect(r.errors).toBeUndefined();
  const heen = await wachtOp(() => sim.ontvangen.find((o) => o.actie === 'Di01' && o.functie === 'JW301' && o.payload?.includes('GGK-1')), 'the JW301');
  expect(heen).toMatchObject({ crossRefnummer: null, zender: { organisatie: '0796' }, ontvanger: { organisatie: AGB.alfa, applicatie: 'GGk' } });
  await controleerTegenSpec(heen);

  // The provider's JW302 on it, as the GGk delivers it: a Du01 whose crossRefnummer is the hub's Di01.
  const jw301 = (await parseMessage(Buffer.from(heen.payload!))).message;
  const jw302 = writeMessage(bouwRetour(jw301, { header: [], klassen: new Map() }, `P${++volg}`, vandaag()));
  const du = (cross: string) => sim.envelop({ actie: 'Du01', zender: ALFA, ontvanger: BOSCH, functie: 'JW302', xml: jw302, crossRefnummer: cross, tijdstipBericht: tijd() });
  const onbekend = await sim.lever('Du01', du('00000000-0000-4000-8000-000000000000').xml);
  expect(fo03Code(onbekend[0].xml)).toBe('StUF043');
  const [a] = await sim.lever('Du01', du(heen.referentienummer).xml);
  expect(a.http).toBe(200);
  await wachtOpBericht(hub.api.url, hub.tokens.bosch, r.data!.wijsVerzoekToe.bericht.id, (s) => s.retour?.type === 'JW302');
  const [gekoppeld] = await hub.rijen<{ type: string }>(`SELECT r.type FROM bericht h JOIN bericht r ON r.id = h.retour_id WHERE h.id = $1`, [ruweId(r.data!.wijsVerzoekToe.bericht.id)]);
  expect(gekoppeld.type).toBe('JW302');
});

it('a duplicate delivery at the same moment is stored once; a Bv03 lost after storing is answered again on the resend', async () => {
  ZONDER_STORING();
  const voor = await berichten();
  const e = di01(jw315({ bsn: testBsn(21) }), { tijdstipBericht: tijd() });
  const [a, b] = await Promise.all([sim.lever('Di01', e.xml), sim.lever('Di01', e.xml)]);
  expect(a[0].http).toBe(200);
  expect(b[0]).toEqual(a[0]);
  expect(await berichten()).toBe(voor + 1);
  await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === e.referentienummer), 'its Du01');

  // The GGk stores the hub's Du01 but the connection drops before its Bv03: the hub resends, unchanged, and gets the Bv03.
  sim.storingen.verbreekNaOpslag = 1;
  const f = di01(jw315({ bsn: testBsn(22) }), { tijdstipBericht: tijd() });
  expect((await sim.lever('Di01', f.xml))[0].http).toBe(200);
  const du01 = await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === f.referentienummer), 'its Du01');
  const [heen] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [f.referentienummer]);
  const [retour] = await hub.rijen<{ id: string }>(`SELECT id FROM bericht WHERE heen_id = $1`, [heen.bericht_id]);
  await wachtOpBericht(hub.api.url, hub.tokens.alfa, retour.id, (s) => s.status === 'afgeleverd');
  const pogingen = sim.pogingen.filter((p) => p.xml.includes(du01.referentienummer));
  expect(pogingen.map((p) => p.http)).toEqual([200, 200]);
  expect(pogingen[1].xml).toBe(pogingen[0].xml);
  expect(sim.ontvangen.filter((o) => o.referentienummer === du01.referentienummer)).toHaveLength(1);
});

it('a Fo03 of the hub\'s own making: the message is a dead letter; redriven, it leaves as a new envelope', async () => {
  ZONDER_STORING();
  sim.storingen.fo03 = { code: 'IB234', plek: 'client', omschrijving: 'Functie niet toegestaan' };
  const e = di01(jw315({ bsn: testBsn(23) }), { tijdstipBericht: tijd() });
  expect((await sim.lever('Di01', e.xml))[0].http).toBe(200);
  const [heen] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
  const id = (await wachtOpBericht(hub.api.url, hub.tokens.alfa, heen.bericht_id, (s) => s.retour !== null)).retour!.id;
  await wachtOpBericht(hub.api.url, hub.tokens.alfa, id, (s) => s.status === 'mislukt');
  const [fout] = await hub.rijen<{ referentienummer: string; status: string; foutcode: string }>(`SELECT referentienummer, status, foutcode FROM ggk_envelop WHERE richting = 'uit' AND bericht_id = $1`, [id]);
  expect(fout).toMatchObject({ status: 'fout', foutcode: 'IB234' });
  const h = await hub.api.gql<{ herbezorg: { status: string } }>(hub.tokens.beheerder, `mutation($id: ID!) { herbezorg(id: $id) { status } }`, { id });
  expect(h.errors).toBeUndefined();
  await wachtOpBericht(hub.api.url, hub.tokens.alfa, id, (s) => s.status === 'afgeleverd');
  const rijen = await hub.rijen<{ referentienummer: string; status: string }>(`SELECT referentienummer, status FROM ggk_envelop WHERE richting = 'uit' AND bericht_id = $1 ORDER BY id`, [id]);
  expect(rijen.map((x) => x.status)).toEqual(['vervangen', 'verzonden']);
  expect(rijen[1].referentienummer).not.toBe(fout.referentienummer);
});

it('refuses an envelope above 25 MB (IB007) before reading it through', async () => {
  const groot = di01(jw315({ bsn: testBsn(24) }), { tijdstipBericht: tijd() }).xml.replace('<GGK:parameters>', `<!--${'x'.repeat(25 * 1024 * 1024)}--><GGK:parameters>`);
  const [a] = await sim.lever('Di01', groot);
  expect([a.http, fo03Code(a.xml)]).toEqual([500, 'IB007']);
});

it('a GGk too slow to answer: the attempt times out and the same envelope goes again; a Fo01 IB103 (type frozen) sends it again unchanged', async () => {
  ZONDER_STORING();
  // The simulator stores the Du01 but answers after the hub gave up: the resend is a repeat, answered with the same Bv03.
  sim.storingen.vertragingMs = 600;
  const e = di01(jw315({ bsn: testBsn(25) }), { tijdstipBericht: tijd() });
  const [a] = await sim.lever('Di01', e.xml);
  expect(a.http).toBe(200);
  const [heen] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
  const id = (await wachtOpBericht(hub.api.url, hub.tokens.alfa, heen.bericht_id, (s) => s.retour !== null)).retour!.id;
  await wachtOp(() => sim.ontvangen.find((o) => o.crossRefnummer === e.referentienummer), 'its Du01');
  sim.storingen.vertragingMs = 0;
  await wachtOpBericht(hub.api.url, hub.tokens.alfa, id, (s) => s.status === 'afgeleverd');
  const du01 = sim.ontvangen.find((o) => o.crossRefnummer === e.referentienummer)!;
  const pogingen = sim.pogingen.filter((p) => p.xml.includes(du01.referentienummer));
  expect(pogingen.length).toBeGreaterThanOrEqual(2);
  expect(new Set(pogingen.map((p) => p.xml)).size).toBe(1);

  // IB103: the chain wants it again later, unchanged.
  const [b] = await sim.lever('Fo01', sim.fo01({ crossRefnummer: du01.referentienummer, ontvanger: du01.zender, code: 'IB103', omschrijving: 'Berichttype bevroren' }).xml);
  expect(b.http).toBe(200);
  await wachtOp(() => (sim.pogingen.filter((p) => p.xml.includes(du01.referentienummer)).length > pogingen.length ? true : undefined), 'the resend');
  await wachtOpBericht(hub.api.url, hub.tokens.alfa, id, (s) => s.status === 'afgeleverd');
  const na = sim.pogingen.filter((p) => p.xml.includes(du01.referentienummer));
  expect(new Set(na.map((p) => p.xml)).size).toBe(1);
  const [rij] = await hub.rijen<{ status: string; foutcode: string }>(`SELECT status, foutcode FROM ggk_envelop WHERE richting = 'uit' AND referentienummer = $1`, [du01.referentienummer]);
  expect(rij).toEqual({ status: 'verzonden', foutcode: 'IB103' });
});

it('envelopes of one sender that arrive while its previous batch is written share one batch, judged in the order of their tijdstipBericht', async () => {
  ZONDER_STORING();
  const zender = { organisatie: AGB.alfa, applicatie: 'Alfa Batch' };
  const env = (t: string, xml = jw315({ bsn: testBsn(30 + ++volg) })) => sim.envelop({ actie: 'Di01', zender, ontvanger: BOSCH, functie: 'JW315', xml, tijdstipBericht: t });
  const T = (n: number) => `24${String(n).padStart(15, '0')}`;
  // The sender's tijdstip row, locked by another transaction: the first envelope's batch waits on it.
  await hub.rijen(`INSERT INTO ggk_tijdstip (organisatie, applicatie, laatste) VALUES ($1, $2, $3)`, [zender.organisatie, zender.applicatie, T(0)]);
  const slot = new Client({ connectionString: hub.db.ownerUrl });
  await slot.connect();
  try {
    await slot.query('BEGIN');
    await slot.query(`SELECT 1 FROM ggk_tijdstip WHERE organisatie = $1 AND applicatie = $2 FOR UPDATE`, [zender.organisatie, zender.applicatie]);
    const eerste = env(T(10));
    const eersteAntwoord = sim.lever('Di01', eerste.xml);
    await wachtTot('the first batch waiting for the lock', async () =>
      (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO ggk_tijdstip%'`))[0].n > 0 || undefined,
    );
    // Meanwhile, at once and out of order: T(40), T(20), T(30), another envelope at T(20), one below the first's T(10), and T(30)'s envelope again.
    const e40 = env(T(40));
    const e20 = env(T(20));
    const e30 = env(T(30));
    const ook20 = env(T(20));
    const laag = env(T(5));
    const rest = [e40, e20, e30, ook20, laag, e30].map((e) => sim.lever('Di01', e.xml));
    // All six checked and waiting for the next batch.
    await wachtTot('six envelopes waiting for their batch', async () => {
      const r = await fetch(`${hub.api.url}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } });
      return /^hub_ggk_envelopes_waiting(?:\{[^}]*\})? 6$/m.test(await r.text()) || undefined;
    });
    await slot.query('ROLLBACK');
    const antwoorden = (await Promise.all([eersteAntwoord, ...rest])).map(([a]) => a);
    const [a10, a40, a20, a30, aOok20, aLaag, a30weer] = antwoorden;
    expect([a10, a40, a30].map((a) => [a.http, crossRef(a.xml)])).toEqual([
      [200, eerste.referentienummer],
      [200, e40.referentienummer],
      [200, e30.referentienummer],
    ]);
    // The same envelope twice in one batch: stored once, the same Bv03 twice.
    expect(a30weer).toEqual(a30);
    // Two envelopes with the same tijdstipBericht: the first to arrive is taken, the other is StUF019.
    expect([a20, aOok20].map((a) => (a.http === 200 ? 'Bv03' : fo03Code(a.xml))).sort()).toEqual(['Bv03', 'StUF019']);
    // Below an envelope taken before: StUF019.
    expect(fo03Code(aLaag.xml)).toBe('StUF019');
    const twintig = a20.http === 200 ? e20 : ook20;
    // On the inbox in the sender's order, whatever the order of arrival; the Bv03s' own tijdstipBericht rise in that order too.
    const rijen = await hub.rijen<{ referentienummer: string }>(
      `SELECT e.referentienummer FROM ggk_envelop e JOIN bericht b ON b.id = e.bericht_id WHERE e.zender_applicatie = $1 ORDER BY b.volgnummer`,
      [zender.applicatie],
    );
    expect(rijen.map((r) => r.referentienummer)).toEqual([eerste, twintig, e30, e40].map((e) => e.referentienummer));
    const tijdstip = (xml: string) => /<StUF:tijdstipBericht>([0-9]+)</.exec(xml)![1];
    const bv03s = [a10, a20.http === 200 ? a20 : aOok20, a30, a40].map((a) => tijdstip(a.xml));
    expect([...bv03s].sort()).toEqual(bv03s);
    expect(new Set(bv03s).size).toBe(4);
    for (const a of antwoorden) expect(sim.geldig(a.xml)).toEqual([]);
    const [laatste] = await hub.rijen<{ laatste: string }>(`SELECT laatste FROM ggk_tijdstip WHERE organisatie = $1 AND applicatie = $2`, [zender.organisatie, zender.applicatie]);
    expect(laatste.laatste).toBe(T(40));
  } finally {
    await slot.query('ROLLBACK').catch(() => undefined);
    await slot.end();
  }
});
