import { Queue } from 'bullmq';
import { chromium, type Browser } from 'playwright-core';
import { QUEUES } from '../jobs/registry';
import { jw305Xml, stuurBericht, testBsn } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';

pinKlok();

// A prefix of this file's own: the test pauses a queue, which must touch nobody else's.
const PREFIX = `test-beheer-${process.pid}`;

let hub: HubTestEnvironment;
let onderhoud: Queue;
beforeAll(async () => {
  hub = await createHubTestEnvironment('wachtrijen', { env: { QUEUE_PREFIX: PREFIX } });
  onderhoud = new Queue('onderhoud', { connection: hub.api.redis, prefix: PREFIX });
});
afterAll(async () => {
  await onderhoud?.obliterate({ force: true });
  await onderhoud?.close();
  await hub?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function sessie(token: string): Promise<{ status: number; cookie: string; setCookie: string }> {
  const res = await fetch(`${hub.api.url}/beheer/sessie`, { method: 'POST', headers: bearer(token) });
  await res.text();
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, cookie: setCookie.split(';')[0], setCookie };
}

async function auditRijen(actie: string): Promise<{ actor: string; entiteit_id: string | null; details: Record<string, unknown> }[]> {
  return hub.rijen(`SELECT actor, entiteit_id, details FROM audit_log WHERE actie = $1 ORDER BY id`, [actie]);
}

describe('queue dashboard /beheer/wachtrijen', () => {
  it('without credentials: 401 with the bearer challenge', async () => {
    for (const pad of ['/beheer/wachtrijen/', '/beheer/wachtrijen/api/queues', '/beheer/berichten']) {
      const res = await fetch(`${hub.api.url}${pad}`);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect({ pad, status: res.status, body: await res.json() }).toEqual({ pad, status: 401, body: expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED', detail: 'Geen bearer token' }) });
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="jeugdzorg-hub"');
    }
    const ongeldig = await fetch(`${hub.api.url}/beheer/wachtrijen/api/queues`, { headers: { cookie: 'hub_beheer=verzonnen' } });
    expect(ongeldig.status).toBe(401);
    await ongeldig.text();
  });

  it('every other role, and an administrator of one region, gets 403', async () => {
    const anderen = {
      regio: hub.tokens.regio,
      aanbieder: hub.tokens.alfa,
      gemeente: hub.tokens.bosch,
      toegang: await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] }),
      auditor: await hub.api.token({ rol: 'auditor', regio: 'NOB' }),
      regiobeheerder: await hub.api.token({ rol: 'beheerder', regio: 'NOB' }),
    };
    for (const [wie, token] of Object.entries(anderen)) {
      const res = await fetch(`${hub.api.url}/beheer/wachtrijen/api/queues`, { headers: bearer(token) });
      expect({ wie, status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ wie, status: 403, code: 'FORBIDDEN' });
      expect({ wie, sessie: (await sessie(token)).status }).toEqual({ wie, sessie: 403 });
    }
  });

  it('shows the administrator every queue of the registry, by name, through its API', async () => {
    const res = await fetch(`${hub.api.url}/beheer/wachtrijen/api/queues`, { headers: bearer(hub.tokens.beheerder) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string; isPaused: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.keys(QUEUES).sort());
  });

  it('serves its page without anything from another host, under a CSP of self only', async () => {
    const res = await fetch(`${hub.api.url}/beheer/wachtrijen/`, { headers: bearer(hub.tokens.beheerder) });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\sstyle=|<style/);
    const bestanden = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
    expect(bestanden.length).toBeGreaterThanOrEqual(3);
    for (const b of bestanden) {
      const f = await fetch(new URL(b, `${hub.api.url}/beheer/wachtrijen/`), { headers: bearer(hub.tokens.beheerder) });
      expect({ b, status: f.status }).toEqual({ b, status: 200 });
      await f.arrayBuffer();
    }
  });

  it('a session cookie from POST /beheer/sessie: HttpOnly, SameSite=Strict, scoped to /beheer, short; ended by DELETE', async () => {
    const zonder = await fetch(`${hub.api.url}/beheer/sessie`, { method: 'POST' });
    expect(zonder.status).toBe(401);
    await zonder.text();
    const s = await sessie(hub.tokens.beheerder);
    expect(s.status).toBe(200);
    expect(s.setCookie).toMatch(/^hub_beheer=[A-Za-z0-9_-]{43}; Path=\/beheer; Max-Age=900; HttpOnly; SameSite=Strict$/);
    const metCookie = await fetch(`${hub.api.url}/beheer/wachtrijen/api/queues`, { headers: { cookie: s.cookie } });
    expect(metCookie.status).toBe(200);
    await metCookie.text();
    // A cookie cannot open a session of its own (only the bearer header can).
    const verlengen = await fetch(`${hub.api.url}/beheer/sessie`, { method: 'POST', headers: { cookie: s.cookie } });
    expect(verlengen.status).toBe(401);
    await verlengen.text();
    expect((await auditRijen('beheer.sessie.geopend')).at(-1)).toMatchObject({ actor: expect.stringMatching(/./), details: { seconden: 900 } });
    const uit = await fetch(`${hub.api.url}/beheer/sessie`, { method: 'DELETE', headers: { cookie: s.cookie } });
    expect(uit.status).toBe(204);
    const daarna = await fetch(`${hub.api.url}/beheer/wachtrijen/api/queues`, { headers: { cookie: s.cookie } });
    expect(daarna.status).toBe(401);
    await daarna.text();
  });

  it('an action with the cookie only from its own page (CSRF), audited before it runs', async () => {
    const s = await sessie(hub.tokens.beheerder);
    const pauze = (headers: Record<string, string>) => fetch(`${hub.api.url}/beheer/wachtrijen/api/queues/onderhoud/pause`, { method: 'PUT', headers: { cookie: s.cookie, ...headers } });
    const voor = (await auditRijen('wachtrij.actie')).length;
    const andersVan: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://elders.example' }, {}];
    for (const anders of andersVan) {
      const res = await pauze(anders);
      expect({ anders, status: res.status }).toEqual({ anders, status: 403 });
      await res.text();
    }
    expect(await onderhoud.isPaused()).toBe(false);
    expect(await auditRijen('wachtrij.actie')).toHaveLength(voor);

    const res = await pauze({ 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    await res.text();
    expect(await onderhoud.isPaused()).toBe(true);
    const hervat = await fetch(`${hub.api.url}/beheer/wachtrijen/api/queues/onderhoud/resume`, { method: 'PUT', headers: bearer(hub.tokens.beheerder) });
    expect(hervat.status).toBe(200);
    await hervat.text();
    expect(await onderhoud.isPaused()).toBe(false);
    const rijen = (await auditRijen('wachtrij.actie')).slice(voor);
    expect(rijen.map((r) => [r.entiteit_id, r.details])).toEqual([
      ['onderhoud', { methode: 'PUT', pad: '/api/queues/onderhoud/pause', via: 'sessie' }],
      ['onderhoud', { methode: 'PUT', pad: '/api/queues/onderhoud/resume', via: 'bearer' }],
    ]);
  });

  it('GET /beheer/berichten counts the messages per direction and status: the backlog PostgreSQL holds', async () => {
    const leeg = await fetch(`${hub.api.url}/beheer/berichten`, { headers: bearer(hub.tokens.beheerder) });
    const voor = ((await leeg.json()) as { berichten: { richting: string; status: string; aantal: number }[] }).berichten;
    const ontvangen = voor.find((r) => r.richting === 'in' && r.status === 'ontvangen')?.aantal ?? 0;
    // No worker runs in this file: the messages stay received.
    for (let i = 0; i < 3; i++) await stuurBericht(hub.api.url, hub.tokens.alfa, jw305Xml({ identificatie: `WR${i}`, bsn: testBsn(i) }));
    const res = await fetch(`${hub.api.url}/beheer/berichten`, { headers: bearer(hub.tokens.beheerder) });
    expect(res.status).toBe(200);
    const na = ((await res.json()) as { berichten: { richting: string; status: string; aantal: number; oudste: string }[] }).berichten;
    expect(na.find((r) => r.richting === 'in' && r.status === 'ontvangen')).toMatchObject({ aantal: ontvangen + 3, oudste: expect.stringMatching(/^\d{4}-/) });
    const regio = await fetch(`${hub.api.url}/beheer/berichten`, { headers: bearer(hub.tokens.regio) });
    expect(regio.status).toBe(403);
    await regio.text();
  });
});

describe('administrator pages in headless Chromium, offline', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in with the development administrator, opens the queue dashboard and sees the hub\'s queues', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const extern: string[] = [];
    const problemen: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(hub.api.url)) return route.continue();
      extern.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    page.on('console', (m) => {
      // bull-board draws the Redis logo with a <style> element of its own: refused by the CSP,
      // the logo loses its colours and nothing else. Any refused script or request counts.
      if (m.type() === 'error' && /Content Security Policy|Refused/i.test(m.text()) && !/^Applying inline style violates .* 'style-src 'self''/.test(m.text())) problemen.push(m.text());
    });
    page.on('pageerror', (e) => problemen.push(e.message));
    await stuurBericht(hub.api.url, hub.tokens.alfa, jw305Xml({ identificatie: 'WB1', bsn: testBsn(10) }));
    await page.goto(`${hub.api.url}/beheer/`);
    await page.waitForSelector('#identiteit option:has-text("Beheerder")', { state: 'attached' });
    await page.selectOption('#identiteit', { label: 'Beheerder' });
    await page.waitForSelector('#sessie:not([hidden])');
    await page.waitForSelector('#berichten tr[data-richting="in"][data-status="ontvangen"]');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'hub_beheer')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/beheer' });
    await page.click('#naar-wachtrijen');
    await page.waitForURL(`${hub.api.url}/beheer/wachtrijen/`);
    for (const naam of Object.keys(QUEUES)) await page.locator('body', { hasText: naam }).first().waitFor();
    expect(extern).toEqual([]);
    expect(problemen).toEqual([]);
    await context.close();
  }, 60_000);
});
