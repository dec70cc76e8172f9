import { createHash } from 'node:crypto';
import { defaultXsdDir } from '../src/messaging/ijw/xsd-validator';
import { haalOp, startVecozo, verstuurOpen, volgStatussen } from '../src/vecozo/vecozo.uitwisseling';
import { VspClient } from '../src/vecozo/vsp.client';
import { leesMultipart, VspSpecificaties } from '../sim/vecozo/openapi';
import { startVecozoSimulator, type VecozoSimulator } from '../sim/vecozo/simulator';
import { knopen, ruweId, type Conn } from './helpers/api';
import { jw305Xml, testBsn, zaakJw301 } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { AGB } from './fixtures/regions';
import { wachtTot } from './helpers/wacht';

/**
 * The VECOZO adapter of the provider portal against the VECOZO simulator (sim/vecozo): a portal
 * provider writes its messages in GraphQL, the worker's steps push them (one traceerId per
 * message, over every retry), pull what VECOZO holds for the hub (committed before DELETE,
 * stored once per traceerId) and follow the pushed messages' status. Every request the adapter
 * sends is checked here against VECOZO's OpenAPI documents too, not only by the simulator.
 */
let hub: HubTestEnvironment;
let sim: VecozoSimulator;
let client: VspClient;
const specs = new VspSpecificaties();
const vandaag = pinKlok();

beforeAll(async () => {
  hub = await createHubTestEnvironment('vecozo', { env: { IJW_XSD_DIR: defaultXsdDir() } });
  sim = await startVecozoSimulator();
  // Short: the timeout fault must not make the test slow.
  client = new VspClient({ url: sim.url, timeoutMs: 1500 });
});

afterAll(async () => {
  await sim?.stop();
  await hub?.close();
});

afterEach(() => {
  // The simulator answered only what its documents allow.
  expect(sim.afwijkingen).toEqual([]);
});

const STEL_OP = `mutation($input: VecozoBerichtInput!) { stelVecozoBerichtOp(input: $input) { id type status traceerId conversatieId gemeenteCode regioCode identificatie } }`;
interface Opgesteld {
  id: string;
  type: string;
  status: string;
  traceerId: string;
  conversatieId: string;
  gemeenteCode: string;
  regioCode: string | null;
  identificatie: string;
}
const stelOp = async (token: string, input: Record<string, unknown>): Promise<Opgesteld> => {
  const r = await hub.api.gql<{ stelVecozoBerichtOp: Opgesteld }>(token, STEL_OP, { input });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.stelVecozoBerichtOp;
};
const fout = async (token: string, input: Record<string, unknown>) => {
  const r = await hub.api.gql(token, STEL_OP, { input });
  return { code: r.errors?.[0]?.extensions?.code as string | undefined, extensions: r.errors?.[0]?.extensions };
};

