import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { wortel } from '../wortel';

/**
 * Request and response validation against VECOZO's OpenAPI documents (the VSP-Koppeling files in
 * `spec/vecozo-vsp/`, copied unchanged from the chain's interface files), read as they are: every JSON schema is checked by ajv, with
 * the documents' own `components.schemas`.
 *
 * The `Zoekpad` trap: the pull document gives the base `Zoekpad` and each subtype
 * (`ZoekpadOpBerichtstroom`, `ZoekpadOpConversatieId`, `ZoekpadOpAlsAntwoordOp`)
 * `additionalProperties: false`, and the subtypes take the base through `allOf`. Read as JSON
 * Schema that rejects every valid body: the base refuses the subtype's fields, the subtype refuses
 * `zoekpadType`. What the document means (OpenAPI inheritance with a discriminator) is validated
 * instead, by rewriting those schemas before compiling: each subtype gets the base's properties and
 * required fields merged into its own (its `allOf` dropped, its `additionalProperties: false`
 * kept), and the base becomes "zoekpadType is one of the mapping's keys, and then the body is
 * that subtype". Nothing else in the documents is changed (see `leesDocument`).
 */

/** The three APIs of the VSP-Koppeling the hub uses, by the path prefix the simulator serves them under. */
export type VspApi = 'push' | 'pull' | 'status';

const BESTANDEN: Record<VspApi, string> = {
  push: 'VSP-Koppeling_Berichtuitwisseling_REST_Push_V1_-_1.0.2.json',
  pull: 'VSP-Koppeling_Berichtuitwisseling_REST_Pull_V1_-_1.0.0.json',
  status: 'vspkoppeling-berichtstatus-rest-pull-v3.json',
};

/**
 * Where each API lives below the base URL (`VECOZO_URL`): the paths of VECOZO's production
 * servers after `/berichtenservice` (`servers[0].url` of each document).
 */
export const PREFIX: Record<VspApi, string> = {
  push: '/berichten/rest-push/v1',
  pull: '/berichten/rest-pull/v1',
  status: '/berichtstatus/rest-pull/v3',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, Json>;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema; encoding?: Record<string, { contentType: string }> }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** The directory of the VECOZO documents in the repository (spec/vecozo-vsp, copied unchanged), unless `VECOZO_OPENAPI_DIR` names one. */
export function vspDocumentenMap(): string {
  if (process.env.VECOZO_OPENAPI_DIR) return process.env.VECOZO_OPENAPI_DIR;
  return path.join(wortel(), 'spec', 'vecozo-vsp');
}

/** Rewrites the discriminated `allOf` schemas as the document means them (see the file comment). */
function herschrijfOvererving(schemas: Record<string, Schema>): void {
  const ref = (naam: string) => `#/components/schemas/${naam}`;
  for (const [naam, basis] of Object.entries(schemas)) {
    const disc = basis.discriminator as { propertyName: string; mapping: Record<string, string> } | undefined;
    if (!disc) continue;
    for (const [, doel] of Object.entries(disc.mapping)) {
      const subNaam = doel.split('/').pop() as string;
      const sub = schemas[subNaam];
      const allOf = (sub.allOf ?? []) as Schema[];
      if (!allOf.some((s) => s.$ref === ref(naam))) throw new Error(`${subNaam} does not inherit ${naam}`);
      const eigen = (sub.properties ?? {}) as Record<string, Json>;
      const geerfd = (basis.properties ?? {}) as Record<string, Json>;
      schemas[subNaam] = {
        ...Object.fromEntries(Object.entries(sub).filter(([k]) => k !== 'allOf')),
        properties: { ...geerfd, [disc.propertyName]: { type: 'string', const: Object.entries(disc.mapping).find(([, d]) => d === doel)?.[0] ?? subNaam }, ...eigen },
        required: [...new Set([...((basis.required ?? []) as string[]), ...((sub.required ?? []) as string[])])],
      };
    }
    schemas[naam] = {
      type: 'object',
      required: [disc.propertyName],
      properties: { [disc.propertyName]: { type: 'string', enum: Object.keys(disc.mapping) } },
      allOf: Object.entries(disc.mapping).map(([waarde, doel]) => ({
        if: { properties: { [disc.propertyName]: { const: waarde } } },
        then: { $ref: doel },
      })),
    };
  }
}

/** One document, read and with its `Zoekpad` inheritance rewritten; `example` and `discriminator` are left for ajv to ignore. */
function leesDocument(bestand: string): Document {
  const doc = JSON.parse(readFileSync(bestand, 'utf8')) as Document;
  herschrijfOvererving(doc.components.schemas);
  return doc;
}

