import { dashboardConfig, dashboardCsp } from './dashboard.router';

describe('dashboard configuration and Content-Security-Policy', () => {
  it('without OIDC: the page talks to the hub only, and gets no provider', () => {
    const cfg = { OIDC_SCOPE: 'openid' };
    expect(dashboardConfig(cfg)).toEqual({ oidc: null });
    const csp = dashboardCsp(cfg);
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe|\*/);
  });

  it('with OIDC: the provider\'s origin only is added to connect-src, nothing to scripts', () => {
    const cfg = { OIDC_ISSUER: 'https://idp.example/realms/rioz', OIDC_CLIENT_ID: 'hub-dashboard', OIDC_SCOPE: 'openid profile' };
    expect(dashboardConfig(cfg)).toEqual({ oidc: { issuer: 'https://idp.example/realms/rioz', clientId: 'hub-dashboard', scope: 'openid profile' } });
    const csp = dashboardCsp(cfg);
    expect(csp).toContain("connect-src 'self' https://idp.example;");
    expect(csp).toContain("script-src 'self';");
    expect(dashboardConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_SCOPE: 'openid' }).oidc).toBeNull();
  });
});
