import { writeMessage, type IjwMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { vandaag } from '../src/common/klok';
import { verwerkBatch } from '../src/messaging/processing/verwerking';
import { berichtHandlers } from '../src/modules';
import { jw305Xml, stuurBericht, TAAKGERICHT, testBsn } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';
import { ruweId } from './helpers/api';

pinKlok();

/**
 * The worker's batches, driven one at a time (no background worker): what a batch claims, that
 * its messages are judged as if each were alone (tenants interleaved, a client's messages in
 * receipt order), that one failing message fails nobody else, and that the worker's reference
 * cache follows a committed change.
 */
let hub: HubTestEnvironment;
let nr = 0;
let clienten = 0;
const H = { handlers: berichtHandlers() };

beforeAll(async () => {
  hub = await createHubTestEnvironment('batches', { poolSize: 6 });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

/** A taakgericht start (45T10) for client `bsn` from `agb` to municipality `gemeente`. */
function start(o: { agb?: string; gemeente?: string; bsn?: string; begindatum?: string; status?: string } = {}): string {
  return jw305Xml({
    identificatie: `B${++nr}`,
    bsn: o.bsn ?? testBsn(++clienten),
    ...(o.begindatum && { begindatum: o.begindatum }),
    change: (m: IjwMessage) => {
      const h = m.bericht.Header as IjwNode;
      h.Afzender = o.agb ?? AGB.alfa;
      h.Ontvanger = o.gemeente ?? '0796';
      if (o.status) ((((m.bericht.Client as IjwNode).StartProducten as IjwNode).StartProduct as IjwNode[])[0]).StatusAanlevering = o.status;
    },
  });
}

/** A JW307 stop (reason 31) of the taakgericht start of `bsn` begun on `begindatum`. */
function stop(bsn: string, begindatum: string, einddatum: string): string {
  const m = sampleMessage('JW307', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = AGB.alfa;
  h.Ontvanger = '0796';
  h.BerichtIdentificatie = { Identificatie: `B${++nr}`, Dagtekening: vandaag() };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = bsn;
  client.StopProducten = { StopProduct: [{ Product: { ...TAAKGERICHT }, Begindatum: begindatum, RedenBeeindiging: '31', Einddatum: einddatum, StatusAanlevering: '1' }] };
  return writeMessage(m);
}

interface Rij {
  id: string;
  status: string;
  retourcodes: string[];
  pogingen: number;
  retour_agb: string | null;
  retour_gemeente: string | null;
  retour_regio: string | null;
  aanbieder_agb: string;
  gemeente_code: string;
  regio_code: string;
}

async function rijen(ids: string[]): Promise<Rij[]> {
  const r = await hub.owner.query<Rij>(
    `SELECT b.id, b.status, coalesce(r.retourcodes, b.retourcodes) AS retourcodes, b.pogingen, b.aanbieder_agb, b.gemeente_code, b.regio_code,
            r.aanbieder_agb AS retour_agb, r.gemeente_code AS retour_gemeente, r.regio_code AS retour_regio
       FROM unnest($1::uuid[]) WITH ORDINALITY AS k(id, n) JOIN bericht b ON b.id = k.id LEFT JOIN bericht r ON r.heen_id = b.id ORDER BY k.n`,
    [ids],
  );
  return r.rows;
}

/** Posts the messages (each from its sender) and returns their ids in posting order. */
async function stuur(berichten: { token: string; xml: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const b of berichten) ids.push(await stuurBericht(hub.api.url, b.token, b.xml));
  return ids;
}

describe('a batch', () => {
  it('judges interleaved tenants each as if alone: every retour to its own parties, codes from its own region', async () => {
    // Alone first: the same kinds of message, one per batch.
    const alleen = await stuur([
      { token: hub.tokens.alfa, xml: start({ gemeente: '0796' }) },
      { token: hub.tokens.alfa, xml: start({ gemeente: '0014' }) },
      { token: hub.tokens.beta, xml: start({ agb: AGB.beta, gemeente: '0828' }) },
    ]);
    for (const id of alleen) await verwerkBatch(hub.ds, hub.sleutels, H, [id]);
    const verwacht = (await rijen(alleen)).map((r) => r.retourcodes);
    // 45T10 is in the product book of NOB, not in that of GRO.
    expect(verwacht).toEqual([[], ['S329'], []]);

    const soorten = [
      { token: hub.tokens.alfa, gemeente: '0796', agb: AGB.alfa, regio: 'NOB', codes: verwacht[0] },
      { token: hub.tokens.alfa, gemeente: '0014', agb: AGB.alfa, regio: 'GRO', codes: verwacht[1] },
      { token: hub.tokens.beta, gemeente: '0828', agb: AGB.beta, regio: 'NOB', codes: verwacht[2] },
    ];
    const reeks = Array.from({ length: 30 }, (_, i) => soorten[(i * 7) % 3]);
    const ids = await stuur(reeks.map((s) => ({ token: s.token, xml: start({ agb: s.agb, gemeente: s.gemeente }) })));
    const r = await verwerkBatch(hub.ds, hub.sleutels, { ...H, grootte: 100 }, ids);
    expect(r.size).toBe(30);
    const na = await rijen(ids);
    expect(na.map((x) => ({ status: x.status, codes: x.retourcodes, agb: x.retour_agb, gemeente: x.retour_gemeente, regio: x.retour_regio }))).toEqual(
      reeks.map((s) => ({ status: 'verwerkt', codes: s.codes, agb: s.agb, gemeente: s.gemeente, regio: s.regio })),
    );
    // And each provider reads only its own retours.
    for (const [i, id] of ids.entries()) {
      const ander = reeks[i].agb === AGB.alfa ? hub.tokens.beta : hub.tokens.alfa;
      const res = await fetch(`${hub.api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${ander}` } });
      expect(res.status).toBe(404);
    }
  });

  it("judges a client's messages in the order received, in both orders, within one batch", async () => {
    const bsn1 = testBsn(++clienten);
    const bsn2 = testBsn(++clienten);
    const ids = await stuur([
      // Client 1: start, then its stop: both accepted.
      { token: hub.tokens.alfa, xml: start({ bsn: bsn1, begindatum: '2026-11-01' }) },
      { token: hub.tokens.alfa, xml: stop(bsn1, '2026-11-01', '2026-11-20') },
      // Client 2: the stop first, then the start: the stop has no start yet (9069), the start is accepted.
      { token: hub.tokens.alfa, xml: stop(bsn2, '2026-11-01', '2026-11-20') },
      { token: hub.tokens.alfa, xml: start({ bsn: bsn2, begindatum: '2026-11-01' }) },
    ]);
    await verwerkBatch(hub.ds, hub.sleutels, { ...H, grootte: 100 }, ids);
    expect((await rijen(ids)).map((r) => r.retourcodes)).toEqual([[], [], ['9069'], []]);
  });

  it('leaves a message whose client has an earlier one waiting outside the batch for a later batch', async () => {
    const bsn = testBsn(++clienten);
    const [eerst, later] = await stuur([
      { token: hub.tokens.alfa, xml: start({ bsn, begindatum: '2026-11-02' }) },
      { token: hub.tokens.alfa, xml: stop(bsn, '2026-11-02', '2026-11-21') },
    ]);
    // Only the later one named: it must wait for the earlier one, which is not in the batch.
    expect((await verwerkBatch(hub.ds, hub.sleutels, H, [later])).size).toBe(0);
    expect((await rijen([later]))[0].status).toBe('ontvangen');
    await verwerkBatch(hub.ds, hub.sleutels, H, [eerst]);
    await verwerkBatch(hub.ds, hub.sleutels, H, [later]);
    expect((await rijen([eerst, later])).map((r) => [r.status, r.retourcodes])).toEqual([['verwerkt', []], ['verwerkt', []]]);
  });

  it('one failing message fails nobody else: it is tried again, then vastgelopen; the later ones of its client wait for it', async () => {
    const bsn = testBsn(++clienten);
    const ids = await stuur([
      { token: hub.tokens.alfa, xml: start() },
      { token: hub.tokens.alfa, xml: start({ bsn, begindatum: '2026-11-03' }) },
      { token: hub.tokens.alfa, xml: stop(bsn, '2026-11-03', '2026-11-22') },
      { token: hub.tokens.beta, xml: start({ agb: AGB.beta, gemeente: '0828' }) },
    ]);
    // Bytes no key opens: processing this message throws, whatever worker runs it.
    const echt = (await hub.owner.query<{ x: Buffer }>(`SELECT xml_versleuteld AS x FROM bericht WHERE id = $1`, [ids[1]])).rows[0].x;
    await hub.owner.query(`UPDATE bericht SET xml_versleuteld = '\\x00ff'::bytea WHERE id = $1`, [ids[1]]);
    const r = await verwerkBatch(hub.ds, hub.sleutels, { ...H, pogingen: 2, backoffMs: 10 }, ids);
    expect([...r.entries()].map(([id, v]) => [ids.indexOf(id), v.status]).sort()).toEqual([[0, 'verwerkt'], [1, 'mislukt'], [3, 'verwerkt']]);
    let na = await rijen(ids);
    expect(na.map((x) => [x.status, x.pogingen])).toEqual([['verwerkt', 0], ['ontvangen', 1], ['ontvangen', 0], ['verwerkt', 0]]);
    // Backoff: not claimed before its time; then the last attempt makes it a dead letter and its client moves on.
    await hub.owner.query(`UPDATE bericht SET volgende_poging = now() WHERE id = $1`, [ids[1]]);
    await verwerkBatch(hub.ds, hub.sleutels, { ...H, pogingen: 2, backoffMs: 10 }, ids);
    na = await rijen(ids);
    expect(na[1]).toMatchObject({ status: 'vastgelopen', pogingen: 2 });
    expect(na[2]).toMatchObject({ status: 'ontvangen' });
    await verwerkBatch(hub.ds, hub.sleutels, H, ids);
    na = await rijen(ids);
    expect(na[2]).toMatchObject({ status: 'verwerkt' });
    // The stop's start never counted: 9069.
    expect(na[2].retourcodes).toEqual(['9069']);
    // Repaired and redriven by an administrator, the start is judged after all (and audited).
    await hub.owner.query(`UPDATE bericht SET xml_versleuteld = $2 WHERE id = $1`, [ids[1], echt]);
        const res = await fetch(`${hub.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.tokens.beheerder}` },
      body: JSON.stringify({ query: 'mutation ($id: ID!) { herbezorg(id: $id) { id status } }', variables: { id: ids[1] } }),
    });
    const body = (await res.json()) as { data: { herbezorg: { id: string; status: string } } };
    expect({ ...body.data.herbezorg, id: ruweId(body.data.herbezorg.id) }).toEqual({ id: ids[1], status: 'ontvangen' });
    await verwerkBatch(hub.ds, hub.sleutels, H, [ids[1]]);
    expect((await rijen([ids[1]]))[0]).toMatchObject({ status: 'verwerkt', retourcodes: [], pogingen: 0 });
  });

  it("a client whose earliest message is backing off holds up only that client's messages, not the others", async () => {
    const bsn = testBsn(++clienten);
    const [eerst, ...later] = await stuur([
      { token: hub.tokens.alfa, xml: start({ bsn, begindatum: '2026-11-04' }) },
      { token: hub.tokens.alfa, xml: stop(bsn, '2026-11-04', '2026-11-23') },
      { token: hub.tokens.alfa, xml: stop(bsn, '2026-11-04', '2026-11-24') },
    ]);
    // Its first message fails and backs off for an hour; its later ones must wait for it.
    const echt = (await hub.owner.query<{ x: Buffer }>(`SELECT xml_versleuteld AS x FROM bericht WHERE id = $1`, [eerst])).rows[0].x;
    await hub.owner.query(`UPDATE bericht SET xml_versleuteld = '\\x00ff'::bytea WHERE id = $1`, [eerst]);
    expect((await verwerkBatch(hub.ds, hub.sleutels, { ...H, backoffMs: 3_600_000 }, [eerst])).get(eerst)?.status).toBe('mislukt');
    const anderen = await stuur([{ token: hub.tokens.alfa, xml: start() }, { token: hub.tokens.beta, xml: start({ agb: AGB.beta, gemeente: '0828' }) }]);
    // Batches of two, claimed from what waits (no ids): the two others, though the waiting ones were received earlier.
    const r = await verwerkBatch(hub.ds, hub.sleutels, { ...H, grootte: 2 });
    expect([...r.keys()].sort()).toEqual([...anderen].sort());
    expect((await rijen(later)).map((x) => x.status)).toEqual(['ontvangen', 'ontvangen']);
    // Repaired and due again: the client's messages follow in their order.
    await hub.owner.query(`UPDATE bericht SET xml_versleuteld = $2, volgende_poging = now() WHERE id = $1`, [eerst, echt]);
    for (let i = 0; i < 3; i++) await verwerkBatch(hub.ds, hub.sleutels, { ...H, grootte: 2 });
    expect((await rijen([eerst, ...later])).map((x) => [x.status, x.retourcodes])).toEqual([['verwerkt', []], ['verwerkt', []], ['verwerkt', ['9415']]]);
  });

  it('stops growing at its byte limit, and the rest waits for the next batch', async () => {
    const ids = await stuur(Array.from({ length: 5 }, () => ({ token: hub.tokens.alfa, xml: start() })));
    const grootte = (await hub.owner.query<{ n: number }>(`SELECT max(grootte)::int AS n FROM bericht WHERE id = ANY($1::uuid[])`, [ids])).rows[0].n;
    const eerste = await verwerkBatch(hub.ds, hub.sleutels, { ...H, maxBytes: grootte * 2 }, ids);
    expect(eerste.size).toBe(2);
    const tweede = await verwerkBatch(hub.ds, hub.sleutels, { ...H, maxBytes: 1 }, ids);
    expect(tweede.size).toBe(1);
    expect((await verwerkBatch(hub.ds, hub.sleutels, H, ids)).size).toBe(2);
    expect((await rijen(ids)).every((x) => x.status === 'verwerkt')).toBe(true);
  });

  it("never judges with a product book older than the last committed change (the worker's cache)", async () => {
    const product = { Categorie: '45', Code: '45T11' };
    const metProduct = () => jw305Xml({ identificatie: `B${++nr}`, bsn: testBsn(++clienten), product });
    const [voor] = await stuur([{ token: hub.tokens.alfa, xml: metProduct() }]);
    await verwerkBatch(hub.ds, hub.sleutels, H, [voor]);
    expect((await rijen([voor]))[0].retourcodes).toEqual(['S329']);
    await hub.owner.query(
      `INSERT INTO product (regio_code, categorie, code, omschrijving, eenheid, uitvoeringsvariant) VALUES ('NOB', '45', '45T11', 'Wijkteam extra', '83', 'taakgericht')`,
    );
    const [na] = await stuur([{ token: hub.tokens.alfa, xml: metProduct() }]);
    await verwerkBatch(hub.ds, hub.sleutels, H, [na]);
    expect((await rijen([na]))[0].retourcodes).toEqual([]);
    await hub.owner.query(`DELETE FROM product WHERE code = '45T11'`);
    const [weer] = await stuur([{ token: hub.tokens.alfa, xml: metProduct() }]);
    await verwerkBatch(hub.ds, hub.sleutels, H, [weer]);
    expect((await rijen([weer]))[0].retourcodes).toEqual(['S329']);
  });
});
