import { redenVoor } from './audit-redenen';

describe('the reason of an audited action', () => {
  it('follows the kind of action', () => {
    expect(redenVoor('toewijzing.toegewezen')).toBe('uitvoering toewijzing');
    expect(redenVoor('client.gelezen')).toBe('uitvoering toewijzing');
    expect(redenVoor('declaratie.prestaties.gelezen')).toBe('declaratiecontrole');
    expect(redenVoor('kwartaalrapportage.geexporteerd')).toBe('verantwoording');
    expect(redenVoor('aanbieder.geregistreerd')).toBe('aanbiederbeheer');
    expect(redenVoor('auditregels.gelezen')).toBe('toezicht (NEN 7513)');
  });

  it('has a default for an unlisted kind, and no inherited names', () => {
    expect(redenVoor('iets.nieuws')).toBe('beheer hub');
    expect(redenVoor('constructor.x')).toBe('beheer hub');
    expect(redenVoor('toString')).toBe('beheer hub');
  });
});
