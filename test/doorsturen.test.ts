import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { parseMessage, writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { bouwRetour } from '../src/messaging/processing/retour';
import { knopen, type Conn, type TestApi } from './helpers/api';
import { stuurBericht, testBsn, wachtOpBericht, type BerichtStatus, zaakJw301 } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

/**
 * A municipality working in its own case system sends JW301/JW319 through the hub: checked
 * against contracts and the product book, recorded, forwarded; the provider's JW302/JW320 is
 * routed back beside the message it answers.
 */
let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
const t: Record<string, string> = {};
const vandaag = pinKlok();

let volg = 0;

beforeAll(async () => {
  hub = await createHubTestEnvironment('doorsturen', { poolSize: 6, worker: true });
  ({ ds, api } = hub);
  t.zaak = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.alfa = hub.tokens.alfa;
  t.beta = hub.tokens.beta;
});

afterAll(async () => {
  await hub?.close();
});

const jw301 = (o: { agb?: string; bsn: string; nummer: number; code?: string; categorie?: string }) => zaakJw301({ ...o, identificatie: `Z${++volg}`, dagtekening: vandaag });

const post = (token: string, xml: string) => stuurBericht(api.url, token, xml);
/** Waits until the message is past receiving and, when forwarded, past its delivery. */
const klaar = (token: string, id: string) => wachtOpBericht(api.url, token, id, (s) => !['ontvangen', 'klaar'].includes(s.status));

const tel = (sql: string) => withTenant(ds, SYSTEEM, async (em) => Number((await em.query<{ n: number }[]>(sql))[0].n));

describe('municipality messages through the hub', () => {
  let eerste = '';

  it('a JW301 within contract is recorded and forwarded to the provider, who reads it in its mailbox', async () => {
    const bsn = testBsn(20);
    eerste = await post(t.zaak, jw301({ bsn, nummer: 5001 }));
    const s = await klaar(t.zaak, eerste);
    expect(s).toMatchObject({ status: 'beschikbaar', retour: null, fouten: null });
    const x = await fetch(`${api.url}/ijw/berichten/${eerste}/xml`, { headers: { authorization: `Bearer ${t.alfa}` } });
    expect(x.status).toBe(200);
    expect(await x.text()).toContain(`<Bsn>${bsn}</Bsn>`);
    expect((await fetch(`${api.url}/ijw/berichten/${eerste}`, { headers: { authorization: `Bearer ${t.beta}` } })).status).toBe(404);
    const w = await api.gql<{ toewijzingen: Conn<{ nummer: number; aanbiederAgb: string }> }>(t.alfa, `{ toewijzingen { edges { node { nummer aanbiederAgb } } } }`);
    expect(knopen(w.data!.toewijzingen)).toEqual([{ nummer: 5001, aanbiederAgb: AGB.alfa }]);
  });

  it("the provider's JW302 is routed back beside the JW301; a second one is kept but not linked", async () => {
    const heen = (await parseMessage(await (await fetch(`${api.url}/ijw/berichten/${eerste}/xml`, { headers: { authorization: `Bearer ${t.alfa}` } })).text())).message;
    const jw302 = writeMessage(bouwRetour(heen, { header: [], klassen: new Map() }, 'P1', vandaag));
    const id = await post(t.alfa, jw302);
    // Back to the case system that sent the JW301: delivered to its mailbox.
    expect(await klaar(t.alfa, id)).toMatchObject({ status: 'beschikbaar', fouten: null });
    expect((await klaar(t.zaak, eerste)).retour).toMatchObject({ id, type: 'JW302', retourcodes: [] });
    const tweede = await post(t.alfa, writeMessage(bouwRetour(heen, { header: [], klassen: new Map() }, 'P2', vandaag)));
    expect((await klaar(t.alfa, tweede)).fouten?.[0].message).toMatch(/heeft al een retour/);
    expect((await klaar(t.zaak, eerste)).retour?.id).toBe(id);
  });

  const weigeringen: [string, { agb?: string; nummer: number; code?: string }, RegExp][] = [
    ['a provider not contracted here', { agb: AGB.beta, nummer: 5002 }, /NOT_CONTRACTED/],
    ['a product not in the product book', { nummer: 5003, code: '45X99' }, /S329|UNKNOWN_PRODUCT/],
    ['a number already used for another client (TR332)', { nummer: 5001 }, /9332/],
  ];
  it.each(weigeringen)('%s: refused, not forwarded, nothing recorded', async (_l, o, reason) => {
    const voor = await tel(`SELECT (SELECT count(*) FROM toewijzing) + (SELECT count(*) FROM client) + (SELECT count(*) FROM outbox WHERE soort = 'bezorg') AS n`);
    const id = await post(t.zaak, jw301({ bsn: testBsn(30 + (o.nummer % 10)), ...o }));
    const s = await klaar(t.zaak, id);
    expect(s.status).toBe('afgekeurd');
    expect(JSON.stringify(s.fouten)).toMatch(reason);
    expect(await tel(`SELECT (SELECT count(*) FROM toewijzing) + (SELECT count(*) FROM client) + (SELECT count(*) FROM outbox WHERE soort = 'bezorg') AS n`)).toBe(voor);
    // Never sent, so the provider it names does not see it (OP286); its sender reads why.
    const y = await fetch(`${api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${o.agb === AGB.beta ? t.beta : t.alfa}` } });
    expect(y.status).toBe(404);
    expect(((await (await fetch(`${api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${t.zaak}` } })).json()) as BerichtStatus).status).toBe('afgekeurd');
  });

  it('a JW319 from the case system closes the request it answers and is forwarded', async () => {
    const m = sampleMessage('JW315', 'minimal');
    const h = m.bericht.Header as IjwNode;
    h.Afzender = AGB.alfa;
    h.Ontvanger = '0796';
    h.BerichtIdentificatie = { Identificatie: 'VOT1', Dagtekening: vandaag };
    const c = m.bericht.Client as IjwNode;
    c.Bsn = testBsn(40);
    c.AangevraagdeProducten = {
      AangevraagdProduct: [{ ReferentieAanbieder: 'R-319', Product: { Categorie: '45', Code: '45A04' }, ToewijzingIngangsdatum: '2026-12-01', Omvang: { Volume: 1, Eenheid: '04', Frequentie: '6' }, Verwijzer: { Type: '06' } }],
    };
    await klaar(t.alfa, await post(t.alfa, writeMessage(m)));
    const a = sampleMessage('JW319', 'minimal');
    const ah = a.bericht.Header as IjwNode;
    ah.Afzender = '0796';
    ah.Ontvanger = AGB.alfa;
    ah.BerichtIdentificatie = { Identificatie: `Z${++volg}`, Dagtekening: vandaag };
    a.bericht.Antwoord = { ReferentieAanbieder: 'R-319', VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' };
    const id = await post(t.zaak, writeMessage(a));
    expect((await klaar(t.zaak, id)).status).toBe('beschikbaar');
    const v = await api.gql<{ verzoeken: Conn<{ referentieAanbieder: string; status: string }> }>(t.zaak, `{ verzoeken { edges { node { referentieAanbieder status } } } }`);
    expect(knopen(v.data!.verzoeken)).toEqual([{ referentieAanbieder: 'R-319', status: 'afgewezen' }]);
    // Answering it again, or a request the hub does not know: refused, not forwarded (TR365, TR355).
    for (const [ref, code] of [['R-319', '9365'], ['R-ONBEKEND', '9355']]) {
      ah.BerichtIdentificatie = { Identificatie: `Z${++volg}`, Dagtekening: vandaag };
      a.bericht.Antwoord = { ReferentieAanbieder: ref, VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' };
      const nogmaals = await klaar(t.zaak, await post(t.zaak, writeMessage(a)));
      expect(nogmaals).toMatchObject({ status: 'afgekeurd', fouten: [{ path: code }] });
    }
  });
});
