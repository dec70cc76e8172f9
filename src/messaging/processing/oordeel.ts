import type { EntityManager } from 'typeorm';
import { parseMessage, type ParseResult } from '../ijw/codec';
import { CodecError } from '../ijw/codec.errors';
import type { XsdValidators } from '../ijw/xsd-validator';
import type { Bevindingen } from './retour';
import { NIVEAU2 } from './niveau2';
import { doorsturen, koppelRetour } from './doorsturen';
import { DOORGESTUURD, HEEN_VAN } from '../ijw/soorten';
import type { BerichtHandlers, Uitkomst } from './handlers';
import { NIVEAU3, type BatchKennis, type Niveau3Context, type Vooraf } from './rules';
import type { Referentie } from './referentie';
import type { Sleutels } from '../../common/sleutels';

export type { Uitkomst };

/** A received message as the batch claimed it. */
export interface Ontvangen {
  id: string;
  type: string;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  gemeente_code: string;
  aanbieder_agb: string;
  regio_code: string | null;
  /** Null only for a message the caller has read already (Vooraf.gelezen). */
  xml_versleuteld: Buffer | null;
  client_sleutel: string | null;
  volgnummer: string;
  /** The request that posted it: what it causes (its retour, its forwarding) carries this id. */
  verzoek_id?: string | null;
}

/**
 * Judges one message in the batch's transaction and records what a clean message records:
 * structure (level 1), the rules (levels 2–4), deliveries and requests, forwarding, a claim and
 * its JW325. Writes nothing of the message's own state: that is the batch's.
 */
export async function oordeel(
  em: EntityManager,
  sleutels: Sleutels,
  b: Ontvangen,
  o: { vandaag: string; referentie: Referentie; batch: BatchKennis; handlers: BerichtHandlers; xsd?: XsdValidators; vooraf?: Vooraf },
): Promise<Uitkomst> {
  const { vandaag, xsd } = o;
  // A pre-flight hands over what it read from these very bytes: the same result parseMessage gives.
  const gelezen = o.vooraf?.gelezen.get(b.id);
  let xml: Buffer;
  if (gelezen) xml = gelezen.xml;
  else if (b.xml_versleuteld) xml = sleutels.ontsleutel(b.xml_versleuteld);
  else throw new Error(`message ${b.id} without its body`);
  let parsed: { message: ParseResult['message'] | undefined; issues: ParseResult['issues'] };
  if (gelezen) parsed = { message: gelezen.parsed.message, issues: [...gelezen.parsed.issues] };
  else {
    try {
      parsed = await parseMessage(xml, { maxBytes: Number.MAX_SAFE_INTEGER });
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      parsed = { message: undefined, issues: [{ path: '/', message: e.message }] };
    }
  }
  // With the official XSDs configured (IJW_XSD_DIR), libxml2's schema validation has the last word.
  if (parsed.message && !parsed.issues.length && xsd) {
    parsed.issues = xsd.validate(parsed.message.type, xml).slice(0, 100).map((m) => ({ path: 'XSD', message: m }));
  }
  if (!parsed.message || parsed.issues.length) {
    // Level 1: an XSD-invalid message gets no retour, the sender a transport error (§4.1).
    return { status: 'ongeldig', retourcodes: [], fouten: parsed.issues.slice(0, 100) };
  }
  const message = parsed.message;
  if (HEEN_VAN[message.type]) {
    // A retour from the other party: recorded beside the message it answers; it gets no retour.
    // On a case system's own message it goes back to that system (`klaar`, then its mailbox).
    const r = await koppelRetour(em, b.id, message);
    return { status: r.terug ? 'klaar' : 'verwerkt', retourcodes: r.codes, fouten: r.fouten.length ? r.fouten : null };
  }
  const ctx: Niveau3Context = {
    em,
    sleutels,
    referentie: o.referentie,
    batch: o.batch,
    message,
    vandaag,
    bericht: { id: b.id, afzender: b.afzender, type: b.type, identificatie: b.identificatie, gemeenteCode: b.gemeente_code, aanbiederAgb: b.aanbieder_agb, regioCode: b.regio_code },
    ...(o.vooraf && { vooraf: o.vooraf }),
  };
  const handler = o.handlers.voor(message.type);
  const bevindingen: Bevindingen = { header: [], klassen: new Map() };
  // Level 2 rejects the whole message; which rules failed is kept for the back office.
  const gefaald = Object.entries(NIVEAU2)
    .filter(([, rule]) => !rule(ctx))
    .map(([code]) => ({ path: code, message: `regel ${code} niet voldaan` }));
  if (gefaald.length) bevindingen.header.push('0001');
  else for (const rule of [...Object.values(NIVEAU3), ...Object.values(handler.regels ?? {})]) await rule(ctx, bevindingen);
  // A header code gives a header-only retour: class findings are then not reported.
  const codes = bevindingen.header.length ? [...bevindingen.header] : [...bevindingen.klassen.values()].flat();
  // Any code rejects the whole message (OP286): only a clean one changes the stored state.
  if (DOORGESTUURD.has(message.type)) {
    // A municipality's own case system: checked, recorded and forwarded; the provider answers it.
    // A level-2 failure names the rules broken; otherwise the codes or what recording found.
    const d = gefaald.length
      ? { status: 'afgekeurd' as const, fouten: gefaald, codes: [], vrijgegeven: false }
      : await doorsturen(em, b, codes, codes.length ? [] : ((await handler.legVast?.(ctx)) ?? []));
    return {
      status: d.status,
      retourcodes: [...new Set([...codes, ...d.codes])],
      fouten: d.fouten.length ? d.fouten : null,
      aanbiederZiet: d.vrijgegeven,
    };
  }
  const eigen = await handler.beantwoord?.(ctx, bevindingen);
  if (eigen) return eigen;
  if (!codes.length) await handler.legVast?.(ctx);
  return { status: 'verwerkt', retourcodes: codes, fouten: gefaald.length ? gefaald : null, retour: { message, bevindingen } };
}
