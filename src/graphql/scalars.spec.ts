import { GraphQLLocalDate } from 'graphql-scalars';
import { isLocalDate } from './scalars';

/** The library's own check, the reference: a value it accepts, ours accepts, and the other way round. */
function library(v: unknown): boolean {
  try {
    GraphQLLocalDate.parseValue(v);
    return true;
  } catch {
    return false;
  }
}

describe('isLocalDate', () => {
  it('answers as the graphql-scalars check does', () => {
    const values: unknown[] = ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '1900-02-29', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10',
      '2026-01-00', '2026-1-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '', '0000-01-01', '9999-12-31', 20260101, null, undefined, new Date()];
    for (let d = new Date(Date.UTC(2023, 0, 1)); d.getUTCFullYear() < 2029; d.setUTCDate(d.getUTCDate() + 1)) values.push(d.toISOString().slice(0, 10));
    for (let m = 1; m <= 12; m++) for (const dag of [28, 29, 30, 31, 32]) values.push(`2100-${String(m).padStart(2, '0')}-${dag}`);
    for (const v of values) expect([v, isLocalDate(v)]).toEqual([v, library(v)]);
  });
});
