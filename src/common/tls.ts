import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * TLS client certificates of the hub's adapters into the national chain (the GGk through the
 * Digikoppeling provider, VECOZO), configured as PEM file paths and checked at boot: every file
 * readable, each PEM valid, the key the certificate's own, the certificate valid now. Validity is
 * judged by the machine's real clock, as the TLS handshake judges it (never a test's pinned day).
 */

/** Fewer days than this before a certificate's notAfter: a warning at boot and in /metrics. */
export const WAARSCHUWING_DAGEN = 30;

/** An adapter's configured files: the variable names (for messages) and their paths. */
export interface TlsBestanden {
  /** The adapter, as the metrics label it: `ggk`, `vecozo`. */
  adapter: string;
  /** Variable names of the certificate, its key and the CA file. */
  namen: { cert: string; key: string; ca: string };
  cert?: string;
  key?: string;
  ca?: string;
}

/** An adapter's checked TLS material, ready for node's `tls` options. */
export interface TlsIdentiteit {
  adapter: string;
  /** The certificate file (the certificate first, then any intermediates it carries). */
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
  /** The variable naming the certificate (metrics label). */
  certNaam: string;
  /** The hub's certificate, parsed: its subject and validity. */
  certificaat?: X509Certificate;
}

export class TlsFout extends Error {
  override name = 'TlsFout';
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** The PEM blocks of a file, by their label. */
function blokken(tekst: string): { label: string; pem: string }[] {
  return [...tekst.matchAll(PEM)].map((m) => ({ label: m[1], pem: m[0] }));
}

/** The certificates of a PEM file; throws (a reason) when it holds none or one does not parse. */
function certificaten(buf: Buffer): X509Certificate[] {
  const b = blokken(buf.toString('latin1')).filter((x) => x.label === 'CERTIFICATE');
  if (b.length === 0) throw new Error('no PEM certificate (-----BEGIN CERTIFICATE-----) in it');
  return b.map((x, i) => {
    try {
      return new X509Certificate(x.pem);
    } catch (e) {
      throw new Error(`certificate ${i + 1} in it does not parse (${(e as Error).message})`, { cause: e });
    }
  });
}

function sleutel(buf: Buffer): KeyObject {
  const b = blokken(buf.toString('latin1'));
  if (b.some((x) => x.label === 'ENCRYPTED PRIVATE KEY')) throw new Error('the key is encrypted: give the key without a passphrase (protect the file instead)');
  const k = b.find((x) => /^(RSA |EC )?PRIVATE KEY$/.test(x.label));
  if (!k) throw new Error('no PEM private key (-----BEGIN PRIVATE KEY-----) in it');
  try {
    return createPrivateKey(k.pem);
  } catch (e) {
    throw new Error(`the key does not parse (${(e as Error).message})`, { cause: e });
  }
}

/** When a certificate's validity ends. */
export function geldigTot(c: X509Certificate): Date {
  return new Date(c.validTo);
}

/**
 * Reads and checks an adapter's files. Throws a TlsFout naming each variable that is wrong and
 * why: unreadable, no valid PEM, a key that is not the certificate's, a certificate expired or
 * not yet valid. Nothing configured gives an identity without material.
 */
export function leesTls(b: TlsBestanden, nu: Date = new Date()): TlsIdentiteit {
  const fouten: string[] = [];
  const lees = (naam: string, pad: string | undefined): Buffer | undefined => {
    if (!pad) return undefined;
    try {
      return readFileSync(pad);
    } catch (e) {
      fouten.push(`${naam}: cannot read ${pad} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return undefined;
    }
  };
  const cert = lees(b.namen.cert, b.cert);
  const key = lees(b.namen.key, b.key);
  const ca = lees(b.namen.ca, b.ca);
  let certificaat: X509Certificate | undefined;
  let prive: KeyObject | undefined;
  if (cert) {
    try {
      certificaat = certificaten(cert)[0];
    } catch (e) {
      fouten.push(`${b.namen.cert}: ${b.cert}: ${(e as Error).message}`);
    }
  }
  if (key) {
    try {
      prive = sleutel(key);
    } catch (e) {
      fouten.push(`${b.namen.key}: ${b.key}: ${(e as Error).message}`);
    }
  }
  if (ca) {
    try {
      certificaten(ca);
    } catch (e) {
      fouten.push(`${b.namen.ca}: ${b.ca}: ${(e as Error).message}`);
    }
  }
  if (certificaat && prive && !certificaat.checkPrivateKey(prive)) {
    fouten.push(`${b.namen.key}: ${b.key} is not the private key of the certificate in ${b.namen.cert} (${certificaat.subject.replace(/\n/g, ', ')})`);
  }
  if (certificaat) {
    const tot = geldigTot(certificaat);
    const vanaf = new Date(certificaat.validFrom);
    if (tot.getTime() <= nu.getTime()) fouten.push(`${b.namen.cert}: the certificate in ${b.cert} expired on ${tot.toISOString()} (${certificaat.subject.replace(/\n/g, ', ')})`);
    else if (vanaf.getTime() > nu.getTime()) fouten.push(`${b.namen.cert}: the certificate in ${b.cert} is not valid before ${vanaf.toISOString()}`);
  }
  if (fouten.length) throw new TlsFout(fouten.join('\n'));
  return { adapter: b.adapter, cert, key, ca, certNaam: b.namen.cert, certificaat };
}

/** Whole days left before `c` expires (negative once expired). */
export function dagenOver(c: X509Certificate, nu: Date = new Date()): number {
  return Math.floor((geldigTot(c).getTime() - nu.getTime()) / 86_400_000);
}

/** A certificate's subject attribute (e.g. `serialNumber`, which carries the OIN of a PKIoverheid certificate). */
export function onderwerpVeld(subject: Record<string, string | string[] | undefined> | undefined, veld: string): string[] {
  const v = subject?.[veld];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
