/**
 * Working days in the Netherlands for the iJw time limits (OP090, OP274, OP346): not a Saturday,
 * Sunday or public holiday of the Algemene termijnenwet (Nieuwjaarsdag, tweede Paas- en
 * Pinksterdag, Hemelvaartsdag, Koningsdag, 5 mei, beide Kerstdagen).
 */

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function dag(jaar: number, maand: number, dagNr: number): Date {
  return new Date(Date.UTC(jaar, maand - 1, dagNr));
}

/** Easter Sunday (anonymous Gregorian algorithm). */
export function pasen(jaar: number): Date {
  const a = jaar % 19;
  const b = Math.floor(jaar / 100);
  const c = jaar % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const maand = Math.floor((h + l - 7 * m + 114) / 31);
  return dag(jaar, maand, ((h + l - 7 * m + 114) % 31) + 1);
}

const cache = new Map<number, Set<string>>();

/** The public holidays of a year, as ISO dates. */
export function feestdagen(jaar: number): Set<string> {
  let set = cache.get(jaar);
  if (set) return set;
  const p = pasen(jaar).getTime();
  const naPasen = (n: number) => iso(new Date(p + n * 86_400_000));
  // Koningsdag is 27 April, or the 26th when the 27th is a Sunday.
  const koningsdag = dag(jaar, 4, 27).getUTCDay() === 0 ? dag(jaar, 4, 26) : dag(jaar, 4, 27);
  set = new Set([iso(dag(jaar, 1, 1)), naPasen(1), naPasen(39), naPasen(50), iso(koningsdag), iso(dag(jaar, 5, 5)), iso(dag(jaar, 12, 25)), iso(dag(jaar, 12, 26))]);
  cache.set(jaar, set);
  return set;
}

export function isWerkdag(datum: string): boolean {
  const d = new Date(`${datum}T00:00:00Z`);
  const wd = d.getUTCDay();
  return wd !== 0 && wd !== 6 && !feestdagen(d.getUTCFullYear()).has(datum);
}

/** The date `n` working days after `datum` (the day itself does not count). */
export function plusWerkdagen(datum: string, n: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  let over = n;
  while (over > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWerkdag(iso(d))) over--;
  }
  return iso(d);
}

/** The date `n` calendar weeks after `datum` (the 8-week limit of a request in onderzoek). */
export function plusWeken(datum: string, n: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7 * n);
  return iso(d);
}

/**
 * The first receipt date still within a limit of `n` working days on `vandaag`: what was received
 * before it is overdue (its due date, `n` working days after receipt, lies before today).
 */
export function verlopenVoor(vandaag: string, n: number): string {
  let d = vandaag;
  for (;;) {
    const ervoor = new Date(`${d}T00:00:00Z`);
    ervoor.setUTCDate(ervoor.getUTCDate() - 1);
    const vorige = iso(ervoor);
    if (plusWerkdagen(vorige, n) < vandaag) return d;
    d = vorige;
  }
}
