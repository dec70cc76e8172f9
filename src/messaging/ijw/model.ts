import type { IjwMessage } from './codec';
import type { MessageType } from './definition';
import type { Berichten } from './definitions/types';

export type { Berichten };

/**
 * A parsed message as its generated type (definitions/types.ts), when it is of `type`. Only for a
 * message the codec read without findings: it built `bericht` from the same definitions the types
 * are generated from, so every required element is there and every value has its type.
 */
export function inhoud<T extends MessageType>(m: IjwMessage, type: T): Berichten[T] | undefined {
  return m.type === type ? (m.bericht as unknown as Berichten[T]) : undefined;
}

/** Every message's header, as its generated type: what all types share, and more once narrowed. */
export type Kop = Berichten[MessageType]['Header'];

/**
 * The header of a message of any type: one the codec read without findings (as for `inhoud`), or
 * one the hub built from the same definitions (eigenKop, bouwRetour).
 */
export function kop(m: IjwMessage): Kop {
  return (m.bericht as unknown as Berichten[MessageType]).Header;
}
