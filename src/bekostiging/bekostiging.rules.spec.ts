import { HubError } from '../common/hub-error';
import { Verdeelsleutel } from './bekostiging.enums';
import { bandafrekening, sleutelGewichten } from './bekostiging.rules';
import { verdeel } from './verdeel';

describe('bandafrekening', () => {
  it('claws back below the minimum, pays extra above the maximum, nothing inside', () => {
    expect(bandafrekening(3, 5, 8, 250_000)).toEqual({ verschil: -2, bedragCenten: -500_000 });
    expect(bandafrekening(5, 5, 8, 250_000)).toEqual({ verschil: 0, bedragCenten: 0 });
    expect(bandafrekening(8, 5, 8, 250_000)).toEqual({ verschil: 0, bedragCenten: 0 });
    expect(bandafrekening(11, 5, 8, 250_000)).toEqual({ verschil: 3, bedragCenten: 750_000 });
    expect(bandafrekening(0, 0, 0, 99)).toEqual({ verschil: 0, bedragCenten: 0 });
  });
});

describe('sleutelGewichten', () => {
  const invoer = [
    { inwoners: 160000, clienten: 2 },
    { inwoners: 95000, clienten: 1 },
    { inwoners: 27000, clienten: 2 },
  ];

  it('inhabitants and use give the counts themselves', () => {
    expect(sleutelGewichten(Verdeelsleutel.inwoners, invoer, 100)).toEqual([160000n, 95000n, 27000n]);
    expect(sleutelGewichten(Verdeelsleutel.gebruik, invoer, 0)).toEqual([2n, 1n, 2n]);
  });

  it('the mix is exact: 70 % by inhabitants and 30 % by use of 1000 cents', () => {
    // 1000 × (0.7 × 160/282 + 0.3 × 2/5) = 517.16; (0.7 × 95/282 + 0.3 × 1/5) = 295.82; (0.7 × 27/282 + 0.3 × 2/5) = 187.02.
    expect(verdeel(1000, sleutelGewichten(Verdeelsleutel.gemengd, invoer, 70))).toEqual([517, 296, 187]);
    expect(sleutelGewichten(Verdeelsleutel.gemengd, invoer, 100)).toEqual(sleutelGewichten(Verdeelsleutel.gemengd, invoer, 100));
  });

  it('refuses use as a key when there is none', () => {
    const leeg = invoer.map((g) => ({ ...g, clienten: 0 }));
    expect(() => sleutelGewichten(Verdeelsleutel.gebruik, leeg, 0)).toThrow(HubError);
    expect(() => sleutelGewichten(Verdeelsleutel.gemengd, leeg, 50)).toThrow(HubError);
    expect(sleutelGewichten(Verdeelsleutel.gemengd, leeg, 100)).toEqual([160000n, 95000n, 27000n]);
  });
});
