import { DECLARATIE_BERICHTEN } from './declaratie/berichten';
import { BerichtHandlers } from './messaging/processing/handlers';
import { TOEWIJZING_BERICHTEN } from './toewijzing/berichten';

let handlers: BerichtHandlers | undefined;

/**
 * The message handlers of every domain module, checked once: a message type without a handler,
 * or with two, throws here, so the worker does not start.
 */
export function berichtHandlers(): BerichtHandlers {
  handlers ??= new BerichtHandlers([...TOEWIJZING_BERICHTEN, ...DECLARATIE_BERICHTEN]);
  return handlers;
}
