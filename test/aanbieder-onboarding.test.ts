import type { Principal } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * Onboarding a provider (issue 12): a contract manager registers a new AGB with its contacts and
 * can then admit it to an open-house lot; the provider keeps its own contacts and endpoint;
 * another provider or region cannot touch them.
 */

let hub: HubTestEnvironment;
const tk: Record<string, string> = {};
const NIEUW = '72345678';
const ANDER = '72345679';

const REGISTREER = `mutation($input: RegistreerAanbiederInput!) {
  registreerAanbieder(input: $input) {
    aanbieder { agb naam kvk aangemeldDoorRegio contacten { volgorde naam functie email telefoon } bezorgadres { url heeftGeheim } }
    bezorgadres { url heeftGeheim }
    ondertekeningsgeheim
  }
}`;
const CONTACTEN = `mutation($input: WijzigAanbiederContactenInput!) { wijzigAanbiederContacten(input: $input) { agb contacten { naam functie email telefoon } } }`;
const OPEN_HOUSE = `mutation($input: OpenHouseToelatingInput!) { laatToeTotOpenHouse(input: $input) { id nummer aanbiederAgb gemeenten } }`;

type Registratie = {
  registreerAanbieder: {
    aanbieder: { agb: string; naam: string; kvk: string | null; aangemeldDoorRegio: string | null; contacten: Record<string, unknown>[]; bezorgadres: { url: string; heeftGeheim: boolean } | null };
    bezorgadres: { url: string; heeftGeheim: boolean } | null;
    ondertekeningsgeheim: string | null;
  };
};

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const contact = (naam: string, functie: string, extra: Record<string, unknown> = {}) => ({ naam, functie, email: `${naam.toLowerCase().replace(/\W/g, '')}@nieuw.example`, ...extra });

beforeAll(async () => {
  hub = await createHubTestEnvironment('aanbieder_onboarding', { poolSize: 5 });
  tk.regio = hub.tokens.regio;
  tk.regioGro = await hub.api.token({ rol: 'regio', regio: 'GRO' });
  tk.beheerder = hub.tokens.beheerder;
  tk.beheerderGro = await hub.api.token({ rol: 'beheerder', regio: 'GRO' });
  tk.alfa = hub.tokens.alfa;
  tk.nieuw = await hub.api.token({ rol: 'aanbieder', agb: NIEUW });
  tk.ander = await hub.api.token({ rol: 'aanbieder', agb: ANDER });
});

afterAll(async () => {
  await hub?.close();
});

