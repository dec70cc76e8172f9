import { MESSAGE_TYPES } from './definition';
import { AANBIEDER_IS_AFZENDER, BEANTWOORD, DOORGESTUURD, EEN_CLIENT, HEEN_VAN, NAAR_AANBIEDER, RETOUR_VAN, RETOURS, SOORTEN, VAN_AANBIEDER } from './soorten';

const lijst = (s: ReadonlySet<string>) => [...s].sort();

describe('the table of message kinds and what derives from it (ijw-3.2.md §3)', () => {
  it('a retour answers a heen message of the other party, which names it as its answer', () => {
    for (const t of MESSAGE_TYPES) {
      const heen = SOORTEN[t].retourOp;
      if (!heen) continue;
      expect(SOORTEN[heen].beantwoordMet).toBe(t);
      expect(SOORTEN[heen].van).not.toBe(SOORTEN[t].van);
    }
  });

  it('gives the sets the hub routes by', () => {
    expect(lijst(VAN_AANBIEDER)).toEqual(['JW302', 'JW305', 'JW307', 'JW315', 'JW317', 'JW320', 'JW323']);
    expect(lijst(NAAR_AANBIEDER)).toEqual(['JW301', 'JW306', 'JW308', 'JW316', 'JW318', 'JW319', 'JW325']);
    expect(lijst(RETOURS)).toEqual(['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320']);
    expect(lijst(AANBIEDER_IS_AFZENDER)).toEqual(['JW305', 'JW306', 'JW307', 'JW308', 'JW315', 'JW316', 'JW317', 'JW318', 'JW323']);
    expect(lijst(EEN_CLIENT)).toEqual(['JW301', 'JW305', 'JW307', 'JW315', 'JW317']);
    expect(lijst(DOORGESTUURD)).toEqual(['JW301', 'JW319', 'JW325']);
    expect(lijst(BEANTWOORD)).toEqual(['JW305', 'JW307', 'JW315', 'JW317', 'JW323']);
    expect(HEEN_VAN).toEqual({ JW302: 'JW301', JW306: 'JW305', JW308: 'JW307', JW316: 'JW315', JW318: 'JW317', JW320: 'JW319' });
    expect(RETOUR_VAN).toEqual({ JW301: 'JW302', JW305: 'JW306', JW307: 'JW308', JW315: 'JW316', JW317: 'JW318', JW319: 'JW320', JW323: 'JW325' });
  });
});
