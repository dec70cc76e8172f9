const NL = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});

/**
 * Date (YYYY-MM-DD) and time (HH:MM:SS) in the Netherlands of a moment: iJw dates and times carry
 * no zone. For today or now, ask common/klok (it can be pinned); this only converts.
 */
export function nuInNederland(nu: Date): { datum: string; tijd: string } {
  const [datum, tijd] = NL.format(nu).split(' ');
  return { datum, tijd: tijd.slice(0, 8) };
}

/** A moment in Dutch time as digits with milliseconds (yyyymmddhhmmssmmm, 17 digits), as a StUF Tijdstip. */
export function tijdstipInNederland(d: Date): string {
  return NL.format(d).replace(/[^0-9]/g, '');
}