describe('registreerAanbieder', () => {
  it('a new AGB cannot be admitted before it is registered', async () => {
    const r = await hub.api.gql(tk.regio, OPEN_HOUSE, { input: { aanbiederAgb: NIEUW, begindatum: '2026-12-01', modelContractNummer: 'NOB-L-001', nummer: 'NOB-OH-VOOR' } });
    expect(code(r)).toBe('UNKNOWN_PROVIDER');
  });

  it('the contract manager registers a provider with its contacts; the region then admits it to an open-house lot', async () => {
    const r = await hub.api.gql<Registratie>(tk.regio, REGISTREER, {
      input: {
        agb: NIEUW,
        naam: ' Nieuw Jeugdhulp BV ',
        kvk: '12345678',
        contacten: [contact('Anna de Boer', 'contractmanager', { telefoon: '+31 73 123 4567' }), contact('Bram Smit', 'declaraties')],
      },
    });
    expect(r.errors).toBeUndefined();
    const a = r.data!.registreerAanbieder;
    expect(a).toEqual({
      aanbieder: {
        agb: NIEUW,
        naam: 'Nieuw Jeugdhulp BV',
        kvk: '12345678',
        aangemeldDoorRegio: 'NOB',
        contacten: [
          { volgorde: 0, naam: 'Anna de Boer', functie: 'contractmanager', email: 'annadeboer@nieuw.example', telefoon: '+31 73 123 4567' },
          { volgorde: 1, naam: 'Bram Smit', functie: 'declaraties', email: 'bramsmit@nieuw.example', telefoon: null },
        ],
        bezorgadres: null,
      },
      bezorgadres: null,
      ondertekeningsgeheim: null,
    });

    const toe = await hub.api.gql<{ laatToeTotOpenHouse: { nummer: string; aanbiederAgb: string; gemeenten: string[] } }>(tk.regio, OPEN_HOUSE, {
      input: { aanbiederAgb: NIEUW, begindatum: '2026-12-01', modelContractNummer: 'NOB-L-001', nummer: 'NOB-OH-NIEUW' },
    });
    expect(toe.errors).toBeUndefined();
    expect(toe.data!.laatToeTotOpenHouse).toMatchObject({ nummer: 'NOB-OH-NIEUW', aanbiederAgb: NIEUW, gemeenten: ['0796'] });

    // The provider sees its contract and itself with its contacts.
    const eigen = await hub.api.gql<{ contracten: { edges: { node: { nummer: string } }[] }; aanbieders: { edges: { node: { agb: string; contacten: { naam: string }[] } }[] } }>(
      tk.nieuw,
      `{ contracten(first: 10) { edges { node { nummer } } } aanbieders(first: 10) { edges { node { agb contacten { naam } } } } }`,
    );
    expect(eigen.errors).toBeUndefined();
    expect(eigen.data!.contracten.edges.map((e) => e.node.nummer)).toEqual(['NOB-OH-NIEUW']);
    expect(eigen.data!.aanbieders.edges.map((e) => e.node)).toEqual([{ agb: NIEUW, contacten: [{ naam: 'Anna de Boer' }, { naam: 'Bram Smit' }] }]);

    // Audited, with the NEN 7513 fields.
    const audit = await hub.rijen(`SELECT rol, regio_code, namens, reden, entiteit, entiteit_id FROM audit_log WHERE actie = 'aanbieder.geregistreerd'`);
    expect(audit).toEqual([{ rol: 'regio', regio_code: 'NOB', namens: 'regio NOB', reden: 'aanbiederbeheer', entiteit: 'aanbieder', entiteit_id: NIEUW }]);
  });

  it('a known AGB is refused with PROVIDER_EXISTS, whoever registers it, and nothing changes', async () => {
    for (const t of [tk.regio, tk.regioGro, tk.beheerder]) {
      const r = await hub.api.gql(t, REGISTREER, { input: { agb: NIEUW, naam: 'Overname', contacten: [] } });
      expect(code(r)).toBe('PROVIDER_EXISTS');
    }
    const r = await hub.api.gql(tk.regio, REGISTREER, { input: { agb: AGB.alfa, naam: 'Alfa opnieuw', contacten: [] } });
    expect(code(r)).toBe('PROVIDER_EXISTS');
    expect(await hub.rijen(`SELECT naam FROM aanbieder WHERE agb = $1`, [NIEUW])).toEqual([{ naam: 'Nieuw Jeugdhulp BV' }]);
    expect(await hub.rijen(`SELECT count(*)::int AS n FROM aanbieder_contact WHERE aanbieder_agb = $1`, [NIEUW])).toEqual([{ n: 2 }]);
  });

  it('validates the AGB code, the contacts and the region', async () => {
    for (const agb of ['7234567', '723456789', '7234567x', '00345678']) {
      const r = await hub.api.gql(tk.regio, REGISTREER, { input: { agb, naam: 'Fout', contacten: [] } });
      expect({ agb, code: code(r) }).toEqual({ agb, code: 'INVALID_AGB' });
    }
    const mail = await hub.api.gql(tk.regio, REGISTREER, { input: { agb: '72999999', naam: 'Fout', contacten: [{ naam: 'X', functie: 'Y', email: 'geen-adres' }] } });
    expect(code(mail)).toBe('VALIDATION_FAILED');
    const tel = await hub.api.gql(tk.regio, REGISTREER, { input: { agb: '72999999', naam: 'Fout', contacten: [contact('X', 'Y', { telefoon: 'bel me' })] } });
    expect(code(tel)).toBe('VALIDATION_FAILED');
    const regio = await hub.api.gql(tk.regio, REGISTREER, { input: { agb: '72999999', naam: 'Fout', contacten: [], regioCode: 'GRO' } });
    expect(code(regio)).toBe('FORBIDDEN');
    expect(await hub.rijen(`SELECT agb FROM aanbieder WHERE agb = '72999999'`)).toEqual([]);
  });

  it('an endpoint at registration: refused for a region (the provider registers its own), issued once by the hub-wide administrator', async () => {
    const regio = await hub.api.gql(tk.regio, REGISTREER, { input: { agb: ANDER, naam: 'Ander BV', contacten: [], bezorgUrl: 'http://127.0.0.1:9/ijw' } });
    expect(code(regio)).toBe('FORBIDDEN');
    expect(await hub.rijen(`SELECT agb FROM aanbieder WHERE agb = $1`, [ANDER])).toEqual([]);

    const r = await hub.api.gql<Registratie>(tk.beheerder, REGISTREER, { input: { agb: ANDER, naam: 'Ander BV', contacten: [contact('Cor Jansen', 'ict')], bezorgUrl: 'http://127.0.0.1:9/ijw' } });
    expect(r.errors).toBeUndefined();
    const a = r.data!.registreerAanbieder;
    expect(a.aanbieder).toMatchObject({ agb: ANDER, aangemeldDoorRegio: null, bezorgadres: { url: 'http://127.0.0.1:9/ijw', heeftGeheim: true } });
    expect(a.bezorgadres).toEqual({ url: 'http://127.0.0.1:9/ijw', heeftGeheim: true });
    expect(a.ondertekeningsgeheim).toMatch(/^\S{32,}$/);
    // Stored encrypted, never in the clear.
    const [opgeslagen] = await hub.rijen<{ geheim: Buffer }>(`SELECT geheim_versleuteld AS geheim FROM bezorgadres WHERE aanbieder_agb = $1`, [ANDER]);
    expect(opgeslagen.geheim.toString('latin1')).not.toContain(a.ondertekeningsgeheim!);
    expect(hub.sleutels.ontsleutel(opgeslagen.geheim).toString('utf8')).toBe(a.ondertekeningsgeheim);
    const [rij] = await hub.rijen(`SELECT regio_code, namens FROM audit_log WHERE actie = 'aanbieder.geregistreerd' AND entiteit_id = $1`, [ANDER]);
    expect(rij).toEqual({ regio_code: null, namens: 'hub' });
  });

  it('a regional administrator registers for its own region only', async () => {
    const r = await hub.api.gql<Registratie>(tk.beheerderGro, REGISTREER, { input: { agb: '72000077', naam: 'Groningen Zorg', contacten: [] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.registreerAanbieder.aanbieder.aangemeldDoorRegio).toBe('GRO');
    const ander = await hub.api.gql(tk.beheerderGro, REGISTREER, { input: { agb: '72000078', naam: 'Elders', contacten: [], regioCode: 'NOB' } });
    expect(code(ander)).toBe('FORBIDDEN');
  });
});

describe('a provider keeps its own contacts and endpoint', () => {
  it('replaces its own contacts; another provider is refused, and so is a region that neither contracted nor registered it', async () => {
    const r = await hub.api.gql<{ wijzigAanbiederContacten: { agb: string; contacten: { naam: string; functie: string }[] } }>(tk.nieuw, CONTACTEN, {
      input: { agb: NIEUW, contacten: [contact('Dirk Visser', 'zorgcoördinator'), contact('Anna de Boer', 'contractmanager')] },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.wijzigAanbiederContacten.contacten).toEqual([
      { naam: 'Dirk Visser', functie: 'zorgcoördinator', email: 'dirkvisser@nieuw.example', telefoon: null },
      { naam: 'Anna de Boer', functie: 'contractmanager', email: 'annadeboer@nieuw.example', telefoon: null },
    ]);
    const [audit] = await hub.rijen(`SELECT rol, namens, regio_code FROM audit_log WHERE actie = 'aanbieder.contacten.gewijzigd'`);
    expect(audit).toEqual({ rol: 'aanbieder', namens: `AGB ${NIEUW}`, regio_code: null });

    for (const t of [tk.alfa, tk.ander, tk.regioGro, tk.beheerderGro]) {
      const x = await hub.api.gql(t, CONTACTEN, { input: { agb: NIEUW, contacten: [contact('Kaper', 'overname')] } });
      expect(code(x)).toBe('FORBIDDEN');
    }
    // The region that registered and contracted it, and the administrator, may.
    for (const t of [tk.regio, tk.beheerder]) {
      const x = await hub.api.gql(t, CONTACTEN, { input: { agb: NIEUW, contacten: [contact('Dirk Visser', 'zorgcoördinator')] } });
      expect(x.errors).toBeUndefined();
    }
    expect(await hub.rijen(`SELECT naam FROM aanbieder_contact WHERE aanbieder_agb = $1 ORDER BY volgorde`, [NIEUW])).toEqual([{ naam: 'Dirk Visser' }]);
    const onbekend = await hub.api.gql(tk.beheerder, CONTACTEN, { input: { agb: '72111111', contacten: [] } });
    expect(code(onbekend)).toBe('PROVIDER_NOT_FOUND');
  });

  it('the region that registered a provider keeps its contacts before contracting it; the other region does not', async () => {
    // 72000077 was registered by GRO's administrator and is contracted nowhere.
    const gro = await hub.api.gql(tk.regioGro, CONTACTEN, { input: { agb: '72000077', contacten: [contact('Eva Mulder', 'contractmanager')] } });
    expect(gro.errors).toBeUndefined();
    const nob = await hub.api.gql(tk.regio, CONTACTEN, { input: { agb: '72000077', contacten: [] } });
    expect(code(nob)).toBe('FORBIDDEN');
  });

  it('row-level security refuses the same writes in the database', async () => {
    const regioGro: Principal = { sub: 'test-gro', rol: 'regio', regio: 'GRO', gemeenten: [] };
    await expect(
      withTenant(hub.ds, regioGro, (em) => em.query(`INSERT INTO aanbieder_contact (aanbieder_agb, volgorde, naam, functie, email) VALUES ($1, 9, 'x', 'y', 'x@y.example')`, [NIEUW])),
    ).rejects.toThrow(/row-level security/);
    await expect(withTenant(hub.ds, regioGro, (em) => em.query(`INSERT INTO aanbieder (agb, naam, aangemeld_door_regio) VALUES ('72000099', 'x', 'NOB')`))).rejects.toThrow(/row-level security/);
    const alfa: Principal = { sub: 'test-alfa', rol: 'aanbieder', agb: AGB.alfa, gemeenten: [] };
    const verwijderd = await withTenant(hub.ds, alfa, (em) => em.query(`DELETE FROM aanbieder_contact WHERE aanbieder_agb = $1`, [NIEUW]));
    expect(verwijderd).toEqual([[], 0]);
    const regioNob: Principal = { sub: 'test-nob', rol: 'regio', regio: 'NOB', gemeenten: [] };
    await expect(withTenant(hub.ds, regioNob, (em) => em.query(`UPDATE aanbieder SET aangemeld_door_regio = 'GRO' WHERE agb = $1`, [NIEUW]))).rejects.toThrow(/administrator/);
  });

  it('registers, rotates and removes its own endpoint; another provider cannot', async () => {
    const reg = await hub.api.gql<{ registreerBezorgadres: { bezorgadres: { url: string }; ondertekeningsgeheim: string | null } }>(
      tk.nieuw,
      `mutation { registreerBezorgadres(agb: "${NIEUW}", url: "http://127.0.0.1:9/nieuw") { bezorgadres { url } ondertekeningsgeheim } }`,
    );
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.registreerBezorgadres.ondertekeningsgeheim).toMatch(/^\S{32,}$/);
    const rot = await hub.api.gql<{ roteerOndertekeningsgeheim: { ondertekeningsgeheim: string } }>(tk.nieuw, `mutation { roteerOndertekeningsgeheim(agb: "${NIEUW}") { ondertekeningsgeheim } }`);
    expect(rot.errors).toBeUndefined();
    expect(rot.data!.roteerOndertekeningsgeheim.ondertekeningsgeheim).not.toBe(reg.data!.registreerBezorgadres.ondertekeningsgeheim);
    for (const m of [`registreerBezorgadres(agb: "${NIEUW}", url: "http://127.0.0.1:9/kaper") { ondertekeningsgeheim }`, `roteerOndertekeningsgeheim(agb: "${NIEUW}") { ondertekeningsgeheim }`, `verwijderBezorgadres(agb: "${NIEUW}")`]) {
      expect(code(await hub.api.gql(tk.alfa, `mutation { ${m} }`))).toBe('FORBIDDEN');
    }
    const weg = await hub.api.gql(tk.nieuw, `mutation { verwijderBezorgadres(agb: "${NIEUW}") }`);
    expect(weg.errors).toBeUndefined();
    expect(await hub.rijen(`SELECT url FROM bezorgadres WHERE aanbieder_agb = $1`, [NIEUW])).toEqual([]);
  });
});
