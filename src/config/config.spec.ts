import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses defaults for an empty environment', () => {
    const cfg = loadConfig({});
    expect(cfg.PORT).toBe(4000);
    expect(cfg.JWT_SECRET).toBeDefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('the dashboard\'s OIDC sign-in: a client id with the issuer, https in production', () => {
    expect(loadConfig({}).OIDC_SCOPE).toBe('openid');
    expect(() => loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:8080' })).toThrow(/OIDC_CLIENT_ID: required with OIDC_ISSUER/);
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:8080', OIDC_CLIENT_ID: 'hub-dashboard' })).toMatchObject({ OIDC_ISSUER: 'http://127.0.0.1:8080', OIDC_CLIENT_ID: 'hub-dashboard' });
    expect(() => loadConfig({ OIDC_ISSUER: 'idp', OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'http://idp.example', OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER: https required in production/);
  });

  it('the GGk adapter: a token on the port and an endpoint to send to', () => {
    expect(() => loadConfig({ GGK: 'on', GGK_URL: 'https://digikoppeling.example/ggk' })).toThrow(/GGK_TOKEN: required with GGK=on/);
    expect(() => loadConfig({ GGK: 'on', GGK_TOKEN: 'x'.repeat(32) })).toThrow(/GGK_URL: required with GGK=on/);
    expect(() => loadConfig({ GGK: 'ja' })).toThrow(/GGK/);
    expect(loadConfig({ GGK: 'on', GGK_TOKEN: 'x'.repeat(32), GGK_URL: 'https://digikoppeling.example/ggk' }).GGK).toBe('on');
  });

  it('VECOZO: optional; a certificate and its key together; in production https and a certificate', () => {
    expect(loadConfig({}).VECOZO_URL).toBeUndefined();
    expect(loadConfig({ VECOZO_URL: 'http://127.0.0.1:9000' })).toMatchObject({ VECOZO_URL: 'http://127.0.0.1:9000', VECOZO_POLL_MS: 30000, VECOZO_TIMEOUT_MS: 10000 });
    expect(() => loadConfig({ VECOZO_URL: 'vecozo' })).toThrow(/VECOZO_URL/);
    expect(() => loadConfig({ VECOZO_URL: 'https://api.vecozo.nl/berichtenservice', VECOZO_CERT: '/etc/hub/vecozo.pem' })).toThrow(/VECOZO_KEY: VECOZO_CERT and VECOZO_KEY go together/);
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'jeugdzorg-hub', METRICS_TOKEN: 'a-long-enough-token', HUB_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), HUB_BSN_HASH_KEY: Buffer.alloc(32, 23).toString('base64') };
    expect(() => loadConfig({ ...prod, VECOZO_URL: 'http://127.0.0.1:9000', VECOZO_CERT: 'c.pem', VECOZO_KEY: 'k.pem' })).toThrow(/VECOZO_URL: https required in production/);
    expect(() => loadConfig({ ...prod, VECOZO_URL: 'https://api.vecozo.nl/berichtenservice' })).toThrow(/VECOZO_CERT: required with VECOZO_URL in production/);
    expect(loadConfig({ ...prod, VECOZO_URL: 'https://api.vecozo.nl/berichtenservice', VECOZO_CERT: 'c.pem', VECOZO_KEY: 'k.pem' }).VECOZO_CERT).toBe('c.pem');
  });

  it('requires a key source in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_JWKS_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HUB_ENCRYPTION_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).not.toThrow(/JWT_JWKS_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production', HUB_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('in production, keeps /metrics off the public port unless a token guards it', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'jeugdzorg-hub', HUB_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), HUB_BSN_HASH_KEY: Buffer.alloc(32, 23).toString('base64') };
    expect(() => loadConfig(prod)).toThrow(/METRICS_TOKEN: required in production unless METRICS_PORT/);
    expect(loadConfig({ ...prod, METRICS_TOKEN: 'a-long-enough-token' }).METRICS_TOKEN).toBe('a-long-enough-token');
    expect(loadConfig({ ...prod, METRICS_PORT: '9464' })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ WORKER_METRICS_PORT: 'x' })).toThrow(/WORKER_METRICS_PORT/);
    const dev = loadConfig({});
    expect([dev.METRICS_PORT, dev.WORKER_METRICS_PORT, dev.METRICS_REFRESH_SECONDS]).toEqual([undefined, undefined, 30]);
  });
});

