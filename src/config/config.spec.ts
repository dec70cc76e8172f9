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

  it('accepts a pinned clock only in tests', () => {
    expect(loadConfig({ NODE_ENV: 'test', HUB_KLOK: '2026-11-16T10:00:00+01:00' }).HUB_KLOK).toBe('2026-11-16T10:00:00+01:00');
    expect(loadConfig({ NODE_ENV: 'test', HUB_KLOK: '2026-11-16' }).HUB_KLOK).toBe('2026-11-16');
    const productie = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), HUB_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(() => loadConfig(productie)).not.toThrow();
    expect(() => loadConfig({ ...productie, HUB_KLOK: '2026-11-16' })).toThrow(/HUB_KLOK: only allowed with NODE_ENV=test/);
    expect(() => loadConfig({ HUB_KLOK: '2026-11-16' })).toThrow(/HUB_KLOK/); // development neither
    expect(() => loadConfig({ NODE_ENV: 'test', HUB_KLOK: 'morgen' })).toThrow(/HUB_KLOK: must be an ISO/);
    expect(loadConfig({ NODE_ENV: 'test' }).HUB_KLOK).toBeUndefined();
  });
});
