import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEEM } from '../auth/principal';
import type { Config } from '../config/config';
import { withTenant } from '../db/tenant';
import { RETOURS } from '../messaging/ijw/soorten';
import type { MessageType } from '../messaging/ijw/definition';
import { NIET_VIA_KANAAL, type Bezorgkanaal, type KanaalUitkomst, type TeBezorgenBericht } from '../messaging/processing/bezorgkanaal';
import { leesTls } from '../common/tls';
import { GgkSchema } from './ggk.schema';
import { ggkTls } from './ggk.tls';
import { volgendTijdstip } from './ggk.tijdstip';
import { GGK_APPLICATIE, SOAP_ACTION } from './ggk.types';
import { envelop, leesAntwoord, type UitgaandEnvelop } from './ggk.xml';
import { prepared } from '../db/prepared';

/**
 * Versions in `parameters`: the hub's own (0001/0000), and iJw 3.2 as functieVersie 0003 and
 * functieSubversie 0002 (BerichtVersie 3, BerichtSubversie 2): the spec is silent on this mapping.
 */
export const VERSIES = { applicatieVersie: '0001', applicatieSubversie: '0000', functieVersie: '0003', functieSubversie: '0002' } as const;

/** A message's current outgoing envelope, locked: every delivery attempt reads it (test/ggk-plan.test.ts holds its plan). */
export const HUIDIG_ENVELOP = `SELECT id, berichtcode, referentienummer, tijdstip_bericht, cross_refnummer, status, foutplek FROM ggk_envelop
      WHERE richting = 'uit' AND bericht_id = $1 AND status <> 'vervangen' FOR UPDATE`;

interface Opgeslagen {
  id: string;
  berichtcode: 'Di01' | 'Du01';
  referentienummer: string;
  tijdstip_bericht: string;
  cross_refnummer: string | null;
  status: string;
  foutplek: string | null;
}

/**
 * The hub's messages to a provider reached through the GGk leave as Di01 (a heen message) or Du01
 * (a retour, crossRefnummer = the Di01 that brought the message it answers) to GGK_URL. The
 * envelope's stuurgegevens are stored before the first attempt, so every resend after a failure
 * on the receiving side (5xx, a timeout, a Fo03 with plek server, IB103) is the same envelope;
 * after a refusal of the hub's own making (plek client) an administrator's redrive sends a new one.
 */
export function ggkKanaal(ds: DataSource, cfg: Config): Bezorgkanaal {
  // Over https the hub shows its PKIoverheid certificate (GGK_CERT, GGK_KEY; checked at boot) and
  // trusts GGK_CA for the server, or the system's CAs without it.
  let agent: https.Agent | undefined;
  const verbinding = () => {
    if (agent || !cfg.GGK_URL?.startsWith('https:')) return agent;
    const id = leesTls(ggkTls(cfg));
    agent = new https.Agent({ keepAlive: true, cert: id.cert, key: id.key, ...(id.ca && { ca: id.ca }) });
    return agent;
  };
  return {
    kanaal: 'ggk',
    async bezorg(b: TeBezorgenBericht) {
      if (!cfg.GGK_URL) throw new Error('GGK_URL is not configured');
      const e = await withTenant(ds, SYSTEEM, (em) => envelopVoor(em, cfg, b));
      if (!e) return NIET_VIA_KANAAL;
      const xml = envelop(e.envelop);
      // The hub's own envelope must pass the XSDs: an invalid one would be refused at every attempt.
      const bevindingen = (await GgkSchema.laad()).bevindingen(xml);
      if (bevindingen.length) throw new Error(`own envelope not XSD-valid: ${bevindingen[0]}`);
      const res = await post(cfg.GGK_URL, xml, {
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${SOAP_ACTION[e.envelop.berichtcode]}"`,
          ...(cfg.GGK_URL_TOKEN && { authorization: `Bearer ${cfg.GGK_URL_TOKEN}` }),
        },
        timeoutMs: cfg.GGK_TIMEOUT_MS,
        agent: verbinding(),
      });
      const tekst = res.tekst;
      const antwoord = res.status === 200 || res.status === 500 ? await leesAntwoord(tekst).catch(() => undefined) : undefined;
      if (res.status === 200 && antwoord?.code === 'Bv03' && antwoord.crossRefnummer === e.envelop.referentienummer) return (em) => afgeleverd(em, e.id);
      const fout = antwoord?.code === 'Fo03' ? antwoord.fout : null;
      // The hub's own error: resending it unchanged would be refused again. Marked; a dead letter.
      if (fout?.plek === 'client') {
        return async (em) => {
          await prepared(em, `UPDATE ggk_envelop SET status = 'fout', foutcode = $2, foutplek = 'client', foutomschrijving = $3, afgehandeld_op = now() WHERE id = $1`, [
            e.id,
            fout.code.slice(0, 7),
            fout.omschrijving.slice(0, 200),
          ]);
          return 'mislukt';
        };
      }
      // The receiver's failure: the job retries, with this same envelope.
      throw new Error(`GGk answered ${res.status}${fout ? ` ${fout.code}` : ''}`);
    },
  };
}

