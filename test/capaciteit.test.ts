import type { DataSource } from 'typeorm';
import type { Principal } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { knopen, ruweId, type Conn, type TestApi } from './helpers/api';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

/** A provider keeps its capacity per product and location; every change is a new version. */
let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
const t: Record<string, string> = {};
const product: Record<string, string> = {};

beforeAll(async () => {
  hub = await createHubTestEnvironment('capaciteit', { poolSize: 5 });
  ({ ds, api } = hub);
  t.alfa = hub.tokens.alfa;
  t.beta = hub.tokens.beta;
  t.regio = hub.tokens.regio;
  t.regioGro = await api.token({ rol: 'regio', regio: 'GRO' });
  t.toegang = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  const r = await api.gql<{ producten: { edges: { node: { id: string; code: string } }[] } }>(t.regio, '{ producten(first: 50) { edges { node { id code } } } }');
  for (const e of r.data!.producten.edges) product[e.node.code] = e.node.id;
});

afterAll(async () => {
  await hub?.close();
});

const VELDEN = 'id aanbiederAgb productCode productCategorie regioCode locatieNaam postcode vrijePlaatsen intakesPerWeek openVoorNieuweClienten toelichting geldigVanaf geldigTot';
const WERK_BIJ = `mutation($input: CapaciteitInput!) { werkCapaciteitBij(input: $input) { ${VELDEN} } }`;
const HUIDIG = `query($f: CapaciteitFilter) { capaciteit(filter: $f, first: 200) { edges { node { ${VELDEN} } } } }`;
const HISTORIE = `query($f: CapaciteitFilter) { capaciteitHistorie(filter: $f, first: 200) { edges { node { ${VELDEN} } } } }`;

interface Capaciteit {
  id: string;
  aanbiederAgb: string;
  productCode: string;
  locatieNaam: string;
  postcode: string;
  vrijePlaatsen: number;
  intakesPerWeek: number;
  openVoorNieuweClienten: boolean;
  geldigVanaf: string;
  geldigTot: string | null;
}

const oost = (over: Record<string, unknown> = {}) => ({
  productId: product['45A04'],
  locatieNaam: 'Alfa Oost',
  postcode: '5211AB',
  vrijePlaatsen: 3,
  intakesPerWeek: 2,
  openVoorNieuweClienten: true,
  ...over,
});

const huidig = async (token: string, f: Record<string, unknown> = {}) => knopen((await api.gql<{ capaciteit: Conn<Capaciteit> }>(token, HUIDIG, { f })).data!.capaciteit);
const historie = async (token: string, f: Record<string, unknown> = {}) => knopen((await api.gql<{ capaciteitHistorie: Conn<Capaciteit> }>(token, HISTORIE, { f })).data!.capaciteitHistorie);

