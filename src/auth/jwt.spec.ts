import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { lifetimeProblem, signDevToken, TokenError, TokenVerifier } from './jwt';

const SECRET = 'x'.repeat(40);

describe('TokenVerifier', () => {
  it('accepts a development token and reads its claims', async () => {
    const t = await signDevToken({ rol: 'aanbieder', agb: '71000001', gemeenten: [] }, SECRET);
    const p = await new TokenVerifier({ JWT_SECRET: SECRET }).verify(t);
    expect(p).toMatchObject({ rol: 'aanbieder', agb: '71000001' });
  });

  it('refuses a token signed with another secret, an unknown role and missing claims', async () => {
    const v = new TokenVerifier({ JWT_SECRET: SECRET });
    const other = await signDevToken({ rol: 'regio', regio: 'RIOZ', gemeenten: [] }, 'y'.repeat(40));
    await expect(v.verify(other)).rejects.toThrow(TokenError);
    const bad = await new SignJWT({ rol: 'koning' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expect(v.verify(bad)).rejects.toThrow(/rol/);
    const noAgb = await new SignJWT({ rol: 'aanbieder' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expect(v.verify(noAgb)).rejects.toThrow(/agb/);
    await expect(signDevToken({ rol: 'gemeente', regio: 'RIOZ', gemeenten: [] }, SECRET)).rejects.toThrow(/gemeente/);
  });

  it("refuses a token whose subject is the hub's own (systeem:…): only the hub's processes see sandbox and production", async () => {
    const v = new TokenVerifier({ JWT_SECRET: SECRET });
    const t = await signDevToken({ rol: 'beheerder', sub: 'systeem:worker', gemeenten: [] }, SECRET);
    await expect(v.verify(t)).rejects.toThrow(/reserved/);
  });

  it('refuses a token without exp, one that lives too long, and says when one expired', async () => {
    const key = new TextEncoder().encode(SECRET);
    const claims = { rol: 'aanbieder', agb: '71000001' };
    const v = new TokenVerifier({ JWT_SECRET: SECRET, JWT_MAX_TTL_SECONDS: 3600 });
    const zonderExp = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key);
    await expect(v.verify(zonderExp)).rejects.toMatchObject({ reden: 'ongeldig', message: expect.stringMatching(/exp/) as unknown });
    const tweeUur = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2h').sign(key);
    await expect(v.verify(tweeUur)).rejects.toThrow(/lifetime exceeds 3600/);
    const zonderIat = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key);
    await expect(v.verify(zonderIat)).rejects.toThrow(/lifetime exceeds 3600/);
    const now = Math.floor(Date.now() / 1000);
    const verlopen = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 600).setExpirationTime(now - 60).sign(key);
    await expect(v.verify(verlopen)).rejects.toMatchObject({ reden: 'verlopen' });
    await expect(v.verify(await signDevToken({ ...claims, rol: 'aanbieder', gemeenten: [] }, SECRET, 3600))).resolves.toMatchObject({ agb: '71000001' });
  });

  it('requires the configured issuer and audience; a development token can carry them', async () => {
    const v = new TokenVerifier({ JWT_SECRET: SECRET, JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'jeugdzorg-hub' });
    const p = { rol: 'regio' as const, regio: 'RIOZ', gemeenten: [] };
    await expect(v.verify(await signDevToken(p, SECRET))).rejects.toThrow(/iss/);
    await expect(v.verify(await signDevToken(p, SECRET, '1h', { issuer: 'https://idp.example' }))).rejects.toThrow(/aud/);
    await expect(v.verify(await signDevToken(p, SECRET, '1h', { issuer: 'https://idp.example', audience: 'jeugdzorg-hub' }))).resolves.toMatchObject({ rol: 'regio' });
  });

  it('measures a lifetime from iat, or from now without one', () => {
    expect(lifetimeProblem({ iat: 1000, exp: 1000 + 43200 }, 43200, 5000)).toBeUndefined();
    expect(lifetimeProblem({ iat: 1000, exp: 1000 + 43201 }, 43200, 5000)).toMatch(/43200/);
    expect(lifetimeProblem({ exp: 5000 + 43200 }, 43200, 5000)).toBeUndefined();
    expect(lifetimeProblem({ exp: 5000 + 43201 }, 43200, 5000)).toMatch(/43200/);
    expect(lifetimeProblem({}, 43200, 5000)).toMatch(/exp/);
  });

  it('refuses a token whose tenant claims the register does not know', async () => {
    const register = { probleem: (p: { regio?: string; gemeenten: string[] }) => Promise.resolve(p.gemeenten.includes('0014') ? 'gemeenten 0014 are not in regio RIOZ' : undefined) };
    const v = new TokenVerifier({ JWT_SECRET: SECRET }, register);
    const buiten = await signDevToken({ rol: 'gemeente', regio: 'RIOZ', gemeenten: ['0014'] }, SECRET);
    await expect(v.verify(buiten)).rejects.toThrow(TokenError);
    const binnen = await signDevToken({ rol: 'gemeente', regio: 'RIOZ', gemeenten: ['0772'] }, SECRET);
    await expect(v.verify(binnen)).resolves.toMatchObject({ regio: 'RIOZ', gemeenten: ['0772'] });
  });

  it('verifies RS256 tokens against a JWKS URL', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    try {
      const token = await new SignJWT({ rol: 'regio', regio: 'RIOZ' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('oidc-user')
        .setIssuer('https://idp.example')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      const v = new TokenVerifier({ JWT_JWKS_URL: url, JWT_ISSUER: 'https://idp.example' });
      await expect(v.verify(token)).resolves.toMatchObject({ rol: 'regio', regio: 'RIOZ', sub: 'oidc-user' });
      const hs = await signDevToken({ rol: 'regio', regio: 'RIOZ', gemeenten: [] }, SECRET);
      await expect(v.verify(hs)).rejects.toThrow(TokenError);
    } finally {
      server.close();
    }
  });
});
