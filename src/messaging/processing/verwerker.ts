import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Sleutels } from '../../common/sleutels';
import { KANAAL_ONTVANGEN } from '../kanaal';
import { verwerkBatch, type BatchOpties, type BatchResultaat } from './verwerking';


export interface VerwerkerOpties extends Partial<Omit<BatchOpties, 'handlers'>>, Pick<BatchOpties, 'handlers'> {
  /** Batches run at once in this process, each on its own connection and transaction. */
  parallel: number;
  /** Longest wait when nothing waits; a notification from the inbox ends it at once. */
  pollMs: number;
  /** A connection string to LISTEN on for the inbox's notifications (without one: polling only). */
  listenUrl?: string;
}

/**
 * The worker's message loop: PostgreSQL is the queue. Each of `parallel` loops claims a batch of
 * received messages, processes it and commits, and claims the next at once while there is work;
 * when there is none it waits for the inbox's notification, or at most `pollMs` (a notification
 * lost while the listening connection was away costs at most that). Nothing about the work is
 * kept outside PostgreSQL, so a killed worker or a lost Redis loses nothing: an uncommitted batch
 * is claimed again by whoever comes next.
 */
export function startVerwerker(
  ds: DataSource,
  sleutels: Sleutels,
  opties: VerwerkerOpties,
  hooks: { onError: (e: unknown) => void; onBatch?: (r: BatchResultaat, seconden: number) => void },
): { stop: () => Promise<void> } {
  let stopped = false;
  const wachtenden = new Set<() => void>();
  const wek = () => {
    for (const w of [...wachtenden]) w();
  };
  const wacht = () =>
    new Promise<void>((resolve) => {
      const klaar = () => {
        clearTimeout(t);
        wachtenden.delete(klaar);
        resolve();
      };
      const t = setTimeout(klaar, opties.pollMs);
      wachtenden.add(klaar);
    });
  const luisteraar = opties.listenUrl ? luister(opties.listenUrl, wek, hooks.onError) : undefined;
  const lus = async () => {
    while (!stopped) {
      let n = 0;
      try {
        const start = performance.now();
        const r = await verwerkBatch(ds, sleutels, opties);
        n = r.size;
        if (n) hooks.onBatch?.(r, (performance.now() - start) / 1000);
      } catch (e) {
        hooks.onError(e);
      }
      if (!n && !stopped) await wacht();
    }
  };
  const lussen = Array.from({ length: Math.max(1, opties.parallel) }, () => lus());
  return {
    stop: async () => {
      stopped = true;
      wek();
      await Promise.all(lussen);
      await luisteraar?.stop();
    },
  };
}

/** LISTENs on the inbox's channel; reconnects after a lost connection (polling covers the gap). */
function luister(url: string, wek: () => void, onError: (e: unknown) => void): { stop: () => Promise<void> } {
  let client: Client | undefined;
  let stopped = false;
  let herstel: NodeJS.Timeout | undefined;
  const verbind = async () => {
    const c = new Client({ connectionString: url, application_name: 'hub-worker-listen' });
    c.on('notification', wek);
    c.on('error', (e) => {
      onError(e);
      if (client !== c) return;
      client = undefined;
      if (!stopped) herstel = setTimeout(() => void verbind(), 1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${KANAAL_ONTVANGEN}`);
      if (stopped) return void (await c.end());
      client = c;
    } catch (e) {
      onError(e);
      await c.end().catch(() => undefined);
      if (!stopped) herstel = setTimeout(() => void verbind(), 1000);
    }
  };
  void verbind();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(herstel);
      await client?.end().catch(() => undefined);
    },
  };
}
