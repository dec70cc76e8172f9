/** Error codes of the VECOZO portal (GraphQL `extensions.code`). */
export enum VecozoError {
  /** The provider does not exchange through VECOZO by the portal (zetVecozoPortaal). */
  PORTAAL_UIT = 'VECOZO_PORTAAL_UIT',
  /** The message is not valid iJw (codec or XSD findings in `extensions.fouten`). */
  ONGELDIG_BERICHT = 'VECOZO_ONGELDIG_BERICHT',
  /** Another message of this provider and type already has this Identificatie. */
  DUBBELE_IDENTIFICATIE = 'VECOZO_DUBBELE_IDENTIFICATIE',
}
