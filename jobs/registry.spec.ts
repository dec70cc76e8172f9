import { checkHandlers, selectQueues } from './registry';

describe('job registry', () => {
  it('accepts a complete handler table and refuses gaps and strangers', () => {
    const ok = { 'contract-status': () => Promise.resolve({}), 'lumpsum-voorschotten': () => Promise.resolve({}), herversleutel: () => Promise.resolve({}), 'bezorg-bericht': () => Promise.resolve({}), 'bezorg-budgetsignaal': () => Promise.resolve({}) };
    expect(() => checkHandlers(ok)).not.toThrow();
    expect(() => checkHandlers({})).toThrow(/missing contract-status,lumpsum-voorschotten,herversleutel,bezorg-bericht,bezorg-budgetsignaal/);
    expect(() => checkHandlers({ ...ok, onbekend: () => Promise.resolve({}) })).toThrow(/unknown onbekend/);
  });
  it('selects queues from config', () => {
    expect(selectQueues('*')).toEqual(['onderhoud', 'berichten']);
    expect(selectQueues('onderhoud')).toEqual(['onderhoud']);
    expect(() => selectQueues('onderhoud,bestaatniet')).toThrow(/bestaatniet/);
  });
});
