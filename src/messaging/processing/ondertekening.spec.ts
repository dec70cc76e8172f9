import { createHmac } from 'node:crypto';
import { onderteken, verifieer } from './ondertekening';

describe('delivery signature', () => {
  const body = Buffer.from('<Bericht/>');
  const id = '6f1c1f9e-0000-4000-8000-000000000001';
  const ts = 1_800_000_000;
  it('signs <timestamp>.<id>.<body> once per secret, current first', () => {
    const v = onderteken(['nieuw', 'oud'], ts, id, body);
    const h = (g: string) => createHmac('sha256', g).update(`${ts}.${id}.<Bericht/>`).digest('hex');
    expect(v).toBe(`sha256=${h('nieuw')},sha256=${h('oud')}`);
  });
  it('verifies with either secret within the tolerance, and refuses another secret, id, body or an old timestamp', () => {
    const o = { handtekening: onderteken(['nieuw', 'oud'], ts, id, body), tijdstempel: String(ts), berichtId: id, body };
    expect(verifieer(o, 'nieuw', ts + 10)).toBe(true);
    expect(verifieer(o, 'oud', ts - 10)).toBe(true);
    expect(verifieer(o, 'ander', ts)).toBe(false);
    expect(verifieer({ ...o, berichtId: 'x' }, 'nieuw', ts)).toBe(false);
    expect(verifieer({ ...o, body: Buffer.from('<Bericht />') }, 'nieuw', ts)).toBe(false);
    expect(verifieer(o, 'nieuw', ts + 301)).toBe(false);
  });
});
