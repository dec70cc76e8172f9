import { createHash, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { leesMultipart, PREFIX, VspSpecificaties, type VspApi } from './openapi';

/**
 * A local VECOZO (VSP-Koppeling: push V1, pull V1, berichtstatus V3) for tests and the demo,
 * written from VECOZO's OpenAPI documents alone: it imports nothing of the hub. Every request is
 * validated against the documents (400 with `ValidationProblemDetails` when it does not conform)
 * and so is every response it gives (a response that does not conform is a fault of the simulator:
 * recorded in `afwijkingen` and answered 500, so a test sees it).
 *
 * What the documents leave open, and what this simulator assumes:
 * - Who calls: VECOZO knows the caller by its TLS client certificate. Over https the certificate's
 *   CN is the party; over plain http (tests) every caller is the one `partij` given at start.
 * - A push whose traceerId is already stored is answered 204 and stored once (the documents are
 *   silent; this is what makes a client's retry with the same traceerId safe).
 * - A confirmed (DELETEd) message's payload answers 404.
 * - Statuses: a pushed message is `Ontvangen`; a test moves it on with `zetStatus`.
 */

/** One message as the pull API lists it (`BerichtMetadata` of the pull document). */
export interface PullMetadata {
  basisgegevens: { ontvangenOp: string; payload: { url: string; grootte: number; checksum: { algoritme: string; waarde: string } } };
  routeringgegevens: Routering;
  referentiegegevens: Referentie;
}
interface Routering {
  afzender: { rol: string; code?: string };
  geadresseerden: { rol: string; code?: string }[];
  berichtstroom: { berichttype: string; berichtsubtype?: string; berichtversie: number; berichtsubversie: number; actie: string };
}
interface Referentie {
  conversatieId: string;
  traceerId: string;
  alsAntwoordOp?: string;
  referentieId?: string;
}

/** A message pushed to the simulator. */
export interface Ontvangen {
  partij: string;
  metadata: { routeringgegevens: Routering; referentiegegevens: Referentie; verwerkingscontext?: unknown };
  payload: Buffer;
  ontvangenOp: Date;
  status: { berichtstatus: string; gewijzigdOp: Date; meldingen?: { code: string; omschrijving: string; toelichting?: string }[] };
  /** How often it was pushed (a repeat with the same traceerId is stored once). */
  keer: number;
}

interface Klaar {
  partij: string;
  routeringgegevens: Routering;
  referentiegegevens: Referentie;
  payload: Buffer;
  ontvangenOp: Date;
  bevestigd: boolean;
}

/** Where a fault is injected. */
export type Plek = 'push' | 'lijst' | 'payload' | 'delete' | 'status';
/**
 * A fault, used once, on the next request to its place:
 * - `5xx`: answered with that status before anything is done;
 * - `400` / `422`: (push) refused as invalid / unprocessable, nothing stored;
 * - `afgebroken`: the connection is dropped on arrival, before anything is done;
 * - `timeout`: never answered (the client gives up);
 * - `verbreek`: done (stored, deleted, listed), then the connection is dropped without an answer;
 * - `dubbel`: (delete) answered 202 but the message stays listed: VECOZO delivers it again;
 * - `verminkt`: (payload) the bytes arrive altered (one flipped), so size or checksum no longer match.
 */
export type Storing =
  | { soort: '5xx'; status?: number }
  | { soort: '400' | '422'; fouten?: Record<string, string[]> }
  | { soort: 'timeout' }
  | { soort: 'afgebroken' }
  | { soort: 'verbreek' }
  | { soort: 'dubbel' }
  | { soort: 'verminkt' };

/**
 * A gate on the next request to a place: held there until the test opens it, so a test can kill
 * the client at an exact point, synchronising on `bezet` instead of on time. `voor`: held on
 * arrival, nothing done; `na`: done (pushed message stored, DELETE confirmed, list or payload
 * read), the answer held.
 */
export interface Poort {
  plek: Plek;
  punt: 'voor' | 'na';
  /** Whether a request is held now (or was). */
  bezet: boolean;
  /** The request held, once one is. */
  verzoek?: Gelogd;
  /** Whether the client of the held request closed its connection (e.g. it was killed). */
  klantWeg: boolean;
  /** Lets the held request go on (an answer to a client that died goes nowhere). */
  open(): void;
}

/** One request as it arrived, for tests that check what a client sent. */
export interface Gelogd {
  api: VspApi;
  method: string;
  pad: string;
  contentType?: string;
  body: Buffer;
  partij: string;
  status?: number;
}

export interface VecozoSimulatorOpties {
  /** The party of every plain-http caller (default `hub`). */
  partij?: string;
  /** Serve https and require a client certificate signed by `ca`; the party is its CN. */
  tls?: { cert: Buffer; key: Buffer; ca: Buffer };
}

export interface VecozoSimulator {
  /** Base URL: the APIs live under `${url}/berichten/rest-push/v1` and so on (VECOZO_URL). */
  url: string;
  /** Every request received, in order. */
  verzoeken: Gelogd[];
  /** Responses the simulator gave that its documents do not allow (should stay empty). */
  afwijkingen: string[];
  /** What was pushed, by traceerId. */
  ontvangen: Map<string, Ontvangen>;
  /** Makes a message wait for `partij` (the pull's list): returns its traceerId. */
  lever(o: { partij?: string; payload: Buffer | string; afzender?: { rol: string; code?: string }; geadresseerde?: { rol: string; code?: string }; berichttype?: string; conversatieId?: string; alsAntwoordOp?: string; ontvangenOp?: Date }): string;
  /** What still waits for `partij`, oldest first (not yet confirmed). */
  wachtend(partij?: string): string[];
  /** Queues a fault for the next request to `plek`; with `traceerId`, for the next one about that message (payload, DELETE, status). */
  storing(plek: Plek, s: Storing, traceerId?: string): void;
  /** Sets a gate on the next request to `plek` (see `Poort`). */
  houd(plek: Plek, punt: Poort['punt']): Poort;
  /** Calls `f` with each newly pushed message (a repeat with the same traceerId is not new), e.g. to carry it on through the GGk. */
  bijPush(f: (traceerId: string, o: Ontvangen) => void): void;
  /** Moves a pushed message to a status (v3), with meldingen. */
  zetStatus(traceerId: string, berichtstatus: string, meldingen?: { code: string; omschrijving: string; toelichting?: string }[]): void;
  stop(): Promise<void>;
}

const STATUSSEN = ['Ontvangen', 'DeelsOntvangen', 'DeelberichtAanleveringAfgekeurd', 'WordtVerwerkt', 'AfgekeurdDoorDienst', 'VerwerkingVoltooid', 'WordtAangeboden', 'Bezorgd', 'AanbiedenMislukt', 'BezorgingAfgebroken'];

const lees = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => resolve(Buffer.concat(delen)));
    req.on('error', reject);
  });

