import { MESSAGE_TYPES, type MessageType } from './definition';

/** What iJw 3.2 says of one message type, apart from its fields: the one table every other fact derives from. */
export interface BerichtSoort {
  /** Who sends it: the provider or the municipality. */
  van: 'aanbieder' | 'gemeente';
  /** For a retour (it copies the header of the message it answers): that message's type. */
  retourOp?: MessageType;
  /** What answers it: its retour, or for a claim its JW325. */
  beantwoordMet?: MessageType;
  /** About exactly one client (one Client with one Bsn): a client's messages are judged in the order received. */
  eenClient: boolean;
  /** A municipality's message from its own case system: checked and recorded by the hub, forwarded to the provider, who answers it. */
  doorgestuurd: boolean;
}

/** The 14 messages of iJw 3.2 (ijw-3.2.md §3). */
export const SOORTEN: Readonly<Record<MessageType, BerichtSoort>> = {
  JW301: { van: 'gemeente', beantwoordMet: 'JW302', eenClient: true, doorgestuurd: true },
  JW302: { van: 'aanbieder', retourOp: 'JW301', eenClient: false, doorgestuurd: false },
  JW305: { van: 'aanbieder', beantwoordMet: 'JW306', eenClient: true, doorgestuurd: false },
  JW306: { van: 'gemeente', retourOp: 'JW305', eenClient: false, doorgestuurd: false },
  JW307: { van: 'aanbieder', beantwoordMet: 'JW308', eenClient: true, doorgestuurd: false },
  JW308: { van: 'gemeente', retourOp: 'JW307', eenClient: false, doorgestuurd: false },
  JW315: { van: 'aanbieder', beantwoordMet: 'JW316', eenClient: true, doorgestuurd: false },
  JW316: { van: 'gemeente', retourOp: 'JW315', eenClient: false, doorgestuurd: false },
  JW317: { van: 'aanbieder', beantwoordMet: 'JW318', eenClient: true, doorgestuurd: false },
  JW318: { van: 'gemeente', retourOp: 'JW317', eenClient: false, doorgestuurd: false },
  JW319: { van: 'gemeente', beantwoordMet: 'JW320', eenClient: false, doorgestuurd: true },
  JW320: { van: 'aanbieder', retourOp: 'JW319', eenClient: false, doorgestuurd: false },
  JW323: { van: 'aanbieder', beantwoordMet: 'JW325', eenClient: false, doorgestuurd: false },
  JW325: { van: 'gemeente', eenClient: false, doorgestuurd: true },
};

const waar = (f: (s: BerichtSoort) => boolean): ReadonlySet<MessageType> => new Set(MESSAGE_TYPES.filter((t) => f(SOORTEN[t])));

/** Sent by a provider (its heen messages, and its retours on JW301/JW319); the rest by a municipality. */
export const VAN_AANBIEDER = waar((s) => s.van === 'aanbieder');
/** Delivered to a provider: everything a municipality sends, and what the hub writes on its behalf. */
export const NAAR_AANBIEDER = waar((s) => s.van === 'gemeente');
/** Retours: they copy Afzender and Ontvanger from the message they answer, so their sender is the Ontvanger. */
export const RETOURS = waar((s) => s.retourOp !== undefined);
/** Types whose header Afzender is the provider: its heen messages and the retours of them. */
export const AANBIEDER_IS_AFZENDER = waar((s) => (s.retourOp ? SOORTEN[s.retourOp].van : s.van) === 'aanbieder');
/** About one client: judged one at a time per client, in the order received (see `BerichtSoort.eenClient`). */
export const EEN_CLIENT = waar((s) => s.eenClient);
/** Checked, recorded and forwarded (see `BerichtSoort.doorgestuurd`). */
export const DOORGESTUURD = waar((s) => s.doorgestuurd);
/** The heen message of each retour. */
export const HEEN_VAN: Readonly<Partial<Record<MessageType, MessageType>>> = Object.fromEntries(MESSAGE_TYPES.flatMap((t) => (SOORTEN[t].retourOp ? [[t, SOORTEN[t].retourOp]] : [])));
/** The retour or answer of each message that gets one. */
export const RETOUR_VAN: Readonly<Partial<Record<MessageType, MessageType>>> = Object.fromEntries(MESSAGE_TYPES.flatMap((t) => (SOORTEN[t].beantwoordMet ? [[t, SOORTEN[t].beantwoordMet]] : [])));
/** What the hub answers itself with a retour or JW325: what a provider sends that is not itself a retour. */
export const BEANTWOORD = waar((s) => s.van === 'aanbieder' && s.retourOp === undefined);
