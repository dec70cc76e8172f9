import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { GgkSchema } from './ggk.schema';
import type { GgkOntvangst } from './ggk.ontvangst';
import type { GgkToegang } from './ggk.toegang';
import { MAX_ENVELOP_BYTES } from './ggk.types';
import { schrijfProbleem } from '../http/probleem';

/**
 * The OntvangAsynchroon port (StUF-GGk 0210, SOAP 1.1 document/literal): POST an envelope with
 * its SOAPAction, answered with a Bv03 (200) or a Fo03 fault (500); `GET ?wsdl` serves the WSDL
 * with this port's address, and `GET spec/…` the files it imports.
 */
export function ggkRouter(ontvangst: GgkOntvangst, toegang: GgkToegang): Router {
  const router = express.Router();
  // Written as it is: no ETag to compute (a SOAP answer is never fetched conditionally).
  const soap = (res: Response, http: number, xml: string) =>
    res.status(http).set({ 'content-type': 'text/xml; charset=utf-8', 'content-length': String(Buffer.byteLength(xml)) }).end(xml);

  router.get('/OntvangAsynchroon', (req, res) => {
    if (!('wsdl' in req.query)) {
      schrijfProbleem(req, res, { status: 404, code: 'NOT_FOUND', detail: 'Deze poort ontvangt SOAP-berichten met POST; de WSDL staat op ?wsdl' });
      return;
    }
    const basis = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
    res.type('text/xml; charset=utf-8').send(GgkSchema.wsdl(`${basis}/OntvangAsynchroon`, `${basis}/spec`));
  });

  // What the WSDL imports, so a client can build the port from ?wsdl alone.
  router.get(/^\/spec\/(.+)$/, (req, res) => {
    const basis = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
    const tekst = GgkSchema.specBestand(String((req.params as Record<string, string>)[0]), `${basis}/spec`);
    if (tekst === undefined) schrijfProbleem(req, res, { status: 404, code: 'NOT_FOUND', detail: 'Geen specificatiebestand van deze poort' });
    else res.type('text/xml; charset=utf-8').send(tekst);
  });

  router.post(
    '/OntvangAsynchroon',
    // Who may call is settled before a body of up to 25 MB is read.
    (req, res, next) => {
      if (toegang(req)) next();
      else schrijfProbleem(req, res, { status: 401, code: 'UNAUTHENTICATED', detail: 'Alleen de Digikoppeling-aansluiting van de GGk mag deze poort aanroepen' });
    },
    express.raw({ type: () => true, limit: MAX_ENVELOP_BYTES }),
    (req, res, next) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      ontvangst.ontvang(body, req.headers.soapaction as string | undefined).then((a) => soap(res, a.http, a.xml), next);
    },
  );

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    // Larger than 25 MB: refused before it is read (IB007 of the GGk's fault list).
    const tooLarge = (err as { type?: string }).type === 'entity.too.large';
    ontvangst.weiger(tooLarge ? 'IB007' : 'StUF046', tooLarge ? 'Het envelop is groter dan 25 MB' : 'Het bericht kon niet worden ontvangen').then(
      (a) => soap(res, a.http, a.xml),
      () => res.status(500).end(),
    );
  });
  return router;
}
