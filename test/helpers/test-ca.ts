import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

/**
 * A local test CA, made at test time (no openssl needed): certificates as PEM files in a
 * temporary directory, and their contents. Keys are ECDSA P-256; every leaf names 127.0.0.1 and
 * localhost, so it serves as a server certificate as well as a client certificate.
 */

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAG = 86_400_000;
// @peculiar/x509 takes the DOM's Crypto type; node's webcrypto is the same API under node's own types.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
type CryptoKey = webcrypto.CryptoKey;

export interface TestCertificaat {
  /** The certificate file (PEM). */
  cert: string;
  /** Its key file (PKCS#8 PEM). */
  key: string;
  certPem: Buffer;
  keyPem: Buffer;
}

export interface TestCa {
  /** The CA's certificate file (PEM): what the other side trusts. */
  ca: string;
  caPem: Buffer;
  /** A certificate issued by this CA. `oin` goes in the subject's serialNumber (PKIoverheid). */
  geef(naam: string, o?: { cn?: string; oin?: string; vanaf?: Date; tot?: Date }): Promise<TestCertificaat>;
}

export interface TestPki {
  dir: string;
  /** Writes a file into the directory; returns its path. */
  schrijf(naam: string, inhoud: string | Buffer): string;
  ca(naam: string): Promise<TestCa>;
  opruimen(): void;
}

async function sleutelPem(k: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', k));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

const sleutels = async () => (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']));

export function testPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-test-pki-'));
  const schrijf = (naam: string, inhoud: string | Buffer) => {
    const p = path.join(dir, naam);
    writeFileSync(p, inhoud);
    return p;
  };
  return {
    dir,
    schrijf,
    opruimen: () => rmSync(dir, { recursive: true, force: true }),
    async ca(caNaam) {
      const nu = Date.now();
      const k = await sleutels();
      const caCert = await x509.X509CertificateGenerator.createSelfSigned({
        name: `CN=${caNaam}`,
        notBefore: new Date(nu - DAG),
        notAfter: new Date(nu + 3650 * DAG),
        keys: k,
        signingAlgorithm: ALG,
        extensions: [
          new x509.BasicConstraintsExtension(true, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(k.publicKey),
        ],
      });
      const caPem = Buffer.from(caCert.toString('pem'));
      return {
        ca: schrijf(`${caNaam}.pem`, caPem),
        caPem,
        async geef(naam, o = {}) {
          const leaf = await sleutels();
          const c = await x509.X509CertificateGenerator.create({
            subject: `CN=${o.cn ?? naam}${o.oin ? `, 2.5.4.5=${o.oin}` : ''}`,
            issuer: caCert.subject,
            notBefore: o.vanaf ?? new Date(nu - DAG),
            notAfter: o.tot ?? new Date(nu + 365 * DAG),
            publicKey: leaf.publicKey,
            signingKey: k.privateKey,
            signingAlgorithm: ALG,
            extensions: [
              new x509.BasicConstraintsExtension(false),
              new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
              new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
              new x509.SubjectAlternativeNameExtension([
                { type: 'ip', value: '127.0.0.1' },
                { type: 'dns', value: 'localhost' },
              ]),
              await x509.AuthorityKeyIdentifierExtension.create(k.publicKey),
            ],
          });
          const certPem = Buffer.from(c.toString('pem'));
          const keyPem = Buffer.from(await sleutelPem(leaf.privateKey));
          return { cert: schrijf(`${naam}.pem`, certPem), key: schrijf(`${naam}.key`, keyPem), certPem, keyPem };
        },
      };
    },
  };
}

/** Days from now, as a Date (negative: in the past). */
export const dagen = (n: number): Date => new Date(Date.now() + n * DAG);
