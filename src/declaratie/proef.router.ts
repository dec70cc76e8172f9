import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/jwt';
import type { Principal } from '../auth/principal';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { bearerPrincipal, jsonFouten, wrap } from '../http/bearer';
import { CodecError, CodecErrorCode } from '../messaging/ijw/codec.errors';
import type { Verwerking } from '../messaging/processing/verwerking';
import { ONBEKENDE_PARTIJ } from '../messaging/inbox/inbox.service';
import { PROEF_FOUT, toetsDeclaratie } from './proef';

const GEEN_ROUTE: ReadonlySet<string> = new Set(Object.values(ONBEKENDE_PARTIJ));

/**
 * `POST /ijw/proef`: the claim pre-flight. A provider sends the JW323 it is about to send, as
 * `POST /ijw/berichten` takes it, and gets at once what its JW325 would say (JSON, see
 * ProefAntwoord). Nothing is stored.
 */
export function proefRouter(ds: DataSource, verifier: TokenVerifier, o: { sleutels: Sleutels; verwerking: Verwerking; maxBytes: number }): Router {
  const router = express.Router();
  const vooraf = async (req: Request, res: Response): Promise<void> => {
    const p = await bearerPrincipal(verifier, req);
    if (p.rol !== 'aanbieder') throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een aanbieder kan een declaratie vooraf toetsen');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/xml' && type !== 'text/xml') throw new HubError('UNSUPPORTED_CONTENT_TYPE', 'Content-Type moet application/xml zijn');
    res.locals.principal = p;
  };
  router.post(
    '/proef',
    // Authenticate and check the content type before reading a body of up to maxBytes.
    (req, res, next) => {
      vooraf(req, res).then(() => next(), next);
    },
    express.raw({ type: () => true, limit: o.maxBytes }),
    wrap(async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) throw new CodecError(CodecErrorCode.NOT_XML, 'Leeg bericht');
      const a = await toetsDeclaratie(ds, o.sleutels, res.locals.principal as Principal, body, { ...o.verwerking, maxBytes: o.maxBytes });
      res.setHeader('Cache-Control', 'no-store');
      res.json(a);
    }),
  );
  // The codec's and the body reader's refusals as coded answers; the rest as every JSON route.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const tooLarge = (err as { type?: string }).type === 'entity.too.large' || (err instanceof CodecError && err.code === CodecErrorCode.TOO_LARGE);
    if (tooLarge) res.status(413).json({ code: CodecErrorCode.TOO_LARGE, message: 'Bericht is te groot' });
    else if (err instanceof CodecError) res.status(400).json({ code: err.code, message: err.message });
    else if (err instanceof HubError && err.code === 'UNSUPPORTED_CONTENT_TYPE') res.status(415).json({ code: err.code, message: err.message });
    // A party the hub does not serve: understood, but the claim could not be routed (as the door answers).
    else if (err instanceof HubError && GEEN_ROUTE.has(err.code)) res.status(422).json({ code: err.code, message: err.message, ...err.details });
    else if (err instanceof HubError && err.code === PROEF_FOUT.alOntvangen) res.status(409).json({ code: err.code, message: err.message });
    else next(err);
  });
  router.use(jsonFouten('claim pre-flight'));
  return router;
}
