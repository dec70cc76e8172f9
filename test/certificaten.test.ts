import { spawn } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { leesTls } from '../src/common/tls';
import { loadConfig } from '../src/config/config';
import { startTlsPoort, type TlsListener } from '../src/http/tls-poort';
import { hubTlsPoorten } from '../src/modules';
import { controleerCertificaten, meldCertificaten } from '../src/runtime';
import { verstuurOpen } from '../src/vecozo/vecozo.uitwisseling';
import { VspClient, verbindingUitConfig } from '../src/vecozo/vsp.client';
import { GgkSimulator } from '../sim/ggk/simulator';
import { startVecozoSimulator, type VecozoSimulator } from '../sim/vecozo/simulator';
import { AGB } from './fixtures/regions';
import { TEST_SECRET } from './helpers/api';
import { testBsn, wachtOpBericht, jw315Xml } from './helpers/berichten';
import { KLOK_ENV, pinKlok } from './helpers/klok';
import { vangLogs } from './helpers/logs';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { bouw, opruimen, startWorkerProces, stop, tot, volg as volgProces, vrijePoort, type Proces } from './helpers/processen';
import { dagen, testPki, type TestCa, type TestCertificaat, type TestPki } from './helpers/test-ca';
import { wachtTot } from './helpers/wacht';

pinKlok();

/**
 * TLS client certificates of both adapters, against a local test CA made here: the hub reaches
 * the GGk simulator and the VECOZO simulator over two-way TLS with its certificate, and the GGk's
 * Digikoppeling side reaches the hub's GGK_TLS_PORT with its own; a caller without a certificate
 * of the trusted CA is refused, and what the hub could not deliver stays to be sent again.
 */
const TOKEN = 'ggk-digikoppeling-token-voor-de-tests-0123456789';
const HUB_OIN = '00000001823288444000';
const DK_OIN = '00000004000000059000';

let pki: TestPki;
let ca: TestCa;
let ander: TestCa;
const c: Record<'hub' | 'ggkSim' | 'vecozoSim' | 'digikoppeling' | 'vreemd' | 'vreemdeOin' | 'verlopen' | 'bijna', TestCertificaat> = {} as never;
let ggk: GgkSimulator;
let vecozo: VecozoSimulator;
let hub: HubTestEnvironment;
let tlsPoort: TlsListener;
let volg = 0;

beforeAll(async () => {
  pki = testPki();
  ca = await pki.ca('test-pkioverheid-ca');
  ander = await pki.ca('andere-ca');
  c.hub = await ca.geef('hub', { oin: HUB_OIN });
  c.ggkSim = await ca.geef('ggk-simulator');
  c.vecozoSim = await ca.geef('vecozo-simulator');
  c.digikoppeling = await ca.geef('digikoppeling', { oin: DK_OIN });
  c.vreemdeOin = await ca.geef('vreemde-oin', { oin: '00000009999999999000' });
  c.vreemd = await ander.geef('vreemd', { oin: DK_OIN });
  c.verlopen = await ca.geef('verlopen', { vanaf: dagen(-60), tot: dagen(-1) });
  c.bijna = await ca.geef('bijna', { tot: dagen(10) });

  ggk = await new GgkSimulator({
    hubToken: TOKEN,
    tls: { cert: c.ggkSim.certPem, key: c.ggkSim.keyPem, ca: ca.caPem },
    hubTls: { cert: c.digikoppeling.certPem, key: c.digikoppeling.keyPem, ca: ca.caPem },
  }).start();
  vecozo = await startVecozoSimulator({ tls: { cert: c.vecozoSim.certPem, key: c.vecozoSim.keyPem, ca: ca.caPem } });
  hub = await createHubTestEnvironment('certificaten', {
    env: {
      GGK: 'on',
      GGK_TOKEN: TOKEN,
      GGK_URL: ggk.url,
      GGK_CERT: c.hub.cert,
      GGK_KEY: c.hub.key,
      GGK_CA: ca.ca,
      GGK_TLS_PORT: '0',
      GGK_PEER_OIN: DK_OIN,
      GGK_TIMEOUT_MS: '5000',
      VECOZO_URL: vecozo.url,
      VECOZO_CERT: c.hub.cert,
      VECOZO_KEY: c.hub.key,
      VECOZO_CA: ca.ca,
    },
    worker: { pogingen: { attempts: 12, backoffMs: 50 } },
  });
  // The api's two-way TLS port as main.ts starts it: the module's declaration, its files checked.
  const [t] = hubTlsPoorten(hub.api.cfg);
  tlsPoort = await startTlsPoort(hub.api.hub.app, { pad: t.pad, port: t.poort, host: '127.0.0.1', id: leesTls(t.bestanden) });
  ggk.hubUrl = `https://127.0.0.1:${tlsPoort.port}/ggk/OntvangAsynchroon`;
});

