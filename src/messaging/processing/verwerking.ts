import type { DataSource } from 'typeorm';
import { prepared } from '../../db/prepared';
import { SYSTEEM } from '../../auth/principal';
import { vandaag } from '../../common/klok';
import { withTenant } from '../../db/tenant';
import { parseMessage } from '../ijw/codec';
import { CodecError } from '../ijw/codec.errors';
import type { XsdValidators } from '../ijw/xsd-validator';
import { schrijfUitgaand } from '../uitgaand';
import { bouwRetour, type Bevindingen } from './retour';
import { NIVEAU2 } from './niveau2';
import { doorsturen, DOORGESTUURD, HEEN_VAN, koppelRetour } from './doorsturen';
import { legLeveringenVast, LEVERING_REGELS } from './levering';
import { NIVEAU3, type Niveau3Context } from './rules';
import { ANTWOORD_REGELS, legVerzoekenVast, VERZOEK_REGELS } from './verzoek';
import { WIJZIGING_REGELS } from './wijziging';
import { verstuurJw325 } from '../../declaratie/antwoord';
import { beoordeel, legDeclaratieVast } from '../../declaratie/declaratie.verwerking';
import type { Sleutels } from '../../common/sleutels';

export { SYSTEEM };

export interface Verwerkt {
  status: 'verwerkt' | 'ongeldig' | 'al-verwerkt';
  retourId?: string;
  retourcodes?: string[];
}

interface Rij {
  id: string;
  type: string;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  status: string;
  gemeente_code: string;
  aanbieder_agb: string;
  regio_code: string | null;
  xml_versleuteld: Buffer;
  client_sleutel: string | null;
  volgnummer: string;
}


/** A message that must wait for an earlier-received message of the same client. */
interface Wacht {
  status: 'wacht';
  voorganger: string;
}

