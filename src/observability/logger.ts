import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentRequestId } from './request-context';

/**
 * Structured logs (pino, JSON lines): warnings and errors on stderr, the rest on stdout. Never log
 * a BSN or a whole entity; `redact` is the backstop for a `bsn` field and for credentials.
 * HUB_SILENT=1 (the tests) keeps the process streams quiet, read at each line so a test can turn it off.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';

/** Where lines go instead of stdout/stderr (a test reads them); undefined: the process streams. */
let capture: DestinationStream | undefined;

const procesStroom = (stroom: 'stdout' | 'stderr'): DestinationStream => ({
  write(line: string) {
    if (capture) capture.write(line);
    else if (process.env.HUB_SILENT !== '1') process[stroom].write(line);
  },
});

// dedupe: a line goes to the stream of the highest level it reaches (stderr from warn up).
const bestemming = () => pino.multistream([{ level: 'debug', stream: procesStroom('stdout') }, { level: 'warn', stream: procesStroom('stderr') }], { dedupe: true });

/** Credentials and client identity never reach a line, whatever a call site passes. */
export const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'bsn', '*.bsn', '*.*.bsn', 'token', '*.token'];

const OPTIES: LoggerOptions = {
  // Until the config is read (setLogLevel); a bad value is the config's to refuse, not this import's.
  level: ['debug', 'info', 'warn', 'error'].includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL : 'info',
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: REDACT, censor: '[verwijderd]' },
};

/** The root logger; every line written in a request's or job's scope carries its `requestId`. */
export const logger: Logger = pino(
  {
    ...OPTIES,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId === undefined ? {} : { requestId };
    },
  },
  bestemming(),
);

/** The logger of the per-request line (pino-http): it binds `requestId` itself, so no mixin. */
export const httpLogger: Logger = pino(OPTIES, bestemming());

export function setLogLevel(l: Level): void {
  logger.level = l;
  httpLogger.level = l;
}

/**
 * Sends every line to `stream` (also under HUB_SILENT) until called again without one: how a
 * test reads what the hub logs, in-process.
 */
export function setLogDestination(stream: DestinationStream | undefined): void {
  capture = stream;
}

/** The call sites' API: a message and its fields. */
export const log = {
  debug: (msg: string, f: Record<string, unknown> = {}) => logger.debug(f, msg),
  info: (msg: string, f: Record<string, unknown> = {}) => logger.info(f, msg),
  warn: (msg: string, f: Record<string, unknown> = {}) => logger.warn(f, msg),
  error: (msg: string, f: Record<string, unknown> = {}) => logger.error(f, msg),
};
