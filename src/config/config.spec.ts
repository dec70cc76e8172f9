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

  it('in production, keeps /metrics off the public port unless a token guards it', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), HUB_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };
    expect(() => loadConfig(prod)).toThrow(/METRICS_TOKEN: required in production unless METRICS_PORT/);
    expect(loadConfig({ ...prod, METRICS_TOKEN: 'a-long-enough-token' }).METRICS_TOKEN).toBe('a-long-enough-token');
    expect(loadConfig({ ...prod, METRICS_PORT: '9464' })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ WORKER_METRICS_PORT: 'x' })).toThrow(/WORKER_METRICS_PORT/);
    const dev = loadConfig({});
    expect([dev.METRICS_PORT, dev.WORKER_METRICS_PORT, dev.METRICS_REFRESH_SECONDS]).toEqual([undefined, undefined, 30]);
  });
});
