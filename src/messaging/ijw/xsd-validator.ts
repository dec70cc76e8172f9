import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MESSAGE_TYPES, type MessageType } from './definition';
import { libxml2, xsdBevindingen, type Libxml2Module } from './xml';

type Validator = InstanceType<Libxml2Module['XsdValidator']>;

/**
 * Validates messages against the official iJw 3.2 XSDs read from a directory (tests point it at
 * ../shared/ijw-3.2/xsd; production may configure IJW_XSD_DIR). The schemas are compiled once.
 */
export class XsdValidators {
  private constructor(
    private readonly lib: Libxml2Module,
    private readonly validators: Map<MessageType, Validator>,
  ) {}

  static async load(dir: string): Promise<XsdValidators> {
    const lib = await libxml2();
    // Only the schema files are readable by the resolver, under a private URL scheme: a
    // message can never make the parser read a file.
    const files: Record<string, Uint8Array> = {};
    for (const f of ['basisschema.xsd', ...MESSAGE_TYPES.map((t) => `${t.toLowerCase()}.xsd`)]) {
      files[`ijw-xsd/${f}`] = readFileSync(path.join(dir, f));
    }
    const provider = new lib.XmlBufferInputProvider(files);
    lib.xmlRegisterInputProvider(provider);
    const validators = new Map<MessageType, Validator>();
    for (const t of MESSAGE_TYPES) {
      const doc = lib.XmlDocument.fromBuffer(files[`ijw-xsd/${t.toLowerCase()}.xsd`], { url: `ijw-xsd/${t.toLowerCase()}.xsd` });
      try {
        validators.set(t, lib.XsdValidator.fromDoc(doc));
      } finally {
        doc.dispose();
      }
    }
    return new XsdValidators(lib, validators);
  }

  /**
   * The XSD's findings for `xml` (UTF-8, as iJw prescribes) as message type `type`; empty when
   * valid. Bytes are parsed as they are: libxml2 reads a buffer about twice as fast as a string.
   */
  validate(type: MessageType, xml: string | Uint8Array): string[] {
    const v = this.validators.get(type);
    if (!v) throw new Error(`no schema for ${type}`);
    const doc = this.lib.XmlDocument.fromBuffer(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml, { option: this.lib.ParseOption.XML_PARSE_NONET, encoding: 'utf-8' });
    try {
      v.validate(doc);
      return [];
    } catch (e) {
      return xsdBevindingen(e);
    } finally {
      doc.dispose();
    }
  }

  close(): void {
    for (const v of this.validators.values()) v.dispose();
    this.validators.clear();
  }
}

/** Directory of the official XSDs beside the project (tests and CI), unless configured. */
export function defaultXsdDir(): string {
  if (process.env.IJW_XSD_DIR) return process.env.IJW_XSD_DIR;
  // From src/messaging/ijw (ts-jest) or dist/src/messaging/ijw (built): the checkout's sibling `shared`.
  const kandidaten = [4, 5].map((up) => path.resolve(__dirname, ...Array<string>(up).fill('..'), 'shared', 'ijw-3.2', 'xsd'));
  return kandidaten.find((d) => existsSync(path.join(d, 'basisschema.xsd'))) ?? kandidaten[0];
}
