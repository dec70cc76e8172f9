import type { Principal } from '../auth/principal';
import { clientScopeSql, Params } from '../auth/scope';
import { BEGIN_WACHTEN, dagenSql, statistiekSql, WACHTDAGEN } from './wachttijd.sql';

const p = (over: Partial<Principal>): Principal => ({ sub: 't', rol: 'regio', gemeenten: [], ...over });

describe('clientScopeSql', () => {
  it('limits each role as the row-level security does', () => {
    const cases: [Principal, string, unknown[]][] = [
      [p({ rol: 'regio', regio: 'NOB' }), 't.regio_code = $1', ['NOB']],
      [p({ rol: 'auditor', regio: 'NOB' }), 't.regio_code = $1', ['NOB']],
      [p({ rol: 'toegang', regio: 'NOB' }), 't.regio_code = $1', ['NOB']],
      [p({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] }), 't.regio_code = $1 AND t.gemeente_code = ANY ($2::text[])', ['NOB', ['0796']]],
      [p({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'] }), 't.regio_code = $1 AND t.gemeente_code = ANY ($2::text[])', ['NOB', ['0828']]],
      [p({ rol: 'aanbieder', agb: '71000001' }), 't.aanbieder_agb = $1', ['71000001']],
      [p({ rol: 'beheerder' }), 'true', []],
      [p({ rol: 'beheerder', regio: 'GRO' }), 't.regio_code = $1', ['GRO']],
    ];
    for (const [principal, sql, values] of cases) {
      const P = new Params();
      expect([clientScopeSql(principal, 't', P), P.values]).toEqual([sql, values]);
    }
  });
});

describe('statistiekSql', () => {
  it('binds the period and today as parameters after those already taken', () => {
    const P = new Params();
    P.add('x');
    const sql = statistiekSql(P, { vanaf: '2026-01-01', tot: '2026-12-31', vandaag: '2026-11-30' });
    expect(P.values).toEqual(['x', '2026-01-01', '2026-12-31', '2026-11-30']);
    expect(sql).toContain('i.gestart >= $2::date AND i.gestart <= $3::date');
    expect(sql).toContain('i.einddatum >= $4::date');
    expect(sql).not.toMatch(/:(vanaf|tot|vandaag)/);
  });
});

describe('dagenSql', () => {
  it('is 0, never negative, when the end lies before the begin; NULL stays NULL (no greatest(), which drops NULLs)', () => {
    expect(dagenSql('b', 'e')).toBe('(CASE WHEN e < b THEN 0 ELSE e - b END)');
    expect(WACHTDAGEN).toBe(dagenSql(BEGIN_WACHTEN, 'i.gestart'));
    expect(WACHTDAGEN).not.toContain('greatest');
  });

  it('every interval of the statistics goes through it: no raw date subtraction left', () => {
    const sql = statistiekSql(new Params(), { vanaf: '2026-01-01', tot: '2026-12-31', vandaag: '2026-11-30' });
    expect(sql).toContain(`ORDER BY ${WACHTDAGEN}`);
    expect(sql).not.toMatch(/ORDER BY i\.\w+ - /);
  });
});
