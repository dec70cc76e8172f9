/**
 * The fast reader of Di01/Du01 envelopes against the reference, libxml2 with the StUF-GGk XSDs
 * (GgkSchema.leesMetLibxml2): on the hub's envelopes, the simulator's, one laid out as the
 * specification's example, and thousands of deterministic mutations of them, whatever the fast
 * reader reads itself, libxml2 finds valid and reads the same (the same fields, payload and
 * content hash). What it does not read goes to libxml2 (GgkSchema.lees), so needs no check here.
 */
import { GgkSimulator } from '../../sim/ggk/simulator';
import { GgkSchema } from './ggk.schema';
import { leesSnel } from './ggk.snel';
import { envelop, type UitgaandEnvelop } from './ggk.xml';
import { NS, type Operatie } from './ggk.types';
import { prng } from '../seed/verkeer.plan';
import { voorbeeldDi01 } from '../../test/helpers/ggk';

const payload = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><JW305 xmlns="http://www.istandaarden.nl/ijw/3_2/jw305/schema"><Header/></JW305>');

const di01: UitgaandEnvelop = { ...voorbeeldDi01, xml: payload };
const du01: UitgaandEnvelop = { ...di01, berichtcode: 'Du01', crossRefnummer: '9c0f7b90-5c69-41e5-a837-0800200c9a66', functie: 'JW306', xml: payload.subarray(0, payload.length - 1) };

/** Laid out as the StUF-GGk 0210 example envelope (tabs and newlines between the elements), in a SOAP envelope with a default namespace. */
const alsVoorbeeld = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="${NS.soap}">
	<Body>
<GGK:envelopHeenbericht-ggk_Di01 xmlns:StUF="${NS.stuf}" xmlns:GGK="${NS.ggk}">
	<GGK:stuurgegevens>
		<StUF:berichtcode>Di01</StUF:berichtcode>
		<StUF:zender>
			<StUF:organisatie>0548</StUF:organisatie>
			<StUF:applicatie>Wmo Applicatie</StUF:applicatie>
		</StUF:zender>
		<StUF:ontvanger>
			<StUF:organisatie>01023456</StUF:organisatie>
			<StUF:applicatie>GGk</StUF:applicatie>
			<StUF:administratie>Jeugd</StUF:administratie>
			<StUF:gebruiker>j.jansen</StUF:gebruiker>
		</StUF:ontvanger>
		<StUF:referentienummer>9c0f7b90-5c69-41e5-a837-0800200c9a66</StUF:referentienummer>
		<StUF:tijdstipBericht>20160421132514</StUF:tijdstipBericht>
		<StUF:functie>WMO301</StUF:functie>
	</GGK:stuurgegevens>
	<GGK:parameters>
		<GGK:applicatieVersie>0004</GGK:applicatieVersie>
		<GGK:applicatieSubversie>0003</GGK:applicatieSubversie>
		<GGK:functieVersie>0002</GGK:functieVersie>
		<GGK:functieSubversie>0002</GGK:functieSubversie>
		<GGK:bericht>
			<GGK:xmlBestand>SGllciBzdGFhdCBlZW4gaVdtby9pSnctaGVlbmJlcmljaHQu</GGK:xmlBestand>
		</GGK:bericht>
	</GGK:parameters>
</GGK:envelopHeenbericht-ggk_Di01>
	</Body>
