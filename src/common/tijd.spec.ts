import { nuInNederland } from './tijd';

it('gives the Dutch calendar date and time, summer and winter', () => {
  expect(nuInNederland(new Date('2026-01-15T23:30:00Z'))).toEqual({ datum: '2026-01-16', tijd: '00:30:00' });
  expect(nuInNederland(new Date('2026-07-01T22:15:05Z'))).toEqual({ datum: '2026-07-02', tijd: '00:15:05' });
  expect(nuInNederland(new Date('2026-07-01T12:00:00Z'))).toEqual({ datum: '2026-07-01', tijd: '14:00:00' });
});
