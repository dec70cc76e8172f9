import { Queue, Worker } from 'bullmq';
import { berichtHandlers } from '../../src/modules';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isValidBsn } from '../../src/common/bsn';
import { sleutelsUitConfig, type SleutelConfig } from '../../src/common/sleutels';
import { vandaag as klokVandaag } from '../../src/common/klok';
import { writeMessage, type IjwMessage, type IjwNode } from '../../src/messaging/ijw/codec';
import { sampleMessage } from '../../src/messaging/ijw/samples';
import type { XsdValidators } from '../../src/messaging/ijw/xsd-validator';
import { AGB } from '../fixtures/regions';
import { bezorgBericht, naMislukking } from '../../src/messaging/processing/bezorging';
import { bezorgBudgetsignaal } from '../../src/budget/budgetsignaal.bezorging';
import { startRelay, type Pogingen } from '../../src/messaging/processing/relay';
import type { Bezorgkanaal } from '../../src/messaging/processing/bezorgkanaal';
import { startVerwerker } from '../../src/messaging/processing/verwerker';
import { bouwJw301 } from '../../src/toewijzing/jw301';
import type { ToewijzingEntity } from '../../src/toewijzing/toewijzing.entity';
import { wachtTot } from './wacht';

/** The worker side of the message path, in-process: the batch loop, and deliveries on a random queue prefix. */
export function startBerichtenWorker(ds: DataSource, cfg: SleutelConfig, xsd?: XsdValidators, pogingen?: Pogingen, kanalen: readonly Bezorgkanaal[] = []) {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const sleutels = sleutelsUitConfig(cfg);
  const queue = new Queue('berichten', { connection, prefix });
  const worker = new Worker(
    'berichten',
    async (job) => {
      // By job name, as the worker's handler table (src/worker.ts).
      if (job.name === 'bezorg-budgetsignaal') {
        const d = job.data as { outboxId: string; budgetsignaalId: string };
        return bezorgBudgetsignaal(ds, sleutels, d.outboxId, d.budgetsignaalId);
      }
      const d = job.data as { berichtId: string; requestId?: string; ronde?: number };
      return bezorgBericht(ds, sleutels, d.berichtId, d.requestId, kanalen, d.ronde);
    },
    { connection, prefix, concurrency: 4 },
  );
  worker.on('failed', (job) => { if (process.env.DEBUG_JOBS) console.error(job?.failedReason); void naMislukking(ds, job); });
  const relay = startRelay(ds, queue, { intervalMs: 20, staleMs: 60_000, pogingen }, () => undefined);
  const verwerker = startVerwerker(
    ds,
    sleutels,
    { parallel: 2, pollMs: 20, handlers: berichtHandlers(), ...(xsd && { xsd }), ...(pogingen && { pogingen: pogingen.attempts, backoffMs: pogingen.backoffMs }) },
    { onError: (e) => { if (process.env.DEBUG_JOBS) console.error(e); } },
  );
  return {
    async close() {
      await verwerker.stop();
      await relay.stop();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

const BSNS: string[] = [];

/** The i-th valid BSN of the test range 9999xxxxx: distinct for distinct i (about 9,000 of them). */
export function testBsn(i: number): string {
  for (let n = BSNS.length ? Number(BSNS[BSNS.length - 1].slice(4)) + 1 : 0; BSNS.length <= i; n++) {
    const s = `9999${String(n).padStart(5, '0')}`;
    if (n > 99_999) throw new Error('test BSN range exhausted');
    if (isValidBsn(s)) BSNS.push(s);
  }
  return BSNS[i];
}

/** The taakgericht product of the fixture: a start needs no toewijzing (IV096). */
export const TAAKGERICHT = { Categorie: '45', Code: '45T10' };

/**
 * A JW305 start of care from provider alfa to 's-Hertogenbosch (0796), by default taakgericht
 * (no toewijzing needed) for its own client, so any number of them are accepted without codes.
 */
export function jw305Xml(o: {
  identificatie: string;
  bsn: string;
  dagtekening?: string;
  toewijzingNummer?: number;
  product?: IjwNode;
  begindatum?: string;
  change?: (m: IjwMessage) => void;
}): string {
  const vandaag = klokVandaag();
  const m = sampleMessage('JW305', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = AGB.alfa;
  h.Ontvanger = '0796';
  h.BerichtIdentificatie = { Identificatie: o.identificatie, Dagtekening: o.dagtekening ?? vandaag };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = o.bsn;
  const start: IjwNode = {};
  if (o.toewijzingNummer !== undefined) start.ToewijzingNummer = o.toewijzingNummer;
  start.Product = o.product ?? { ...TAAKGERICHT };
  start.Begindatum = o.begindatum ?? vandaag;
  start.StatusAanlevering = '1';
  client.StartProducten = { StartProduct: [start] };
  o.change?.(m);
  return writeMessage(m);
}

/** A JW315 from provider alfa to 's-Hertogenbosch (0796), one requested product (45A04), as a provider's software writes it. */
export function jw315Xml(o: { bsn: string; identificatie: string; referentie: string }): string {
  const m = sampleMessage('JW315', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = AGB.alfa;
  h.Ontvanger = '0796';
  h.BerichtIdentificatie = { Identificatie: o.identificatie, Dagtekening: klokVandaag() };
  const c = m.bericht.Client as IjwNode;
  c.Bsn = o.bsn;
  c.Geboortedatum = { Datum: '2013-09-09' };
  c.Naam = { Geslachtsnaam: { Achternaam: 'de Vries' }, Voornamen: 'Noor' };
  c.AangevraagdeProducten = {
    AangevraagdProduct: [
      {
        ReferentieAanbieder: o.referentie,
        Product: { Categorie: '45', Code: '45A04' },
        ToewijzingIngangsdatum: '2026-12-01',
        ToewijzingEinddatum: '2027-05-31',
        Omvang: { Volume: 2, Eenheid: '04', Frequentie: '2' },
        Verwijzer: { Type: '02', Naam: 'Huisarts Bakker' },
      },
    ],
  };
  return writeMessage(m);
}

/** What GET /ijw/berichten/{id} answers, as far as the tests read it. */
export interface BerichtStatus {
  status: string;
  type: string;
  retour: { id: string; type: string; retourcodes: string[] } | null;
  fouten: { path: string; message: string }[] | null;
}

/** POSTs an iJw message; anything but 202 fails the test with the api's answer. Returns the id. */
export async function stuurBericht(apiUrl: string, token: string, xml: string): Promise<string> {
  const r = await fetch(`${apiUrl}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body: xml });
  const body = (await r.json()) as { id?: string };
  if (r.status !== 202 || !body.id) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Polls GET /ijw/berichten/{id} until `klaar` holds for its status. */
export async function wachtOpBericht(apiUrl: string, token: string, id: string, klaar: (s: BerichtStatus) => boolean): Promise<BerichtStatus> {
  let s: BerichtStatus | undefined;
  return wachtTot(
    () => `message ${id} done (last status ${s?.status ?? '?'})`,
    async () => {
      s = (await (await fetch(`${apiUrl}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as BerichtStatus;
      return klaar(s) && s;
    },
  );
}

/** Sends a message the hub answers and returns its retour codes; an XSD-invalid one fails the test. */
export async function retourcodesVan(apiUrl: string, token: string, xml: string): Promise<{ id: string; codes: string[] }> {
  const id = await stuurBericht(apiUrl, token, xml);
  const s = await wachtOpBericht(apiUrl, token, id, (x) => x.status !== 'ontvangen');
  if (s.status !== 'verwerkt' || !s.retour) throw new Error(`${s.status}: ${JSON.stringify(s.fouten)}`);
  return { id, codes: s.retour.retourcodes };
}

/**
 * A JW301 of a municipality's own case system: one product (45A04 unless named) from 2026-12-01 to
 * 2027-03-31 for client `bsn` at provider `agb` (alfa unless named), dated `dagtekening`.
 */
export function zaakJw301(o: { bsn: string; nummer: number; identificatie: string; dagtekening: string; agb?: string; gemeente?: string; categorie?: string; code?: string }): string {
  const product = {
    nummer: o.nummer,
    productCategorie: o.categorie ?? '45',
    productCode: o.code ?? '45A04',
    toewijzingsdatum: o.dagtekening,
    toewijzingstijd: '09:30:00',
    ingangsdatum: '2026-12-01',
    einddatum: '2027-03-31',
    volume: 3,
    eenheid: '04',
    frequentie: '2',
    budget: null,
    redenWijziging: null,
    referentieAanbieder: null,
    versie: 1,
  } as unknown as ToewijzingEntity;
  return writeMessage(
    bouwJw301({
      gemeenteCode: o.gemeente ?? '0796',
      aanbiederAgb: o.agb ?? AGB.alfa,
      identificatie: o.identificatie,
      dagtekening: o.dagtekening,
      client: { bsn: o.bsn, geboortedatum: '2015-01-01', geslacht: '1', achternaam: 'Smit', adres: { postcode: '5211AB', huisnummer: 1 } },
      actueel: [product],
      gewijzigd: new Set(),
    }),
  );
}