</Envelope>
`;

const sim = new GgkSimulator();
const simDi01 = sim.envelop({ actie: 'Di01', zender: { organisatie: '01234567', applicatie: 'Zorgsysteem' }, ontvanger: { organisatie: '0599', applicatie: 'GGk' }, functie: 'JW315', xml: payload }).xml;
const simDu01 = sim.envelop({
  actie: 'Du01',
  zender: { organisatie: '01234567', applicatie: 'Zorgsysteem' },
  ontvanger: { organisatie: '0599', applicatie: 'GGk' },
  functie: 'JW302',
  xml: payload,
  crossRefnummer: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
}).xml;

const BASIS: readonly [string, string, Operatie][] = [
  ['hub Di01', envelop(di01), 'Di01'],
  ['hub Du01', envelop(du01), 'Du01'],
  ['simulator Di01', simDi01, 'Di01'],
  ['simulator Du01', simDu01, 'Du01'],
  ['as the specification example', alsVoorbeeld, 'Di01'],
];

/** Every element of a text: its start tag, its whole extent, and (a leaf) its value. */
function elementen(xml: string): { start: number; eind: number; open: string; naam: string; waarde?: [number, number] }[] {
  const uit: { start: number; eind: number; open: string; naam: string; waarde?: [number, number] }[] = [];
  const re = /<([A-Za-z][\w.-]*(?::[\w.-]+)?)([^>]*?)(\/?)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0].startsWith('<?')) continue;
    const naam = m[1];
    if (m[3]) {
      uit.push({ start: m.index, eind: re.lastIndex, open: m[0], naam });
      continue;
    }
    // Its end tag, counting nested elements of the same name.
    let diepte = 1;
    const tags = new RegExp(`<(/?)${naam.replace(/[.-]/g, '\\$&')}[\\s>/]`, 'g');
    tags.lastIndex = re.lastIndex;
    let eind = -1;
    for (let t = tags.exec(xml); t; t = tags.exec(xml)) {
      diepte += t[1] ? -1 : 1;
      if (!diepte) {
        eind = xml.indexOf('>', t.index) + 1;
        break;
      }
    }
    if (eind < 0) continue;
    const binnen = xml.slice(re.lastIndex, xml.lastIndexOf('<', eind - 1));
    uit.push({ start: m.index, eind, open: m[0], naam, waarde: binnen.includes('<') ? undefined : [re.lastIndex, re.lastIndex + binnen.length] });
  }
  return uit;
}

/** Targeted mutations of one envelope: each element removed, doubled, renamed, re-prefixed, given attributes; each value bent around its facets; the document's frame varied. */
function gerichteMutaties(xml: string): string[] {
  const uit: string[] = [];
  const els = elementen(xml);
  const waarden = ['', ' ', 'x', 'ab', 'abc', '0000', '000', '00000', 'X'.repeat(8), '1'.repeat(8), '1'.repeat(17), '1'.repeat(18), '1'.repeat(7), 'a'.repeat(30), 'a'.repeat(31),
    'a'.repeat(50), 'a'.repeat(51), 'a'.repeat(100), 'a'.repeat(101), 'a'.repeat(200), 'a'.repeat(201), 'é'.repeat(3), 'é'.repeat(201), 'a\tb', 'a b', 'Di01', 'Du01', 'Fo01',
    '3DADAB53-7E98-4543-B4AF-CEC3F61DE2EC', '3dadab53-7e98-1543-b4af-cec3f61de2ec', '3dadab53-7e98-4543-c4af-cec3f61de2ec', '3dadab53-7e98-4543-b4af-cec3f61de2e', 'QQ==', 'QR==', 'QUI=', 'QUJ=',
    'QUJD', 'QQ', 'QQ=', 'Q===', '====', 'QU JD', 'QUJD\n', '\nQUJD', 'QU=D', 'QUJD*', '&amp;', '&#65;&#66;&#67;&#68;', '<![CDATA[QUJD]]>', 'QU<!-- x -->JD', '\u00a0abc', 'abc\u00a0'];
  for (const e of els) {
    uit.push(xml.slice(0, e.start) + xml.slice(e.eind));
    uit.push(xml.slice(0, e.eind) + xml.slice(e.start, e.eind) + xml.slice(e.eind));
    const [prefix, lokaal] = e.naam.includes(':') ? e.naam.split(':') : ['', e.naam];
    const hernoem = (nieuw: string) => xml.slice(0, e.start) + xml.slice(e.start, e.eind).replace(new RegExp(`(</?)${e.naam}(?=[\\s>/])`, 'g'), `$1${nieuw}`) + xml.slice(e.eind);
    uit.push(hernoem(prefix ? `${prefix}:${lokaal}X` : `${lokaal}X`));
    uit.push(hernoem(lokaal));
    for (const p of ['StUF', 'GGK', 'soap', 's', 'onbekend']) if (p !== prefix) uit.push(hernoem(`${p}:${lokaal}`));
    const metAttribuut = (a: string) => xml.slice(0, e.start) + e.open.replace(/(\/?>)$/, ` ${a}$1`) + xml.slice(e.start + e.open.length);
    for (const a of ['a="1"', `xmlns:x="${NS.stuf}"`, 'xmlns:x="urn:ander"', `xmlns="${NS.stuf}"`, 'xmlns=""', `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"`,
      `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="string"`, `xmlns:S2="${NS.stuf}" S2:noValue="geenWaarde"`, 'xml:lang="nl"', `xmlns:x="${NS.ggk}" xmlns:x="${NS.ggk}"`]) {
      uit.push(metAttribuut(a));
    }
    uit.push(xml.slice(0, e.start) + '<!-- opmerking -->' + xml.slice(e.start));
    uit.push(xml.slice(0, e.start) + 'tekst' + xml.slice(e.start));
    uit.push(xml.slice(0, e.start) + '<?pi x?>' + xml.slice(e.start));
    if (e.waarde) {
      const [a, b] = e.waarde;
      for (const w of waarden) uit.push(xml.slice(0, a) + w + xml.slice(b));
      const v = xml.slice(a, b);
      uit.push(xml.slice(0, a) + ` ${v}` + xml.slice(b), xml.slice(0, a) + `${v} ` + xml.slice(b), xml.slice(0, a) + `${v}\n` + xml.slice(b), xml.slice(0, a) + v.toUpperCase() + xml.slice(b));
      uit.push(xml.slice(0, a) + v.replace(/(.{8})/g, '$1\n') + xml.slice(b), xml.slice(0, a) + v.slice(0, -1) + xml.slice(b), xml.slice(0, a) + v + v + xml.slice(b));
      // Empty as <x/>.
      uit.push(xml.slice(0, e.start) + e.open.replace(/>$/, '/>') + xml.slice(e.eind));
    }
  }
  const zonderDeclaratie = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  uit.push(
    zonderDeclaratie,
    `\uFEFF${xml}`,
    '<?xml version="1.1" encoding="UTF-8"?>' + zonderDeclaratie,
    '<?xml version="1.0" encoding="ISO-8859-1"?>' + zonderDeclaratie,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + zonderDeclaratie,
    `<!DOCTYPE x [<!ENTITY e "x">]>${zonderDeclaratie}`,
    xml.replace(/\n/g, '\r\n'),
    xml.replace(/></g, '>\n<'),
    xml.replace(/></g, '> <'),
    xml.replace(/(<[A-Za-z:]*Body>)/, '<soap:Header/>$1'),
    xml.replace(/(<([A-Za-z]+:)?Body>)/, '<$2Header xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>$1'),
    `${xml}<!-- na -->`,
    `${xml}<x/>`,
    `${xml} `,
    xml.slice(0, -20),
    xml.replace(/Envelope/g, 'Envelop'),
    xml.replace(NS.soap, 'http://www.w3.org/2003/05/soap-envelope'),
    xml.replace(NS.ggk, 'http://www.stufstandaarden.nl/koppelvlak/ggk0310'),
    xml.replace(NS.stuf, 'http://www.egem.nl/StUF/StUF0302'),
  );
  return uit;
}

