import { writeMessage, type IjwNode } from '../ijw/codec';
import { sampleMessage } from '../ijw/samples';
import { readEnvelope } from './envelope';

/** The inbox reads the one client of a message (its order key) from the parsed document only. */
describe('readEnvelope: the client a message is about', () => {
  const bericht = (type: 'JW305' | 'JW319' | 'JW323', bsn?: string) => {
    const m = sampleMessage(type, 'minimal');
    const client = m.bericht.Client as IjwNode | undefined;
    if (bsn && client) client.Bsn = bsn;
    return Buffer.from(writeMessage(m));
  };

  it('a JW305 names one client: its BSN', async () => {
    expect((await readEnvelope(bericht('JW305', '999990019'), 1_000_000)).clientBsn).toBe('999990019');
  });

  it('a BSN in a comment is not read as the client', async () => {
    const xml = bericht('JW305', '999990019').toString('utf8').replace('<Bsn>', '<!--<Bsn>123456782</Bsn>--><Bsn>');
    expect(xml).toContain('<!--<Bsn>123456782</Bsn>-->');
    expect((await readEnvelope(Buffer.from(xml), 1_000_000)).clientBsn).toBe('999990019');
  });

  it('a JW319 names no client, a JW323 may name many: no order key', async () => {
    expect((await readEnvelope(bericht('JW319'), 1_000_000)).clientBsn).toBeNull();
    expect((await readEnvelope(bericht('JW323'), 1_000_000)).clientBsn).toBeNull();
  });
});
