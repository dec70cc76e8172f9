/**
 * The public waiting-time feed: only aggregates per region, product category and provider, with
 * small counts suppressed. Nothing here names or dates a single client.
 */

/** A number of clients as published: the count from the threshold up, else `<10`. */
export type GepubliceerdAantal = number | '<10';

/** One cell as the single statement computes it, before suppression (never leaves the process). */
export interface RuweCel {
  regioCode: string;
  regioNaam: string;
  productCategorie: string;
  aanbiederAgb: string;
  aanbiederNaam: string | null;
  /** Started in the period, with a known begin of the wait. */
  aantal: number;
  /** Of those, started from a request (JW315): the base of request → allocation. */
  aantalMetAanmelding: number;
  mediaanAanmeldingTotStart: number | null;
  p80AanmeldingTotStart: number | null;
  mediaanAanmeldingTotToewijzing: number | null;
  p80AanmeldingTotToewijzing: number | null;
  mediaanToewijzingTotStart: number | null;
  p80ToewijzingTotStart: number | null;
}

/** One published cell: waiting days rounded to whole days, empty where suppressed. */
export interface OpenCel {
  regioCode: string;
  regioNaam: string;
  productCategorie: string;
  productCategorieNaam: string;
  aanbiederAgb: string;
  aanbiederNaam: string | null;
  aantalClienten: GepubliceerdAantal;
  mediaanAanmeldingTotStart: number | null;
  p80AanmeldingTotStart: number | null;
  mediaanAanmeldingTotToewijzing: number | null;
  p80AanmeldingTotToewijzing: number | null;
  mediaanToewijzingTotStart: number | null;
  p80ToewijzingTotStart: number | null;
}

/** The period the feed covers: whole calendar months, by care started in it. */
export interface Periode {
  van: string;
  tot: string;
}

/** The feed as `GET /open/wachttijden.json` answers it. */
export interface OpenFeed {
  periode: Periode;
  /** When the hub computed these figures (ISO 8601). */
  gegenereerdOp: string;
  /** Counts below this are shown as `<10`, and their cell's figures are left out. */
  drempel: number;
  cellen: OpenCel[];
}
