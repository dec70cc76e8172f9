import { setLogDestination } from '../../src/observability/logger';

/** One log line as written (pino JSON). */
export type LogRegel = Record<string, unknown> & { level: string; msg: string };

export interface LogVanger {
  /** Every line since `vangLogs()`, parsed. */
  regels: LogRegel[];
  /** Every line as written, for asserting what must never appear. */
  tekst(): string;
  /** The first line (seen already or still to come) for which `past` holds: synchronise on a log event, no sleeps. */
  wachtOp(past: (r: LogRegel) => boolean): Promise<LogRegel>;
  /** Back to the process streams. */
  stop(): void;
}

/** Captures what the hub logs in this process (api and in-process worker), also under HUB_SILENT. */
export function vangLogs(): LogVanger {
  const regels: LogRegel[] = [];
  const ruw: string[] = [];
  const wachtend: { past: (r: LogRegel) => boolean; klaar: (r: LogRegel) => void }[] = [];
  setLogDestination({
    write(line: string) {
      ruw.push(line);
      const r = JSON.parse(line) as LogRegel;
      regels.push(r);
      for (const w of [...wachtend]) {
        if (w.past(r)) {
          wachtend.splice(wachtend.indexOf(w), 1);
          w.klaar(r);
        }
      }
    },
  });
  return {
    regels,
    tekst: () => ruw.join(''),
    wachtOp: (past) => {
      const al = regels.find(past);
      return al ? Promise.resolve(al) : new Promise((klaar) => wachtend.push({ past, klaar }));
    },
    stop: () => setLogDestination(undefined),
  };
}
