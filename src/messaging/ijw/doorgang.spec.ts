/**
 * The one-pass reader against the reference (libxml2 and the DOM walk, today's parseMessage before
 * it): for every sample, every message the test fixtures build, a corpus of hostile inputs and a
 * few thousand deterministic mutations of them, parseMessage gives exactly what the reference gives:
 * the same model and issues, or the same CodecError code and message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { jw305Xml, testBsn, zaakJw301 } from '../../../test/helpers/berichten';
import { jw323Xml } from '../../../test/helpers/declaraties';
import { AGB } from '../../../test/fixtures/regions';
import { cheapChecks, leesInEenDoorgang, parseMessage, parseViaDom, writeMessage, type IjwNode, type ParseResult } from './codec';
import { CodecError } from './codec.errors';
import { MESSAGE_TYPES, messageNamespace } from './definition';
import { sampleMessage } from './samples';

type Uitkomst = { result: ParseResult } | { code: string; message: string };

async function uitkomst(f: () => Promise<ParseResult>): Promise<Uitkomst> {
  try {
    return { result: await f() };
  } catch (e) {
    if (e instanceof CodecError) return { code: e.code, message: e.message };
    throw e;
  }
}

/** Today's parseMessage: the byte checks, then libxml2 and the DOM walk. */
const referentie = (input: string | Uint8Array) => uitkomst(async () => parseViaDom(cheapChecks(input)));

/** The one-pass reader's outcome on a text: its result, undefined (for libxml2), or its CodecError. */
function doorgang(tekst: string, alleenSaxes: boolean): ParseResult | undefined | { code: string; message: string } {
  try {
    return leesInEenDoorgang(tekst, alleenSaxes);
  } catch (e) {
    if (e instanceof CodecError) return { code: e.code, message: e.message };
    throw e;
  }
}

/** How many inputs the one-pass reader read itself (not handed to libxml2), and how many of those its fast tokenizer read without saxes. */
let zelf = 0;
let snel = 0;
async function vergelijk(label: string, input: string | Uint8Array): Promise<void> {
  const nieuw = await uitkomst(() => parseMessage(input));
  const oud = await referentie(input);
  expect({ label, uitkomst: nieuw }).toEqual({ label, uitkomst: oud });
  let tekst: string;
  try {
    tekst = cheapChecks(input);
  } catch {
    zelf++;
    return;
  }
  if (typeof input === 'string' && /[\uD800-\uDFFF]/.test(tekst)) return;
  // The fast tokenizer, where it reads the text itself, gives exactly what saxes gives.
  const saxesWrite = jest.spyOn(SaxesParser.prototype, 'write');
  const r = doorgang(tekst, false);
  const zonderSaxes = saxesWrite.mock.calls.length === 0;
  saxesWrite.mockRestore();
  expect({ label, r }).toEqual({ label, r: doorgang(tekst, true) });
  if (r) zelf++;
  if (zonderSaxes) snel++;
}

const samples = MESSAGE_TYPES.flatMap((type) => (['full', 'minimal'] as const).map((mode) => ({ label: `${type} ${mode}`, xml: writeMessage(sampleMessage(type, mode)) })));

/** Every XML file under test/fixtures (the pipeline's pinned retours among them). */
function xmlBestanden(dir = path.resolve(__dirname, '../../../test/fixtures')): { label: string; xml: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return xmlBestanden(p);
    return e.name.endsWith('.xml') ? [{ label: e.name, xml: readFileSync(p, 'utf8') }] : [];
  });
}

