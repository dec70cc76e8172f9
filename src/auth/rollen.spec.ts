import ROLLEN_JSON from './rollen.json';
import { ROLLEN } from './principal';

it('rollen.json (read by scripts/token.js without a build) lists the roles of principal.ts', () => {
  expect(ROLLEN_JSON).toEqual([...ROLLEN]);
});
