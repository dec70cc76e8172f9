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

  it('requires a key source in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_JWKS_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HUB_ENCRYPTION_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).not.toThrow(/JWT_JWKS_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production', HUB_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('requires a token issuer and audience in production, and bounds token lifetime', () => {
    const prod = { NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/jwks', HUB_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
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
