import { alsTijdstip, vergelijkbaar } from './ggk.tijdstip';

describe('StUF tijdstipBericht', () => {
  it('is Dutch time with milliseconds, 17 digits, in winter and in summer', () => {
    expect(alsTijdstip(new Date('2026-12-06T13:05:09.007Z'))).toBe('20261206140509007');
    expect(alsTijdstip(new Date('2026-07-01T22:30:00.000Z'))).toBe('20260702003000000');
  });

  it('compares a received value of 8 to 17 digits by padding it with zeros', () => {
    expect(vergelijkbaar('20160421132514')).toBe('20160421132514000');
    expect(vergelijkbaar('20160421132514') < vergelijkbaar('20160421132514001')).toBe(true);
    expect(vergelijkbaar('20160422') > vergelijkbaar('20160421235959999')).toBe(true);
  });
});
