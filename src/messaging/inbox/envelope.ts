import { cheapChecks } from '../ijw/codec';
import { CodecError, CodecErrorCode } from '../ijw/codec.errors';
import { MESSAGE_TYPES, messageNamespace, type MessageType } from '../ijw/definition';
import { libxml2 } from '../ijw/xml';

/** Message types a provider sends (heen messages and its retours on JW301/JW319); the rest a municipality. */
export const VAN_AANBIEDER: ReadonlySet<MessageType> = new Set(['JW305', 'JW307', 'JW315', 'JW317', 'JW323', 'JW302', 'JW320']);
/** Retours copy Afzender and Ontvanger from the message they answer: their sender is the Ontvanger. */
export const RETOURS: ReadonlySet<MessageType> = new Set(['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320']);

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
}

const TYPE_BY_NS = new Map<string, MessageType>(MESSAGE_TYPES.map((t) => [messageNamespace(t), t]));

function field(head: string, name: string): string | undefined {
  return new RegExp(`<(?:[\\w.-]+:)?${name}>\\s*([^<]*?)\\s*</(?:[\\w.-]+:)?${name}>`).exec(head)?.[1];
}

/**
 * Cheap checks of the inbox: size, UTF-8, no DOCTYPE/entities, well-formed, root `Bericht` in an
 * iJw 3.2 namespace, and the header's parties and identification. Full structural validation
 * is the worker's job.
 */
export async function readEnvelope(input: Buffer, maxBytes: number): Promise<Envelope> {
  const text = cheapChecks(input, maxBytes);
  const { XmlDocument, ParseOption } = await libxml2();
  let rootName: string;
  let ns: string;
  try {
    const doc = XmlDocument.fromString(text, { option: ParseOption.XML_PARSE_NONET });
    try {
      rootName = doc.root.name;
      ns = doc.root.namespaceUri;
    } finally {
      doc.dispose();
    }
  } catch (e) {
    throw new CodecError(CodecErrorCode.NOT_XML, `not well-formed XML: ${String((e as Error).message).split('\n')[0].slice(0, 200)}`);
  }
  const type = TYPE_BY_NS.get(ns);
  if (!type) throw new CodecError(CodecErrorCode.UNKNOWN_NAMESPACE, `unknown namespace '${ns.slice(0, 100)}'`);
  if (rootName !== 'Bericht') throw new CodecError(CodecErrorCode.WRONG_ROOT, `root element is ${rootName.slice(0, 50)}, expected Bericht`);
  const headerEnd = text.search(/<\/(?:[\w.-]+:)?Header>/);
  const head = headerEnd > 0 ? text.slice(0, headerEnd) : '';
  const afzender = field(head, 'Afzender');
  const ontvanger = field(head, 'Ontvanger');
  const identificatie = field(head, 'Identificatie');
  if (!afzender || !ontvanger || !identificatie) {
    throw new CodecError(CodecErrorCode.STRUCTURE, 'Header needs Afzender, Ontvanger and BerichtIdentificatie/Identificatie');
  }
  if (identificatie.length > 12 || afzender.length > 8 || ontvanger.length > 8) {
    throw new CodecError(CodecErrorCode.STRUCTURE, 'Afzender, Ontvanger or Identificatie too long');
  }
  const dag = field(head, 'Dagtekening') ?? null;
  // For heen messages the provider is the Afzender of 305/307/315/317/323; for retours the roles
  // are copied from the heen message, so the provider is the Afzender of 306/308/316/318 as well.
  const aanbiederIsAfzender = ['JW305', 'JW307', 'JW315', 'JW317', 'JW323', 'JW306', 'JW308', 'JW316', 'JW318'].includes(type);
  return {
    type,
    afzender,
    ontvanger,
    identificatie,
    dagtekening: dag && /^\d{4}-\d{2}-\d{2}$/.test(dag) ? dag : null,
    verzender: RETOURS.has(type) ? ontvanger : afzender,
    aanbiederAgb: aanbiederIsAfzender ? afzender : ontvanger,
    gemeenteCode: aanbiederIsAfzender ? ontvanger : afzender,
  };
}
