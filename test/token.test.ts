import { execFile } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { TEST_SECRET } from './helpers/api';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';

/**
 * `npm run token` (scripts/token.js, no build): the region follows from the municipality (from
 * the database when it answers, else from the demo data), municipalities of two regions are
 * refused, --ttl sets the lifetime within JWT_MAX_TTL_SECONDS, and the api accepts the token.
 */
let hub: HubTestEnvironment;
beforeAll(async () => {
  hub = await createHubTestEnvironment('token');
});
afterAll(async () => {
  await hub?.close();
});

/** A database nobody listens on: the script falls back to the demo data. */
const GEEN_DB = 'postgres://postgres@127.0.0.1:1/niets';

function token(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(__dirname, '../scripts/token.js'), ...args], { env: { PATH: process.env.PATH ?? '', JWT_SECRET: TEST_SECRET, DATABASE_OWNER_URL: hub.db.ownerUrl, ...env } }, (e, out, err) =>
      resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out: out.trim(), err }),
    );
  });
}

describe('npm run token', () => {
  it('derives the region of a municipality from the database, and the api accepts the token', async () => {
    const r = await token(['--rol', 'gemeente', '--gemeente', '0796']);
    expect(r.code).toBe(0);
    expect(decodeJwt(r.out)).toMatchObject({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'], sub: 'dev-gemeente' });
    const res = await hub.api.gql<{ contracten: { totalCount: number } }>(r.out, `{ contracten(first: 1) { totalCount } }`);
    expect(res.errors).toBeUndefined();
  });

  it('without a database, from the demo data', async () => {
    const r = await token(['--rol', 'toegang', '--gemeente', '0014,1966'], { DATABASE_OWNER_URL: GEEN_DB });
    expect(r.code).toBe(0);
    expect(decodeJwt(r.out)).toMatchObject({ rol: 'toegang', regio: 'RIGG', gemeenten: ['0014', '1966'] });
  });

  it('refuses municipalities of two regions, a --regio that does not fit, and an unknown municipality', async () => {
    const twee = await token(['--rol', 'toegang', '--gemeente', '0796', '--gemeente', '0014'], { DATABASE_OWNER_URL: GEEN_DB });
    expect(twee.code).toBe(2);
    expect(twee.err).toMatch(/verschillende regio's/);
    const regio = await token(['--rol', 'gemeente', '--gemeente', '0796', '--regio', 'GRO']);
    expect(regio.code).toBe(2);
    expect(regio.err).toMatch(/past niet/);
    expect((await token(['--rol', 'gemeente', '--gemeente', '9999'], { DATABASE_OWNER_URL: GEEN_DB })).err).toMatch(/onbekende gemeente/);
  });

  it('--ttl sets the lifetime, at most JWT_MAX_TTL_SECONDS (the default)', async () => {
    const kort = decodeJwt((await token(['--rol', 'beheerder', '--ttl', '30m'])).out);
    expect(kort.exp! - kort.iat!).toBe(1800);
    const standaard = decodeJwt((await token(['--rol', 'beheerder'], { JWT_MAX_TTL_SECONDS: '3600' })).out);
    expect(standaard.exp! - standaard.iat!).toBe(3600);
    const te = await token(['--rol', 'beheerder', '--ttl', '2h'], { JWT_MAX_TTL_SECONDS: '3600' });
    expect(te.code).toBe(2);
    expect(te.err).toMatch(/JWT_MAX_TTL_SECONDS \(3600 s\)/);
  });

  it('--help documents --ttl and the derived region; a missing --rol prints the usage', async () => {
    const help = await token(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--ttl <duur>/);
    expect(help.out).toMatch(/30m, 12h/);
    expect(help.out).toMatch(/de regio volgt eruit/);
    const zonder = await token([]);
    expect(zonder.code).toBe(2);
    expect(zonder.err).toMatch(/^gebruik: npm run token/);
  });
});
