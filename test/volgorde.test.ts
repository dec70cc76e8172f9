import { randomBytes } from 'node:crypto';
import { berichtHandlers } from '../src/modules';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { sleutelsUitConfig } from '../src/common/sleutels';
import { verwerkBericht } from '../src/messaging/processing/verwerking';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { seed } from '../src/seed/seed';
import { startTestApi, TEST_SECRET, type TestApi } from './helpers/api';
import { jw305Xml, stuurBericht, testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { bouw, opruimen, startWorkerProces, stop, type Proces } from './helpers/processen';
import { AGB, FIXTURE } from './fixtures/regions';
import { KLOK_ENV, pinKlok } from './helpers/klok';
import { wachtTot } from './helpers/wacht';

pinKlok();

/**
 * A client's messages are judged one at a time, in the order the hub received them, whichever
 * worker process picks up which job: the real api and two real worker processes, hundreds of
 * clients at once.
 */
const PAREN = 200;
const STOPS = 100;
const IN_FLIGHT = 16;
const AMBULANT = { Categorie: '45', Code: '45A04' };
// Inside the fixture contract (2025-01-01..2027-12-31) and not after any real date the suite runs on.
const DAGTEKENING = '2026-11-20';

let build: string | undefined;
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let owner: Client;
let alfa: string;
let env: Record<string, string>;
const workers: Proces[] = [];

beforeAll(async () => {
  build = bouw();
  db = await createTestDatabase('volgorde');
  ds = await db.app({ poolSize: IN_FLIGHT });
  await seed(ds, FIXTURE);
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  api = await startTestApi(ds);
  alfa = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
  env = {
    ...KLOK_ENV,
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    QUEUE_PREFIX: `volgorde-${randomBytes(4).toString('hex')}`,
    WORKER_QUEUES: 'berichten',
    OUTBOX_POLL_MS: '20',
    JWT_SECRET: TEST_SECRET,
    // Same key as the api, or the workers could not decrypt what the api stored.
    HUB_ENCRYPTION_KEYS: api.cfg.HUB_ENCRYPTION_KEYS ?? '',
    HUB_BSN_HASH_KEY: api.cfg.HUB_BSN_HASH_KEY ?? '',
  };
}, 240_000);

afterAll(async () => {
  for (const w of workers) await stop(w);
  await api?.close();
  await owner?.end();
  await db?.drop();
  opruimen(build);
}, 60_000);

/** Runs `werk(i)` for i = 0..n-1, `IN_FLIGHT` at a time. */
async function tegelijk(n: number, werk: (i: number) => Promise<void>): Promise<void> {
  let volgende = 0;
  const een = async () => {
    while (volgende < n) await werk(volgende++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, een));
}

/** One toewijzing of 45A04 for client `bsn` at provider alfa in 's-Hertogenbosch; returns its number. */
async function toewijzing(toegang: string, bsn: string): Promise<number> {
  const r = await api.gql<{ toewijzen: { toewijzingen: { nummer: number }[] } }>(
    toegang,
    `mutation($input: ToewijzenInput!) { toewijzen(input: $input) { toewijzingen { nummer } } }`,
    {
      input: {
        gemeenteCode: '0796',
        aanbiederAgb: AGB.alfa,
        client: { bsn, geboortedatum: '2012-05-05', geslacht: '1', achternaam: 'Bakker', adres: { postcode: '5211AB', huisnummer: 3 } },
        producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-11-01', einddatum: '2027-04-30', volume: 3, eenheid: '04', frequentie: '2' }],
      },
    },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.toewijzen.toewijzingen[0].nummer;
}

function start(identificatie: string, bsn: string, nummer: number, begindatum: string): string {
  return jw305Xml({ identificatie, bsn, toewijzingNummer: nummer, product: AMBULANT, begindatum, dagtekening: DAGTEKENING });
}

function stopXml(identificatie: string, bsn: string, nummer: number): string {
  const m = sampleMessage('JW307', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = AGB.alfa;
  h.Ontvanger = '0796';
  h.BerichtIdentificatie = { Identificatie: identificatie, Dagtekening: DAGTEKENING };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = bsn;
  client.StopProducten = {
    StopProduct: [{ ToewijzingNummer: nummer, Product: { ...AMBULANT }, Begindatum: '2026-11-02', RedenBeeindiging: '31', Einddatum: '2026-11-20', StatusAanlevering: '1' }],
  };
  return writeMessage(m);
}

describe('per-client order of messages', () => {
  it('the database is the last guard: a live start written meanwhile makes the message 9074, not a failed job', async () => {
    const toegang = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
    const bsn = testBsn(5900);
    const nummer = await toewijzing(toegang, bsn);
    const sleutels = sleutelsUitConfig(api.cfg);
    // No worker runs yet: the message waits, and is processed here, in-process.
    const id = await stuurBericht(api.url, alfa, start('G1', bsn, nummer, '2026-11-02'));
    // Another writer's identical live start, not yet committed: the rules cannot see it, the
    // insert of the message's own start has to wait for it.
    const ander = new Client({ connectionString: db.ownerUrl });
    await ander.connect();
    try {
      await ander.query('BEGIN');
      await ander.query(
        `INSERT INTO levering (soort, aanbieder_agb, gemeente_code, regio_code, toewijzing_nummer, client_hash, product_categorie, product_code, begindatum, bericht_id)
         VALUES ('start', $1, '0796', 'NOB', $2, $3, '45', '45A04', '2026-11-02', gen_random_uuid())`,
        [AGB.alfa, nummer, sleutels.bsnHash(bsn)],
      );
      const verwerkt = verwerkBericht(ds, sleutels, id, { handlers: berichtHandlers() });
      const wacht = await wachtTot('the message waiting for the lock', async () => (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [db.name])).rows[0].n);
      expect(wacht).toBe(1);
      await ander.query('COMMIT');
      expect(await verwerkt).toMatchObject({ status: 'verwerkt', retourcodes: ['9074'] });
    } finally {
      await ander.end();
    }
    const levend = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM levering WHERE toewijzing_nummer = $1 AND NOT verwijderd`, [nummer]);
    expect(levend.rows[0].n).toBe(1);
  });

  it('two starts at once: exactly one is live; a stop sent after its start is never judged before it', async () => {
    const toegang = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
    const nummers: number[] = [];
    await tegelijk(PAREN + STOPS, async (i) => {
      nummers[i] = await toewijzing(toegang, testBsn(6000 + i));
    });

    // Pairs: two starts of one toewijzing posted at the same instant (different Begindatum, so
    // only the order can tell them apart: the second is a second current start, 9326).
    await tegelijk(PAREN, async (i) => {
      const bsn = testBsn(6000 + i);
      await Promise.all([stuurBericht(api.url, alfa, start(`PA${i}`, bsn, nummers[i], '2026-11-02')), stuurBericht(api.url, alfa, start(`PB${i}`, bsn, nummers[i], '2026-11-03'))]);
    });
    // Stops: a start, and once the hub has it (202) its stop; one client after the other, so the
    // two lie side by side in the queue.
    for (let i = PAREN; i < PAREN + STOPS; i++) {
      const bsn = testBsn(6000 + i);
      await stuurBericht(api.url, alfa, start(`SA${i}`, bsn, nummers[i], '2026-11-02'));
      await stuurBericht(api.url, alfa, stopXml(`SB${i}`, bsn, nummers[i]));
    }

    // The workers start on the backlog, so a client's messages sit side by side in the queue and
    // the two processes pick them up at the same time.
    workers.push(await startWorkerProces(build!, env), await startWorkerProces(build!, env));

    // Every message judged and answered.
    const totaal = 2 * (PAREN + STOPS);
    let klaar = 0;
    await wachtTot(
      () => `all ${totaal} judged and answered (${klaar} are)`,
      async () => {
        klaar = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM bericht WHERE richting = 'in' AND identificatie ~ '^(PA|PB|SA|SB)' AND status = 'verwerkt' AND retour_id IS NOT NULL`)).rows[0].n;
        return klaar >= totaal;
      },
      120_000,
    );
    expect(klaar).toBe(totaal);

    const codes = new Map(
      (await owner.query<{ identificatie: string; retourcodes: string[] }>(`SELECT identificatie, retourcodes FROM bericht WHERE richting = 'in'`)).rows.map((r) => [r.identificatie, r.retourcodes.join(',')]),
    );
    const starts = new Map(
      (await owner.query<{ nummer: number; n: number }>(`SELECT toewijzing_nummer AS nummer, count(*)::int AS n FROM levering WHERE soort = 'start' AND NOT verwijderd GROUP BY 1`)).rows.map((r) => [r.nummer, r.n]),
    );
    const stops = new Map(
      (await owner.query<{ nummer: number; n: number }>(`SELECT toewijzing_nummer AS nummer, count(*)::int AS n FROM levering WHERE soort = 'stop' AND NOT verwijderd GROUP BY 1`)).rows.map((r) => [r.nummer, r.n]),
    );
    const paren = Array.from({ length: PAREN }, (_, i) => i);
    const stopreeks = Array.from({ length: STOPS }, (_, i) => PAREN + i);
    const uitkomst = {
      paren: PAREN,
      paarMetNietPreciesEenLevendeStart: paren.filter((i) => starts.get(nummers[i]) !== 1).length,
      // Whichever of the two came first is accepted, the other is a second current start.
      paarNietEenAanvaardEenMet9326: paren.filter((i) => [codes.get(`PA${i}`), codes.get(`PB${i}`)].sort().join('|') !== '|9326').length,
      stops: STOPS,
      stopMet9069: stopreeks.filter((i) => codes.get(`SB${i}`) === '9069').length,
      stopOfStartNietAanvaard: stopreeks.filter((i) => codes.get(`SA${i}`) !== '' || codes.get(`SB${i}`) !== '').length,
      stopNietVastgelegd: stopreeks.filter((i) => stops.get(nummers[i]) !== 1).length,
    };
    expect(uitkomst).toEqual({
      paren: PAREN,
      paarMetNietPreciesEenLevendeStart: 0,
      paarNietEenAanvaardEenMet9326: 0,
      stops: STOPS,
      stopMet9069: 0,
      stopOfStartNietAanvaard: 0,
      stopNietVastgelegd: 0,
    });
    // No job failed on the way (a unique violation or a deadlock would show here).
    expect(workers.flatMap((w) => w.out().split('\n')).filter((l) => /job failed/.test(l))).toEqual([]);
  }, 300_000);
});
