import { cheapChecks, isCalendarDate, leesDocument, leesInEenDoorgang, typeVan, type IjwNode, type IjwValue, type ParseResult } from '../ijw/codec';
import { CodecError, CodecErrorCode } from '../ijw/codec.errors';
import { BASIS_NS, type MessageType } from '../ijw/definition';
import { libxml2 } from '../ijw/xml';

import { AANBIEDER_IS_AFZENDER, EEN_CLIENT, RETOURS } from '../ijw/soorten';

/** The header facts the inbox needs before accepting a message. */
export interface Envelope {
  type: MessageType;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  dagtekening: string | null;
  /** The party that actually sent it (for a retour: the Ontvanger). */
  verzender: string;
  aanbiederAgb: string;
  gemeenteCode: string;
  /** For a message about one client (EEN_CLIENT): its BSN as written, to key the processing order. */
  clientBsn: string | null;
}


const AGB = /^[0-9]{8}$/;
const GEMEENTE = /^[0-9]{4}$/;

interface Kop {
  type: MessageType;
  afzender?: string;
  ontvanger?: string;
  identificatie?: string;
  dagtekening?: string;
  bsn?: string;
}

/**
 * The message type and header facts from the parsed document (never from the raw text:
 * comments, CDATA and character references must not change what the hub reads, and a regular
 * expression over attacker-controlled text can backtrack for minutes). Read in one pass where
 * the header is in order; otherwise (or for a document the one-pass reader leaves to libxml2)
 * from libxml2's document.
 */
async function leesKop(text: string): Promise<{ kop: Kop; gelezen?: ParseResult }> {
  const r = leesInEenDoorgang(text);
  const kop = r && kopInEenDoorgang(r);
  return kop ? { kop, gelezen: r } : { kop: await kopUitDom(text) };
}

/** The header of a message the one-pass reader read, when its header and client are as the XSD says. */
function kopInEenDoorgang(r: ParseResult): Kop | undefined {
  if (!r.message) return undefined;
  // A finding in the header or the client: let the DOM's XPath read what is there, as always.
  if (r.issues.some((i) => i.path === '/' || i.path.startsWith('/Bericht/Header') || i.path.startsWith('/Bericht/Client'))) return undefined;
  const { type, bericht } = r.message;
  const h = bericht.Header as IjwNode | undefined;
  const id = h?.BerichtIdentificatie as IjwNode | undefined;
  const tekst = (v: IjwValue | undefined) => (v === undefined || typeof v === 'object' ? undefined : String(v).trim());
  return {
    type,
    afzender: tekst(h?.Afzender),
    ontvanger: tekst(h?.Ontvanger),
    identificatie: tekst(id?.Identificatie),
    dagtekening: tekst(id?.Dagtekening),
    bsn: EEN_CLIENT.has(type) ? tekst((bericht.Client as IjwNode | undefined)?.Bsn) : undefined,
  };
}

async function kopUitDom(text: string): Promise<Kop> {
  const doc = leesDocument(await libxml2(), text);
  try {
    const root = doc.root;
    const type = typeVan(root);
    const ns = { m: root.namespaceUri, ijw: BASIS_NS };
    const veld = (xpath: string) => root.get(xpath, ns)?.content.trim();
    return {
      type,
      afzender: veld('m:Header/m:Afzender'),
      ontvanger: veld('m:Header/m:Ontvanger'),
      identificatie: veld('m:Header/m:BerichtIdentificatie/ijw:Identificatie'),
      dagtekening: veld('m:Header/m:BerichtIdentificatie/ijw:Dagtekening'),
      bsn: EEN_CLIENT.has(type) ? veld('m:Client/m:Bsn') : undefined,
    };
  } finally {
    doc.dispose();
  }
}

/**
 * Cheap checks of the inbox: size, UTF-8, no DOCTYPE/entities, well-formed, root `Bericht` in an
 * iJw 3.2 namespace, and the header's parties (an AGB code and a CBS code, each on its side) and
 * identification. Full structural validation is the worker's job.
 */
export async function readEnvelope(input: Buffer, maxBytes: number): Promise<Envelope> {
  return (await leesEnvelopEnBericht(input, maxBytes)).env;
}

/**
 * readEnvelope, and the whole message as the one-pass reader read it (undefined when libxml2
 * read the header): the same text parseMessage would read from these bytes, so whoever judges
 * the message at once need not parse it again (the claim pre-flight).
 */
export async function leesEnvelopEnBericht(input: Buffer, maxBytes: number): Promise<{ env: Envelope; gelezen?: ParseResult }> {
  const text = cheapChecks(input, maxBytes);
  const { kop, gelezen } = await leesKop(text);
  const { type, afzender, ontvanger, identificatie } = kop;
  if (!afzender || !ontvanger || !identificatie) {
    throw new CodecError(CodecErrorCode.STRUCTURE, 'De Header mist Afzender, Ontvanger of BerichtIdentificatie/Identificatie');
  }
  // For heen messages the provider is the Afzender of 305/307/315/317/323; retours copy the roles
  // of the heen message, so the provider is the Afzender of 306/308/316/318 as well.
  const aanbiederIsAfzender = AANBIEDER_IS_AFZENDER.has(type);
  const [agb, gemeente] = aanbiederIsAfzender ? [afzender, ontvanger] : [ontvanger, afzender];
  if (!AGB.test(agb) || !GEMEENTE.test(gemeente)) {
    throw new CodecError(CodecErrorCode.STRUCTURE, `${type} gaat tussen een AGB-code (8 cijfers) en een CBS-gemeentecode (4 cijfers)`);
  }
  if ([...identificatie].length > 12) throw new CodecError(CodecErrorCode.STRUCTURE, 'Identificatie is langer dan 12 tekens');
  const dag = kop.dagtekening;
  const env: Envelope = {
    type,
    afzender,
    ontvanger,
    identificatie,
    // An impossible date is the worker's to report (the XSD); the inbox stores only real dates.
    dagtekening: dag && /^\d{4}-\d{2}-\d{2}$/.test(dag) && !dag.startsWith('0000') && isCalendarDate(dag) ? dag : null,
    verzender: RETOURS.has(type) ? ontvanger : afzender,
    aanbiederAgb: agb,
    gemeenteCode: gemeente,
    // Any text will do as an order key: whether it is a valid BSN is the worker's to judge.
    clientBsn: kop.bsn || null,
  };
  return gelezen ? { env, gelezen } : { env };
}
