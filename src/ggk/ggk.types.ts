/** Namespaces and SOAPActions of the OntvangAsynchroon port (WSDL ggk0210_OntvangAsynchroon_ggkberichten). */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  ggk: 'http://www.stufstandaarden.nl/koppelvlak/ggk0210',
  stuf: 'http://www.egem.nl/StUF/StUF0301',
} as const;

export const SOAP_ACTION = {
  Di01: 'http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01',
  Du01: 'http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Du01',
  Fo01: 'http://www.egem.nl/StUF/StUF0301/Fo01',
} as const;

/** The three operations of the port, by their StUF berichtcode. */
export type Operatie = keyof typeof SOAP_ACTION;

/** The body element of each operation. */
export const BODY_ELEMENT: Readonly<Record<Operatie, { ns: string; naam: string }>> = {
  Di01: { ns: NS.ggk, naam: 'envelopHeenbericht-ggk_Di01' },
  Du01: { ns: NS.ggk, naam: 'envelopRetourbericht-ggk_Du01' },
  Fo01: { ns: NS.stuf, naam: 'Fo01Bericht' },
};

/** StUF `Systeem`: who sends or receives an envelope. */
export interface Systeem {
  organisatie: string;
  applicatie: string;
}

/** The stuurgegevens of a received Di01, Du01 or Fo01. */
export interface Stuurgegevens {
  berichtcode: Operatie;
  zender: Systeem;
  ontvanger: Systeem;
  referentienummer: string;
  tijdstipBericht: string;
  crossRefnummer: string | null;
  functie: string | null;
}

/** A received envelope, read after it passed the XSDs. */
export interface OntvangenEnvelop {
  stuurgegevens: Stuurgegevens;
  /** Di01/Du01: the payload (xmlBestand decoded), or a tekstBestand's marker. */
  bericht: { soort: 'xml'; inhoud: Buffer } | { soort: 'tekst' } | null;
  /** Fo01: its body. */
  fout: { code: string; plek: 'client' | 'server'; omschrijving: string; details: string | null } | null;
  /**
   * SHA-256 of the body element's content (element names, attributes and leaf texts, whatever the
   * prefixes or the whitespace between elements): tells an identical repeat from other content.
   */
  hash: string;
}

/**
 * Fo03 codes the hub answers with (StUF 03.01 §4.4.3; IB007 of the GGk fault list for the size).
 * StUF034/037 as read here: 034 a functie the hub does not receive on that operation, 037 a
 * functie that is not the payload's message type.
 */
export type Fo03Code = 'StUF010' | 'StUF013' | 'StUF016' | 'StUF019' | 'StUF034' | 'StUF037' | 'StUF043' | 'StUF046' | 'StUF055' | 'IB007';

/** Largest envelope, base64 payload included ([SPEC] p16, p19). */
export const MAX_ENVELOP_BYTES = 25 * 1024 * 1024;

/** The receiving application named in every Di01/Du01: always the GGk ([SPEC] §3.2). */
export const GGK_APPLICATIE = 'GGk';

/** Version UUID pattern of the XSD (referentienummer, crossRefnummer). */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
