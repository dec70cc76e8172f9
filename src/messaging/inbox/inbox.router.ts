import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { audit } from '../../auth/audit.service';
import type { TokenVerifier } from '../../auth/jwt';
import type { Principal } from '../../auth/principal';
import { HubError, HubErrorCode } from '../../common/hub-error';
import { withTenant } from '../../db/tenant';
import { bearerPrincipal, wrap } from '../../http/bearer';
import { probleemVan, schrijfProbleem } from '../../http/probleem';
import { CodecError, CodecErrorCode } from '../ijw/codec.errors';
import { readEnvelope } from './envelope';
import { checkSender, Inbox } from './inbox.service';
import { weigerEchteBsn } from './sandbox-deur';

import type { BerichtLezing } from '../../common/hub-module';
import type { Sleutels } from '../../common/sleutels';
import { sleutelVan } from '../../graphql/node';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface BerichtRij {
  id: string;
  type: string;
  richting: string;
  status: string;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  ontvangen_op: Date;
  verwerkt_op: Date | null;
  retourcodes: string[];
  fouten: unknown;
  heen_id: string | null;
  retour_id: string | null;
  retour_type: string | null;
  retour_codes: string[] | null;
}

/** The public iJw contract: POST /ijw/berichten, GET /ijw/berichten/{id} and /{id}/xml. */
export function inboxRouter(ds: DataSource, verifier: TokenVerifier, opts: { maxBytes: number; sleutels: Sleutels; berichtLezing?: BerichtLezing }): Router {
  const router = express.Router();
  const inbox = new Inbox(ds, opts.sleutels);

  const principal = (req: Request): Promise<Principal> => bearerPrincipal(verifier, req);

  const precheck = async (req: Request, res: Response): Promise<void> => {
    res.locals.principal = await principal(req);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/xml' && type !== 'text/xml') {
      throw new HubError('UNSUPPORTED_CONTENT_TYPE', 'Content-Type moet application/xml zijn: een iJw-bericht is XML');
    }
    const length = Number(req.headers['content-length'] ?? '0');
    if (length > opts.maxBytes) throw new CodecError(CodecErrorCode.TOO_LARGE, `Het bericht van ${length} bytes is groter dan ${opts.maxBytes} bytes`);
  };

  router.post(
    '/berichten',
    // Authenticate before reading a body of up to maxBytes.
    (req, res, next) => {
      precheck(req, res).then(() => next(), next);
    },
    express.raw({ type: () => true, limit: opts.maxBytes }),
    wrap(async (req, res) => {
      const p = res.locals.principal as Principal;
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) throw new CodecError(CodecErrorCode.NOT_XML, 'Het bericht is leeg');
      const env = await readEnvelope(body, opts.maxBytes);
      checkSender(p, env);
      await weigerEchteBsn(p, body);
      const r = await inbox.ontvang(p, env, body);
      res.status(r.herhaling ? 200 : 202).json({ id: r.id, status: r.status });
    }),
  );

  const load = async (p: Principal, id: string): Promise<BerichtRij & { extra: Record<string, unknown> }> => {
    if (!UUID.test(id)) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
    return withTenant(ds, p, async (em) => {
      const rows = await em.query<BerichtRij[]>(
        `SELECT b.id, b.type, b.richting, b.status, b.afzender, b.ontvanger, b.identificatie, b.ontvangen_op, b.verwerkt_op,
                b.retourcodes, b.fouten, b.heen_id, r.id AS retour_id, r.type AS retour_type, r.retourcodes AS retour_codes
           FROM bericht b LEFT JOIN bericht r ON r.heen_id = b.id
          WHERE b.id = $1`,
        [id],
      );
      if (!rows[0]) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
      // What the modules add (the trace through the chain), in the same transaction and context.
      return { ...rows[0], extra: opts.berichtLezing ? await opts.berichtLezing(em, p, opts.sleutels, id) : {} };
    });
  };

  router.get(
    '/berichten/:id',
    wrap(async (req, res) => {
      const b = await load(await principal(req), sleutelVan(String(req.params.id)));
      res.json({
        id: b.id,
        type: b.type,
        richting: b.richting,
        status: b.status,
        afzender: b.afzender,
        ontvanger: b.ontvanger,
        identificatie: b.identificatie,
        ontvangenOp: b.ontvangen_op,
        verwerktOp: b.verwerkt_op,
        heenId: b.heen_id,
        retour: b.retour_id ? { id: b.retour_id, type: b.retour_type, retourcodes: b.retour_codes ?? [] } : null,
        retourcodes: b.retourcodes,
        fouten: b.fouten,
        ...b.extra,
      });
    }),
  );

  router.get(
    '/berichten/:id/xml',
    wrap(async (req, res) => {
      const p = await principal(req);
      const id = sleutelVan(String(req.params.id));
      if (!UUID.test(id)) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
      // The XML carries client data: reading it is audited in the same transaction.
      const xml = await withTenant(ds, p, async (em) => {
        // The clients it names: a one-client message's order key, or a claim's prestaties.
        const rows = await em.query<{ xml_versleuteld: Buffer; regio_code: string | null; clienten: string[] }[]>(
          `SELECT b.xml_versleuteld, b.regio_code,
                  CASE WHEN b.client_sleutel IS NOT NULL THEN ARRAY[b.client_sleutel::text]
                       ELSE ARRAY(SELECT DISTINCT pr.client_hash::text FROM declaratie d JOIN prestatie pr ON pr.declaratie_id = d.id WHERE d.bericht_id = b.id) END AS clienten
             FROM bericht b WHERE b.id = $1`,
          [id],
        );
        if (!rows[0]) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
        await audit(em, p, 'bericht.xml.gelezen', 'bericht', id, {}, rows[0].regio_code, rows[0].clienten);
        return opts.sleutels.voor(rows[0].regio_code).ontsleutel(rows[0].xml_versleuteld);
      });
      res.type('application/xml').send(xml);
    }),
  );

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    // The codec's refusals are the sender's fault: 400 (413 when too large) with the codec's code.
    if (err instanceof CodecError) {
      schrijfProbleem(req, res, { status: err.code === CodecErrorCode.TOO_LARGE ? 413 : 400, code: err.code, detail: err.message });
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      schrijfProbleem(req, res, { status: 413, code: CodecErrorCode.TOO_LARGE, detail: 'Het bericht is te groot' });
    } else {
      schrijfProbleem(req, res, probleemVan(err, 'inbox'));
    }
  });
  return router;
}