/**
 * The GGk took the envelope (Bv03). Its row is locked first, as the Fo01 handling locks it, so
 * an asynchronous fault that overtook this Bv03 decides: a refusal (`fout`) makes the message a
 * dead letter, IB103 (`opnieuw`) sends the same envelope again; otherwise it is `verzonden`.
 */
async function afgeleverd(em: EntityManager, id: string): Promise<KanaalUitkomst> {
  const [r] = await prepared<{ status: string }>(em, `SELECT status FROM ggk_envelop WHERE id = $1 FOR UPDATE`, [id]);
  if (r?.status === 'fout') return 'mislukt';
  if (r?.status === 'opnieuw') return 'opnieuw';
  await prepared(em, `UPDATE ggk_envelop SET status = 'verzonden', afgehandeld_op = now() WHERE id = $1 AND status = 'klaar'`, [id]);
  return 'afgeleverd';
}

/**
 * POSTs `body` and reads the whole answer within `timeoutMs`; a refused handshake (no or a wrong
 * certificate), a dropped connection or the timeout rejects, so the job tries again later.
 */
function post(url: string, body: string, o: { headers: Record<string, string>; timeoutMs: number; agent?: https.Agent }): Promise<{ status: number; tekst: string }> {
  const doel = new URL(url);
  const lib = doel.protocol === 'https:' ? https : http;
  const data = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = lib.request(
      doel,
      { method: 'POST', headers: { ...o.headers, 'content-length': String(data.length) }, signal: AbortSignal.timeout(o.timeoutMs), ...(o.agent && { agent: o.agent }) },
      (res) => {
        const delen: Buffer[] = [];
        res.on('data', (d: Buffer) => delen.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, tekst: Buffer.concat(delen).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * The message's current envelope, or a new one stored now: a first attempt, or a redrive after
 * a refusal of the hub's own making (the old one is then `vervangen`).
 */
async function envelopVoor(em: EntityManager, cfg: Config, b: TeBezorgenBericht): Promise<{ id: string; envelop: UitgaandEnvelop } | undefined> {
  const zender = { organisatie: b.gemeenteCode, applicatie: cfg.GGK_APPLICATIE };
  const ontvanger = { organisatie: b.aanbiederAgb, applicatie: GGK_APPLICATIE };
  const maak = (o: Pick<Opgeslagen, 'berichtcode' | 'referentienummer' | 'tijdstip_bericht' | 'cross_refnummer'>): UitgaandEnvelop => ({
    berichtcode: o.berichtcode,
    zender,
    ontvanger,
    referentienummer: o.referentienummer,
    tijdstipBericht: o.tijdstip_bericht,
    crossRefnummer: o.cross_refnummer,
    functie: b.type,
    versies: VERSIES,
    xml: b.xml,
  });
  const [huidig] = await prepared<Opgeslagen>(em, HUIDIG_ENVELOP, [b.id]);
  if (huidig && !(huidig.status === 'fout' && huidig.foutplek === 'client')) {
    // After IB103 (type frozen) the same envelope goes again: sending it now.
    if (huidig.status === 'opnieuw') await prepared(em, `UPDATE ggk_envelop SET status = 'klaar' WHERE id = $1`, [huidig.id]);
    return { id: huidig.id, envelop: maak(huidig) };
  }
  if (huidig) await prepared(em, `UPDATE ggk_envelop SET status = 'vervangen' WHERE id = $1`, [huidig.id]);
  let crossRefnummer: string | null = null;
  if (RETOURS.has(b.type as MessageType)) {
    // A retour answers the Di01 that brought its heen message.
    const heen = await prepared<{ referentienummer: string }>(em,
      `SELECT referentienummer FROM ggk_envelop WHERE richting = 'in' AND berichtcode = 'Di01' AND bericht_id = $1 ORDER BY id LIMIT 1`,
      [b.heenId],
    );
    // Its message came in directly, not in a Di01: a Du01 could answer nothing, so not through the GGk.
    if (!heen[0]) return undefined;
    crossRefnummer = heen[0].referentienummer;
  }
  const nieuw = { berichtcode: crossRefnummer ? ('Du01' as const) : ('Di01' as const), referentienummer: randomUUID(), tijdstip_bericht: await volgendTijdstip(em, zender), cross_refnummer: crossRefnummer };
  const r = await prepared<{ id: string }>(em,
    `INSERT INTO ggk_envelop (richting, berichtcode, zender_organisatie, zender_applicatie, ontvanger_organisatie, referentienummer, tijdstip_bericht,
                              cross_refnummer, functie, bericht_id, status)
     VALUES ('uit', $1, $2, $3, $4, $5, $6, $7, $8, $9, 'klaar') RETURNING id`,
    [nieuw.berichtcode, zender.organisatie, zender.applicatie, b.aanbiederAgb, nieuw.referentienummer, nieuw.tijdstip_bericht, crossRefnummer, b.type, b.id],
  );
  return { id: r[0].id, envelop: maak(nieuw) };
}
