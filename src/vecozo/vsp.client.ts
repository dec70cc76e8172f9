import { randomUUID } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { leesTls, type TlsBestanden } from '../common/tls';
import type { BerichtstatusGegevens, PullMetadata, PushMetadata, ValidationProblemDetails } from './vecozo.types';

/**
 * The hub's client of the VSP-Koppeling (VECOZO): push V1, pull V1 and berichtstatus V3 below
 * one base URL (`VECOZO_URL`, VECOZO's `https://api.vecozo.nl/berichtenservice` or the
 * simulator's). VECOZO knows the caller by its TLS client certificate (`VECOZO_CERT`,
 * `VECOZO_KEY`, and `VECOZO_CA` for the server's chain when it is not in the system's store);
 * against the simulator over http none is needed.
 */

/** Where each API lives below the base URL (each document's `servers[0].url` after `/berichtenservice`). */
const PUSH = '/berichten/rest-push/v1';
const PULL = '/berichten/rest-pull/v1';
const STATUS = '/berichtstatus/rest-pull/v3';

export interface VspVerbinding {
  url: string;
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
  /** Per request (default 10 s): a request without an answer by then counts as failed. */
  timeoutMs?: number;
}

/** The hub's VECOZO system certificate and the CAs of VECOZO's server, as configured. */
export function vecozoTls(cfg: { VECOZO_CERT?: string; VECOZO_KEY?: string; VECOZO_CA?: string }): TlsBestanden {
  return { adapter: 'vecozo', namen: { cert: 'VECOZO_CERT', key: 'VECOZO_KEY', ca: 'VECOZO_CA' }, cert: cfg.VECOZO_CERT, key: cfg.VECOZO_KEY, ca: cfg.VECOZO_CA };
}

/** The transport settings of the config, the certificate files read and checked (a missing or bad file throws, naming its variable). */
export function verbindingUitConfig(cfg: { VECOZO_URL?: string; VECOZO_CERT?: string; VECOZO_KEY?: string; VECOZO_CA?: string; VECOZO_TIMEOUT_MS?: number }): VspVerbinding | undefined {
  if (!cfg.VECOZO_URL) return undefined;
  const id = leesTls(vecozoTls(cfg));
  return { url: cfg.VECOZO_URL.replace(/\/+$/, ''), cert: id.cert, key: id.key, ca: id.ca, timeoutMs: cfg.VECOZO_TIMEOUT_MS };
}

/** An answer over the wire. */
interface Antwoord {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A transport failure: no answer (timeout, dropped connection; `status` undefined) or an answer
 * other than the documented ones (`status` set, e.g. a 5xx). Worth another attempt. With no answer
 * VECOZO is taken to be away; with an answer only this request failed.
 */
export class VspOnbereikbaar extends Error {
  override name = 'VspOnbereikbaar';

  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What a push came to: accepted (204), or refused (400/422: VECOZO says not to send it again). */
export type PushUitkomst = { soort: 'aangenomen' } | { soort: 'geweigerd'; status: number; probleem: ValidationProblemDetails };

export class VspClient {
  private readonly basis: URL;

  constructor(private readonly v: VspVerbinding) {
    this.basis = new URL(v.url);
  }

  private verzoek(method: string, pad: string, o: { headers?: Record<string, string>; body?: Buffer } = {}): Promise<Antwoord> {
    const doel = new URL(this.basis.pathname.replace(/\/$/, '') + pad, this.basis);
    const lib = doel.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        doel,
        {
          method,
          headers: { accept: 'application/json', ...o.headers, ...(o.body && { 'content-length': String(o.body.length) }) },
          ...(doel.protocol === 'https:' && { cert: this.v.cert, key: this.v.key, ca: this.v.ca }),
          timeout: this.v.timeoutMs ?? 10_000,
        },
        (res) => {
          const delen: Buffer[] = [];
          res.on('data', (d: Buffer) => delen.push(d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(delen) }));
          res.on('error', (e) => reject(new VspOnbereikbaar(`${method} ${pad}: ${e.message}`)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => reject(new VspOnbereikbaar(`${method} ${pad}: ${e.message}`)));
      req.end(o.body);
    });
  }

