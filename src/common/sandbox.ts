/**
 * Sandbox regions (README, "Sandbox region"): a region whose code starts with this copies a
 * production region. Row-level security reads the same prefix (`hub_sandbox`, migration
 * 1796800000000-Sandbox), so the code alone says which world a row or a token belongs to.
 */
export const SANDBOX_PREFIX = 'SANDBOX-';

/** Whether a region code is a sandbox's. */
export function isSandboxRegio(regio: string | null | undefined): boolean {
  return !!regio && regio.startsWith(SANDBOX_PREFIX);
}

/** The code of the sandbox that copies production region `regio`. */
export function sandboxCode(regio: string): string {
  return `${SANDBOX_PREFIX}${regio}`;
}

/** Refusal of a message or input in a sandbox that carries a BSN outside the test range (never stored). */
export const SANDBOX_ECHTE_BSN = 'SANDBOX_ECHTE_BSN';