describe('capacity per provider, product and location', () => {
  it('a provider records capacity for a product it is contracted for', async () => {
    const r = await api.gql<{ werkCapaciteitBij: Capaciteit }>(t.alfa, WERK_BIJ, { input: oost() });
    expect(r.errors).toBeUndefined();
    expect(r.data!.werkCapaciteitBij).toMatchObject({ aanbiederAgb: AGB.alfa, productCode: '45A04', productCategorie: '45', regioCode: 'NOB', vrijePlaatsen: 3, intakesPerWeek: 2, openVoorNieuweClienten: true, geldigTot: null });
    expect(await huidig(t.alfa)).toHaveLength(1);
  });

  it('a change closes the current version and keeps it in the history', async () => {
    const r = await api.gql<{ werkCapaciteitBij: Capaciteit }>(t.alfa, WERK_BIJ, { input: oost({ vrijePlaatsen: 0, intakesPerWeek: 1, openVoorNieuweClienten: false, toelichting: 'Vol tot januari' }) });
    expect(r.errors).toBeUndefined();
    const nu = await huidig(t.alfa);
    expect(nu).toHaveLength(1);
    expect(nu[0]).toMatchObject({ id: r.data!.werkCapaciteitBij.id, vrijePlaatsen: 0, intakesPerWeek: 1, openVoorNieuweClienten: false, geldigTot: null });
    const h = await historie(t.alfa);
    expect(h.map((x) => [x.vrijePlaatsen, x.openVoorNieuweClienten])).toEqual([[3, true], [0, false]]);
    expect(h[0].geldigTot).toBe(h[1].geldigVanaf);
    expect(h[1].geldigTot).toBeNull();
  });

  it('another location is a separate line; closing one ends it without a new version', async () => {
    const west = await api.gql<{ werkCapaciteitBij: Capaciteit }>(t.alfa, WERK_BIJ, { input: oost({ locatieNaam: 'Alfa West', postcode: '5223AA', vrijePlaatsen: 5 }) });
    expect(west.errors).toBeUndefined();
    expect((await huidig(t.alfa)).map((x) => x.locatieNaam)).toEqual(['Alfa Oost', 'Alfa West']);
    const s = await api.gql<{ sluitCapaciteit: Capaciteit }>(t.alfa, `mutation($id: ID!) { sluitCapaciteit(id: $id) { ${VELDEN} } }`, { id: west.data!.werkCapaciteitBij.id });
    expect(s.errors).toBeUndefined();
    expect(s.data!.sluitCapaciteit.geldigTot).not.toBeNull();
    expect((await huidig(t.alfa)).map((x) => x.locatieNaam)).toEqual(['Alfa Oost']);
    expect(await historie(t.alfa)).toHaveLength(3);
  });

  it('only for contracted products, and never for another provider', async () => {
    expect((await api.gql(t.alfa, WERK_BIJ, { input: oost({ productId: product['43A05'] }) })).errors?.[0].extensions?.code).toBe('PRODUCT_NOT_CONTRACTED');
    expect((await api.gql(t.alfa, WERK_BIJ, { input: oost({ aanbiederAgb: AGB.beta, productId: product['43A05'] }) })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(t.regio, WERK_BIJ, { input: oost() })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(t.alfa, WERK_BIJ, { input: oost({ postcode: '0211AB', vrijePlaatsen: -1 }) })).errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const alfaOost = (await huidig(t.alfa))[0];
    expect((await api.gql(t.beta, `mutation($id: ID!) { sluitCapaciteit(id: $id) { id } }`, { id: alfaOost.id })).errors?.[0].extensions?.code).toBe('CAPACITEIT_NOT_FOUND');
    expect((await huidig(t.alfa))[0].id).toBe(alfaOost.id);
  });

  it('a provider sees only its own; the region reads all of its region, another region nothing', async () => {
    const beta = await api.gql(t.beta, WERK_BIJ, { input: { ...oost(), productId: product['43A05'], locatieNaam: 'Beta Huis', postcode: '5341AB', vrijePlaatsen: 2 } });
    expect(beta.errors).toBeUndefined();
    expect((await huidig(t.beta)).map((x) => x.aanbiederAgb)).toEqual([AGB.beta]);
    expect((await historie(t.beta)).map((x) => x.aanbiederAgb)).toEqual([AGB.beta]);
    expect((await huidig(t.alfa)).map((x) => x.aanbiederAgb)).toEqual([AGB.alfa]);
    expect((await huidig(t.regio)).map((x) => `${x.aanbiederAgb}/${x.locatieNaam}`)).toEqual([`${AGB.alfa}/Alfa Oost`, `${AGB.beta}/Beta Huis`]);
    expect(await historie(t.regio, { aanbiederAgb: AGB.alfa })).toHaveLength(3);
    expect((await huidig(t.toegang, { productCode: '45A04' })).map((x) => x.locatieNaam)).toEqual(['Alfa Oost']);
    expect(await huidig(t.regioGro)).toEqual([]);
    expect(await historie(t.regioGro)).toEqual([]);
  });

  it('row-level security holds even without the application\'s filters', async () => {
    const beta: Principal = { sub: 'test', rol: 'aanbieder', agb: AGB.beta, gemeenten: [] };
    const gezien = await withTenant(ds, beta, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM capaciteit WHERE aanbieder_agb = $1`, [AGB.alfa]));
    expect(gezien[0].n).toBe(0);
    const gewijzigd = await withTenant(ds, beta, (em) => em.query<{ n: number }[]>(`WITH u AS (UPDATE capaciteit SET vrije_plaatsen = 99 WHERE aanbieder_agb = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [AGB.alfa]));
    expect(gewijzigd[0].n).toBe(0);
    await expect(
      withTenant(ds, beta, (em) =>
        em.query(
          `INSERT INTO capaciteit (regio_code, aanbieder_agb, product_id, product_categorie, product_code, locatie_naam, postcode, vrije_plaatsen, intakes_per_week, open_voor_nieuwe_clienten, gewijzigd_door)
           VALUES ('NOB', $1, $2, '45', '45A04', 'Nep', '5211AB', 9, 9, true, 'x')`,
          [AGB.alfa, ruweId(product['45A04'])],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    // DELETE is granted for a sandbox's reset only: the policy lets no one else delete a row.
    const verwijderd = await withTenant(ds, beta, (em) => em.query<{ n: number }[]>(`WITH d AS (DELETE FROM capaciteit RETURNING 1) SELECT count(*)::int AS n FROM d`));
    expect(verwijderd[0].n).toBe(0);
  });
});