afterAll(async () => {
  await tlsPoort?.close();
  await hub?.close();
  await ggk?.stop();
  await vecozo?.stop();
  pki?.opruimen();
});

const jw315 = (bsn: string): string => jw315Xml({ bsn, identificatie: `C${++volg}`, referentie: `CR${volg}` });

const di01 = (xml: string) => ggk.envelop({ actie: 'Di01', zender: { organisatie: AGB.alfa, applicatie: 'Alfa Zorgsoftware' }, ontvanger: { organisatie: '0796', applicatie: 'GGk' }, functie: 'JW315', xml });

/** A POST to the hub's TLS port with the given client certificate (or none): the HTTP status, or the handshake's error. */
function postTls(cert: TestCertificaat | undefined, xml: string, url = ggk.hubUrl!): Promise<number | string> {
  return new Promise((resolve) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        agent: false,
        ca: ca.caPem,
        ...(cert && { cert: cert.certPem, key: cert.keyPem }),
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01"', authorization: `Bearer ${TOKEN}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (e) => resolve(e.message));
    req.end(xml);
  });
}

describe('GGk over two-way TLS (Digikoppeling)', () => {
  it('the GGk side delivers a Di01 to GGK_TLS_PORT with its certificate; the hub sends the Du01 to the GGk with its own', async () => {
    const e = di01(jw315(testBsn(1)));
    const [a] = await ggk.lever('Di01', e.xml);
    expect(a.http).toBe(200);
    expect(a.xml).toContain('<StUF:berichtcode>Bv03</StUF:berichtcode>');
    const du01 = await wachtTot('the Du01 at the GGk simulator', () => ggk.ontvangen.find((o) => o.crossRefnummer === e.referentienummer));
    expect(du01).toMatchObject({ actie: 'Du01', functie: 'JW316' });
    expect(du01.payload).toContain('ijw/3_2/jw316/schema');
    // Every call of the hub came through the handshake: none was refused.
    expect(ggk.geweigerd).toEqual([]);
  });

  it('the TLS port refuses a caller without a certificate, with one of another CA, and one of another OIN; the plain port refuses the token alone', async () => {
    const voor = (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM bericht WHERE richting = 'in'`))[0].n;
    const xml = di01(jw315(testBsn(2))).xml;
    expect(await postTls(undefined, xml)).toEqual(expect.any(String));
    expect(await postTls(c.vreemd, xml)).toEqual(expect.any(String));
    expect(await postTls(c.vreemdeOin, xml)).toBe(401);
    const plat = await fetch(`${hub.api.url}/ggk/OntvangAsynchroon`, { method: 'POST', headers: { soapaction: '"http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01"', authorization: `Bearer ${TOKEN}` }, body: xml });
    expect(plat.status).toBe(401);
    // Only /ggk is served there.
    expect(await new Promise((r) => https.get(`https://127.0.0.1:${tlsPoort.port}/graphql`, { ca: ca.caPem, cert: c.digikoppeling.certPem, key: c.digikoppeling.keyPem, agent: false }, (res) => r(res.statusCode)).on('error', (e) => r(e.message)))).toBe(404);
    expect((await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM bericht WHERE richting = 'in'`))[0].n).toBe(voor);
  });

  it('a GGk that does not accept the hub’s certificate refuses it; the Du01 stays and goes, unchanged, once it is accepted again', async () => {
    // The simulator now trusts another CA only: the hub's certificate fails the handshake.
    ggk.vertrouw(ander.caPem);
    const e = di01(jw315(testBsn(3)));
    // The delivery to the hub still works: the simulator's own client certificate is of the hub's CA.
    expect((await ggk.lever('Di01', e.xml))[0].http).toBe(200);
    await wachtTot(() => `two refused handshakes (${ggk.geweigerd.length})`, () => ggk.geweigerd.length >= 2);
    expect(ggk.ontvangen.find((o) => o.crossRefnummer === e.referentienummer)).toBeUndefined();
    const [env] = await hub.rijen<{ bericht_id: string; status: string; referentienummer: string }>(
      `SELECT u.bericht_id, u.status, u.referentienummer FROM ggk_envelop u JOIN bericht r ON r.id = u.bericht_id JOIN ggk_envelop i ON i.bericht_id = r.heen_id
        WHERE u.richting = 'uit' AND i.referentienummer = $1`,
      [e.referentienummer],
    );
    expect(env.status).toBe('klaar');
    ggk.vertrouw(ca.caPem);
    const du01 = await wachtTot('the Du01 after the GGk accepts the certificate again', () => ggk.ontvangen.find((o) => o.crossRefnummer === e.referentienummer));
    expect(du01.referentienummer).toBe(env.referentienummer);
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, env.bericht_id, (s) => s.status === 'afgeleverd');
    expect(ggk.ontvangen.filter((o) => o.crossRefnummer === e.referentienummer)).toHaveLength(1);
  });
});

describe('VECOZO over two-way TLS', () => {
  it('the hub pushes with its system certificate; without one, or with one of another CA, VECOZO refuses and the message waits for the next round', async () => {
    const zet = `mutation($agb: String!, $aan: Boolean!) { zetVecozoPortaal(aanbiederAgb: $agb, aan: $aan) { actief } }`;
    expect((await hub.api.gql(hub.tokens.alfa, zet, { agb: AGB.alfa, aan: true })).errors).toBeUndefined();
    const r = await hub.api.gql<{ stelVecozoBerichtOp: { id: string; traceerId: string } }>(
      hub.tokens.alfa,
      `mutation($input: VecozoBerichtInput!) { stelVecozoBerichtOp(input: $input) { id traceerId } }`,
      {
        input: {
          soort: 'JW315',
          jw315: {
            gemeente: '0796', identificatie: 'CERT1', bsn: testBsn(10), geboortedatum: '2015-03-01', geslacht: '2', achternaam: 'Smit',
            producten: [{ referentieAanbieder: 'CERTREF1', categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', verwijzerType: '02', verwijzerNaam: 'Huisarts' }],
          },
        },
      },
    );
    expect(r.errors).toBeUndefined();
    const b = r.data!.stelVecozoBerichtOp;
    const verbinding = verbindingUitConfig(hub.api.cfg)!;
    expect(verbinding.url.startsWith('https://')).toBe(true);
    const status = async () => (await hub.rijen<{ status: string }>(`SELECT status FROM vecozo_bericht WHERE traceer_id = $1`, [b.traceerId]))[0].status;

    // No client certificate: the handshake fails; the message is kept to send again.
    expect(await verstuurOpen(hub.ds, hub.sleutels, new VspClient({ url: verbinding.url, ca: verbinding.ca, timeoutMs: 5000 }), { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 1 });
    // A certificate of another CA: the same.
    const vreemd = verbindingUitConfig({ VECOZO_URL: vecozo.url, VECOZO_CERT: c.vreemd.cert, VECOZO_KEY: c.vreemd.key, VECOZO_CA: ca.ca })!;
    expect(await verstuurOpen(hub.ds, hub.sleutels, new VspClient({ ...vreemd, timeoutMs: 5000 }), { backoffMs: 0 })).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 1 });
    expect(vecozo.ontvangen.has(b.traceerId)).toBe(false);
    expect(await status()).toBe('te_versturen');
    expect((await hub.rijen<{ laatste_fout: string }>(`SELECT laatste_fout FROM vecozo_bericht WHERE traceer_id = $1`, [b.traceerId]))[0].laatste_fout).toMatch(/POST .*berichten/);

    // With VECOZO_CERT and VECOZO_KEY: pushed once, and VECOZO knows the hub by its certificate.
    expect(await verstuurOpen(hub.ds, hub.sleutels, new VspClient(verbinding), { backoffMs: 0 })).toEqual({ aangenomen: 1, geweigerd: 0, opnieuw: 0 });
    expect(vecozo.ontvangen.has(b.traceerId)).toBe(true);
    expect(vecozo.verzoeken.filter((v) => v.api === 'push').map((v) => v.partij)).toEqual(['hub']);
    expect(await status()).toBe('verstuurd');
    expect(vecozo.afwijkingen).toEqual([]);
  });
});

describe('boot checks and /metrics', () => {
  const cfg = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_SECRET, ...env });

  it('refuses a key that is not the certificate’s, an expired certificate, a file that is no PEM or is missing, naming each variable', () => {
    const mis = (env: Record<string, string>, proces: 'api' | 'worker' = 'worker') => {
      try {
        controleerCertificaten(cfg(env), proces);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(mis({ GGK_URL: ggk.url, GGK_CERT: c.hub.cert, GGK_KEY: c.bijna.key })).toMatch(/^Invalid certificates:\n {2}GGK_KEY: .*bijna\.key is not the private key of the certificate in GGK_CERT \(CN=hub/);
    expect(mis({ VECOZO_URL: vecozo.url, VECOZO_CERT: c.verlopen.cert, VECOZO_KEY: c.verlopen.key })).toMatch(/VECOZO_CERT: the certificate in .*verlopen\.pem expired on \d{4}-/);
    expect(mis({ GGK_URL: ggk.url, GGK_CERT: c.hub.key, GGK_KEY: c.hub.key })).toMatch(/GGK_CERT: .*: no PEM certificate/);
    expect(mis({ VECOZO_URL: vecozo.url, VECOZO_CERT: c.hub.cert, VECOZO_KEY: c.hub.key, VECOZO_CA: pki.schrijf('leeg.pem', 'geen pem') })).toMatch(/VECOZO_CA: .*leeg\.pem: no PEM certificate/);
    expect(mis({ GGK_URL: ggk.url, GGK_CERT: c.hub.cert, GGK_KEY: `${pki.dir}/weg.key` })).toMatch(/GGK_KEY: cannot read .*weg\.key \(ENOENT\)/);
    // Both at once: both named.
    expect(mis({ GGK_URL: ggk.url, GGK_CERT: c.verlopen.cert, GGK_KEY: c.verlopen.key, VECOZO_URL: vecozo.url, VECOZO_CERT: c.hub.cert, VECOZO_KEY: c.bijna.key }).split('\n')).toHaveLength(3);
    // The api checks only what it uses: VECOZO is the worker's.
    expect(mis({ VECOZO_URL: vecozo.url, VECOZO_CERT: c.verlopen.cert, VECOZO_KEY: c.verlopen.key }, 'api')).toBe('');
    expect(mis({ GGK_URL: ggk.url, GGK_CERT: c.hub.cert, GGK_KEY: c.hub.key })).toBe('');
  });

  it('production requires the certificates with an https URL, and GGK_TLS_PORT its CA file and the provider’s OIN', () => {
    const prod = { NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/jwks', JWT_ISSUER: 'x', JWT_AUDIENCE: 'y', METRICS_TOKEN: 'metrics-token-0123456789', HUB_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), HUB_BSN_HASH_KEY: Buffer.alloc(32, 2).toString('base64') };
    const fout = (env: Record<string, string>) => {
      try {
        loadConfig({ ...prod, ...env });
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(fout({ GGK_URL: 'https://digikoppeling.example/ggk' })).toMatch(/GGK_CERT: required with an https GGK_URL in production/);
    expect(fout({ GGK_URL: 'https://digikoppeling.example/ggk', GGK_CERT: c.hub.cert, GGK_KEY: c.hub.key })).not.toMatch(/GGK_CERT/);
    expect(fout({ VECOZO_URL: 'https://api.vecozo.nl/berichtenservice' })).toMatch(/VECOZO_CERT: required/);
    const tls = fout({ GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: 'https://digikoppeling.example/ggk', GGK_CERT: c.hub.cert, GGK_KEY: c.hub.key, GGK_TLS_PORT: '8443' });
    expect(tls).toMatch(/GGK_TLS_PORT: needs GGK_CA/);
    expect(tls).toMatch(/GGK_PEER_OIN: required with GGK_TLS_PORT in production/);
  });

  it('/metrics shows each certificate’s time left and the 30-day warning; the boot logs a warning for one expiring in 10 days', async () => {
    const logs = vangLogs();
    try {
      meldCertificaten(controleerCertificaten(cfg({ GGK_URL: ggk.url, GGK_CERT: c.hub.cert, GGK_KEY: c.hub.key, VECOZO_URL: vecozo.url, VECOZO_CERT: c.bijna.cert, VECOZO_KEY: c.bijna.key }), 'worker'));
      const w = logs.regels.find((r) => r.level === 'warn' && r.certificaat === 'VECOZO_CERT');
      expect(w).toMatchObject({ adapter: 'vecozo', dagen: expect.any(Number) });
      expect(w!.msg).toMatch(/expires within 30 days/);
      expect(w!.dagen).toBeLessThanOrEqual(10);
      expect(logs.regels.some((r) => r.level === 'warn' && r.certificaat === 'GGK_CERT')).toBe(false);
    } finally {
      logs.stop();
    }
    const tekst = await (await fetch(`${hub.api.url}/metrics`)).text();
    const waarde = (naam: string, adapter: string) => Number(new RegExp(`^${naam}\\{adapter="${adapter}",certificaat="[A-Z_]+"[^}]*\\} (-?[0-9.e+]+)$`, 'm').exec(tekst)?.[1]);
    expect(waarde('hub_certificaat_geldig_seconden', 'vecozo')).toBeGreaterThan(9 * 86_400);
    expect(waarde('hub_certificaat_geldig_seconden', 'vecozo')).toBeLessThanOrEqual(10 * 86_400);
    expect(waarde('hub_certificaat_geldig_seconden', 'ggk')).toBeGreaterThan(300 * 86_400);
    expect(waarde('hub_certificaat_waarschuwing', 'vecozo')).toBe(1);
    expect(waarde('hub_certificaat_waarschuwing', 'ggk')).toBe(0);
  });
});

describe('the processes as an operator starts them', () => {
  let dir: string | undefined;
  let worker: Proces | undefined;
  beforeAll(() => {
    dir = bouw();
  }, 180_000);
  afterAll(async () => {
    await stop(worker);
    opruimen(dir);
  });
  const env = () => ({ ...KLOK_ENV, DATABASE_URL: hub.db.appUrl, DATABASE_OWNER_URL: hub.db.ownerUrl, QUEUE_PREFIX: `test-cert-${process.pid}`, WORKER_QUEUES: 'onderhoud' });
  const start = async (proces: 'main.js' | 'worker.js', extra: Record<string, string>) => {
    const p = volgProces(spawn(process.execPath, [path.join(dir!, 'src', proces)], { env: { PATH: process.env.PATH ?? '', ...env(), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] }));
    await tot('the process exits', () => p.child.exitCode !== null, 30_000);
    return { code: p.child.exitCode, out: p.out() };
  };

  it('the worker refuses a key that is not its certificate’s, the api an expired certificate: exit 78 with the variable named', async () => {
    const w = await start('worker.js', { GGK_URL: ggk.url, GGK_CERT: c.hub.cert, GGK_KEY: c.bijna.key });
    expect(w.code).toBe(78);
    expect(w.out).toMatch(/^Invalid certificates:\n {2}GGK_KEY: .*bijna\.key is not the private key of the certificate in GGK_CERT/m);
    expect(w.out).not.toMatch(/worker started/);
    const a = await start('main.js', { PORT: String(await vrijePoort()), GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk.url, GGK_CERT: c.verlopen.cert, GGK_KEY: c.verlopen.key, GGK_CA: ca.ca, GGK_TLS_PORT: String(await vrijePoort()) });
    expect(a.code).toBe(78);
    expect(a.out).toMatch(/GGK_CERT: the certificate in .*verlopen\.pem expired on/);
    expect(a.out).not.toMatch(/api listening/);
  });

  it('the api serves /ggk on GGK_TLS_PORT to the provider’s certificate, and refuses a caller without one', async () => {
    const [port, tlsPort] = [await vrijePoort(), await vrijePoort()];
    const api = volgProces(
      spawn(process.execPath, [path.join(dir!, 'src', 'main.js')], {
        env: { PATH: process.env.PATH ?? '', ...env(), PORT: String(port), GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk.url, GGK_CERT: c.hub.cert, GGK_KEY: c.hub.key, GGK_CA: ca.ca, GGK_TLS_PORT: String(tlsPort), GGK_PEER_OIN: DK_OIN },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    try {
      await tot('api listening', () => /api listening/.test(api.out()) || api.child.exitCode !== null, 30_000);
      expect(api.out()).toContain(`"url":"https://localhost:${tlsPort}/ggk"`);
      const url = `https://127.0.0.1:${tlsPort}/ggk/OntvangAsynchroon`;
      // An envelope for a municipality the fixture serves: Bv03 (200) means it came through the TLS layer and the port's checks.
      expect(await postTls(c.digikoppeling, di01(jw315(testBsn(30))).xml, url)).toBe(200);
      expect(await postTls(undefined, di01(jw315(testBsn(31))).xml, url)).toEqual(expect.any(String));
    } finally {
      await stop(api);
    }
  });

  it('a worker whose certificate expires in 10 days starts, warns, and its metrics carry the warning', async () => {
    const poort = await vrijePoort();
    worker = await startWorkerProces(dir!, { ...env(), VECOZO_URL: vecozo.url, VECOZO_CERT: c.bijna.cert, VECOZO_KEY: c.bijna.key, VECOZO_CA: ca.ca, VECOZO_POLL_MS: '600000', WORKER_METRICS_PORT: String(poort) });
    const regels = worker.out().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(regels.find((r) => r.certificaat === 'VECOZO_CERT')).toMatchObject({ level: 'warn', msg: 'certificate expires within 30 days: renew it', adapter: 'vecozo' });
    const tekst = await (await fetch(`http://127.0.0.1:${poort}/metrics`)).text();
    expect(tekst).toMatch(/^hub_certificaat_waarschuwing\{adapter="vecozo",certificaat="VECOZO_CERT"[^}]*\} 1$/m);
    expect(tekst).toMatch(/^hub_certificaat_geldig_seconden\{adapter="vecozo",certificaat="VECOZO_CERT"[^}]*\} [0-9]+$/m);
  });
});