  private static json<T>(a: Antwoord, wat: string): T {
    try {
      return JSON.parse(a.body.toString('utf8')) as T;
    } catch {
      throw new Error(`${wat}: answer is no JSON (${a.status})`);
    }
  }

  /**
   * `POST /berichten` (push): multipart/form-data with `berichtMetadata` (JSON) and `payload`
   * (octet-stream). 204 → accepted; 400/422 → refused with VECOZO's problem; a 5xx or no answer
   * throws `VspOnbereikbaar` (send again with the same traceerId).
   */
  async push(metadata: PushMetadata, payload: Buffer): Promise<PushUitkomst> {
    const grens = `vsp-${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(`--${grens}\r\nContent-Disposition: form-data; name="berichtMetadata"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n`),
      Buffer.from(`--${grens}\r\nContent-Disposition: form-data; name="payload"; filename="bericht.xml"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      payload,
      Buffer.from(`\r\n--${grens}--\r\n`),
    ]);
    const a = await this.verzoek('POST', `${PUSH}/berichten`, { headers: { 'content-type': `multipart/form-data; boundary=${grens}` }, body });
    if (a.status === 204) return { soort: 'aangenomen' };
    if (a.status === 400 || a.status === 422) {
      let probleem: ValidationProblemDetails;
      try {
        probleem = JSON.parse(a.body.toString('utf8')) as ValidationProblemDetails;
      } catch {
        probleem = { status: a.status, title: a.body.toString('utf8').slice(0, 500) };
      }
      return { soort: 'geweigerd', status: a.status, probleem };
    }
    throw new VspOnbereikbaar(`push answered ${a.status}`, a.status);
  }

  /** `GET /berichten?limit=` (pull): the oldest messages waiting for the caller, at most `limit` (1–250). */
  async lijst(limit = 250): Promise<PullMetadata[]> {
    const a = await this.verzoek('GET', `${PULL}/berichten?limit=${limit}`);
    if (a.status !== 200) throw new VspOnbereikbaar(`list answered ${a.status}`, a.status);
    return VspClient.json<PullMetadata[]>(a, 'list');
  }

  /**
   * The payload of a listed message: its `basisgegevens.payload.url` when that lies below the
   * base URL (the certificate is never shown to another host), else `GET /berichten/{traceerId}/payload`.
   * Undefined when VECOZO has it no more (404).
   */
  async payload(m: PullMetadata): Promise<Buffer | undefined> {
    const tid = m.referentiegegevens.traceerId;
    const eigen = `${this.basis.href.replace(/\/$/, '')}${PULL}/berichten/`;
    const url = m.basisgegevens.payload.url;
    const pad = url.startsWith(eigen) ? url.slice(this.basis.href.replace(/\/$/, '').length) : `${PULL}/berichten/${encodeURIComponent(tid)}/payload`;
    const a = await this.verzoek('GET', pad, { headers: { accept: 'application/octet-stream' } });
    if (a.status === 404) return undefined;
    if (a.status !== 200) throw new VspOnbereikbaar(`payload answered ${a.status}`, a.status);
    return a.body;
  }

  /** `DELETE /berichten/{traceerId}`: confirms receipt (202). 404 (gone already, or never ours) counts as done. */
  async bevestig(traceerId: string): Promise<'bevestigd' | 'onbekend'> {
    const a = await this.verzoek('DELETE', `${PULL}/berichten/${encodeURIComponent(traceerId)}`);
    if (a.status === 202) return 'bevestigd';
    if (a.status === 404) return 'onbekend';
    throw new VspOnbereikbaar(`delete answered ${a.status}`, a.status);
  }

  /** `GET /berichtstatussen?traceerId=` (berichtstatus V3): the statuses of that message and of those answering it. */
  async statussen(traceerId: string): Promise<BerichtstatusGegevens[]> {
    const a = await this.verzoek('GET', `${STATUS}/berichtstatussen?traceerId=${encodeURIComponent(traceerId)}`);
    if (a.status !== 200) throw new VspOnbereikbaar(`status answered ${a.status}`, a.status);
    return VspClient.json<BerichtstatusGegevens[]>(a, 'status');
  }
}
