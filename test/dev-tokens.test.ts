import { startTestApi, type TestApi } from './helpers/api';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { AGB } from './fixtures/regions';

interface Identiteit {
  label: string;
  rol: string;
  regio?: string;
  gemeenten: string[];
  agb?: string;
  token: string;
}

let hub: HubTestEnvironment;
beforeAll(async () => {
  hub = await createHubTestEnvironment('devtokens');
});
afterAll(async () => {
  await hub?.close();
});

async function identiteiten(api: TestApi): Promise<{ status: number; lijst: Identiteit[] }> {
  const res = await fetch(`${api.url}/dev/identiteiten`);
  if (res.status !== 200) return { status: res.status, lijst: [] };
  return { status: res.status, lijst: ((await res.json()) as { identiteiten: Identiteit[] }).identiteiten };
}

describe('development sign-in: GET /dev/identiteiten', () => {
  it('lists each region\'s parties with a token the api accepts for exactly that party', async () => {
    const { status, lijst } = await identiteiten(hub.api);
    expect(status).toBe(200);
    const labels = lijst.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['Contractbeheerder Testregio Noordoost', "Gemeente 's-Hertogenbosch", 'Toegangsteam Testregio Groningen', `Aanbieder Alfa Jeugdhulp (AGB ${AGB.alfa})`, 'Auditor Testregio Noordoost', 'Beheerder']));
    // Alfa is contracted in both regions: one identity.
    expect(labels.filter((l) => l.includes(AGB.alfa))).toHaveLength(1);
    for (const i of lijst) {
      const r = await hub.api.gql<{ aanbieders: { edges: { node: { agb: string } }[] } }>(i.token, '{ aanbieders(first: 50) { edges { node { agb } } } }');
      expect({ label: i.label, status: r.status, errors: r.errors }).toEqual({ label: i.label, status: 200, errors: undefined });
      // A provider's token sees only itself: the token carries that party, not another.
      if (i.rol === 'aanbieder') expect(r.data?.aanbieders.edges.map((e) => e.node.agb)).toEqual([i.agb]);
    }
    const bosch = lijst.find((i) => i.label === "Gemeente 's-Hertogenbosch");
    expect(bosch).toMatchObject({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'] });
  });

  it('is not there in production', async () => {
    const prod = await startTestApi(hub.ds, {
      NODE_ENV: 'production',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'jeugdzorg-hub',
      HUB_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      HUB_BSN_HASH_KEY: Buffer.alloc(32, 10).toString('base64'),
      METRICS_TOKEN: 'dev-tokens-test-metrics-token',
    });
    try {
      expect((await identiteiten(prod)).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
