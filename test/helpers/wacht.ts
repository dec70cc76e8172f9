/**
 * The one way a test waits: it polls a state until it holds, never sleeps for "long enough".
 * The deadline only ends a test that would otherwise hang, so it is generous for a busy 2-core
 * machine (TEST_WACHT_MS, default 45 s, inside jest's 60 s per test); how quickly a state is
 * reached never decides a result.
 */
export const WACHT_MS = Number(process.env.TEST_WACHT_MS ?? 45_000);

type Misschien<T> = T | undefined | null | false | 0 | '';

/**
 * Polls `check` (every 10 ms at first, backing off to 200 ms) until it returns a truthy value, and
 * returns that value (a count counts once it is above 0; to wait for a zero, return a comparison).
 * Past the deadline it fails with `wat` (a function is called then, to describe the last state seen).
 */
export async function wachtTot<T>(wat: string | (() => string), check: () => Misschien<T> | Promise<Misschien<T>>, ms = WACHT_MS): Promise<T> {
  const einde = Date.now() + ms;
  let elke = 10;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() >= einde) break;
    await new Promise((r) => setTimeout(r, elke));
    elke = Math.min(200, elke * 2);
  }
  throw new Error(`${typeof wat === 'function' ? wat() : wat}: not reached in ${ms} ms`);
}
