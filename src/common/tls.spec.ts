import { createPrivateKey } from 'node:crypto';
import { dagen, testPki, type TestCa, type TestPki } from '../../test/helpers/test-ca';
import { dagenOver, leesTls, onderwerpVeld, TlsFout, type TlsBestanden } from './tls';

let pki: TestPki;
let ca: TestCa;
beforeAll(async () => {
  pki = testPki();
  ca = await pki.ca('spec-ca');
});
afterAll(() => pki?.opruimen());

const bestanden = (o: Partial<TlsBestanden>): TlsBestanden => ({ adapter: 'ggk', namen: { cert: 'GGK_CERT', key: 'GGK_KEY', ca: 'GGK_CA' }, ...o });
const fout = (b: TlsBestanden, nu?: Date) => {
  try {
    leesTls(b, nu);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(TlsFout);
    return (e as Error).message;
  }
};

describe('leesTls', () => {
  it('reads a certificate with its chain after it, its key and a CA file; gives the certificate and the days left', async () => {
    const c = await ca.geef('hub', { oin: '00000001823288444000', tot: dagen(40) });
    const keten = pki.schrijf('keten.pem', Buffer.concat([c.certPem, ca.caPem]));
    const id = leesTls(bestanden({ cert: keten, key: c.key, ca: ca.ca }));
    expect(id.certificaat?.subject).toMatch(/CN=hub/);
    expect([39, 40]).toContain(dagenOver(id.certificaat!));
    expect(id.ca).toEqual(ca.caPem);
  });

  it('refuses a certificate not valid yet, and one expired, judged by the moment given', async () => {
    const c = await ca.geef('later', { vanaf: dagen(2), tot: dagen(30) });
    expect(fout(bestanden({ cert: c.cert, key: c.key }))).toMatch(/^GGK_CERT: the certificate in .*later\.pem is not valid before /);
    expect(fout(bestanden({ cert: c.cert, key: c.key }), dagen(31))).toMatch(/expired on/);
    expect(fout(bestanden({ cert: c.cert, key: c.key }), dagen(3))).toBe('');
  });

  it('refuses an encrypted key, saying so, and a file that holds no key', async () => {
    const c = await ca.geef('versleuteld');
    const versleuteld = createPrivateKey(c.keyPem).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'geheim' });
    expect(fout(bestanden({ cert: c.cert, key: pki.schrijf('versleuteld.key', versleuteld) }))).toMatch(/GGK_KEY: .*the key is encrypted/);
    expect(fout(bestanden({ cert: c.cert, key: c.cert }))).toMatch(/GGK_KEY: .*no PEM private key/);
  });

  it('nothing configured: nothing to read', () => {
    expect(leesTls(bestanden({}))).toMatchObject({ adapter: 'ggk', cert: undefined, key: undefined, ca: undefined });
  });
});

describe('onderwerpVeld', () => {
  it('reads one value or several of a subject attribute', () => {
    expect(onderwerpVeld({ serialNumber: '1' }, 'serialNumber')).toEqual(['1']);
    expect(onderwerpVeld({ serialNumber: ['1', '2'] }, 'serialNumber')).toEqual(['1', '2']);
    expect(onderwerpVeld(undefined, 'serialNumber')).toEqual([]);
  });
});
