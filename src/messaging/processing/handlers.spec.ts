import { MESSAGE_TYPES } from '../ijw/definition';
import { RETOURS } from '../ijw/soorten';
import { BerichtHandlers, type BerichtHandler } from './handlers';
import { berichtHandlers } from '../../modules';

const alle = (): BerichtHandler[] => MESSAGE_TYPES.filter((t) => !RETOURS.has(t)).map((type) => ({ type }));

describe('BerichtHandlers: one handler per message type, checked at start', () => {
  it('takes one handler for every message type that is not a retour', () => {
    expect(() => new BerichtHandlers(alle())).not.toThrow();
  });

  it('refuses a type without a handler, a type with two, and a handler for a retour', () => {
    expect(() => new BerichtHandlers(alle().filter((h) => h.type !== 'JW315'))).toThrow(/without a handler JW315;/);
    expect(() => new BerichtHandlers([...alle(), { type: 'JW305' }])).toThrow(/twice JW305;/);
    expect(() => new BerichtHandlers([...alle(), { type: 'JW306' }])).toThrow(/for a retour JW306/);
  });

  it("the modules' handlers pass the check", () => {
    expect(berichtHandlers().voor('JW323').beantwoord).toBeDefined();
    expect(berichtHandlers().voor('JW305').legVast).toBeDefined();
  });
});
