import { HubErrorCode } from '../common/hub-error';
import { beheertRegio, type Principal } from './principal';
import { schrijfRegio } from './scope';

const P = (p: Omit<Principal, 'sub' | 'gemeenten'>): Principal => ({ sub: 't', gemeenten: [], ...p });
const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('an administrator and regions', () => {
  const gro = P({ rol: 'beheerder', regio: 'GRO' });
  const alle = P({ rol: 'beheerder' });

  it('administers only the region its token names', () => {
    expect([beheertRegio(gro, 'GRO'), beheertRegio(gro, 'NOB'), beheertRegio(gro, null)]).toEqual([true, false, false]);
    expect([beheertRegio(alle, 'GRO'), beheertRegio(alle, 'NOB')]).toEqual([true, true]);
    expect(beheertRegio(P({ rol: 'regio', regio: 'GRO' }), 'GRO')).toBe(false);
  });

  it('writes for its own region, refused for another', () => {
    expect(schrijfRegio(gro)).toBe('GRO');
    expect(schrijfRegio(gro, 'GRO')).toBe('GRO');
    expect(code(() => schrijfRegio(gro, 'NOB'))).toBe(HubErrorCode.FORBIDDEN);
  });

  it('without a region, writes for the region it names and must name one', () => {
    expect(schrijfRegio(alle, 'NOB')).toBe('NOB');
    expect(code(() => schrijfRegio(alle))).toBe(HubErrorCode.VALIDATION_FAILED);
  });
});
