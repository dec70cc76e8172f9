import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** Who signs in at the test provider: the claims of the access token (the hub's role and tenant claims) and a display name. */
export interface OidcGebruiker {
  sub: string;
  name: string;
  claims: Record<string, unknown>;
}

export interface TestOidcProvider {
  issuer: string;
  jwksUrl: string;
  /** Every token request, with whether its code_verifier matched the code's challenge. */
  tokenVerzoeken: { pkceGoed: boolean }[];
  /** The one redirect URI registered for the client (set once the hub's address is known). */
  redirectUri: string;
  close(): Promise<void>;
}

interface Uitgegeven {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  gebruikt: boolean;
}

const b64url = (b: Buffer) => b.toString('base64url');

/**
 * A minimal OpenID provider for the tests: discovery, an authorisation endpoint that signs in
 * `gebruiker` at once (no login form) for one registered public client and redirect URI, a token
 * endpoint for the authorisation code grant that requires PKCE S256 and checks the code_verifier
 * against the challenge (RFC 7636 §4.6), codes used once, and a JWKS with the RS256 signing key.
 * Access tokens carry the hub's claims with audience `audience`; id tokens have the client as
 * audience. CORS open, as a provider serving browser clients is.
 */
export async function startTestOidcProvider(opts: { clientId: string; audience: string; gebruiker: OidcGebruiker }): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, Uitgegeven>();
  const tokenVerzoeken: { pkceGoed: boolean }[] = [];
  let issuer = '';
  const provider: TestOidcProvider = {
    issuer: '',
    jwksUrl: '',
    redirectUri: '',
    tokenVerzoeken,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const teken = (claims: Record<string, unknown>, aud: string) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-1' }).setIssuer(issuer).setAudience(aud).setSubject(opts.gebruiker.sub).setIssuedAt().setExpirationTime('10m').sign(privateKey);

  const leesForm = async (req: IncomingMessage) => {
    const delen: Buffer[] = [];
    for await (const d of req) delen.push(d as Buffer);
    return new URLSearchParams(Buffer.concat(delen).toString('utf8'));
  };

  const server: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'GET, POST');
    const url = new URL(req.url ?? '/', issuer);
    void (async () => {
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code'],
          code_challenge_methods_supported: ['S256'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['none'],
        });
      }
      if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        if (q.get('client_id') !== opts.clientId || q.get('redirect_uri') !== provider.redirectUri) return json(res, 400, { error: 'invalid_request', error_description: 'unknown client or redirect_uri' });
        const terug = new URL(provider.redirectUri);
        const state = q.get('state');
        if (state) terug.searchParams.set('state', state);
        terug.searchParams.set('iss', issuer);
        const challenge = q.get('code_challenge');
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !challenge) {
          terug.searchParams.set('error', 'invalid_request');
          terug.searchParams.set('error_description', 'PKCE S256 vereist');
        } else {
          const code = b64url(randomBytes(24));
          codes.set(code, { clientId: opts.clientId, redirectUri: provider.redirectUri, challenge, scope: q.get('scope') ?? '', gebruikt: false });
          terug.searchParams.set('code', code);
        }
        res.writeHead(302, { location: terug.href });
        return void res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const f = await leesForm(req);
        const uit = codes.get(f.get('code') ?? '');
        if (f.get('grant_type') !== 'authorization_code' || !uit || uit.gebruikt || f.get('client_id') !== uit.clientId || f.get('redirect_uri') !== uit.redirectUri) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        const verifier = f.get('code_verifier') ?? '';
        const pkceGoed = /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) && b64url(createHash('sha256').update(verifier).digest()) === uit.challenge;
        tokenVerzoeken.push({ pkceGoed });
        if (!pkceGoed) return json(res, 400, { error: 'invalid_grant', error_description: 'code_verifier past niet bij code_challenge' });
        uit.gebruikt = true;
        return json(res, 200, {
          token_type: 'Bearer',
          expires_in: 600,
          scope: uit.scope,
          access_token: await teken({ ...opts.gebruiker.claims }, opts.audience),
          id_token: uit.scope.split(' ').includes('openid') ? await teken({ name: opts.gebruiker.name }, opts.clientId) : undefined,
        });
      }
      json(res, 404, { error: 'not_found' });
    })().catch((e: unknown) => json(res, 500, { error: 'server_error', error_description: String(e) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.issuer = issuer;
  provider.jwksUrl = `${issuer}/jwks`;
  return provider;
}
