import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/jwt';
import type { Principal } from '../auth/principal';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { bearerPrincipal, wrap } from '../http/bearer';
import { probleemVan, schrijfProbleem } from '../http/probleem';
import { CodecError, CodecErrorCode } from '../messaging/ijw/codec.errors';
import type { Verwerking } from '../messaging/processing/verwerking';
import { toetsDeclaratie } from './proef';

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
      // The answer to a large claim is megabytes of JSON: written as res.json would write it, but
      // without its ETag (a hash of the whole body, of no use on an uncached POST) and without
      // first copying the text into a Buffer. Node sets Content-Length from the text end() gets.
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(a));
    }),
  );
  // The codec's refusals are the sender's fault: 400 (413 when too large) with the codec's code.
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    if (err instanceof CodecError) schrijfProbleem(req, res, { status: err.code === CodecErrorCode.TOO_LARGE ? 413 : 400, code: err.code, detail: err.message });
    else schrijfProbleem(req, res, probleemVan(err, 'claim pre-flight'));
  });
  return router;
}
