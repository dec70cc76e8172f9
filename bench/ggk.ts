import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GgkSimulator, type SimSysteem } from '../sim/ggk/simulator';
import { bv03 } from '../src/ggk/ggk.xml';

/**
 * The GGk side of the `ggk_ingest` figure: envelopes as the GGk delivers a provider's messages
 * (built by the local GGk simulator, XSD-valid), and a minimal GGk that answers each Di01/Du01
 * of the hub with a spec-valid Bv03 at once. It stores nothing and checks nothing (the
 * simulator's own XSD check per envelope would put the GGk's CPU into the hub's figure: both
 * share this process); its answers pass the hub's own reading of a Bv03 (crossRefnummer = the
 * envelope's referentienummer), and every envelope the hub sent was checked against the XSDs by
 * the hub before it left.
 */
export interface Bv03Antwoorder {
  url: string;
  /** Envelopes answered. */
  beantwoord: () => number;
  stop: () => Promise<void>;
}

const sim = new GgkSimulator();
const IB: SimSysteem = { organisatie: 'IB', applicatie: 'GGk' };

export async function startBv03Antwoorder(): Promise<Bv03Antwoorder> {
  let n = 0;
  // The GGk's own strictly rising tijdstipBericht, as the simulator gives its answers.
  const ggk = new GgkSimulator();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const xml = Buffer.concat(chunks).toString('utf8');
      const ref = /<StUF:referentienummer>([^<]+)</.exec(xml)?.[1];
      const zender = /<StUF:zender><StUF:organisatie>([^<]*)<\/StUF:organisatie><StUF:applicatie>([^<]*)</.exec(xml);
      if (!ref || !zender) {
        res.writeHead(400).end();
        return;
      }
      n += 1;
      const antwoord = bv03({ zender: IB, ontvanger: { organisatie: zender[1], applicatie: zender[2] }, referentienummer: randomUUID(), tijdstipBericht: ggk.tijdstip(), crossRefnummer: ref });
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(antwoord);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/OntvangAsynchroon`,
    beantwoord: () => n,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Di01 envelopes of one provider as the GGk delivers them, in `lanes` sending systems (one per
 * HTTP caller): each system's envelopes carry rising tijdstipBericht and are posted one after
 * another by its own caller, so none is refused with StUF019 whatever order the callers' posts
 * arrive in. `xml(i)` is the i-th iJw message. One simulator builds them all: its tijdstipBericht
 * rises over every call, so a later set's envelopes follow an earlier set's.
 */
export function ggkEnvelopes(o: { agb: string; gemeente: string; functie: string; n: number; lanes: number; xml: (i: number) => string }): Buffer[][] {
  const lanes: Buffer[][] = Array.from({ length: o.lanes }, () => []);
  for (let i = 0; i < o.n; i++) {
    const k = i % o.lanes;
    const e = sim.envelop({ actie: 'Di01', zender: { organisatie: o.agb, applicatie: `Bench ${k + 1}` }, ontvanger: { organisatie: o.gemeente, applicatie: 'GGk' }, functie: o.functie, xml: o.xml(i) });
    lanes[k].push(Buffer.from(e.xml));
  }
  return lanes;
}
