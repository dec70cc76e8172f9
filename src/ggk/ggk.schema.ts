import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { libxml2, xsdBevindingen, type Libxml2Module } from '../messaging/ijw/xml';
import { leesEnvelop } from './ggk.xml';
import { leesSnel } from './ggk.snel';
import type { OntvangenEnvelop, Operatie } from './ggk.types';

type Validator = InstanceType<Libxml2Module['XsdValidator']>;
type Document = InstanceType<Libxml2Module['XmlDocument']>;

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
  bevindingen(xml: string | Buffer): string[] {
    const r = this.opGeldig(xml, () => undefined);
    return 'bevindingen' in r ? r.bevindingen : [];
  }

  /**
   * A received envelope in one parse: the XSD's findings, or, when it is valid, what it carries,
   * read from the same document (undefined when the body is not `operatie`'s element). `tekst` is
   * the envelope decoded as UTF-8, when the caller has it already.
   */
  lees(xml: Buffer, operatie: Operatie, tekst = xml.toString('utf8')): { bevindingen: string[] } | { env: OntvangenEnvelop | undefined } {
    // The usual Di01/Du01 without libxml2, with the same answer (ggk.snel.ts); the rest as below.
    const snel = leesSnel(tekst, operatie);
    return snel ? { env: snel } : this.leesMetLibxml2(xml, operatie);
  }

  /** `lees` by libxml2 and the XSDs alone: the reference the fast reader is held to. */
  leesMetLibxml2(xml: Buffer, operatie: Operatie): { bevindingen: string[] } | { env: OntvangenEnvelop | undefined } {
    const r = this.opGeldig(xml, (doc) => leesEnvelop(this.lib, doc.root, operatie));
    return 'bevindingen' in r ? r : { env: r.uit };
  }

  /** `f` on the parsed envelope when it passes the XSD, else the findings. Parsed as UTF-8 (the port's charset), no network. */
  private opGeldig<T>(xml: string | Buffer, f: (doc: Document) => T): { bevindingen: string[] } | { uit: T } {
    let doc: Document;
    try {
      doc = this.lib.XmlDocument.fromBuffer(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml, { option: this.lib.ParseOption.XML_PARSE_NONET, encoding: 'utf-8' });
    } catch (e) {
      return { bevindingen: [`geen well-formed XML: ${(e as Error).message.trim()}`] };
    }
    try {
      try {
        this.validator.validate(doc);
      } catch (e) {
        return { bevindingen: xsdBevindingen(e) };
      }
      return { uit: f(doc) };
    } finally {
      doc.dispose();
    }
  }

  /**
   * The WSDL of the port as published, with the port's real address (`adres`) instead of the
   * spec's example, and its imports pointing at `specUrl` where the hub serves the spec files.
   */
  static wsdl(adres: string, specUrl: string): string {
    return herschrijf(SPEC_BESTANDEN.wsdl, specUrl).replace(/(<soap:address location=")[^"]*(")/, `$1${adres.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}$2`);
  }

  /** A spec file the WSDL imports, by its path under spec/ggk0210, with its imports pointing at `specUrl`; undefined for any other path. */
  static specBestand(rel: string, specUrl: string): string | undefined {
    return (Object.values(SPEC_BESTANDEN) as string[]).includes(rel) ? herschrijf(rel, specUrl) : undefined;
  }
}

/** The files a WSDL client needs: the WSDL and everything it imports, by path under spec/ggk0210. */
const SPEC_BESTANDEN = {
  wsdl: 'ggk0210/ggkberichten/ggk0210_OntvangAsynchroon_ggkberichten.wsdl',
  types: '0301/stuf0301_types.wsdl',
  stuf: '0301/stuf0301.xsd',
  msg: 'ggk0210/ggkberichten/ggk0210_msg_ggkberichten.xsd',
  stufMsg: 'ggk0210/ggkberichten/ggk0210_stuf0301_msg_ggkberichten.xsd',
} as const;

/** A spec file with its relative `location`/`schemaLocation` made absolute under `specUrl`. */
function herschrijf(rel: string, specUrl: string): string {
  const tekst = readFileSync(path.join(ggkSpecDir(), rel), 'utf8');
  return tekst.replace(/((?:schemaLocation|location)=")([^"]+\.(?:xsd|wsdl))(")/g, (_m, a: string, loc: string, b: string) => `${a}${specUrl}/${path.posix.normalize(path.posix.join(path.posix.dirname(rel), loc))}${b}`);
}
