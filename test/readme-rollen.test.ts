import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import type { Rol } from '../src/auth/principal';
import { MUTATION_MATRIX, QUERY_MATRIX } from './fixtures/rollen-matrix';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * The README's "who / how / what they get" table, row by row: every GraphQL operation and REST
 * route a row names is run with a token of that row's role and must not be refused; every
 * mutation a role may call (test/fixtures/rollen-matrix.ts, itself checked against the running
 * hub by test/rollen-matrix.test.ts) is named in its row, and no row names what its role may not do.
 */

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
const QUERY = SCHEMA.getQueryType()!.getFields();
const MUTATION = SCHEMA.getMutationType()!.getFields();
const ROLLEN: readonly Rol[] = ['regio', 'gemeente', 'toegang', 'aanbieder', 'beheerder', 'auditor'];

interface Rij {
  wie: string;
  rollen: Rol[];
  queries: string[];
  mutaties: string[];
  routes: { methode: string; pad: string }[];
}

/** The table's rows: the roles are the backticked role names of "who"; "how" and "what they get" name the operations and routes. */
function tabel(): Rij[] {
  const regels = README.split('\n');
  const kop = regels.findIndex((r) => /^\|\s*who\s*\|\s*how\s*\|\s*what they get\s*\|/.test(r));
  if (kop < 0) throw new Error('README has no "who | how | what they get" table');
  const rijen: Rij[] = [];
  for (const regel of regels.slice(kop + 2)) {
    if (!regel.startsWith('|')) break;
    const [wie, hoe, wat] = regel.split('|').slice(1, 4).map((c) => c.trim());
    const code = [...`${hoe} ${wat}`.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const rollen = [...wie.matchAll(/`([a-z]+)`/g)].map((m) => m[1]).filter((r): r is Rol => (ROLLEN as string[]).includes(r));
    rijen.push({
      wie,
      rollen,
      queries: code.filter((c) => QUERY[c]),
      mutaties: code.filter((c) => MUTATION[c]),
      routes: code.flatMap((c) => {
        const m = /^(GET|POST|PUT|DELETE) (\/\S+)$/.exec(c);
        return m ? [{ methode: m[1], pad: m[2] }] : [];
      }),
    });
  }
  return rijen;
}

const RIJEN = tabel();

/** Codes of the caller's own tenant by argument name: a refusal then means the role, not another tenant's object. */
const EIGEN: Record<string, string> = { gemeenteCode: '0796', gemeente: '0796', agb: AGB.alfa, aanbiederAgb: AGB.alfa, regioCode: 'NOB', regio: 'NOB' };

/** A value of the right shape for an argument, so a call passes GraphQL validation and reaches the resolver's own checks. */
function waarde(t: GraphQLInputType, naam: string, diepte = 0): unknown {
  if (isNonNullType(t)) return waarde(t.ofType, naam, diepte);
  if (isListType(t)) return [waarde(t.ofType, naam, diepte)];
  if (naam in EIGEN && isScalarType(t) && t.name === 'String') return EIGEN[naam];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) {
    if (diepte > 4) return {};
    const uit: Record<string, unknown> = {};
    for (const [naam, f] of Object.entries(t.getFields())) if (isNonNullType(f.type)) uit[naam] = waarde(f.type, naam, diepte + 1);
    return uit;
  }
  if (isScalarType(t)) {
    const voorbeeld: Record<string, unknown> = {
      ID: '00000000-0000-4000-8000-000000000000',
      String: AGB.alfa,
      Int: 1,
      SafeInt: 1,
      Float: 1,
      Boolean: false,
      LocalDate: '2026-11-01',
      DateTimeISO: '2026-11-01T00:00:00Z',
    };
    if (!(t.name in voorbeeld)) throw new Error(`no example value for scalar ${t.name}`);
    return voorbeeld[t.name];
  }
  throw new Error(`no example value for ${String(t)}`);
}

