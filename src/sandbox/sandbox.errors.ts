import { SANDBOX_ECHTE_BSN } from '../common/sandbox';

/** Error codes of the sandbox (GraphQL `extensions.code`, REST problem `code`). */
export const SandboxFout = {
  /** A message or input in a sandbox with a BSN outside the test range (refused, never stored). */
  echteBsn: SANDBOX_ECHTE_BSN,
  /** `maakSandbox` for a region that has one already: reset it instead. */
  bestaat: 'SANDBOX_BESTAAT',
  /** `resetSandbox` for a region without one. */
  onbekend: 'SANDBOX_ONBEKEND',
  /** The region named is not a production region (a sandbox's own code, or unknown). */
  geenProductie: 'SANDBOX_GEEN_PRODUCTIEREGIO',
  /** No fictitious code is left in the range. */
  codesOp: 'SANDBOX_CODES_OP',
} as const;
export type SandboxFoutCode = (typeof SandboxFout)[keyof typeof SandboxFout];
