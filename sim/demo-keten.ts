import { randomBytes } from 'node:crypto';
import { GgkSimulator } from './ggk/simulator';
import { Keten } from './keten';
import { startVecozoSimulator } from './vecozo/simulator';

/** The demo's national chain, and what the api and worker need to take part in it. */
export interface DemoKeten {
  env: { GGK: 'on'; GGK_TOKEN: string; GGK_URL: string; VECOZO_URL: string; VECOZO_POLL_MS: string };
  /** What the bridge met that it could not carry (should stay empty). */
  fouten: () => readonly string[];
  stop(): Promise<void>;
}

/**
 * `npm run demo`'s chain: a local GGk and a local VECOZO, each validating against its spec files,
 * joined by the bridge (sim/keten.ts) as the real chain joins them. The hub at `hubUrl` is the
 * municipalities' system on the GGk side and the portal providers' software on the VECOZO side,
 * so a message a portal provider writes goes round the whole chain.
 */
export async function startDemoKeten(hubUrl: string): Promise<DemoKeten> {
  const token = randomBytes(24).toString('hex');
  const ggk = await new GgkSimulator({ hubUrl: `${hubUrl}/ggk/OntvangAsynchroon`, hubToken: token }).start();
  const vecozo = await startVecozoSimulator();
  const keten = new Keten(vecozo, ggk);
  return {
    env: { GGK: 'on', GGK_TOKEN: token, GGK_URL: ggk.url, VECOZO_URL: vecozo.url, VECOZO_POLL_MS: '2000' },
    fouten: () => keten.fouten,
    async stop() {
      await keten.stop();
      await vecozo.stop();
      await ggk.stop();
    },
  };
}
