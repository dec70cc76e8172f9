/**
 * Why an AGB code cannot be a provider's, or undefined when it can: 8 digits (the iJw
 * Aanbieder/Zorgverlenerscode, COD835), whose first two name the kind of care provider (01–99,
 * so never 00).
 */
export function agbProbleem(agb: string): string | undefined {
  if (!/^[0-9]{8}$/.test(agb)) return 'Een AGB-code bestaat uit 8 cijfers';
  if (agb.startsWith('00')) return 'Een AGB-code begint met de zorgverlenersoort (01–99), niet met 00';
  return undefined;
}
