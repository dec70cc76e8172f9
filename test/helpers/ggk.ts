import type { UitgaandEnvelop } from '../../src/ggk/ggk.xml';

/** A Di01 as the hub writes one (envelop()), for the GGk door's unit tests. */
export const voorbeeldDi01: UitgaandEnvelop = {
  berichtcode: 'Di01',
  zender: { organisatie: '12345678', applicatie: 'Portaal' },
  ontvanger: { organisatie: '0363', applicatie: 'GGk' },
  referentienummer: '3dadab53-7e98-4543-b4af-cec3f61de2ec',
  tijdstipBericht: '20261206183752901',
  crossRefnummer: null,
  functie: 'JW305',
  versies: { applicatieVersie: '0003', applicatieSubversie: '0002', functieVersie: '0003', functieSubversie: '0002' },
  xml: Buffer.from('<JW305 xmlns="http://www.istandaarden.nl/ijw/3_2/jw305/schema"/>'),
};
