import type { IjwMessage } from '../ijw/codec';
import type { BerichtStatus } from '../status';
import { MESSAGE_TYPES, type MessageType } from '../ijw/definition';
import { RETOURS } from '../ijw/soorten';
import type { Bevindingen } from './retour';
import type { Niveau3Context, Niveau3Regel } from './rules';

/** A finding recorded beside a message (why it is invalid, refused or not linked). */
export type Fout = { path: string; message: string };

/** A refusal found while recording a message: its retour code, when it has one, beside its text. */
export interface Weigering extends Fout {
  retourcode?: string;
}

/**
 * What judging one message decided. The batch writes every outcome together: the message's new
 * status, and a standard retour numbered and stored with the others. A claim's JW325 is written by
 * the claim path itself (it is also written when the back office releases a held claim).
 */
export interface Uitkomst {
  status: Extract<BerichtStatus, 'verwerkt' | 'ongeldig' | 'afgekeurd' | 'klaar' | 'aangehouden'>;
  retourcodes: string[];
  fouten: Fout[] | null;
  /** For a forwarded message: whether the provider now sees it (otherwise unchanged). */
  aanbiederZiet?: boolean;
  /** A retour to number and write: the message it answers and what the rules found. */
  retour?: { message: IjwMessage; bevindingen: Bevindingen };
  /** The answer the handler wrote and recorded itself, status included. */
  geschreven?: { retourId: string };
}

/**
 * What a domain module contributes for one message type it owns. Messaging does the rest the
 * same for every type: structure, level 2, the rules every message gets (TR135, TR056, TR378,
 * TR381), retours linked to their heen message, the standard retour, forwarding to the provider.
 */
export interface BerichtHandler {
  type: MessageType;
  /** Levels 3–4 of this type, keyed by their official codes, run after the rules every message gets. */
  regels?: Readonly<Record<string, Niveau3Regel>>;
  /**
   * What a message without codes records, in the batch's transaction. For a message forwarded to
   * the provider, what refuses it instead (then nothing may have been recorded).
   */
  legVast?: (c: Niveau3Context) => Promise<readonly Weigering[] | void>;
  /** Answers the message itself instead of the standard retour; undefined: the standard way after all. */
  beantwoord?: (c: Niveau3Context, b: Bevindingen) => Promise<Uitkomst | undefined>;
}

/**
 * The handlers of every message type the hub answers or forwards, one each. Built once at start:
 * a type without a handler, a type with two, or a handler for a retour (retours are linked to the
 * message they answer, the same for every type) stops the process.
 */
export class BerichtHandlers {
  private readonly perType = new Map<MessageType, BerichtHandler>();

  constructor(handlers: readonly BerichtHandler[]) {
    const twee = handlers.filter((h, i) => handlers.findIndex((x) => x.type === h.type) !== i).map((h) => h.type);
    const retour = handlers.filter((h) => RETOURS.has(h.type)).map((h) => h.type);
    for (const h of handlers) this.perType.set(h.type, h);
    const zonder = MESSAGE_TYPES.filter((t) => !RETOURS.has(t) && !this.perType.has(t));
    if (twee.length || retour.length || zonder.length) {
      throw new Error(`message handlers: without a handler ${zonder.join(',') || '-'}; twice ${twee.join(',') || '-'}; for a retour ${retour.join(',') || '-'}`);
    }
  }

  voor(type: MessageType): BerichtHandler {
    const h = this.perType.get(type);
    if (!h) throw new Error(`no handler for ${type}`);
    return h;
  }
}
