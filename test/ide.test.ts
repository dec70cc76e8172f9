import { getIntrospectionQuery } from 'graphql';
import { chromium, type Browser } from 'playwright-core';
import { startTestApi } from './helpers/api';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { AGB } from './fixtures/regions';

/** What a production api needs besides NODE_ENV (see test/helpers/api.ts). */
const PRODUCTIE = {
  NODE_ENV: 'production',
  JWT_ISSUER: 'https://idp.example',
  JWT_AUDIENCE: 'jeugdzorg-hub',
  HUB_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  HUB_BSN_HASH_KEY: Buffer.alloc(32, 10).toString('base64'),
  METRICS_TOKEN: 'ide-test-metrics-token-0123',
};

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let hub: HubTestEnvironment;
beforeAll(async () => {
  hub = await createHubTestEnvironment('ide');
});
afterAll(async () => {
  await hub?.close();
});

/** Every script and style sheet the page names. */
function verwijzingen(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
}

describe('GraphQL IDE over HTTP', () => {
  it.each(['/graphql', '/ide'])('GET %s in a browser is the IDE, every file of it served by the hub itself', async (pad) => {
    const res = await fetch(`${hub.api.url}${pad}`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    // No URL of another host: nothing comes from a CDN.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>|<script(?![^>]*\ssrc=)[^>]*>/);
    const bestanden = verwijzingen(html);
    expect(bestanden).toEqual(['ide/graphiql.min.css', 'ide/ide.css', 'ide/react.production.min.js', 'ide/react-dom.production.min.js', 'ide/graphiql.min.js', 'ide/ide.js']);
    for (const b of bestanden) {
      const f = await fetch(new URL(b, `${hub.api.url}${pad}`));
      expect({ b, status: f.status }).toEqual({ b, status: 200 });
      expect(f.headers.get('content-type')).toMatch(b.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect((await f.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    // The page's nonce (for GraphiQL's one <style> element) is new for every answer.
    const again = await fetch(`${hub.api.url}${pad}`, { headers: HTML });
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
    await again.text();
  });

  it('leaves GraphQL over GET and clients that want JSON to Apollo', async () => {
    const json = await fetch(`${hub.api.url}/graphql`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
    await json.text();
    const query = await fetch(`${hub.api.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { ...HTML, 'apollo-require-preflight': '1', authorization: `Bearer ${hub.tokens.regio}` } });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers introspection, as GraphiQL asks it, with a token only', async () => {
    const body = JSON.stringify({ query: getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }), operationName: 'IntrospectionQuery' });
    const zonder = await fetch(`${hub.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(zonder.status).toBe(401);
    await zonder.text();
    const met = await fetch(`${hub.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.tokens.alfa}` }, body });
    const antwoord = (await met.json()) as { data?: { __schema: { queryType: { name: string } } }; errors?: unknown };
    expect(antwoord.errors).toBeUndefined();
    expect(antwoord.data?.__schema.queryType.name).toBe('Query');
  });

  it('is off in production unless GRAPHQL_IDE=on, and then says introspection is off and offers no identities', async () => {
    const uit = await startTestApi(hub.ds, PRODUCTIE);
    const aan = await startTestApi(hub.ds, { ...PRODUCTIE, GRAPHQL_IDE: 'on' });
    try {
      expect((await fetch(`${uit.url}/ide`, { headers: HTML })).status).toBe(404);
      expect((await fetch(`${uit.url}/ide/graphiql.min.js`)).status).toBe(404);
      const graphql = await fetch(`${uit.url}/graphql`, { headers: HTML });
      expect(await graphql.text()).not.toContain('graphiql');
      const res = await fetch(`${aan.url}/ide`, { headers: HTML });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-introspectie="uit"');
      expect(html).toContain('data-identiteiten="uit"');
      expect(html).toContain('data-omgeving="production"');
    } finally {
      await uit.close();
      await aan.close();
    }
  });
});

describe('GraphQL IDE in headless Chromium, offline', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('picks a development identity, shows the schema docs and runs a query, with every other host blocked', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const extern: string[] = [];
    const problemen: string[] = [];
    // The network beyond the hub is off: any request to another host fails.
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(hub.api.url)) return route.continue();
      extern.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused/i.test(m.text())) problemen.push(m.text());
    });
    page.on('pageerror', (e) => problemen.push(e.message));
    page.on('response', (res) => {
      // Without a token GraphiQL must not even try: no 401 on the way to a token.
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) problemen.push(`${res.status()} ${res.url()}`);
    });
    await page.goto(`${hub.api.url}/graphql`);
    await page.waitForSelector('.graphiql-container');
    await page.waitForSelector('#melding:has-text("Kies een identiteit")');
    await page.waitForSelector('#identiteit option:has-text("Contractbeheerder Testregio Noordoost")', { state: 'attached' });
    await page.selectOption('#identiteit', { label: 'Contractbeheerder Testregio Noordoost · regio' });
    await page.waitForSelector('#wie:has-text("Contractbeheerder Testregio Noordoost")');
    expect(await page.isHidden('#melding')).toBe(true);

    // The schema's docs: the root type and one of its fields.
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.click('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name:has-text("Query")');
    await page.waitForSelector('.graphiql-doc-explorer a.graphiql-doc-explorer-field-name:has-text("kwartaalrapportage")');

    // The default query lists the region's providers.
    await page.click('.graphiql-execute-button');
    await page.locator('.graphiql-response', { hasText: AGB.alfa }).waitFor();
    const antwoord = (await page.textContent('.graphiql-response')) ?? '';
    expect(antwoord).toContain('"aanbieders"');
    expect(antwoord).not.toContain('errors');
    expect(await page.evaluate(`sessionStorage.getItem('hub-ide-token')`)).toMatch(/^ey/);

    // A dialog adds GraphiQL's one <style> element: the page's nonce admits it.
    await page.click('button[aria-label="Open settings dialog"]');
    await page.waitForSelector('.graphiql-dialog');
    await page.keyboard.press('Escape');

    expect(extern).toEqual([]);
    expect(problemen).toEqual([]);
    await context.close();
  }, 60_000);
});
