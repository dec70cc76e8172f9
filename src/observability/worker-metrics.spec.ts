import { registry } from './metrics';
import { telBatch } from './worker-metrics';

describe('message batch metrics', () => {
  it('count received messages by outcome and time each batch', async () => {
    telBatch([{ status: 'verwerkt' }, { status: 'verwerkt' }, { status: 'ongeldig' }], 0.02);
    telBatch([{ status: 'vastgelopen' }], 0.2);
    const tekst = await registry.metrics();
    expect(tekst).toMatch(/hub_berichten_verwerkt_total\{uitkomst="verwerkt"[^}]*\} 2\n/);
    expect(tekst).toMatch(/hub_berichten_verwerkt_total\{uitkomst="ongeldig"[^}]*\} 1\n/);
    expect(tekst).toMatch(/hub_berichten_verwerkt_total\{uitkomst="vastgelopen"[^}]*\} 1\n/);
    expect(tekst).toMatch(/hub_bericht_batch_seconds_count(\{[^}]*\})? 2\n/);
  });
});