/** A request as it came over the wire (or as a client is about to send it). */
export interface RuwVerzoek {
  method: string;
  /** The path below the API's prefix, with its query string: `/berichten?limit=250`. */
  pad: string;
  contentType?: string;
  body?: Buffer;
}

/** The matching operation of a request, and its path parameters. */
interface Gevonden {
  sjabloon: string;
  operatie: Operation;
  padParameters: Record<string, string>;
}

/** A multipart/form-data body's parts by name: JSON text or bytes, and each part's content type. */
export interface Delen {
  [naam: string]: { contentType: string; inhoud: Buffer };
}

/**
 * Reads a multipart/form-data body (RFC 7578) part by part, keeping each part's own
 * Content-Type (the documents' `encoding` names one per part; the platform's FormData drops it
 * for parts without a file name). Throws on a body that is not well-formed.
 */
export function leesMultipart(contentType: string, body: Buffer): Delen {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType.trim()) || !m) throw new Error('no multipart/form-data boundary');
  const grens = Buffer.from(`--${m[1] ?? m[2]}`);
  const delen: Delen = {};
  let pos = body.indexOf(grens);
  if (pos < 0) throw new Error('no first boundary');
  for (;;) {
    pos += grens.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return delen;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new Error('malformed boundary line');
    pos += 2;
    const kopEinde = body.indexOf('\r\n\r\n', pos);
    if (kopEinde < 0) throw new Error('part without header end');
    const koppen = body.subarray(pos, kopEinde).toString('utf8').split('\r\n');
    const volgende = body.indexOf(Buffer.concat([Buffer.from('\r\n'), grens]), kopEinde + 4);
    if (volgende < 0) throw new Error('part without closing boundary');
    const kop = (naam: string) => koppen.find((k) => k.toLowerCase().startsWith(`${naam}:`))?.slice(naam.length + 1).trim();
    const naam = /\bname="([^"]*)"/.exec(kop('content-disposition') ?? '')?.[1];
    if (naam === undefined) throw new Error('part without a name');
    delen[naam] = { contentType: kop('content-type') ?? 'text/plain', inhoud: body.subarray(kopEinde + 4, volgende) };
    pos = volgende + 2;
  }
}

/**
 * Validators of one set of VSP documents: `verzoek` lists what is wrong with a request,
 * `antwoord` with a response (empty when it conforms). Field names in the findings follow the
 * documents (`berichtMetadata.referentiegegevens.traceerId`), as VECOZO's `errors` do.
 */
export class VspSpecificaties {
  private readonly ajv: Ajv;
  private readonly docs: Record<VspApi, Document>;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(map = vspDocumentenMap()) {
    this.ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
    addFormats(this.ajv);
    // OpenAPI's own formats: their type already says all a JSON value can.
    for (const f of ['int32', 'int64', 'binary']) this.ajv.addFormat(f, true);
    this.docs = Object.fromEntries((Object.keys(BESTANDEN) as VspApi[]).map((api) => [api, leesDocument(path.join(map, BESTANDEN[api]))])) as Record<VspApi, Document>;
    for (const api of Object.keys(this.docs) as VspApi[]) this.ajv.addSchema({ $id: `vsp-${api}`, components: this.docs[api].components });
  }

