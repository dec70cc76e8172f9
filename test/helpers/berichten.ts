import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { bezorgBericht } from '../../src/messaging/processing/bezorging';
import { startRelay } from '../../src/messaging/processing/relay';
import { verwerkBericht } from '../../src/messaging/processing/verwerking';

/** The worker side of the message path, in-process, on a random queue prefix. */
export function startBerichtenWorker(ds: DataSource, keyBase64: string) {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const key = Buffer.from(keyBase64, 'base64');
  const queue = new Queue('berichten', { connection, prefix });
  const worker = new Worker(
    'berichten',
    async (job) => {
      const id = (job.data as { berichtId: string }).berichtId;
      return job.name === 'verwerk-bericht' ? verwerkBericht(ds, key, id) : bezorgBericht(ds, key, id, key);
    },
    { connection, prefix, concurrency: 4 },
  );
  const relay = startRelay(ds, queue, { intervalMs: 20, staleMs: 60_000 }, () => undefined);
  return {
    async close() {
      await relay.stop();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}
