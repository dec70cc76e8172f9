import type { ChildProcess } from 'node:child_process';

export interface Supervised {
  name: string;
  process: ChildProcess;
}

/** How the first child to go ended. */
export interface Ending {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** "api exited with code 1", "worker was killed by SIGKILL". */
export function describeEnding(e: Ending): string {
  return e.signal ? `${e.name} was killed by ${e.signal}` : `${e.name} exited with code ${e.code}`;
}

/**
 * Runs processes that only make sense together (the demo's api and worker): when one exits
 * uninvited, the others get SIGTERM, and `done` resolves once all have exited with how that first
 * one ended. `stop()` ends them all on purpose (`done` then resolves with null); calling it again
 * kills what still runs.
 */
export function supervise(children: Supervised[]): { stop: () => void; done: Promise<Ending | null> } {
  let first: Ending | null = null;
  let stopping = false;
  const running = (c: Supervised) => c.process.exitCode === null && c.process.signalCode === null;
  const signal = (s: NodeJS.Signals) => {
    for (const c of children) if (running(c)) c.process.kill(s);
  };
  const stop = () => {
    if (stopping) return signal('SIGKILL');
    stopping = true;
    signal('SIGTERM');
  };
  const exits = children.map(
    (c) =>
      new Promise<void>((resolve) => {
        const ended = (code: number | null, sig: NodeJS.Signals | null) => {
          if (!stopping) {
            first = { name: c.name, code, signal: sig };
            stop();
          }
          resolve();
        };
        if (running(c)) c.process.once('exit', ended);
        else ended(c.process.exitCode, c.process.signalCode);
      }),
  );
  return { stop, done: Promise.all(exits).then(() => first) };
}
