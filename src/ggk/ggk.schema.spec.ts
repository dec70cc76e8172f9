import { GgkSchema } from './ggk.schema';
import { envelop } from './ggk.xml';
import { voorbeeldDi01 } from '../../test/helpers/ggk';
import type { OntvangenEnvelop } from './ggk.types';

/** A received envelope is parsed once: validated against the StUF-GGk XSDs and read from the same document. */
const di01 = voorbeeldDi01;

async function lees(xml: string): Promise<OntvangenEnvelop> {
  const r = (await GgkSchema.laad()).lees(Buffer.from(xml), 'Di01');
  if ('bevindingen' in r) throw new Error(r.bevindingen.join('; '));
  if (!r.env) throw new Error('no Di01 body');
  return r.env;
}

describe('GgkSchema.lees', () => {
  it('reads the stuurgegevens and the payload of a valid Di01', async () => {
    const env = await lees(envelop(di01));
    expect(env.stuurgegevens).toEqual({
      berichtcode: 'Di01',
      zender: di01.zender,
      ontvanger: di01.ontvanger,
      referentienummer: di01.referentienummer,
      tijdstipBericht: di01.tijdstipBericht,
      crossRefnummer: null,
      functie: 'JW305',
    });
    expect(env.bericht).toEqual({ soort: 'xml', inhoud: di01.xml });
    expect(env.fout).toBeNull();
    expect(env.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a payload whose base64 is wrapped in lines, as MIME encoders write it', async () => {
    const b64 = di01.xml.toString('base64');
    const gewikkeld = b64.replace(/(.{20})/g, '$1\r\n  ');
    expect(gewikkeld).not.toBe(b64);
    const env = await lees(envelop(di01).replace(b64, gewikkeld));
    expect(env.bericht).toEqual({ soort: 'xml', inhoud: di01.xml });
  });

  it('hashes the content: other prefixes and whitespace are the same envelope, another value is not', async () => {
    const xml = envelop(di01);
    const anders = xml
      .replace(/soap:/g, 'env:')
      .replace('xmlns:soap=', 'xmlns:env=')
      .replace(/StUF:/g, 'S:')
      .replace('xmlns:StUF=', 'xmlns:S=')
      .replace(/></g, '>\n  <');
    expect(anders).not.toBe(xml);
    const a = await lees(xml);
    expect((await lees(anders)).hash).toBe(a.hash);
    expect((await lees(xml.replace('<GGK:functieSubversie>0002<', '<GGK:functieSubversie>0003<'))).hash).not.toBe(a.hash);
    expect((await lees(xml.replace(di01.xml.toString('base64'), Buffer.from('<JW305 xmlns="http://www.istandaarden.nl/ijw/3_2/jw305/schema"> </JW305>').toString('base64')))).hash).not.toBe(a.hash);
  });

  it('gives the XSD findings instead when the envelope is invalid or not XML, and no envelope for another operation', async () => {
    const schema = await GgkSchema.laad();
    const fout = schema.lees(Buffer.from(envelop(di01).replace('<StUF:functie>JW305</StUF:functie>', '')), 'Di01');
    expect('bevindingen' in fout && fout.bevindingen.length).toBeTruthy();
    const geenXml = schema.lees(Buffer.from('<soap:Envelope'), 'Di01');
    expect('bevindingen' in geenXml && geenXml.bevindingen[0]).toMatch(/^geen well-formed XML/);
    expect(schema.lees(Buffer.from(envelop(di01)), 'Du01')).toEqual({ env: undefined });
  });
});