/** The messages the integration tests build with their helpers, and the XML files of test/fixtures. */
function fixtures(): { label: string; xml: string }[] {
  return [
    ...xmlBestanden(),
    { label: 'jw305Xml', xml: jw305Xml({ identificatie: 'T1', bsn: testBsn(0) }) },
    { label: 'jw305Xml with a toewijzing', xml: jw305Xml({ identificatie: 'T2', bsn: testBsn(1), toewijzingNummer: 12, product: { Categorie: '45', Code: '45A04' } }) },
    { label: 'zaakJw301', xml: zaakJw301({ bsn: testBsn(2), nummer: 7, identificatie: 'Z1', dagtekening: '2026-11-20' }) },
    {
      label: 'jw323Xml',
      xml: jw323Xml({
        identificatie: 'D1',
        nummer: 'D1',
        periode: '2026-12',
        afzender: AGB.alfa,
        gemeente: '0796',
        clienten: [
          { bsn: testBsn(3), prestaties: [{ ref: 'R1', nummer: 1, begin: '2026-12-01', eind: '2026-12-31', volume: 4 }] },
          { bsn: testBsn(4), prestaties: [{ ref: 'R2', vorig: 'R0', dc: 'C', nummer: 2, begin: '2026-12-01', eind: '2026-12-31', volume: 2, eenheid: '83', tarief: null }] },
        ],
      }),
    },
  ];
}

const xml305 = writeMessage(sampleMessage('JW305', 'full'));
const ACHTERNAAM = /<ijw:Achternaam>[^<]*<\/ijw:Achternaam>/;
const vervang = (find: string | RegExp, by: string | ((m: string) => string), xml = xml305): string => {
  const out = typeof by === 'string' ? xml.replace(find, by) : xml.replace(find, by);
  if (out === xml) throw new Error(`${String(find)} not found`);
  return out;
};
const metBytes = (at: string, insert: number[]): Buffer => {
  const i = xml305.indexOf(at);
  return Buffer.concat([Buffer.from(xml305.slice(0, i)), Buffer.from(insert), Buffer.from(xml305.slice(i + at.length))]);
};

