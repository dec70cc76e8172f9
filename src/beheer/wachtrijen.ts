import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { AppViewRoute } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { QUEUES, type QueueName } from '../../jobs/registry';

/**
 * bull-board's page as the hub serves it: without the web font it loads from Google and without
 * its inline loading styles, so it runs offline under a CSP of 'self' only.
 */
export function zonderExtern(html: string): string {
  return html
    .replace(/<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>/g, '')
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/\sstyle="[^"]*"/g, '');
}

/** bull-board's Express adapter, its page rendered through `zonderExtern`. */
class HubExpressAdapter extends ExpressAdapter {
  override setEntryRoute(routeDef: AppViewRoute): ExpressAdapter {
    const app: Express = this.app;
    const handler = (_req: Request, res: Response, next: NextFunction) => {
      const { name, params } = routeDef.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
      app.render(name, params, (err: Error | null, html?: string) => (err ? next(err) : void res.type('html').send(zonderExtern(html ?? ''))));
    };
    app[routeDef.method](routeDef.route, handler);
    return this;
  }
}

/**
 * The queue dashboard over every queue of the registry (jobs/registry.ts), on the api's producer
 * connection. `basePath` is where the router is mounted; the page names its files relative to it.
 */
export function wachtrijenDashboard(redis: Redis, prefix: string, basePath: string): { router: Express; queues: Queue[] } {
  const queues = (Object.keys(QUEUES) as QueueName[]).map((naam) => new Queue(naam, { connection: redis, prefix }));
  const adapter = new HubExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { description: `BullMQ-wachtrij ${q.name} (prefix ${prefix})` })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Wachtrijen · jeugdzorg-hub' } },
  });
  return { router: adapter.getRouter() as Express, queues };
}