/** The unique index that keeps two live deliveries with one key apart (the last guard of the order). */
const isDubbeleLevering = (e: unknown) => (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'uq_levering_levend';

/**
 * Processes one inbound message. A client's messages are judged one at a time in the order the
 * hub received them: earlier-received messages of the same client that are still waiting are
 * processed first, each in its own transaction, so the outcome never depends on which job ran
 * first. A delivery that would duplicate a live one (the unique index: only possible if the
 * order was bypassed) rolls the message back and judges it again, now against that delivery.
 */
export async function verwerkBericht(ds: DataSource, sleutels: Sleutels, id: string, xsd?: XsdValidators): Promise<Verwerkt> {
  let opnieuw = false;
  for (;;) {
    let r: Verwerkt | Wacht;
    try {
      r = await verwerkEen(ds, sleutels, id, xsd);
    } catch (e) {
      if (opnieuw || !isDubbeleLevering(e)) throw e;
      opnieuw = true;
      continue;
    }
    if (r.status !== 'wacht') return r;
    // Each step goes to a message received strictly earlier, so this ends.
    await verwerkBericht(ds, sleutels, r.voorganger, xsd);
  }
}

/**
 * One message in one transaction: structure, rules, the retour and its outbox row, the
 * message's new status. The row lock and the status check make a retried job a no-op; the
 * unique key on the retour's heen_id makes a second retour impossible. A message about one
 * client first takes that client's lock and yields to an earlier one still waiting.
 */
async function verwerkEen(ds: DataSource, sleutels: Sleutels, id: string, xsd?: XsdValidators): Promise<Verwerkt | Wacht> {
  return withTenant(ds, SYSTEEM, async (em) => {
    const rows = await prepared<Rij>(em,
      `SELECT id, type, afzender, ontvanger, identificatie, status, gemeente_code, aanbieder_agb, regio_code, xml_versleuteld, client_sleutel, volgnummer
         FROM bericht WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const b = rows[0];
    if (!b || b.status !== 'ontvangen') return { status: 'al-verwerkt' };
    if (b.client_sleutel) {
      // The client's lock, and in the same statement its earliest message still waiting; both
      // per municipality, whose client record is its own, so another municipality's messages
      // about the same child never make this one wait. The
      // statement's snapshot may predate the lock: then a message processed meanwhile still looks
      // waiting, which costs a no-op round, never a message judged out of order.
      const eerder = await prepared<{ id: string | null }>(em,
        `SELECT pg_advisory_xact_lock(hashtext('client:' || $3::text || ':' || $1::text)),
                (SELECT id FROM bericht WHERE client_sleutel = $1 AND gemeente_code = $3 AND status = 'ontvangen' AND volgnummer < $2 ORDER BY volgnummer LIMIT 1) AS id`,
        [b.client_sleutel, b.volgnummer, b.gemeente_code],
      );
      if (eerder[0].id) return { status: 'wacht', voorganger: eerder[0].id };
    }
    // Whatever the outcome below, it commits together with this mark, so the relay's sweep
    // never hands a finished message to the queue again.
    await prepared(em, `UPDATE outbox SET afgehandeld_op = now() WHERE bericht_id = $1 AND soort = 'verwerk' AND afgehandeld_op IS NULL`, [id]);
    const xml = sleutels.ontsleutel(b.xml_versleuteld);
    let parsed;
    try {
      parsed = await parseMessage(xml, { maxBytes: Number.MAX_SAFE_INTEGER });
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      parsed = { message: undefined, issues: [{ path: '/', message: e.message }] };
    }
    // With the official XSDs configured (IJW_XSD_DIR), libxml2's schema validation has the last word.
    if (parsed.message && !parsed.issues.length && xsd) {
      parsed.issues = xsd.validate(parsed.message.type, xml.toString('utf8')).slice(0, 100).map((m) => ({ path: 'XSD', message: m }));
    }
    if (!parsed.message || parsed.issues.length) {
      // Level 1: an XSD-invalid message gets no retour, the sender a transport error (§4.1).
      await prepared(em, `UPDATE bericht SET status = 'ongeldig', fouten = $2, verwerkt_op = now() WHERE id = $1`, [id, JSON.stringify(parsed.issues.slice(0, 100))]);
      return { status: 'ongeldig' };
    }
    const message = parsed.message;
    if (HEEN_VAN[message.type]) {
      // A retour from the other party: recorded beside the message it answers; it gets no retour.
      const r = await koppelRetour(em, id, message);
      await prepared(em, `UPDATE bericht SET status = 'verwerkt', verwerkt_op = now(), retourcodes = $2, fouten = $3 WHERE id = $1`, [
        id,
        r.codes,
        r.fouten.length ? JSON.stringify(r.fouten) : null,
      ]);
      return { status: 'verwerkt' };
    }
    const ctx: Niveau3Context = {
      em,
      clientHash: (bsn) => sleutels.bsnHash(bsn),
      sleutels,
      message,
      vandaag: vandaag(),
      bericht: { id, afzender: b.afzender, type: b.type, identificatie: b.identificatie, gemeenteCode: b.gemeente_code, regioCode: b.regio_code },
    };
    const bevindingen: Bevindingen = { header: [], klassen: new Map() };
    // Level 2 rejects the whole message; which rules failed is kept for the back office.
    const gefaald = Object.entries(NIVEAU2)
      .filter(([, rule]) => !rule(ctx))
      .map(([code]) => ({ path: code, message: `regel ${code} niet voldaan` }));
    if (gefaald.length) bevindingen.header.push('0001');
    else for (const rule of [...Object.values(NIVEAU3), ...Object.values(LEVERING_REGELS), ...Object.values(VERZOEK_REGELS), ...Object.values(WIJZIGING_REGELS), ...Object.values(ANTWOORD_REGELS)]) await rule(ctx, bevindingen);
    // A header code gives a header-only retour: class findings are then not reported.
    const codes = bevindingen.header.length ? [...bevindingen.header] : [...bevindingen.klassen.values()].flat();
    // Any code rejects the whole message (OP286): only a clean one changes the stored state.
    if (DOORGESTUURD.has(message.type)) {
      // A municipality's own case system: checked, recorded and forwarded; the provider answers it.
      // A level-2 failure names the rules broken; otherwise the codes or what recording found.
      const d = gefaald.length ? { status: 'afgekeurd', fouten: gefaald, codes: [], vrijgegeven: false } : await doorsturen(em, sleutels, b, message, codes);
      const alle = [...new Set([...codes, ...d.codes])];
      await prepared(em, `UPDATE bericht SET status = $2, verwerkt_op = now(), retourcodes = $3, fouten = $4, aanbieder_ziet = $5 WHERE id = $1`, [
        id,
        d.status,
        alle,
        d.fouten.length ? JSON.stringify(d.fouten) : null,
        d.vrijgegeven,
      ]);
      return { status: 'verwerkt', retourcodes: alle };
    }
    if (message.type === 'JW323' && !bevindingen.header.length) {
      // A claim whose header passed: every prestatie judged, stored, and answered with a JW325,
      // unless its contract has the back office check claims first, or the municipality judges
      // claims in its own system (then it waits, held, for the release or for that JW325).
      const oordeel = await beoordeel(ctx);
      const declaratie = await legDeclaratieVast(ctx, oordeel);
      if (declaratie.aangehouden) {
        await prepared(em, `UPDATE bericht SET status = 'aangehouden', verwerkt_op = now() WHERE id = $1`, [id]);
        return { status: 'verwerkt' };
      }
      const afgewezen = new Map(oordeel.uitkomsten.filter((u) => u.codes.length).map((u) => [u.p.referentie, u.codes]));
      const antwoord = await verstuurJw325(em, sleutels, message, {
        declaratieId: declaratie.id,
        heenId: id,
        regioCode: b.regio_code,
        gemeenteCode: b.gemeente_code,
        aanbiederAgb: b.aanbieder_agb,
        afgewezen,
        toegekend: oordeel.toegekend,
        declaratieCodes: oordeel.declaratieCodes,
      }, ctx.vandaag);
      return { status: 'verwerkt', retourId: antwoord.id, retourcodes: antwoord.codes };
    }
    if (!codes.length) {
      await legLeveringenVast(ctx);
      await legVerzoekenVast(ctx);
    }

    const nummer = await prepared<{ n: string }>(em, `SELECT nextval('retour_nummer') AS n`);
    const retour = bouwRetour(message, bevindingen, `R${nummer[0].n}`, ctx.vandaag);
    const retourId = await schrijfUitgaand(em, sleutels, retour, {
      regioCode: b.regio_code,
      aanbiederAgb: b.aanbieder_agb,
      gemeenteCode: b.gemeente_code,
      heenId: id,
      retourcodes: codes,
    });
    await prepared(em, `UPDATE bericht SET status = 'verwerkt', verwerkt_op = now(), retour_id = $2, retourcodes = $3, fouten = $4 WHERE id = $1`, [
      id,
      retourId,
      codes,
      gefaald.length ? JSON.stringify(gefaald) : null,
    ]);
    return { status: 'verwerkt', retourId, retourcodes: codes };
  });
}
