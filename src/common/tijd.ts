const NL = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Date (YYYY-MM-DD) and time (HH:MM:SS) in the Netherlands: iJw dates and times carry no zone. */
export function nuInNederland(nu: Date = new Date()): { datum: string; tijd: string } {
  const [datum, tijd] = NL.format(nu).split(' ');
  return { datum, tijd };
}