/** Random single-character edits (insert, delete, replace) and deleted ranges. */
function willekeurigeMutaties(xml: string, n: number, r: () => number): string[] {
  const tekens = ['<', '>', '/', '"', "'", '=', ' ', '\n', '\t', '\r', 'a', 'Z', '0', '9', ':', '&', '-', '+', 'é', '\u0000', '\uFFFD', ']', '!', '?'];
  const uit: string[] = [];
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * xml.length);
    const t = tekens[Math.floor(r() * tekens.length)];
    const soort = Math.floor(r() * 4);
    if (soort === 0) uit.push(xml.slice(0, i) + t + xml.slice(i));
    else if (soort === 1) uit.push(xml.slice(0, i) + xml.slice(i + 1));
    else if (soort === 2) uit.push(xml.slice(0, i) + t + xml.slice(i + 1));
    else uit.push(xml.slice(0, i) + xml.slice(i + 1 + Math.floor(r() * 40)));
  }
  return uit;
}

describe('leesSnel (the fast reader of Di01/Du01 envelopes)', () => {
  let schema: GgkSchema;
  beforeAll(async () => {
    schema = await GgkSchema.laad();
  });

  /** Where the fast reader reads the text itself, libxml2 with the XSDs gives the same reading; whether it read it. */
  function vergelijk(label: string, tekst: string, operatie: Operatie): boolean {
    const snel = leesSnel(tekst, operatie);
    if (!snel) return false;
    const ref = schema.leesMetLibxml2(Buffer.from(tekst, 'utf8'), operatie);
    expect({ label, uitkomst: ref }).toEqual({ label, uitkomst: { env: snel } });
    return true;
  }

  it.each(BASIS)('reads the %s itself, as libxml2 reads it', (label, xml, operatie) => {
    expect(vergelijk(label, xml, operatie)).toBe(true);
    // The other operation's body is never read as this one.
    expect(leesSnel(xml, operatie === 'Di01' ? 'Du01' : 'Di01')).toBeUndefined();
    expect(leesSnel(xml, 'Fo01')).toBeUndefined();
  });

  it('gives the same reading and hash as libxml2 for every targeted mutation it reads itself, and leaves the invalid ones to libxml2', () => {
    let gelezen = 0;
    let totaal = 0;
    for (const [label, xml, operatie] of BASIS) {
      const mutaties = gerichteMutaties(xml);
      mutaties.forEach((m, i) => {
        totaal++;
        if (vergelijk(`${label} #${i}`, m, operatie)) gelezen++;
      });
    }
    // Both sides are exercised: many valid variants read fast, many left to libxml2.
    expect(totaal).toBeGreaterThan(3000);
    expect(gelezen).toBeGreaterThan(200);
    expect(totaal - gelezen).toBeGreaterThan(1000);
  });

  it('gives the same reading as libxml2 for every random edit it reads itself', () => {
    const r = prng(20261206);
    let gelezen = 0;
    for (const [label, xml, operatie] of BASIS) {
      willekeurigeMutaties(xml, 1500, r).forEach((m, i) => {
        if (vergelijk(`${label} random #${i}`, m, operatie)) gelezen++;
      });
    }
    expect(gelezen).toBeGreaterThan(100);
  });

  it('leaves bytes that are not UTF-8 to libxml2', () => {
    const xml = Buffer.from(envelop(di01));
    const i = xml.indexOf('Portaal');
    const kapot = Buffer.concat([xml.subarray(0, i), Buffer.from([0xff]), xml.subarray(i)]);
    expect(leesSnel(kapot.toString('utf8'), 'Di01')).toBeUndefined();
    expect('bevindingen' in schema.lees(kapot, 'Di01')).toBe(true);
  });
});
