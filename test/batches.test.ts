import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { sleutelsUitConfig, type Sleutels } from '../src/common/sleutels';
import { writeMessage, type IjwMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { vandaag } from '../src/common/klok';
import { verwerkBatch } from '../src/messaging/processing/verwerking';
import { seed } from '../src/seed/seed';
import { berichtHandlers } from '../src/modules';
import { startTestApi, type TestApi } from './helpers/api';
import { jw305Xml, stuurBericht, TAAKGERICHT, testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * The worker's batches, driven one at a time (no background worker): what a batch claims, that
 * its messages are judged as if each were alone (tenants interleaved, a client's messages in
 * receipt order), that one failing message fails nobody else, and that the worker's reference
 * cache follows a committed change.
 */
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let owner: Client;
let sleutels: Sleutels;
const tokens: Record<string, string> = {};
let nr = 0;
const H = { handlers: berichtHandlers() };
let clienten = 0;

beforeAll(async () => {
  db = await createTestDatabase('batches');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  api = await startTestApi(ds);
  sleutels = sleutelsUitConfig(api.cfg);
  tokens.alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  tokens.beta = await api.token({ rol: 'aanbieder', agb: AGB.beta });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await owner?.end();
  await db?.drop();
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
  const r = await owner.query<Rij>(
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
  for (const b of berichten) ids.push(await stuurBericht(api.url, b.token, b.xml));
  return ids;
}

describe('a batch', () => {
  it('judges interleaved tenants each as if alone: every retour to its own parties, codes from its own region', async () => {
    // Alone first: the same kinds of message, one per batch.
    const alleen = await stuur([
      { token: tokens.alfa, xml: start({ gemeente: '0796' }) },
      { token: tokens.alfa, xml: start({ gemeente: '0014' }) },
      { token: tokens.beta, xml: start({ agb: AGB.beta, gemeente: '0828' }) },
    ]);
    for (const id of alleen) await verwerkBatch(ds, sleutels, H, [id]);
    const verwacht = (await rijen(alleen)).map((r) => r.retourcodes);
    // 45T10 is in the product book of NOB, not in that of GRO.
    expect(verwacht).toEqual([[], ['S329'], []]);

    const soorten = [
      { token: tokens.alfa, gemeente: '0796', agb: AGB.alfa, regio: 'NOB', codes: verwacht[0] },
      { token: tokens.alfa, gemeente: '0014', agb: AGB.alfa, regio: 'GRO', codes: verwacht[1] },
      { token: tokens.beta, gemeente: '0828', agb: AGB.beta, regio: 'NOB', codes: verwacht[2] },
    ];
    const reeks = Array.from({ length: 30 }, (_, i) => soorten[(i * 7) % 3]);
    const ids = await stuur(reeks.map((s) => ({ token: s.token, xml: start({ agb: s.agb, gemeente: s.gemeente }) })));
    const r = await verwerkBatch(ds, sleutels, { ...H, grootte: 100 }, ids);
    expect(r.size).toBe(30);
    const na = await rijen(ids);
    expect(na.map((x) => ({ status: x.status, codes: x.retourcodes, agb: x.retour_agb, gemeente: x.retour_gemeente, regio: x.retour_regio }))).toEqual(
      reeks.map((s) => ({ status: 'verwerkt', codes: s.codes, agb: s.agb, gemeente: s.gemeente, regio: s.regio })),
    );
    // And each provider reads only its own retours.
    for (const [i, id] of ids.entries()) {
      const ander = reeks[i].agb === AGB.alfa ? tokens.beta : tokens.alfa;
      const res = await fetch(`${api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${ander}` } });
      expect(res.status).toBe(404);
    }
  });

  it("judges a client's messages in the order received, in both orders, within one batch", async () => {
    const bsn1 = testBsn(++clienten);
    const bsn2 = testBsn(++clienten);
    const ids = await stuur([
      // Client 1: start, then its stop: both accepted.
      { token: tokens.alfa, xml: start({ bsn: bsn1, begindatum: '2026-11-01' }) },
      { token: tokens.alfa, xml: stop(bsn1, '2026-11-01', '2026-11-20') },
      // Client 2: the stop first, then the start: the stop has no start yet (9069), the start is accepted.
      { token: tokens.alfa, xml: stop(bsn2, '2026-11-01', '2026-11-20') },
      { token: tokens.alfa, xml: start({ bsn: bsn2, begindatum: '2026-11-01' }) },
    ]);
    await verwerkBatch(ds, sleutels, { ...H, grootte: 100 }, ids);
    expect((await rijen(ids)).map((r) => r.retourcodes)).toEqual([[], [], ['9069'], []]);
  });

  it('leaves a message whose client has an earlier one waiting outside the batch for a later batch', async () => {
    const bsn = testBsn(++clienten);
    const [eerst, later] = await stuur([
      { token: tokens.alfa, xml: start({ bsn, begindatum: '2026-11-02' }) },
      { token: tokens.alfa, xml: stop(bsn, '2026-11-02', '2026-11-21') },
    ]);
    // Only the later one named: it must wait for the earlier one, which is not in the batch.
    expect((await verwerkBatch(ds, sleutels, H, [later])).size).toBe(0);
    expect((await rijen([later]))[0].status).toBe('ontvangen');
    await verwerkBatch(ds, sleutels, H, [eerst]);
    await verwerkBatch(ds, sleutels, H, [later]);
    expect((await rijen([eerst, later])).map((r) => [r.status, r.retourcodes])).toEqual([['verwerkt', []], ['verwerkt', []]]);
  });

  it('one failing message fails nobody else: it is tried again, then vastgelopen; the later ones of its client wait for it', async () => {
    const bsn = testBsn(++clienten);
    const ids = await stuur([
      { token: tokens.alfa, xml: start() },
      { token: tokens.alfa, xml: start({ bsn, begindatum: '2026-11-03' }) },
      { token: tokens.alfa, xml: stop(bsn, '2026-11-03', '2026-11-22') },
      { token: tokens.beta, xml: start({ agb: AGB.beta, gemeente: '0828' }) },
    ]);
    // Bytes no key opens: processing this message throws, whatever worker runs it.
    const echt = (await owner.query<{ x: Buffer }>(`SELECT xml_versleuteld AS x FROM bericht WHERE id = $1`, [ids[1]])).rows[0].x;
    await owner.query(`UPDATE bericht SET xml_versleuteld = '\\x00ff'::bytea WHERE id = $1`, [ids[1]]);
    const r = await verwerkBatch(ds, sleutels, { ...H, pogingen: 2, backoffMs: 10 }, ids);
    expect([...r.entries()].map(([id, v]) => [ids.indexOf(id), v.status]).sort()).toEqual([[0, 'verwerkt'], [1, 'mislukt'], [3, 'verwerkt']]);
    let na = await rijen(ids);
    expect(na.map((x) => [x.status, x.pogingen])).toEqual([['verwerkt', 0], ['ontvangen', 1], ['ontvangen', 0], ['verwerkt', 0]]);
    // Backoff: not claimed before its time; then the last attempt makes it a dead letter and its client moves on.
    await owner.query(`UPDATE bericht SET volgende_poging = now() WHERE id = $1`, [ids[1]]);
    await verwerkBatch(ds, sleutels, { ...H, pogingen: 2, backoffMs: 10 }, ids);
    na = await rijen(ids);
    expect(na[1]).toMatchObject({ status: 'vastgelopen', pogingen: 2 });
    expect(na[2]).toMatchObject({ status: 'ontvangen' });
    await verwerkBatch(ds, sleutels, H, ids);
    na = await rijen(ids);
    expect(na[2]).toMatchObject({ status: 'verwerkt' });
    // The stop's start never counted: 9069.
    expect(na[2].retourcodes).toEqual(['9069']);
    // Repaired and redriven by an administrator, the start is judged after all (and audited).
    await owner.query(`UPDATE bericht SET xml_versleuteld = $2 WHERE id = $1`, [ids[1], echt]);
    const beheer = await api.token({ rol: 'beheerder' });
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${beheer}` },
      body: JSON.stringify({ query: 'mutation ($id: ID!) { herbezorg(id: $id) { id status } }', variables: { id: ids[1] } }),
    });
    expect(await res.json()).toEqual({ data: { herbezorg: { id: ids[1], status: 'ontvangen' } } });
    await verwerkBatch(ds, sleutels, H, [ids[1]]);
    expect((await rijen([ids[1]]))[0]).toMatchObject({ status: 'verwerkt', retourcodes: [], pogingen: 0 });
  });

  it('stops growing at its byte limit, and the rest waits for the next batch', async () => {
    const ids = await stuur(Array.from({ length: 5 }, () => ({ token: tokens.alfa, xml: start() })));
    const grootte = (await owner.query<{ n: number }>(`SELECT max(grootte)::int AS n FROM bericht WHERE id = ANY($1::uuid[])`, [ids])).rows[0].n;
    const eerste = await verwerkBatch(ds, sleutels, { ...H, maxBytes: grootte * 2 }, ids);
    expect(eerste.size).toBe(2);
    const tweede = await verwerkBatch(ds, sleutels, { ...H, maxBytes: 1 }, ids);
    expect(tweede.size).toBe(1);
    expect((await verwerkBatch(ds, sleutels, H, ids)).size).toBe(2);
    expect((await rijen(ids)).every((x) => x.status === 'verwerkt')).toBe(true);
  });

  it("never judges with a product book older than the last committed change (the worker's cache)", async () => {
    const product = { Categorie: '45', Code: '45T11' };
    const metProduct = () => jw305Xml({ identificatie: `B${++nr}`, bsn: testBsn(++clienten), product });
    const [voor] = await stuur([{ token: tokens.alfa, xml: metProduct() }]);
    await verwerkBatch(ds, sleutels, H, [voor]);
    expect((await rijen([voor]))[0].retourcodes).toEqual(['S329']);
    await owner.query(
      `INSERT INTO product (regio_code, categorie, code, omschrijving, eenheid, uitvoeringsvariant) VALUES ('NOB', '45', '45T11', 'Wijkteam extra', '83', 'taakgericht')`,
    );
    const [na] = await stuur([{ token: tokens.alfa, xml: metProduct() }]);
    await verwerkBatch(ds, sleutels, H, [na]);
    expect((await rijen([na]))[0].retourcodes).toEqual([]);
    await owner.query(`DELETE FROM product WHERE code = '45T11'`);
    const [weer] = await stuur([{ token: tokens.alfa, xml: metProduct() }]);
    await verwerkBatch(ds, sleutels, H, [weer]);
    expect((await rijen([weer]))[0].retourcodes).toEqual(['S329']);
  });
});
