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
 * A chain adapter's way out (the GGk's: Di01/Du01), registered by its module. `bezorg` resolves
 * when the chain took the message (`afgeleverd`) or refused it for good (`mislukt`: a dead letter
 * an administrator redrives); it throws on a failure worth retrying, and the job retries with backoff.
 */
export interface Bezorgkanaal {
  kanaal: Kanaal;
  bezorg(b: TeBezorgenBericht): Promise<'afgeleverd' | 'mislukt'>;
}
