import type { EntityManager } from 'typeorm';
import type { Kanaal } from '../keten-route.entity';

/** An outbound message to deliver through a chain channel, as the delivery job reads it. */
export interface TeBezorgenBericht {
  id: string;
  type: string;
  /** The iJw XML, decrypted. */
  xml: Buffer;
  aanbiederAgb: string;
  gemeenteCode: string;
  /** For a retour: the message it answers. */
  heenId: string | null;
}

/**
 * How a chain delivery ended, decided inside the transaction that closes it: `afgeleverd` (the
 * chain took it), `mislukt` (refused for good: a dead letter an administrator redrives), or
 * `opnieuw` (the chain asked for the same message again meanwhile: the job retries).
 */
export type KanaalUitkomst = 'afgeleverd' | 'mislukt' | 'opnieuw';

/**
 * A chain adapter's way out (the GGk's: Di01/Du01), registered by its module. `bezorg` hands the
 * message to the chain and resolves with the step that records the outcome; the delivery runs
 * that step in the same transaction that sets the message's state, so a fault the chain reports
 * asynchronously (it may overtake the chain's own acknowledgement) is never overwritten by it.
 * `bezorg` throws on a failure worth retrying, and the job retries with backoff.
 */
export interface Bezorgkanaal {
  kanaal: Kanaal;
  bezorg(b: TeBezorgenBericht): Promise<((em: EntityManager) => Promise<KanaalUitkomst>) | typeof NIET_VIA_KANAAL>;
}

/**
 * A retour whose message did not come in through the channel (the provider sent it to the hub
 * directly, before or beside the chain): it goes back the way that message came, not through the
 * channel, which could not answer it.
 */
export const NIET_VIA_KANAAL = Symbol('niet via dit kanaal');