  /** The compiled validator of `schema` within `api`'s document (its `#/components/...` refs resolve there). */
  private validator(api: VspApi, sleutel: string, schema: Schema): ValidateFunction {
    const k = `${api} ${sleutel}`;
    let v = this.cache.get(k);
    if (!v) {
      v = this.ajv.compile({ $id: `vsp-${api}-${this.cache.size}`, ...JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"vsp-${api}#/components/`)) as object });
      this.cache.set(k, v);
    }
    return v;
  }

  private fouten(api: VspApi, sleutel: string, schema: Schema, waarde: unknown, plaats: string): string[] {
    const v = this.validator(api, sleutel, schema);
    if (v(waarde)) return [];
    return (v.errors ?? []).map((e) => `${plaats}${e.instancePath.replaceAll('/', '.')}: ${e.message ?? 'ongeldig'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  }

  /** The operation a request addresses, or undefined (the API has no such path or method). */
  zoek(api: VspApi, method: string, pad: string): Gevonden | undefined {
    const schoon = pad.split('?')[0];
    for (const [sjabloon, ops] of Object.entries(this.docs[api].paths)) {
      const operatie = ops[method.toLowerCase()];
      if (!operatie) continue;
      const namen: string[] = [];
      const re = new RegExp(`^${sjabloon.replace(/\{([^}]+)\}/g, (_, n: string) => (namen.push(n), '([^/]+)'))}$`);
      const m = re.exec(schoon);
      if (m) return { sjabloon, operatie, padParameters: Object.fromEntries(namen.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
    }
    return undefined;
  }

  /** What is wrong with a request by `api`'s document; empty when it conforms. */
  verzoek(api: VspApi, v: RuwVerzoek): string[] {
    const g = this.zoek(api, v.method, v.pad);
    if (!g) return [`${v.method} ${v.pad.split('?')[0]}: geen operatie van de ${api}-API`];
    const fouten: string[] = [];
    const query = new URLSearchParams(v.pad.includes('?') ? v.pad.slice(v.pad.indexOf('?') + 1) : '');
    for (const p of g.operatie.parameters ?? []) {
      const ruw = p.in === 'path' ? g.padParameters[p.name] : p.in === 'query' ? (query.get(p.name) ?? undefined) : undefined;
      if (ruw === undefined) {
        if (p.required || p.in === 'path') fouten.push(`${p.name}: ontbreekt`);
        continue;
      }
      // A query or path value is text; an integer parameter is read as one first.
      const waarde = p.schema.type === 'integer' ? (/^-?\d+$/.test(ruw) ? Number(ruw) : ruw) : ruw;
      fouten.push(...this.fouten(api, `${g.sjabloon} ${p.in} ${p.name}`, p.schema, waarde, p.name));
    }
    const bekend = new Set((g.operatie.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    for (const k of query.keys()) if (!bekend.has(k)) fouten.push(`${k}: onbekende parameter`);
    const rb = g.operatie.requestBody;
    if (!rb) {
      if (v.body?.length) fouten.push('body: deze operatie heeft geen body');
      return fouten;
    }
    const soort = (v.contentType ?? '').split(';')[0].trim().toLowerCase();
    const inhoud = rb.content[soort];
    if (!inhoud) return [...fouten, `content-type ${soort || '(geen)'}: verwacht ${Object.keys(rb.content).join(' of ')}`];
    if (soort === 'application/json') {
      let json: unknown;
      try {
        json = JSON.parse((v.body ?? Buffer.alloc(0)).toString('utf8'));
      } catch {
        return [...fouten, 'body: geen JSON'];
      }
      return [...fouten, ...this.fouten(api, `${g.sjabloon} body`, inhoud.schema, json, 'body')];
    }
    if (soort === 'multipart/form-data') {
      let delen: Delen;
      try {
        delen = leesMultipart(v.contentType ?? '', v.body ?? Buffer.alloc(0));
      } catch {
        return [...fouten, 'body: geen leesbare multipart/form-data'];
      }
      const props = (inhoud.schema.properties ?? {}) as Record<string, Schema>;
      for (const naam of (inhoud.schema.required ?? []) as string[]) if (!delen[naam]) fouten.push(`${naam}: ontbreekt`);
      for (const naam of Object.keys(delen)) if (!props[naam]) fouten.push(`${naam}: onbekend deel`);
      for (const [naam, deel] of Object.entries(delen)) {
        const schema = props[naam];
        if (!schema) continue;
        const verwacht = inhoud.encoding?.[naam]?.contentType;
        if (verwacht && deel.contentType.split(';')[0].trim() !== verwacht) fouten.push(`${naam}: content-type ${deel.contentType}, verwacht ${verwacht}`);
        if (schema.format === 'binary') {
          if (!deel.inhoud.length) fouten.push(`${naam}: leeg`);
          continue;
        }
        let json: unknown;
        try {
          json = JSON.parse(deel.inhoud.toString('utf8'));
        } catch {
          fouten.push(`${naam}: geen JSON`);
          continue;
        }
        fouten.push(...this.fouten(api, `${g.sjabloon} part ${naam}`, schema, json, naam));
      }
      return fouten;
    }
    return fouten;
  }

  /**
   * What is wrong with a response to `method pad` by `api`'s document: its status must be one the
   * operation lists, its content type and JSON body the ones given for that status (none when none).
   */
  antwoord(api: VspApi, method: string, pad: string, status: number, contentType: string | undefined, body: Buffer): string[] {
    const g = this.zoek(api, method, pad);
    if (!g) return [`${method} ${pad}: geen operatie van de ${api}-API`];
    const r = g.operatie.responses[String(status)];
    if (!r) return [`status ${status}: niet gedocumenteerd voor ${method} ${g.sjabloon} (wel: ${Object.keys(g.operatie.responses).join(', ')})`];
    if (!r.content) return body.length ? [`status ${status}: hoort geen body te hebben`] : [];
    const soort = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const inhoud = r.content[soort];
    if (!inhoud) return [`status ${status}: content-type ${soort || '(geen)'}, verwacht ${Object.keys(r.content).join(' of ')}`];
    if (soort !== 'application/json') return inhoud.schema.format === 'binary' && !body.length ? ['body: leeg'] : [];
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return ['body: geen JSON'];
    }
    return this.fouten(api, `${g.sjabloon} ${status}`, inhoud.schema, json, 'body');
  }
}