/** A document calling `f` with example values for its required arguments, selecting only `__typename`. */
function aanroep(soort: 'query' | 'mutation', f: GraphQLField<unknown, unknown>): { doc: string; vars: Record<string, unknown> } {
  const verplicht = f.args.filter((a) => isNonNullType(a.type));
  const decl = verplicht.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = verplicht.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selectie = isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)) ? '' : ' { __typename }';
  const doc = `${soort}${decl ? `(${decl})` : ''} { ${f.name}${args ? `(${args})` : ''}${selectie} }`;
  return { doc, vars: Object.fromEntries(verplicht.map((a) => [a.name, waarde(a.type, a.name)])) };
}

let hub: HubTestEnvironment;
const tokens: Partial<Record<Rol, string>> = {};

beforeAll(async () => {
  hub = await createHubTestEnvironment('readme_rollen');
  tokens.regio = hub.tokens.regio;
  tokens.gemeente = hub.tokens.bosch;
  tokens.aanbieder = hub.tokens.alfa;
  tokens.beheerder = hub.tokens.beheerder;
  tokens.toegang = await hub.api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  tokens.auditor = await hub.api.token({ rol: 'auditor', regio: 'NOB' });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('README: who / how / what they get', () => {
  it('has a row for every role', () => {
    expect(RIJEN.length).toBeGreaterThan(0);
    expect(ROLLEN.filter((r) => !RIJEN.some((x) => x.rollen.includes(r)))).toEqual([]);
    expect(RIJEN.filter((r) => r.rollen.length === 0).map((r) => `no role named in "${r.wie}"`)).toEqual([]);
  });

  it('names in each row only what its roles may do, and every mutation they may call', () => {
    const fout: string[] = [];
    for (const r of RIJEN) {
      for (const rol of r.rollen) {
        for (const q of r.queries) if (QUERY_MATRIX[q]?.[rol] === 'FORBIDDEN') fout.push(`${rol}: the row names ${q}, which it may not read`);
        for (const m of r.mutaties) if (MUTATION_MATRIX[m]?.[rol] === 'FORBIDDEN') fout.push(`${rol}: the row names ${m}, which it may not call`);
      }
    }
    for (const rol of ROLLEN) {
      const genoemd = new Set(RIJEN.filter((r) => r.rollen.includes(rol)).flatMap((r) => r.mutaties));
      for (const [m, mag] of Object.entries(MUTATION_MATRIX)) if (mag[rol] === 'toegestaan' && !genoemd.has(m)) fout.push(`${rol} may call ${m}, but its row does not say so`);
    }
    expect(fout).toEqual([]);
  });

  describe.each(RIJEN.filter((r) => r.rollen.length).map((r) => [r.wie, r] as const))('%s', (_wie, rij) => {
    it.each(rij.rollen.map((r) => [r] as const))('a %s token is not refused what the row names', async (rol) => {
      const token = tokens[rol]!;
      const fout: string[] = [];
      const velden = [...rij.queries.map((q) => ['query', QUERY[q]] as const), ...rij.mutaties.map((m) => ['mutation', MUTATION[m]] as const)];
      for (const [soort, f] of velden) {
        const { doc, vars } = aanroep(soort, f);
        const r = await hub.api.gql(token, doc, vars);
        const code = r.errors?.[0]?.extensions?.code as string | undefined;
        if (r.status === 401 || ['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR', 'GRAPHQL_VALIDATION_FAILED'].includes(code ?? '')) fout.push(`${f.name}: ${r.status} ${code} ${r.errors?.[0]?.message ?? ''}`);
      }
      for (const { methode, pad } of rij.routes) {
        const url = pad.replace('{jaar}', '2026').replace('{kwartaal}', '4').replace('{tabel}', 'totalen');
        const res = await fetch(`${hub.api.url}${url}`, { method: methode, headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if ([401, 403, 500].includes(res.status)) fout.push(`${methode} ${pad}: ${res.status}`);
      }
      expect(fout).toEqual([]);
    });
  });
});