/** Hostile and malformed inputs: refused, handed to libxml2, or read with issues, each as before. */
const HOSTILE: [string, string | Uint8Array][] = [
  ['DOCTYPE with an external entity', vervang('<Bericht', '<!DOCTYPE Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Bericht')],
  ['billion laughs', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>`],
  ['a lowercase doctype', vervang('<Bericht', '<!doctype Bericht><Bericht')],
  ['<!ENTITY inside a comment', vervang('<Bericht', '<!-- <!ENTITY x "y"> --><Bericht')],
  ['<!DOCTYPE inside CDATA', vervang(ACHTERNAAM, '<ijw:Achternaam><![CDATA[<!DOCTYPE x>]]></ijw:Achternaam>')],
  ['an undeclared entity', vervang(ACHTERNAAM, '<ijw:Achternaam>&xxe;</ijw:Achternaam>')],
  ['predefined entities and character references', vervang(ACHTERNAAM, '<ijw:Achternaam>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</ijw:Achternaam>')],
  ['CDATA, comment and PI inside a simple element', vervang(ACHTERNAAM, '<ijw:Achternaam>Ja<![CDATA[n]]><!-- x -->sen<?pi y?></ijw:Achternaam>')],
  ['CR LF and a lone CR in text', vervang(ACHTERNAAM, '<ijw:Achternaam>Jan\r\nsen\r</ijw:Achternaam>')],
  ['a character reference to CR', vervang(ACHTERNAAM, '<ijw:Achternaam>Jan&#13;sen</ijw:Achternaam>')],
  ['a CDATA section in a complex element', vervang('<Header>', '<Header><![CDATA[x]]>')],
  ['a blank CDATA section in a complex element', vervang('<Header>', '<Header><![CDATA[  ]]>')],
  ['text split by a comment in a complex element', vervang('<Header>', '<Header>a<!-- c -->b')],
  ['an element inside a simple element', vervang(ACHTERNAAM, '<ijw:Achternaam>Jan<b x="1">sen</b></ijw:Achternaam>')],
  ['XInclude', vervang('</Client>', '</Client><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>')],
  ['xsi attributes on the root', vervang('<Bericht ', '<Bericht xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:x http://127.0.0.1:1/x.xsd" ')],
  ['other attributes on the root and an element', vervang('<Header>', '<Header a="1" xml:lang="nl">', vervang('<Bericht ', '<Bericht b="2" '))],
  ['an attribute on an element after one that does not fit', vervang('</Header>', '<Extra q="1"/></Header><Extra2 z="1">t</Extra2>')],
  ['a repeated attribute', vervang('<Header>', '<Header a="1" a="2">')],
  ['the same attribute through two prefixes', vervang('<Header>', '<Header xmlns:a="urn:a" xmlns:b="urn:a" a:x="1" b:x="2">')],
  ['an unbound prefix', vervang('<Header>', '<x:Header>', vervang('</Header>', '</x:Header>'))],
  ['a name with two colons', vervang('<Header>', '<a:b:Header xmlns:a="urn:a">', vervang('</Header>', '</a:b:Header>'))],
  ['an undeclared prefix binding', vervang('<Header>', '<Header xmlns:p="">')],
  ['the xml prefix rebound', vervang('<Header>', '<Header xmlns:xml="urn:x">')],
  ['the xmlns namespace bound', vervang('<Header>', '<Header xmlns:p="http://www.w3.org/2000/xmlns/">')],
  ['a namespace URI with a space', vervang('<Header>', '<Header xmlns:p="urn:a b">')],
  ['a relative namespace URI', vervang('<Header>', '<Header xmlns:p="relatief">')],
  ['an empty default namespace on the root', vervang(`xmlns="${messageNamespace('JW305')}"`, 'xmlns=""')],
  ['no namespace', vervang(`xmlns="${messageNamespace('JW305')}" `, '')],
  ['an unknown namespace', vervang(messageNamespace('JW305'), 'urn:other')],
  ['the basisschema namespace on the root', vervang('ijw/3_2/jw305/schema', 'ijw/3_2/basisschema/schema')],
  ['a wrong root', vervang(/<Bericht /, '<Brief ', vervang(/<\/Bericht>/, '</Brief>'))],
  ['a wrong root that is also not well-formed', vervang(/<Bericht /, '<Brief ')],
  ['every element prefixed', vervang('xmlns="', 'xmlns:jw="').replace(/<(\/?)(?!ijw:)([A-Za-z]\w*)/g, '<$1jw:$2')],
  ['only the root prefixed', vervang('<Bericht xmlns="', '<jw:Bericht xmlns:jw="', vervang('</Bericht>', '</jw:Bericht>'))],
  ['a child in the wrong namespace', vervang(/<Bsn>([^<]*)<\/Bsn>/, '<ijw:Bsn>$1</ijw:Bsn>')],
  ['elements out of order', vervang(/(<Afzender>[^<]*<\/Afzender>)(<Ontvanger>[^<]*<\/Ontvanger>)/, '$2$1')],
  ['a required element missing', vervang(/<Ontvanger>[^<]*<\/Ontvanger>/, '')],
  ['an element too many', vervang(/(<Afzender>[^<]*<\/Afzender>)/, '$1$1')],
  ['an element too many, then a bad value', vervang(/(<Afzender>[^<]*<\/Afzender>)/, '$1$1', vervang(/<Ontvanger>[^<]*<\/Ontvanger>/, '<Ontvanger>x</Ontvanger>'))],
  ['an element too many with attributes and content, then text', vervang(/(<Afzender>[^<]*<\/Afzender>)/, '$1<Afzender a="1"><b/>t</Afzender>tekst')],
  ['an unknown element, then a sibling fault', vervang('<Ontvanger>', '<Extra/><Ontvanger a="1">', vervang(/<Client>/, '<Client>tekst<Onbekend/>'))],
  ['more repeats than allowed', vervang(/<StartProduct>.*?<\/StartProduct>/, (m) => m.repeat(120))],
  ['text in the root', vervang('<Header>', 'tekst<Header>')],
  ['text after an element that does not fit', vervang('</Header>', '<Extra/>tekst</Header>')],
  ['a blank value', vervang(ACHTERNAAM, '<ijw:Achternaam>   </ijw:Achternaam>')],
  ['an empty simple element', vervang(ACHTERNAAM, '<ijw:Achternaam/>')],
  ['an empty complex element', vervang(/<Header>.*<\/Header>/s, '<Header/>')],
  ['an impossible date', vervang(/<ijw:Datum>[^<]*<\/ijw:Datum>/, '<ijw:Datum>2026-02-30</ijw:Datum>')],
  ['an integer with spaces', vervang('<BerichtVersie>3</BerichtVersie>', '<BerichtVersie> 3 </BerichtVersie>')],
  ['an integer too large', vervang('<BerichtVersie>3</BerichtVersie>', '<BerichtVersie>99999999999999999999</BerichtVersie>')],
  ['a surrogate pair in a long value', vervang(ACHTERNAAM, `<ijw:Achternaam>${'😀'.repeat(300)}</ijw:Achternaam>`)],
  ['a second XML declaration', vervang('<Header>', '<?xml version="1.0"?><Header>')],
  ['an XML PI in other case', vervang('<Header>', '<?XmL x?><Header>')],
  ['an xml-stylesheet PI', vervang('<Bericht', '<?xml-stylesheet type="text/xsl" href="x.xsl"?><Bericht')],
  ['a PI target with a colon', vervang('<Header>', '<?a:b x?><Header>')],
  ['XML version 1.1', vervang('version="1.0"', 'version="1.1"')],
  ['XML version 2.0', vervang('version="1.0"', 'version="2.0"')],
  ['encoding utf8', vervang('encoding="UTF-8"', 'encoding="utf8"')],
  ['encoding ISO-8859-1', vervang('encoding="UTF-8"', 'encoding="ISO-8859-1"')],
  ['standalone yes', vervang('encoding="UTF-8"', 'encoding="UTF-8" standalone="yes"')],
  ['no XML declaration', xml305.replace(/^<\?xml[^>]*\?>\n/, '')],
  ['whitespace before the XML declaration', ` ${xml305}`],
  ['a BOM in a string', `\uFEFF${xml305}`],
  ['a BOM in bytes', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml305)])],
  ['a Latin-1 byte', metBytes('<Header>', [0x3c, 0x48, 0xe9, 0x3e])],
  ['a lone high surrogate in a string', vervang(ACHTERNAAM, '<ijw:Achternaam>Te\uD800kst</ijw:Achternaam>')],
  ['a lone low surrogate in a string', vervang(ACHTERNAAM, '<ijw:Achternaam>Te\uDC00kst</ijw:Achternaam>')],
  ['a lone surrogate at the end of a value', vervang(ACHTERNAAM, '<ijw:Achternaam>Tekst\uD83D</ijw:Achternaam>')],
  ['a lone surrogate in a comment', vervang('<Header>', '<!-- \uDFFF --><Header>')],
  ['a raw NUL', vervang(ACHTERNAAM, '<ijw:Achternaam>Te\u0000kst</ijw:Achternaam>')],
  ['a raw U+0001', vervang(ACHTERNAAM, '<ijw:Achternaam>Te\u0001kst</ijw:Achternaam>')],
  ['U+FFFE', vervang(ACHTERNAAM, '<ijw:Achternaam>Te\uFFFEkst</ijw:Achternaam>')],
  ['a character reference &#0;', vervang(ACHTERNAAM, '<ijw:Achternaam>Te&#0;kst</ijw:Achternaam>')],
  ['a character reference to a surrogate', vervang(ACHTERNAAM, '<ijw:Achternaam>Te&#xD800;kst</ijw:Achternaam>')],
  [']]> in text', vervang(ACHTERNAAM, '<ijw:Achternaam>a]]>b</ijw:Achternaam>')],
  ['-- in a comment', vervang('<Header>', '<!-- a -- b --><Header>')],
  ['< in an attribute', vervang('<Header>', '<Header a="<">')],
  ['an unquoted attribute', vervang('<Header>', '<Header a=1>')],
  ['a mismatched end tag', vervang('</Header>', '</Headr>')],
  ['two roots', xml305 + xml305.replace(/^<\?xml[^>]*\?>\n/, '')],
  ['text after the root', `${xml305}x`],
  ['a comment and whitespace after the root', `${xml305}<!-- einde -->\n\n`],
  ['truncated', xml305.slice(0, Math.floor(xml305.length / 2))],
  ['empty', ''],
  ['whitespace only', ' \r\n\t '],
  ['JSON', '{"not": "xml"}'],
  ['300 nested elements', vervang('</Client>', `${'<a>'.repeat(300)}${'</a>'.repeat(300)}</Client>`)],
  ['250 nested elements', vervang('</Client>', `${'<a>'.repeat(250)}${'</a>'.repeat(250)}</Client>`)],
  ['200 nested elements', vervang('</Client>', `${'<a>'.repeat(200)}${'</a>'.repeat(200)}</Client>`)],
  ['a bare nesting of 300', `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`],
  ['5000 unknown siblings', vervang('</StartProducten>', `</StartProducten>${'<x/>'.repeat(5000)}`)],
  ['a name of 60,000 characters', vervang('</Header>', `<${'N'.repeat(60_000)}/></Header>`)],
  ['a value of 2 MB', vervang(ACHTERNAAM, `<ijw:Achternaam>${'x'.repeat(2_000_000)}</ijw:Achternaam>`)],
  ['a comment of 2 MB', vervang('<Header>', `<!--${'x'.repeat(2_000_000)}--><Header>`)],
  ['an attribute of 2 MB', vervang('<Header>', `<Header a="${'x'.repeat(2_000_000)}">`)],
];

/** A small deterministic generator (mulberry32): the mutations are the same in every run. */
function willekeur(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mutations per message and the first seed: DOORGANG_MUTATIES and DOORGANG_SEED search deeper or elsewhere. */
const MUTATIES = Number(process.env.DOORGANG_MUTATIES ?? 80);
const SEED = Number(process.env.DOORGANG_SEED ?? 1000);

const INVOEGSELS = [
  '<!-- c -->', '<?pi x?>', '<![CDATA[x]]>', '<![CDATA[ ]]>', ' ', '\n', 'tekst', '&amp;', '&#x41;', '&#0;', '&foo;', '<x/>', '<ijw:X/>', '<a:b/>',
  '<y xmlns="urn:y"/>', '<Header/>', '<Bsn>999990019</Bsn>', ']]>', '<', '>', '&', '\u0001', '\u00e9', '😀', '</x>', '<?xml version="1.0"?>',
];
const ATTRIBUTEN = [
  ' a="1"', ' a="1" a="2"', ' xml:lang="nl"', ' xmlns:p="urn:p"', ' xmlns:q="a b"', ' xmlns=""', ' p:a="1"', ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"',
  ' xmlns:ijw="urn:anders"', ' xmlns="http://www.istandaarden.nl/ijw/3_2/basisschema/schema"',
];
const WAARDEN = ['', '  ', '0', '-1', '+7', '1.5', '2026-13-01', '2026-01-15', 'D', 'C', 'x'.repeat(300), ' 12 ', '07960', 'A B', '٣'];

/** Mutations of a message's text: tokens removed, repeated, swapped, inserted, changed, or the text cut. */
function mutaties(xml: string, n: number, seed: number): string[] {
  const r = willekeur(seed);
  const kies = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const uit: string[] = [];
  let t: string[] = [];
  for (let k = 0; k < n; k++) {
    // One to three changes on top of each other: faults that only show in combination.
    if (k % 3 === 0) t = xml.match(/<[^>]*>|[^<]+/g) ?? [];
    const i = Math.floor(r() * t.length);
    switch (Math.floor(r() * 9)) {
      case 0:
        t.splice(i, 1);
        break;
      case 1:
        t.splice(i, 0, t[i]);
        break;
      case 2:
        if (i + 1 < t.length) [t[i], t[i + 1]] = [t[i + 1], t[i]];
        break;
      case 3:
        t.splice(i, 0, kies(INVOEGSELS));
        break;
      case 4: {
        const j = t.findIndex((x, m) => m >= i && /^<[A-Za-z]/.test(x));
        if (j >= 0) t[j] = t[j].replace(/(\/?>)$/, `${kies(ATTRIBUTEN)}$1`);
        break;
      }
      case 5: {
        const j = t.findIndex((x, m) => m >= i && !x.startsWith('<'));
        if (j >= 0) t[j] = kies(WAARDEN);
        break;
      }
      case 6: {
        // An element with its content removed or repeated: from a start tag to its end tag.
        const j = t.findIndex((x, m) => m >= i && /^<[A-Za-z]/.test(x) && !x.endsWith('/>'));
        if (j < 0) break;
        const naam = /^<([^\s>/]+)/.exec(t[j])?.[1];
        const e = t.indexOf(`</${naam}>`, j);
        if (e < 0) break;
        const stuk = t.slice(j, e + 1);
        if (r() < 0.5) t.splice(j, stuk.length);
        else t.splice(e + 1, 0, ...stuk);
        break;
      }
      case 7: {
        const j = t.findIndex((x, m) => m >= i && /^<\/?[A-Za-z]/.test(x));
        if (j >= 0) t[j] = r() < 0.5 ? t[j].toLowerCase() : t[j].replace(/^<(\/?)(?:ijw:)?/, `<$1${kies(['ijw:', 'p:', ''])}`);
        break;
      }
      default: {
        const x = t.join('');
        uit.push(x.slice(0, Math.floor(r() * x.length)));
        continue;
      }
    }
    uit.push(t.join(''));
  }
  return uit;
}

describe('the one-pass reader gives what libxml2 and the DOM walk give', () => {
  it('reads every sample and every fixture message itself, with the reference model, without saxes', async () => {
    const saxesWrite = jest.spyOn(SaxesParser.prototype, 'write');
    for (const { label, xml } of [...samples, ...fixtures()]) {
      const r = leesInEenDoorgang(xml);
      expect({ label, zelf: r !== undefined, saxes: saxesWrite.mock.calls.length }).toEqual({ label, zelf: true, saxes: 0 });
      expect({ label, r }).toEqual({ label, r: await parseViaDom(xml) });
      expect({ label, issues: r?.issues }).toEqual({ label, issues: [] });
    }
    saxesWrite.mockRestore();
  });

  it('agrees on the hostile corpus', async () => {
    zelf = 0;
    snel = 0;
    for (const [label, input] of HOSTILE) await vergelijk(label, input);
    // The fast tokenizer read some of it itself (and so was held to saxes's result there).
    expect(snel).toBeGreaterThan(0);
    // Half the corpus is well-formed and within the limits: the reader must have judged those itself.
    expect(zelf).toBeGreaterThanOrEqual(HOSTILE.length / 2);
  });

  it('agrees on mutations of every sample and fixture message', async () => {
    zelf = 0;
    snel = 0;
    let n = 0;
    for (const [k, { label, xml }] of [...samples, ...fixtures()].entries()) {
      for (const [m, x] of mutaties(xml, MUTATIES, SEED + k).entries()) {
        await vergelijk(`${label} mutation ${m}`, x);
        n++;
      }
    }
    // Stacked changes break well-formedness often; still, a good share must be the reader's own,
    // and the fast tokenizer's own (held to saxes's result above).
    expect(zelf).toBeGreaterThan(n / 4);
    expect(snel).toBeGreaterThan(n / 8);
  });

  it('agrees on a JW323 of 10,000 prestaties', async () => {
    const model = sampleMessage('JW323', 'minimal');
    const prestaties = (((model.bericht.Declaratie as IjwNode).Clienten as IjwNode).Client as IjwNode[])[0].Prestaties as IjwNode;
    const one = (prestaties.Prestatie as IjwNode[])[0];
    prestaties.Prestatie = Array.from({ length: 10_000 }, (_, i) => ({ ...one, ProductReferentie: { ...(one.ProductReferentie as IjwNode), ReferentieNummer: `REF${i}` } }));
    const xml = writeMessage(model);
    const r = leesInEenDoorgang(xml);
    expect(r).toEqual(await parseViaDom(xml));
    expect(r?.message).toEqual(model);
  });
});