describe('keys in production', () => {
  const k = (n: number) => Buffer.alloc(32, n).toString('base64');
  const prod = { NODE_ENV: 'production', JWT_JWKS_URL: 'https://login.example.nl/jwks', JWT_ISSUER: 'https://login.example.nl', JWT_AUDIENCE: 'jeugdzorg-hub', METRICS_TOKEN: 'a-long-enough-token' };

  it('starts with its own distinct keys', () => {
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEYS: `k2:${k(21)},k1:${k(22)}`, HUB_BSN_HASH_KEY: k(23) })).not.toThrow();
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEY: k(21), HUB_BSN_HASH_KEY: k(23) })).not.toThrow();
  });

  it('needs a BSN hash key of its own', () => {
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEY: k(21) })).toThrow(/HUB_BSN_HASH_KEY: required/);
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEY: k(21), HUB_BSN_HASH_KEY: k(21) })).toThrow(/HUB_BSN_HASH_KEY: must differ/);
  });

  it('refuses the development keys, naming the variable', () => {
    // The development defaults: the old single key (bytes of 7) and the new one (bytes of 8).
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEY: k(7), HUB_BSN_HASH_KEY: k(23) })).toThrow(/HUB_ENCRYPTION_KEY: a development key/);
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEYS: `k2:${k(21)},dev1:${k(8)}`, HUB_BSN_HASH_KEY: k(23) })).toThrow(/HUB_ENCRYPTION_KEYS: a development key/);
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEY: k(21), HUB_BSN_HASH_KEY: k(7) })).toThrow(/HUB_BSN_HASH_KEY: a development key/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'development-only-secret-change-me-0123456789', HUB_ENCRYPTION_KEY: k(21), HUB_BSN_HASH_KEY: k(23) })).toThrow(
      /JWT_SECRET: the development secret/,
    );
  });

  it('refuses keys shared between jobs', () => {
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEYS: `k2:${k(21)},k1:${k(21)}`, HUB_BSN_HASH_KEY: k(23) })).toThrow(/HUB_ENCRYPTION_KEYS: two key ids share one key/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: k(21), HUB_ENCRYPTION_KEY: k(21), HUB_BSN_HASH_KEY: k(23) })).toThrow(/JWT_SECRET: must differ/);
  });

  it('names a malformed key', () => {
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEY: 'c2hvcnQ=', HUB_BSN_HASH_KEY: k(23) })).toThrow(/HUB_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => loadConfig({ ...prod, HUB_ENCRYPTION_KEYS: `k1:${k(21)}`, HUB_BSN_HASH_KEY: 'c2hvcnQ=' })).toThrow(/HUB_BSN_HASH_KEY: must be 32 bytes/);
  });
});

describe('a pinned clock', () => {
  it('is accepted only in tests', () => {
    expect(loadConfig({ NODE_ENV: 'test', HUB_KLOK: '2026-11-16T10:00:00+01:00' }).HUB_KLOK).toBe('2026-11-16T10:00:00+01:00');
    expect(loadConfig({ NODE_ENV: 'test', HUB_KLOK: '2026-11-16' }).HUB_KLOK).toBe('2026-11-16');
    const k = (n: number) => Buffer.alloc(32, n).toString('base64');
    const productie = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'jeugdzorg-hub', HUB_ENCRYPTION_KEY: k(21), HUB_BSN_HASH_KEY: k(23), METRICS_TOKEN: 'a-long-enough-token' };
    expect(() => loadConfig(productie)).not.toThrow();
    expect(() => loadConfig({ ...productie, HUB_KLOK: '2026-11-16' })).toThrow(/HUB_KLOK: only allowed with NODE_ENV=test/);
    expect(() => loadConfig({ HUB_KLOK: '2026-11-16' })).toThrow(/HUB_KLOK/); // development neither
    expect(() => loadConfig({ NODE_ENV: 'test', HUB_KLOK: 'morgen' })).toThrow(/HUB_KLOK: must be an ISO/);
    expect(loadConfig({ NODE_ENV: 'test' }).HUB_KLOK).toBeUndefined();
  });
});

describe('tokens and request limits', () => {
  it('requires a token issuer and audience in production, and bounds token lifetime', () => {
    const prod = { NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/jwks', HUB_ENCRYPTION_KEY: Buffer.alloc(32, 21).toString('base64'), HUB_BSN_HASH_KEY: Buffer.alloc(32, 23).toString('base64'), METRICS_TOKEN: 'a-long-enough-token' };
    expect(() => loadConfig(prod)).toThrow(/JWT_ISSUER: required in production/);
    expect(() => loadConfig(prod)).toThrow(/JWT_AUDIENCE: required in production/);
    expect(() => loadConfig({ ...prod, JWT_ISSUER: 'https://idp.example' })).toThrow(/JWT_AUDIENCE/);
    expect(loadConfig({ ...prod, JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'jeugdzorg-hub' }).JWT_MAX_TTL_SECONDS).toBe(43200);
    expect(loadConfig({ JWT_MAX_TTL_SECONDS: '3600' }).JWT_MAX_TTL_SECONDS).toBe(3600);
    expect(() => loadConfig({ JWT_MAX_TTL_SECONDS: '0' })).toThrow(/JWT_MAX_TTL_SECONDS/);
  });

  it('has bounded GraphQL and HTTP limits by default', () => {
    const cfg = loadConfig({});
    expect([cfg.GRAPHQL_MAX_BODY_BYTES, cfg.GRAPHQL_MAX_TOKENS, cfg.GRAPHQL_MAX_SELECTIONS, cfg.GRAPHQL_MAX_DIRECTIVES]).toEqual([262144, 3000, 500, 50]);
    expect([cfg.GRAPHQL_TIMEOUT_MS, cfg.API_STATEMENT_TIMEOUT_MS, cfg.HTTP_REQUEST_TIMEOUT_MS]).toEqual([30000, 30000, 120000]);
  });
});
