import { CodecError, CodecErrorCode } from './codec.errors';
import { parseMessage, writeMessage, type IjwNode } from './codec';
import { MESSAGE_TYPES, messageNamespace } from './definition';
import { DEFINITIONS } from './definitions';
import { sampleMessage } from './samples';
import { defaultXsdDir, XsdValidators } from './xsd-validator';

let xsd: XsdValidators;
beforeAll(async () => {
  xsd = await XsdValidators.load(defaultXsdDir());
});
afterAll(() => xsd.close());

describe.each(MESSAGE_TYPES)('%s', (type) => {
  it.each(['full', 'minimal'] as const)('a %s message written by the hub is valid by the official XSD and round-trips losslessly', async (mode) => {
    const model = sampleMessage(type, mode);
    const xml = writeMessage(model);
    expect(xsd.validate(type, xml)).toEqual([]);
    const parsed = await parseMessage(xml);
    expect(parsed.issues).toEqual([]);
    expect(parsed.message).toEqual(model);
    expect(writeMessage(parsed.message)).toBe(xml);
  });

  it('carries its BerichtCode', () => {
    expect(DEFINITIONS[type].berichtCode).toMatch(/^4[0-9]{2}$/);
    expect((sampleMessage(type, 'minimal').bericht.Header as IjwNode).BerichtCode).toBe(DEFINITIONS[type].berichtCode);
  });
});

async function codeOf(input: string | Uint8Array): Promise<string> {
  try {
    await parseMessage(input, { maxBytes: 64 * 1024 });
    return 'parsed';
  } catch (e) {
    if (e instanceof CodecError) return e.code;
    throw e;
  }
}

describe('refusals before and at parsing', () => {
  const ok = writeMessage(sampleMessage('JW305', 'minimal'));

  it('refuses DOCTYPE, entities, non-XML, non-UTF-8, oversize, wrong namespace and root, truncation', async () => {
    expect(await codeOf(ok)).toBe('parsed');
    expect(await codeOf(ok.replace('<Bericht', '<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><Bericht'))).toBe(CodecErrorCode.DOCTYPE_FORBIDDEN);
    expect(await codeOf('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>')).toBe(CodecErrorCode.DOCTYPE_FORBIDDEN);
    expect(await codeOf('{"not": "xml"}')).toBe(CodecErrorCode.NOT_XML);
    expect(await codeOf(new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e]))).toBe(CodecErrorCode.NOT_XML);
    expect(await codeOf(ok.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'))).toBe(CodecErrorCode.NOT_XML);
    expect(await codeOf(ok + ' '.repeat(70 * 1024))).toBe(CodecErrorCode.TOO_LARGE);
    expect(await codeOf(ok.replace(messageNamespace('JW305'), 'urn:other'))).toBe(CodecErrorCode.UNKNOWN_NAMESPACE);
    expect(await codeOf(ok.replace(/<Bericht /, '<Brief ').replace(/<\/Bericht>/, '</Brief>'))).toBe(CodecErrorCode.WRONG_ROOT);
    expect(await codeOf(ok.slice(0, Math.floor(ok.length / 2)))).toBe(CodecErrorCode.NOT_XML);
    expect(await codeOf(`${'<a>'.repeat(300)}${'</a>'.repeat(300)}`)).toBe(CodecErrorCode.NOT_XML);
  });

  it('agrees with the XSD on structural faults', async () => {
    const model = sampleMessage('JW301', 'full');
    const xml = writeMessage(model);
    const faults: [string, string][] = [
      ['missing required element', xml.replace(/<Ontvanger>[^<]*<\/Ontvanger>/, '')],
      ['wrong order', xml.replace(/(<Afzender>[^<]*<\/Afzender>)(<Ontvanger>[^<]*<\/Ontvanger>)/, '$2$1')],
      ['unknown code', xml.replace(/<Geslacht>[^<]*<\/Geslacht>/, '<Geslacht>7</Geslacht>')],
      ['invalid BSN pattern', xml.replace(/<Bsn>[^<]*<\/Bsn>/, '<Bsn>12345678X</Bsn>')],
      ['impossible date', xml.replace(/<ijw:Datum>2026-01-15<\/ijw:Datum>/, '<ijw:Datum>2026-02-30</ijw:Datum>')],
      ['too long', xml.replace(/<Afzender>[^<]*<\/Afzender>/, '<Afzender>07960</Afzender>')],
      ['unknown element', xml.replace('</Header>', '<Extra>1</Extra></Header>')],
      ['wrong namespace child', xml.replace(/<Bsn>/, '<ijw:Bsn>').replace(/<\/Bsn>/, '</ijw:Bsn>')],
      ['text in complex element', xml.replace('<Header>', '<Header>tekst')],
    ];
    for (const [label, bad] of faults) {
      expect({ label, changed: bad !== xml }).toEqual({ label, changed: true });
      const r = await parseMessage(bad);
      expect({ label, ours: r.issues.length > 0 }).toEqual({ label, ours: true });
      expect({ label, xsd: xsd.validate('JW301', bad).length > 0 }).toEqual({ label, xsd: true });
    }
  });

  it('parses a JW323 with 10,000 prestaties', async () => {
    const model = sampleMessage('JW323', 'minimal');
    const clienten = (model.bericht.Declaratie as IjwNode).Clienten as IjwNode;
    const prestaties = (clienten.Client as IjwNode[])[0].Prestaties as IjwNode;
    const one = (prestaties.Prestatie as IjwNode[])[0];
    prestaties.Prestatie = Array.from({ length: 10_000 }, (_, i) => ({ ...one, ProductReferentie: { ...(one.ProductReferentie as IjwNode), ReferentieNummer: `REF${i}` } }));
    const xml = writeMessage(model);
    const started = Date.now();
    const r = await parseMessage(xml, { maxBytes: 64 * 1024 * 1024 });
    const ms = Date.now() - started;
    expect(r.issues).toEqual([]);
    const parsed = (((r.message.bericht.Declaratie as IjwNode).Clienten as IjwNode).Client as IjwNode[])[0].Prestaties as IjwNode;
    expect((parsed.Prestatie as IjwNode[]).map((p) => (p.ProductReferentie as IjwNode).ReferentieNummer).slice(-1)).toEqual(['REF9999']);
    expect(xsd.validate('JW323', xml)).toEqual([]);
    // Not a timing test (the benchmark measures); a guard against an accidental quadratic walk.
    expect(ms).toBeLessThan(30_000);
  });
});
