/**
 * Why an action was taken (NEN 7513 "waarom"): the purpose each kind of action serves, by the
 * first part of its name (`toewijzing.toegewezen` → `toewijzing`). Written into the audit row with
 * the action, so a later change of this table does not rewrite what the trail says.
 */
const REDENEN: Record<string, string> = {
  toewijzing: 'uitvoering toewijzing',
  verzoek: 'uitvoering toewijzing',
  client: 'uitvoering toewijzing',
  bericht: 'berichtenverkeer iJw',
  declaratie: 'declaratiecontrole',
  afrekening: 'financiële afwikkeling',
  contract: 'contractbeheer',
  openhouse: 'contractbeheer',
  product: 'contractbeheer',
  tarief: 'contractbeheer',
  tarieven: 'contractbeheer',
  arrangement: 'contractbeheer',
  lumpsum: 'bekostiging',
  begrotingspost: 'bekostiging',
  kwartaalrapportage: 'verantwoording',
  capaciteit: 'capaciteit en wachttijden',
  wachttijdnorm: 'capaciteit en wachttijden',
  aanbieder: 'aanbiederbeheer',
  bezorgadres: 'aanbiederbeheer',
  gemeente: 'inrichting gemeente',
  auditregels: 'toezicht (NEN 7513)',
};

/** The reason the hub records for an action; `beheer hub` for an action of no listed kind. */
export function redenVoor(actie: string): string {
  const soort = actie.split('.')[0];
  return Object.hasOwn(REDENEN, soort) ? REDENEN[soort] : 'beheer hub';
}
