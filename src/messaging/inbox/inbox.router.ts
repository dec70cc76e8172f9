import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { audit } from '../../auth/audit.service';
import type { TokenVerifier } from '../../auth/jwt';
import type { Principal } from '../../auth/principal';
import { HubError, HubErrorCode } from '../../common/hub-error';
import { withTenant } from '../../db/tenant';
import { bearerPrincipal, httpStatus, wrap } from '../../http/bearer';
import { log } from '../../observability/logger';
import { CodecError, CodecErrorCode } from '../ijw/codec.errors';
import { readEnvelope } from './envelope';
import { checkSender, Inbox, ONBEKENDE_PARTIJ } from './inbox.service';

/** A party in the header the hub does not serve: the request is understood but cannot be routed. */
const GEEN_ROUTE: ReadonlySet<string> = new Set(Object.values(ONBEKENDE_PARTIJ));
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
export function inboxRouter(ds: DataSource, verifier: TokenVerifier, opts: { maxBytes: number; sleutels: Sleutels }): Router {
  const router = express.Router();
  const inbox = new Inbox(ds, opts.sleutels);

  const principal = (req: Request): Promise<Principal> => bearerPrincipal(verifier, req);

  const precheck = async (req: Request, res: Response): Promise<void> => {
    res.locals.principal = await principal(req);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/xml' && type !== 'text/xml') {
      throw new HubError('UNSUPPORTED_CONTENT_TYPE', 'Content-Type moet application/xml zijn');
    }
    const length = Number(req.headers['content-length'] ?? '0');
    if (length > opts.maxBytes) throw new CodecError(CodecErrorCode.TOO_LARGE, `bericht van ${length} bytes is groter dan ${opts.maxBytes}`);
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
      if (body.length === 0) throw new CodecError(CodecErrorCode.NOT_XML, 'leeg bericht');
      const env = await readEnvelope(body, opts.maxBytes);
      checkSender(p, env);
      const r = await inbox.ontvang(p, env, body);
      res.status(r.herhaling ? 200 : 202).json({ id: r.id, status: r.status });
    }),
  );

  const load = async (p: Principal, id: string): Promise<BerichtRij> => {
    if (!UUID.test(id)) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
    const rows = await withTenant(ds, p, (em) =>
      em.query<BerichtRij[]>(
        `SELECT b.id, b.type, b.richting, b.status, b.afzender, b.ontvanger, b.identificatie, b.ontvangen_op, b.verwerkt_op,
                b.retourcodes, b.fouten, b.heen_id, r.id AS retour_id, r.type AS retour_type, r.retourcodes AS retour_codes
           FROM bericht b LEFT JOIN bericht r ON r.heen_id = b.id
          WHERE b.id = $1`,
        [id],
      ),
    );
    if (!rows[0]) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
    return rows[0];
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
        const rows = await em.query<{ xml_versleuteld: Buffer; regio_code: string | null }[]>('SELECT xml_versleuteld, regio_code FROM bericht WHERE id = $1', [id]);
        if (!rows[0]) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden');
        await audit(em, p, 'bericht.xml.gelezen', 'bericht', id, {}, rows[0].regio_code);
        return opts.sleutels.ontsleutel(rows[0].xml_versleuteld);
      });
      res.type('application/xml').send(xml);
    }),
  );

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    void next;
    const tooLarge = (err as { type?: string }).type === 'entity.too.large';
    const lezer = (err as { status?: unknown }).status;
    if (tooLarge || (err instanceof CodecError && err.code === CodecErrorCode.TOO_LARGE)) {
      res.status(413).json({ code: CodecErrorCode.TOO_LARGE, message: 'Bericht is te groot' });
    } else if (err instanceof CodecError) {
      res.status(400).json({ code: err.code, message: err.message });
    } else if (err instanceof HubError) {
      if (GEEN_ROUTE.has(err.code)) res.status(422).json({ code: err.code, message: err.message, ...err.details });
      else res.status(httpStatus(err)).json({ code: err.code, message: err.message });
    } else if (typeof lezer === 'number' && lezer >= 400 && lezer < 500) {
      // The body reader's own refusals (an unsupported Content-Encoding, a corrupt gzip body).
      res.status(lezer).json({ code: lezer === 415 ? 'UNSUPPORTED_CONTENT_ENCODING' : 'BAD_REQUEST', message: 'Bericht kan niet worden gelezen' });
    } else {
      log.error('inbox error', { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Interne fout' });
    }
  });
  return router;
}
