import type { EntityManager } from 'typeorm';
import { nu } from '../common/klok';
import { tijdstipInNederland } from '../common/tijd';
import type { Systeem } from './ggk.types';
import { prepared } from '../db/prepared';

/**
 * A moment as StUF Tijdstip with milliseconds (yyyymmddhhmmssmmm, 17 digits) in Dutch time: the
 * spec is silent on the zone; its examples are local times.
 */
export function alsTijdstip(d: Date): string {
  return tijdstipInNederland(d);
}

/** A received tijdstipBericht (8–17 digits) made comparable with the stored 17 digits. */
export const vergelijkbaar = (t: string) => t.padEnd(17, '0');

/**
 * The next tijdstipBericht of one of the hub's sending systems: now, or one millisecond above the
 * last one handed out when now is not later (a clock set back, a burst within a millisecond).
 * The row lock serialises concurrent senders; the value is committed with the envelope.
 */
export async function volgendTijdstip(em: EntityManager, zender: Systeem): Promise<string> {
  return (await volgendeTijdstippen(em, zender, 1))[0];
}

/**
 * `n` next tijdstipBericht values of one sending system at once, rising by one millisecond from
 * the first (as `n` calls of volgendTijdstip in a row would give them), under one lock of its row.
 */
export async function volgendeTijdstippen(em: EntityManager, zender: Systeem, n: number): Promise<string[]> {
  if (n < 1) return [];
  const r = await prepared<{ laatste: string }>(em,
    `INSERT INTO ggk_tijdstip (organisatie, applicatie, laatste) VALUES ($1, $2, lpad(($3::numeric + $4 - 1)::text, 17, '0'))
     ON CONFLICT (organisatie, applicatie) DO UPDATE
       SET laatste = lpad((greatest($3::numeric, ggk_tijdstip.laatste::numeric + 1) + $4 - 1)::text, 17, '0')
     RETURNING laatste`,
    [zender.organisatie, zender.applicatie, alsTijdstip(nu()), n],
  );
  const laatste = BigInt(r[0].laatste);
  return Array.from({ length: n }, (_, i) => String(laatste - BigInt(n - 1 - i)).padStart(17, '0'));
}

/**
 * Records a received tijdstipBericht when it is later than the sender's last one; false (StUF019)
 * when it is not. Under the row's lock, so two envelopes of one sender cannot both pass.
 */
export async function stijgt(em: EntityManager, zender: Systeem, tijdstip: string): Promise<boolean> {
  const r = await prepared<{ laatste: string }>(em,
    `INSERT INTO ggk_tijdstip (organisatie, applicatie, laatste) VALUES ($1, $2, $3)
     ON CONFLICT (organisatie, applicatie) DO UPDATE SET laatste = EXCLUDED.laatste WHERE ggk_tijdstip.laatste < EXCLUDED.laatste
     RETURNING laatste`,
    [zender.organisatie, zender.applicatie, vergelijkbaar(tijdstip)],
  );
  return r.length > 0;
}
