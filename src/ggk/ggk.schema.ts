import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { libxml2, type Libxml2Module } from '../messaging/ijw/xml';

type Validator = InstanceType<Libxml2Module['XsdValidator']>;

/** The spec files of StUF-GGk 0210 (WSDL, XSDs) shipped with the hub, from src/ggk or dist/src/ggk. */
export function ggkSpecDir(): string {
  const kandidaten = [2, 3].map((up) => path.resolve(__dirname, ...Array<string>(up).fill('..'), 'spec', 'ggk0210'));
  return kandidaten.find((d) => existsSync(path.join(d, 'soap11-envelop.xsd'))) ?? kandidaten[0];
}

function bestanden(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((f) => {
    const r = rel ? `${rel}/${f}` : f;
    return statSync(path.join(dir, r)).isDirectory() ? bestanden(dir, r) : [r];
  });
}

let geladen: Promise<GgkSchema> | undefined;

/**
 * The SOAP envelope of the OntvangAsynchroon port, validated whole against the StUF-GGk XSDs:
 * the body's element must be one the XSDs declare (Di01, Du01, Fo01, Bv03, or a Fo03 in a
 * fault), valid in every detail. Compiled once per process.
 */
export class GgkSchema {
  private constructor(
    private readonly lib: Libxml2Module,
    private readonly validator: Validator,
  ) {}

  static laad(): Promise<GgkSchema> {
    geladen ??= (async () => {
      const lib = await libxml2();
      const dir = ggkSpecDir();
      // Only these files are readable by the parser, under a private URL prefix.
      const files: Record<string, Uint8Array> = {};
      for (const f of bestanden(dir).filter((f) => f.endsWith('.xsd'))) files[`ggk-xsd/${f}`] = readFileSync(path.join(dir, f));
      lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(files));
      const doc = lib.XmlDocument.fromBuffer(files['ggk-xsd/soap11-envelop.xsd'], { url: 'ggk-xsd/soap11-envelop.xsd' });
      try {
        return new GgkSchema(lib, lib.XsdValidator.fromDoc(doc));
      } finally {
        doc.dispose();
      }
    })();
    return geladen;
  }

  /** The XSD's findings for a SOAP envelope; empty when valid. Not well-formed: one finding. */
  bevindingen(xml: string): string[] {
    let doc: InstanceType<Libxml2Module['XmlDocument']>;
    try {
      doc = this.lib.XmlDocument.fromString(xml, { option: this.lib.ParseOption.XML_PARSE_NONET });
    } catch (e) {
      return [`geen well-formed XML: ${(e as Error).message.trim()}`];
    }
    try {
      this.validator.validate(doc);
      return [];
    } catch (e) {
      const details = (e as { details?: { message: string; line?: number }[] }).details;
      return details?.length ? details.map((d) => `${d.line ?? '?'}: ${d.message.trim()}`) : [String((e as Error).message)];
    } finally {
      doc.dispose();
    }
  }

  /** The WSDL of the port, as published. */
  static wsdl(): string {
    return readFileSync(path.join(ggkSpecDir(), 'ggk0210', 'ggkberichten', 'ggk0210_OntvangAsynchroon_ggkberichten.wsdl'), 'utf8');
  }
}