/** Starts the simulator on a random port of 127.0.0.1. */
export async function startVecozoSimulator(opties: VecozoSimulatorOpties = {}): Promise<VecozoSimulator> {
  const specs = new VspSpecificaties();
  const standaardPartij = opties.partij ?? 'hub';
  const verzoeken: Gelogd[] = [];
  const afwijkingen: string[] = [];
  const ontvangen = new Map<string, Ontvangen>();
  const klaar = new Map<string, Klaar>();
  const storingen = new Map<Plek, { storing: Storing; traceerId?: string }[]>();
  const poorten = new Map<Plek, Poort & { wacht: Promise<void> }>();
  const sockets = new Set<Socket>();
  const pushLuisteraars: ((traceerId: string, o: Ontvangen) => void)[] = [];
  let basis = '';

  /** The next fault queued for `plek` that applies to this request (one for any message, or for its traceerId). */
  const volgende = (plek: Plek, traceerId: string | undefined): Storing | undefined => {
    const lijst = storingen.get(plek) ?? [];
    const i = lijst.findIndex((x) => x.traceerId === undefined || x.traceerId === traceerId);
    return i < 0 ? undefined : lijst.splice(i, 1)[0].storing;
  };

  const probleem = (status: number, title: string, errors: Record<string, string[]> = {}) => ({
    type: `https://tools.ietf.org/html/rfc9110#section-15.5.${status === 400 ? 1 : 21}`,
    title,
    status,
    errors,
  });

  const behandel = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await lees(req);
    const volledig = req.url ?? '/';
    const api = (Object.keys(PREFIX) as VspApi[]).find((a) => volledig.startsWith(`${PREFIX[a]}/`));
    const cert = (req.socket as Partial<TLSSocket>).getPeerCertificate?.();
    const partij = cert?.subject?.CN ? String(cert.subject.CN) : standaardPartij;
    if (!api) {
      res.writeHead(404).end();
      return;
    }
    const pad = volledig.slice(PREFIX[api].length);
    const log: Gelogd = { api, method: req.method ?? 'GET', pad, contentType: req.headers['content-type'], body, partij };
    verzoeken.push(log);
    const antwoord = (status: number, json?: unknown, binair?: Buffer) => {
      const tekst = json === undefined ? (binair ?? Buffer.alloc(0)) : Buffer.from(JSON.stringify(json));
      const soort = json === undefined ? (binair ? 'application/octet-stream' : undefined) : 'application/json';
      const fout = status === 404 && !specs.zoek(api, log.method, pad) ? [] : specs.antwoord(api, log.method, pad, status, soort, tekst);
      if (fout.length) {
        afwijkingen.push(`${log.method} ${pad} → ${status}: ${fout.join('; ')}`);
        log.status = 500;
        res.writeHead(500).end();
        return;
      }
      log.status = status;
      res.writeHead(status, soort ? { 'content-type': soort } : {}).end(tekst);
    };
    const fouten = specs.verzoek(api, { method: log.method, pad, contentType: log.contentType, body });
    if (fouten.length) {
      // Payload and DELETE document no 400: a traceerId that is no uuid names no message, so 404.
      const op = specs.zoek(api, log.method, pad)?.operatie;
      if (op && !op.responses['400'] && op.responses['404']) return antwoord(404);
      antwoord(400, probleem(400, 'One or more validation errors occurred.', Object.fromEntries(fouten.map((f) => [f.split(':')[0], [f]]))));
      return;
    }
    const g = specs.zoek(api, log.method, pad);
    const plek: Plek | undefined =
      api === 'push' ? 'push' : api === 'status' ? 'status' : g?.sjabloon === '/berichten' || g?.sjabloon === '/berichten/zoeken' ? 'lijst' : g?.sjabloon.endsWith('/payload') ? 'payload' : log.method === 'DELETE' ? 'delete' : undefined;
    const tidVanVerzoek = g?.padParameters.traceerId ?? new URLSearchParams(pad.includes('?') ? pad.slice(pad.indexOf('?') + 1) : '').get('traceerId') ?? undefined;
    const s = plek && volgende(plek, tidVanVerzoek);
    const poort = plek && poorten.get(plek);
    if (poort) poorten.delete(plek);
    /** Holds the request at the gate set for this place and point, if any; true when it held it. */
    const houd = async (punt: Poort['punt']): Promise<boolean> => {
      if (!poort || poort.punt !== punt) return false;
      poort.verzoek = log;
      if (req.socket.destroyed) poort.klantWeg = true;
      else req.socket.once('close', () => (poort.klantWeg = true));
      poort.bezet = true;
      await poort.wacht;
      return true;
    };
    // A client that went away while its request was held: nothing is done for it.
    if ((await houd('voor')) && req.socket.destroyed) {
      log.status = 0;
      return;
    }
    if (s?.soort === 'timeout') return; // held open until the client gives up or the simulator stops
    if (s?.soort === 'afgebroken') {
      log.status = 0;
      req.socket.destroy();
      return;
    }
    if (s?.soort === '5xx') {
      log.status = s.status ?? 503;
      res.writeHead(s.status ?? 503).end();
      return;
    }
    const verbreek = () => {
      log.status = 0;
      req.socket.destroy();
    };
    const query = new URLSearchParams(pad.includes('?') ? pad.slice(pad.indexOf('?') + 1) : '');

    if (api === 'push') {
      if (s?.soort === '422') {
        antwoord(422, probleem(422, 'Het bericht kan niet worden verwerkt.', s.fouten ?? { payload: ['De payload voldoet niet aan de berichtspecificatie.'] }));
        return;
      }
      if (s?.soort === '400') {
        antwoord(400, probleem(400, 'One or more validation errors occurred.', s.fouten ?? { berichtMetadata: ['Het bericht is ongeldig.'] }));
        return;
      }
      const delen = leesMultipart(log.contentType ?? '', body);
      const metadata = JSON.parse(delen.berichtMetadata.inhoud.toString('utf8')) as Ontvangen['metadata'];
      const tid = metadata.referentiegegevens.traceerId;
      const bestaand = ontvangen.get(tid);
      if (bestaand) bestaand.keer += 1;
      else {
        const nu = new Date();
        const o: Ontvangen = { partij, metadata, payload: delen.payload.inhoud, ontvangenOp: nu, status: { berichtstatus: 'Ontvangen', gewijzigdOp: nu }, keer: 1 };
        ontvangen.set(tid, o);
        for (const f of pushLuisteraars) f(tid, o);
      }
      await houd('na');
      if (s?.soort === 'verbreek') return verbreek();
      antwoord(204);
      return;
    }

    if (api === 'status') {
      const tid = query.get('traceerId');
      const cid = query.get('conversatieId');
      if ((tid === null) === (cid === null)) {
        antwoord(400, probleem(400, 'Gebruik precies één van traceerId en conversatieId.', { traceerId: ['Gebruik precies één parameter.'] }));
        return;
      }
      const lijst = [...ontvangen.values()]
        .filter((o) => o.partij === partij)
        .filter((o) => (tid ? o.metadata.referentiegegevens.traceerId === tid || o.metadata.referentiegegevens.alsAntwoordOp === tid : o.metadata.referentiegegevens.conversatieId === cid))
        .slice(0, 250)
        .map((o) => ({
          referentiegegevens: o.metadata.referentiegegevens,
          berichtstroom: o.metadata.routeringgegevens.berichtstroom,
          berichtstatus: o.status.berichtstatus,
          berichtstatusGewijzigdOp: o.status.gewijzigdOp.toISOString(),
          berichtOntvangenOp: o.ontvangenOp.toISOString(),
          ...(o.status.meldingen?.length && { meldingen: o.status.meldingen }),
        }));
      await houd('na');
      if (s?.soort === 'verbreek') return verbreek();
      antwoord(200, lijst);
      return;
    }

    // pull
    const eigen = [...klaar.values()].filter((k) => k.partij === partij && !k.bevestigd).sort((a, b) => a.ontvangenOp.getTime() - b.ontvangenOp.getTime());
    const metadata = (k: Klaar): PullMetadata => ({
      basisgegevens: {
        ontvangenOp: k.ontvangenOp.toISOString(),
        payload: {
          url: `${basis}${PREFIX.pull}/berichten/${k.referentiegegevens.traceerId}/payload`,
          grootte: k.payload.length,
          checksum: { algoritme: 'SHA256', waarde: createHash('sha256').update(k.payload).digest('hex') },
        },
      },
      routeringgegevens: k.routeringgegevens,
      referentiegegevens: k.referentiegegevens,
    });
    const limit = Number(query.get('limit') ?? 250);
    if (g?.sjabloon === '/berichten') {
      const lijst = eigen.slice(0, limit).map(metadata);
      await houd('na');
      if (s?.soort === 'verbreek') return verbreek();
      antwoord(200, lijst);
      return;
    }
    if (g?.sjabloon === '/berichten/zoeken') {
      const z = JSON.parse(body.toString('utf8')) as Record<string, string | number>;
      const past = (k: Klaar) => {
        const r = k.routeringgegevens;
        switch (z.zoekpadType) {
          case 'ZoekpadOpConversatieId':
            return k.referentiegegevens.conversatieId === z.conversatieId;
          case 'ZoekpadOpAlsAntwoordOp':
            return k.referentiegegevens.alsAntwoordOp === z.alsAntwoordOp;
          default:
            return (
              r.berichtstroom.berichttype === z.berichttype &&
              (z.berichtsubtype === undefined || r.berichtstroom.berichtsubtype === z.berichtsubtype) &&
              (z.berichtversie === undefined || r.berichtstroom.berichtversie === z.berichtversie) &&
              (z.berichtsubversie === undefined || r.berichtstroom.berichtsubversie === z.berichtsubversie) &&
              (z.actie === undefined || r.berichtstroom.actie === z.actie) &&
              (z.geadresseerdeRol === undefined || r.geadresseerden.some((x) => x.rol === z.geadresseerdeRol)) &&
              (z.geadresseerdeCode === undefined || r.geadresseerden.some((x) => x.code === z.geadresseerdeCode))
            );
        }
      };
      antwoord(200, eigen.filter(past).slice(0, limit).map(metadata));
      return;
    }
    const tid = g?.padParameters.traceerId ?? '';
    const k = klaar.get(tid);
    const zichtbaar = k && k.partij === partij && !k.bevestigd ? k : undefined;
    if (plek === 'payload') {
      if (!zichtbaar) return antwoord(404);
      await houd('na');
      if (s?.soort === 'verbreek') return verbreek();
      if (s?.soort === 'verminkt') {
        const kapot = Buffer.from(zichtbaar.payload);
        kapot[0] ^= 0x01;
        antwoord(200, undefined, kapot);
        return;
      }
      antwoord(200, undefined, zichtbaar.payload);
      return;
    }
    // DELETE
    if (!zichtbaar) return antwoord(404);
    if (s?.soort !== 'dubbel') zichtbaar.bevestigd = true;
    await houd('na');
    if (s?.soort === 'verbreek') return verbreek();
    antwoord(202);
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    behandel(req, res).catch((e: unknown) => {
      afwijkingen.push(`${req.method} ${req.url}: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server = opties.tls
    ? https.createServer({ cert: opties.tls.cert, key: opties.tls.key, ca: opties.tls.ca, requestCert: true, rejectUnauthorized: true }, handler)
    : http.createServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  basis = `${opties.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: basis,
    verzoeken,
    afwijkingen,
    ontvangen,
    lever(o) {
      const traceerId = randomUUID();
      klaar.set(traceerId, {
        partij: o.partij ?? standaardPartij,
        payload: Buffer.isBuffer(o.payload) ? o.payload : Buffer.from(o.payload),
        ontvangenOp: o.ontvangenOp ?? new Date(Date.now() + klaar.size),
        bevestigd: false,
        routeringgegevens: {
          afzender: o.afzender ?? { rol: 'Gemeente', code: '0796' },
          geadresseerden: [o.geadresseerde ?? { rol: 'Zorgaanbieder', code: '71000001' }],
          berichtstroom: { berichttype: o.berichttype ?? 'JW301', berichtversie: 3, berichtsubversie: 2, actie: 'Verzenden' },
        },
        referentiegegevens: { conversatieId: o.conversatieId ?? randomUUID(), traceerId, ...(o.alsAntwoordOp && { alsAntwoordOp: o.alsAntwoordOp }) },
      });
      return traceerId;
    },
    wachtend(partij = standaardPartij) {
      return [...klaar.entries()].filter(([, k]) => k.partij === partij && !k.bevestigd).sort(([, a], [, b]) => a.ontvangenOp.getTime() - b.ontvangenOp.getTime()).map(([t]) => t);
    },
    storing(plek, s, traceerId) {
      storingen.set(plek, [...(storingen.get(plek) ?? []), { storing: s, traceerId }]);
    },
    houd(plek, punt) {
      let open = () => {};
      const wacht = new Promise<void>((r) => (open = r));
      const p = { plek, punt, bezet: false, klantWeg: false, open, wacht };
      poorten.set(plek, p);
      return p;
    },
    bijPush(f) {
      pushLuisteraars.push(f);
    },
    zetStatus(traceerId, berichtstatus, meldingen) {
      const o = ontvangen.get(traceerId);
      if (!o) throw new Error(`no pushed message ${traceerId}`);
      if (!STATUSSEN.includes(berichtstatus)) throw new Error(`no v3 status ${berichtstatus}`);
      o.status = { berichtstatus, gewijzigdOp: new Date(), ...(meldingen && { meldingen }) };
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