let volg = 0;
const jw315 = (o: { identificatie?: string } = {}) => ({
  soort: 'JW315',
  jw315: {
    gemeente: '0796',
    identificatie: o.identificatie ?? `VZ${++volg}`,
    bsn: testBsn(700 + volg),
    geboortedatum: '2015-03-01',
    geslacht: '2',
    achternaam: 'Smit',
    producten: [{ referentieAanbieder: `REF${volg}`, categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', verwijzerType: '02', verwijzerNaam: 'Huisarts' }],
  },
});

/** The push requests the simulator received for a traceerId, each checked against the push document. */
function pushesVan(traceerId: string): number {
  let n = 0;
  for (const v of sim.verzoeken.filter((x) => x.api === 'push')) {
    expect(specs.verzoek('push', { method: v.method, pad: v.pad, contentType: v.contentType, body: v.body })).toEqual([]);
    const delen = leesMultipart(v.contentType ?? '', v.body);
    const meta = JSON.parse(delen.berichtMetadata.inhoud.toString('utf8')) as { referentiegegevens: { traceerId: string } };
    if (meta.referentiegegevens.traceerId === traceerId) n++;
  }
  return n;
}

const rij = async (id: string) =>
  (await hub.rijen<{ status: string; pogingen: number; vecozo_status: string | null; laatste_fout: string | null }>(`SELECT status, pogingen, vecozo_status, laatste_fout FROM vecozo_bericht WHERE id = $1`, [id]))[0];

describe('the portal switch', () => {
  it('a portal provider is off until the provider or its region switches it on; another provider cannot', async () => {
    expect((await fout(hub.tokens.alfa, jw315())).code).toBe('VECOZO_PORTAAL_UIT');
    const zet = `mutation($agb: String!, $aan: Boolean!) { zetVecozoPortaal(aanbiederAgb: $agb, aan: $aan) { aanbiederAgb actief } }`;
    const beta = await hub.api.gql(hub.tokens.beta, zet, { agb: AGB.alfa, aan: true });
    expect(beta.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const regio = await hub.api.gql<{ zetVecozoPortaal: { actief: boolean } }>(hub.tokens.regio, zet, { agb: AGB.beta, aan: true });
    expect(regio.data?.zetVecozoPortaal.actief).toBe(true);
    const alfa = await hub.api.gql<{ zetVecozoPortaal: { aanbiederAgb: string; actief: boolean } }>(hub.tokens.alfa, zet, { agb: AGB.alfa, aan: true });
    expect(alfa.data?.zetVecozoPortaal).toEqual({ aanbiederAgb: AGB.alfa, actief: true });
  });
});

describe('push', () => {
  it('a provider composes a JW315 in GraphQL; it is pushed once with its traceerId, valid by the push document; its status is followed and shown', async () => {
    const b = await stelOp(hub.tokens.alfa, jw315());
    expect(b).toMatchObject({ type: 'JW315', status: 'te_versturen', gemeenteCode: '0796', regioCode: 'NOB' });
    expect(await verstuurOpen(hub.ds, hub.sleutels, client)).toEqual({ aangenomen: 1, geweigerd: 0, opnieuw: 0 });
    expect(pushesVan(b.traceerId)).toBe(1);
    const bij = sim.ontvangen.get(b.traceerId)!;
    expect(bij.metadata.routeringgegevens).toEqual({
      afzender: { rol: 'Zorgaanbieder', code: AGB.alfa },
      geadresseerden: [{ rol: 'Gemeente', code: '0796' }],
      berichtstroom: { berichttype: 'JW315', berichtversie: 3, berichtsubversie: 2, actie: 'Verzenden' },
    });
    expect(bij.metadata.referentiegegevens).toEqual({ conversatieId: b.conversatieId, traceerId: b.traceerId });
    // The bytes pushed are the message stored, and it is the JW315 composed.
    const xml = bij.payload.toString('utf8');
    expect(xml).toContain('<ReferentieAanbieder>');
    expect(xml).toContain(`<Afzender>${AGB.alfa}</Afzender>`);

    const lees = async () => {
      const r = await hub.api.gql<{ vecozoBerichten: Conn<{ id: string; status: string; vecozoStatus: string | null; meldingen: { code: string; omschrijving: string }[] }> }>(
        hub.tokens.alfa,
        `{ vecozoBerichten(filter: { richting: "uit" }) { edges { node { id status vecozoStatus meldingen { code omschrijving } } } } }`,
      );
      return knopen(r.data!.vecozoBerichten).find((n) => ruweId(n.id) === ruweId(b.id))!;
    };
    expect(await lees()).toMatchObject({ status: 'verstuurd', vecozoStatus: null });
    expect(await volgStatussen(hub.ds, client)).toBe(1);
    expect(await lees()).toMatchObject({ vecozoStatus: 'Ontvangen' });
    sim.zetStatus(b.traceerId, 'AanbiedenMislukt', [{ code: 'VZ001', omschrijving: 'Ontvanger niet bereikbaar' }]);
    expect(await volgStatussen(hub.ds, client)).toBe(1);
    expect(await lees()).toMatchObject({ vecozoStatus: 'AanbiedenMislukt', meldingen: [{ code: 'VZ001', omschrijving: 'Ontvanger niet bereikbaar' }] });
    sim.zetStatus(b.traceerId, 'Bezorgd');
    expect(await volgStatussen(hub.ds, client)).toBe(1);
    expect(await lees()).toMatchObject({ vecozoStatus: 'Bezorgd', meldingen: [] });
    // Final: no longer asked.
    const gevraagd = sim.verzoeken.filter((v) => v.api === 'status').length;
    expect(await volgStatussen(hub.ds, client)).toBe(0);
    expect(sim.verzoeken.filter((v) => v.api === 'status')).toHaveLength(gevraagd);
    for (const v of sim.verzoeken.filter((x) => x.api === 'status')) expect(specs.verzoek('status', { method: v.method, pad: v.pad })).toEqual([]);
    // Composing it was audited, the client by the keyed hash of its BSN.
    const audit = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'bericht.vecozo.opgesteld' AND entiteit_id = $1 AND client_hash IS NOT NULL`, [ruweId(b.id)]);
    expect(audit[0].n).toBe(1);
  });

  it('an uploaded message is read and validated against the iJw XSD: another sender, a broken one and the wrong type are refused', async () => {
    const goed = jw305Xml({ identificatie: 'VZU1', bsn: testBsn(801), dagtekening: vandaag });
    const b = await stelOp(hub.tokens.alfa, { soort: 'JW305', xml: goed });
    expect(b).toMatchObject({ type: 'JW305', identificatie: 'VZU1' });
    expect((await fout(hub.tokens.alfa, { soort: 'JW305', xml: goed })).code).toBe('VECOZO_DUBBELE_IDENTIFICATIE');
    expect((await fout(hub.tokens.beta, { soort: 'JW305', xml: jw305Xml({ identificatie: 'VZU2', bsn: testBsn(802) }) })).code).toBe('VECOZO_ONGELDIG_BERICHT');
    expect((await fout(hub.tokens.alfa, { soort: 'JW307', xml: jw305Xml({ identificatie: 'VZU3', bsn: testBsn(803) }) })).code).toBe('VECOZO_ONGELDIG_BERICHT');
    const kapot = await fout(hub.tokens.alfa, { soort: 'JW305', xml: goed.replace('<Geslacht>', '<Onbekend>x</Onbekend><Geslacht>') });
    expect(kapot.code).toBe('VECOZO_ONGELDIG_BERICHT');
    expect((kapot.extensions?.fouten as string[]).length).toBeGreaterThan(0);
    expect((await fout(hub.tokens.alfa, { soort: 'JW305' })).code).toBe('BAD_USER_INPUT');
    // Pushed in the next round (the JW305 stored above).
    expect((await verstuurOpen(hub.ds, hub.sleutels, client)).aangenomen).toBe(1);
  });

  it('a JW305 and a JW307 composed field by field; a JW307 without its end date is refused, naming it', async () => {
    const zorg = (identificatie: string, product: Record<string, unknown>) => ({
      gemeente: '0796', identificatie, bsn: testBsn(821), geboortedatum: '2015-03-01', geslacht: '1', achternaam: 'Smit',
      producten: [{ categorie: '45', code: '45A04', begindatum: '2026-12-01', ...product }],
    });
    const start = await stelOp(hub.tokens.alfa, { soort: 'JW305', zorg: zorg('VZS1', { toewijzingNummer: 7 }) });
    const stop = await stelOp(hub.tokens.alfa, { soort: 'JW307', zorg: zorg('VZE1', { toewijzingNummer: 7, einddatum: '2026-12-20', redenBeeindiging: '02' }) });
    expect([start.type, stop.type]).toEqual(['JW305', 'JW307']);
    const zonder = await fout(hub.tokens.alfa, { soort: 'JW307', zorg: zorg('VZE2', { toewijzingNummer: 7 }) });
    expect(zonder.code).toBe('VECOZO_ONGELDIG_BERICHT');
    expect(JSON.stringify(zonder.extensions?.fouten)).toMatch(/RedenBeeindiging|Einddatum/);
    expect((await fout(hub.tokens.alfa, { soort: 'JW315', zorg: zorg('VZE3', {}) })).code).toBe('BAD_USER_INPUT');
    expect((await verstuurOpen(hub.ds, hub.sleutels, client)).aangenomen).toBe(2);
    expect(sim.ontvangen.get(stop.traceerId)?.payload.toString('utf8')).toContain('<RedenBeeindiging>02</RedenBeeindiging>');
  });

  it('a JW323 composed field by field (the pre-flight’s fields) is pushed as a JW323', async () => {
    const b = await stelOp(hub.tokens.alfa, {
      soort: 'JW323',
      jw323: {
        identificatie: 'VZD1',
        gemeenteCode: '0796',
        declaratieNummer: 'VZD1',
        periode: '2026-10',
        prestaties: [
          { bsn: testBsn(811), referentieNummer: 'VZR1', toewijzingNummer: 1, productCategorie: '45', productCode: '45A04', begindatum: '2026-10-01', einddatum: '2026-10-31', geleverdVolume: 60, eenheid: '04', productTariefCenten: 9550, ingediendBedragCenten: 9550 },
        ],
      },
    });
    expect(b).toMatchObject({ type: 'JW323', identificatie: 'VZD1', gemeenteCode: '0796' });
    expect((await fout(hub.tokens.alfa, { soort: 'JW315', jw323: { identificatie: 'x', gemeenteCode: '0796', declaratieNummer: 'x', periode: '2026-10', prestaties: [] } })).code).toBe('BAD_USER_INPUT');
    expect((await verstuurOpen(hub.ds, hub.sleutels, client)).aangenomen).toBe(1);
    expect(sim.ontvangen.get(b.traceerId)?.metadata.routeringgegevens.berichtstroom.berichttype).toBe('JW323');
    expect(pushesVan(b.traceerId)).toBe(1);
  });

  it('422: refused, VECOZO’s problem shown on the message, never sent again', async () => {
    const b = await stelOp(hub.tokens.alfa, jw315());
    sim.storing('push', { soort: '422', fouten: { payload: ['Berichtcode onbekend'] } });
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 1, opnieuw: 0 });
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 0 });
    expect(pushesVan(b.traceerId)).toBe(1);
    expect(sim.ontvangen.has(b.traceerId)).toBe(false);
    const r = await hub.api.gql<{ node: { status: string; probleem: { status: number; fouten: { veld: string; meldingen: string[] }[] } } }>(
      hub.tokens.alfa,
      `query($id: ID!) { node(id: $id) { ... on VecozoBericht { status probleem { status fouten { veld meldingen } } } } }`,
      { id: b.id },
    );
    expect(r.data?.node).toEqual({ status: 'geweigerd', probleem: { status: 422, fouten: [{ veld: 'payload', meldingen: ['Berichtcode onbekend'] }] } });
  });

  it.each([
    ['a 503', { soort: '5xx', status: 503 } as const],
    ['no answer (timeout)', { soort: 'timeout' } as const],
    ['a dropped connection after VECOZO stored it', { soort: 'verbreek' } as const],
  ])('%s: sent again with the same traceerId; one message at VECOZO', async (_naam, storing) => {
    const b = await stelOp(hub.tokens.alfa, jw315());
    sim.storing('push', storing);
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 1 });
    expect(await rij(ruweId(b.id))).toMatchObject({ status: 'te_versturen', pogingen: 1 });
    expect((await rij(ruweId(b.id))).laatste_fout).toBeTruthy();
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 1, geweigerd: 0, opnieuw: 0 });
    expect(await rij(ruweId(b.id))).toMatchObject({ status: 'verstuurd', pogingen: 2, laatste_fout: null });
    // Both attempts carried the one traceerId; VECOZO holds one message.
    const pogingen = sim.verzoeken.filter((v) => v.api === 'push' && v.body.includes(b.traceerId));
    expect(pogingen).toHaveLength(2);
    expect(pushesVan(b.traceerId)).toBe(2);
    expect([...sim.ontvangen.keys()].filter((t) => t === b.traceerId)).toHaveLength(1);
  });

  it('a worker killed mid-push (its claim held) leaves the message to the next once the claim runs out: same traceerId', async () => {
    const b = await stelOp(hub.tokens.alfa, jw315());
    // As a worker that claimed it and died before it could record anything.
    await hub.rijen(`UPDATE vecozo_bericht SET bezig_tot = now() + interval '1 hour', pogingen = 1 WHERE id = $1`, [ruweId(b.id)]);
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 0 });
    await hub.rijen(`UPDATE vecozo_bericht SET bezig_tot = now() - interval '1 second' WHERE id = $1`, [ruweId(b.id)]);
    expect(await verstuurOpen(hub.ds, hub.sleutels, client, { backoffMs: 0 })).toEqual({ aangenomen: 1, geweigerd: 0, opnieuw: 0 });
    expect(pushesVan(b.traceerId)).toBe(1);
  });
});

describe('pull', () => {
  const jw301 = (i: number) => zaakJw301({ bsn: testBsn(900 + i), nummer: 8000 + i, identificatie: `VZP${i}`, dagtekening: vandaag });
  const binnen = (tid: string) => hub.rijen<{ n: number; type: string | null; aanbieder_agb: string }>(`SELECT count(*)::int AS n, max(type) AS type, max(aanbieder_agb) AS aanbieder_agb FROM vecozo_bericht WHERE traceer_id = $1`, [tid]);
  const pullVerzoeken = () => sim.verzoeken.filter((v) => v.api === 'pull');

  it('a JW301 VECOZO holds for the provider is fetched, checked, committed and only then confirmed; the provider reads it', async () => {
    const xml = jw301(1);
    const tid = sim.lever({ payload: xml });
    const voor = pullVerzoeken().length;
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1, al_opgeslagen: 0, rondes: 2 });
    expect(await binnen(tid)).toEqual([{ n: 1, type: 'JW301', aanbieder_agb: AGB.alfa }]);
    expect(sim.wachtend()).toEqual([]);
    const gedaan = pullVerzoeken().slice(voor);
    expect(gedaan.map((v) => `${v.method} ${v.pad}`)).toEqual(['GET /berichten?limit=250', `GET /berichten/${tid}/payload`, `DELETE /berichten/${tid}`, 'GET /berichten?limit=250']);
    for (const v of gedaan) expect(specs.verzoek('pull', { method: v.method, pad: v.pad, contentType: v.contentType, body: v.body })).toEqual([]);
    const r = await hub.api.gql<{ vecozoBerichten: Conn<{ type: string; traceerId: string; sha256: string; xml: string; status: string }> }>(
      hub.tokens.alfa,
      `{ vecozoBerichten(filter: { richting: "in" }) { edges { node { type traceerId sha256 status xml } } } }`,
    );
    const n = knopen(r.data!.vecozoBerichten).find((x) => x.traceerId === tid)!;
    expect(n).toEqual({ type: 'JW301', traceerId: tid, status: 'ontvangen', sha256: createHash('sha256').update(xml).digest('hex'), xml });
    // Not another provider's to see.
    const beta = await hub.api.gql<{ vecozoBerichten: Conn<{ traceerId: string }> }>(hub.tokens.beta, `{ vecozoBerichten { edges { node { traceerId } } } }`);
    expect(knopen(beta.data!.vecozoBerichten)).toEqual([]);
  });

  it.each([
    ['a 5xx on the DELETE', { soort: '5xx' } as const, 1],
    ['a connection dropped after VECOZO confirmed', { soort: 'verbreek' } as const, 0],
  ])('killed between commit and DELETE (%s): the next pull stores nothing twice and confirms it', async (_naam, storing, nogTeBevestigen) => {
    const tid = sim.lever({ payload: jw301(10 + nogTeBevestigen) });
    sim.storing('delete', storing);
    // A 5xx fails this message only (the pull goes on); no answer ends the pull.
    if (storing.soort === '5xx') expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ mislukt: 1 });
    else await expect(haalOp(hub.ds, hub.sleutels, client)).rejects.toThrow();
    expect((await binnen(tid))[0].n).toBe(1);
    expect(sim.wachtend()).toHaveLength(nogTeBevestigen);
    const tweede = await haalOp(hub.ds, hub.sleutels, client);
    expect(tweede).toMatchObject({ opgeslagen: 0, al_opgeslagen: nogTeBevestigen });
    expect((await binnen(tid))[0].n).toBe(1);
    expect(sim.wachtend()).toEqual([]);
  });

  it('a payload that does not match its listed SHA256 is neither stored nor confirmed; the next pull takes it in', async () => {
    const tid = sim.lever({ payload: jw301(25) });
    sim.storing('payload', { soort: 'verminkt' });
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 0, afwijkend: 1, rondes: 1 });
    expect((await binnen(tid))[0].n).toBe(0);
    expect(sim.wachtend()).toEqual([tid]);
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1, afwijkend: 0 });
    expect((await binnen(tid))[0].n).toBe(1);
    expect(sim.wachtend()).toEqual([]);
  });

  it('a duplicate delivery (VECOZO lists a confirmed message again) is confirmed, not stored twice', async () => {
    const tid = sim.lever({ payload: jw301(20) });
    sim.storing('delete', { soort: 'dubbel' });
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 1, al_opgeslagen: 1 });
    expect((await binnen(tid))[0].n).toBe(1);
    expect(sim.wachtend()).toEqual([]);
  });

  it('251 waiting messages: two pulls of the oldest (250, then 1), each confirmed', async () => {
    const tids = Array.from({ length: 251 }, (_, i) => sim.lever({ payload: jw301(100 + i) }));
    const voor = pullVerzoeken().length;
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 251, rondes: 3 });
    const lijsten = pullVerzoeken().slice(voor).filter((v) => v.method === 'GET' && v.pad.startsWith('/berichten?'));
    expect(lijsten).toHaveLength(3);
    const n = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM vecozo_bericht WHERE traceer_id = ANY($1::uuid[])`, [tids]);
    expect(n[0].n).toBe(251);
    expect(sim.wachtend()).toEqual([]);
  });

  it('another party’s message is not listed, and its payload and DELETE answer 404', async () => {
    const tid = sim.lever({ partij: 'ander', payload: jw301(30) });
    expect(await haalOp(hub.ds, hub.sleutels, client)).toMatchObject({ opgeslagen: 0, rondes: 1 });
    expect((await fetch(`${sim.url}/berichten/rest-pull/v1/berichten/${tid}/payload`)).status).toBe(404);
    expect((await fetch(`${sim.url}/berichten/rest-pull/v1/berichten/${tid}`, { method: 'DELETE' })).status).toBe(404);
    expect(sim.wachtend('ander')).toEqual([tid]);
  });
});

describe('the worker’s loop', () => {
  it('pushes, pulls and follows statuses round after round until stopped', async () => {
    const b = await stelOp(hub.tokens.alfa, jw315());
    const tid = sim.lever({ payload: zaakJw301({ bsn: testBsn(990), nummer: 8990, identificatie: 'VZL1', dagtekening: vandaag }) });
    const fouten: unknown[] = [];
    const loop = startVecozo(hub.ds, hub.sleutels, client, { intervalMs: 50 }, (e) => fouten.push(e));
    try {
      await wachtTot('pushed, followed to Ontvangen, and the waiting message pulled', async () => {
        const [uit] = await hub.rijen<{ vecozo_status: string | null }>(`SELECT vecozo_status FROM vecozo_bericht WHERE id = $1`, [ruweId(b.id)]);
        const [binnen] = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM vecozo_bericht WHERE traceer_id = $1`, [tid]);
        return uit.vecozo_status === 'Ontvangen' && binnen.n === 1;
      });
    } finally {
      await loop.stop();
    }
    expect(await rij(ruweId(b.id))).toMatchObject({ status: 'verstuurd', vecozo_status: 'Ontvangen' });
    expect(sim.wachtend()).toEqual([]);
    expect(fouten).toEqual([]);
  });
});
