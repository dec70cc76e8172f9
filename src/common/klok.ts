import { nuInNederland } from './tijd';

/**
 * The hub's clock for business decisions: what "today" and "now" are when a validity, a time
 * limit or a message date is judged. Everything that decides on today asks this module, never
 * `new Date()` or SQL's current_date, so tests can pin the day and the outcome does not depend on
 * the calendar. Pinning moves the clock, it does not stop it: time runs on from the pinned moment.
 * Timestamps of record (a message received or processed at) stay the database's now(); a
 * request's received and answered moments are business dates (its deadline and waiting time run
 * from them), so they come from here.
 */
let verschuivingMs = 0;

/** Now, as a moment. */
export function nu(): Date {
  return new Date(Date.now() + verschuivingMs);
}

/** Today's date in the Netherlands (YYYY-MM-DD): iJw dates carry no zone. */
export function vandaag(): string {
  return nuInNederland(nu()).datum;
}

/** Date and time now in the Netherlands. */
export function tijdstip(): { datum: string; tijd: string } {
  return nuInNederland(nu());
}

/** Reads a moment for zetKlok; undefined when it is no ISO date or date-time. */
export function leesMoment(moment: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(moment)) return undefined;
  // A bare date is noon in the Netherlands: the same day whatever the zone of the machine.
  const t = Date.parse(moment.length === 10 ? `${moment}T12:00:00+01:00` : moment);
  if (Number.isNaN(t)) return undefined;
  // Date.parse rolls 2026-02-30 over into March: a day that does not exist is refused.
  return moment.length === 10 && nuInNederland(new Date(t)).datum !== moment ? undefined : t;
}

/** Pins the clock at `moment` (an ISO date or date-time with zone); tests only (see config HUB_KLOK). */
export function zetKlok(moment: string): void {
  const t = leesMoment(moment);
  if (t === undefined) throw new Error(`zetKlok: not an ISO date or date-time with zone: ${moment}`);
  verschuivingMs = t - Date.now();
}

/** Back to the system clock. */
export function resetKlok(): void {
  verschuivingMs = 0;
}
