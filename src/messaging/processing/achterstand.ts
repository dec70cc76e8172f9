import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../../auth/principal';
import { withTenant } from '../../db/tenant';

/** What waits in the message path, over all tenants (counts only): for the worker's metrics. */
export interface Achterstand {
  /** Received messages waiting to be processed, and outbox rows (deliveries) whose job has not finished. */
  open: number;
  /** Age of the oldest of those, in seconds; 0 when there is none. */
  oudsteSeconden: number;
  /** Deliveries that failed their last attempt (`mislukt`) and messages whose processing kept failing (`vastgelopen`): the dead letters, until redriven. */
  mislukt: number;
}

/**
 * One statement. The outbox counts use its partial indexes on `afgehandeld_op IS NULL`, so they
 * cost what is open, not what ever passed; the dead letters are a scan of `bericht`, which is
 * why callers read this on an interval rather than per request.
 */
export async function telAchterstand(ds: DataSource): Promise<Achterstand> {
  return withTenant(ds, SYSTEEM, async (em) => {
    const r = await em.query<{ open: number; oudste: number; mislukt: number }[]>(
      `SELECT o.open + w.open AS open, greatest(o.oudste, w.oudste) AS oudste,
              (SELECT count(*)::int FROM bericht WHERE status IN ('mislukt', 'vastgelopen')) AS mislukt
         FROM (SELECT count(*)::int AS open, coalesce(extract(epoch FROM now() - min(aangemaakt_op)), 0)::float8 AS oudste
                 FROM outbox WHERE afgehandeld_op IS NULL) o,
              (SELECT count(*)::int AS open, coalesce(extract(epoch FROM now() - min(ontvangen_op)), 0)::float8 AS oudste
                 FROM bericht WHERE status = 'ontvangen' AND richting = 'in') w`,
    );
    return { open: r[0].open, oudsteSeconden: r[0].oudste, mislukt: r[0].mislukt };
  });
}
