import { agbProbleem } from './aanbieder.rules';

describe('an AGB code', () => {
  it('is 8 digits whose first two name the kind of provider', () => {
    expect(agbProbleem('71000001')).toBeUndefined();
    expect(agbProbleem('01234567')).toBeUndefined();
  });

  it('is refused when it is not 8 digits or starts with 00', () => {
    for (const agb of ['7100001', '710000011', '7100000a', ' 71000001', '']) expect(agbProbleem(agb)).toMatch(/8 cijfers/);
    expect(agbProbleem('00123456')).toMatch(/00/);
  });
});
