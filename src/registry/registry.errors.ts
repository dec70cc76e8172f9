/** Error codes of the registry (GraphQL `extensions.code`). */
export enum RegistryError {
  /** The AGB code is already registered: onboarding a provider twice is refused, never merged. */
  PROVIDER_EXISTS = 'PROVIDER_EXISTS',
  PROVIDER_NOT_FOUND = 'PROVIDER_NOT_FOUND',
  INVALID_AGB = 'INVALID_AGB',
}
