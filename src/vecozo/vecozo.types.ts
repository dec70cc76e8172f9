/**
 * The VSP-Koppeling's messages as the hub sends and reads them, typed from VECOZO's OpenAPI
 * documents (`spec/vecozo-vsp/`: push V1 1.0.2, pull V1 1.0.0, berichtstatus V3).
 */

import type { Kop } from '../messaging/ijw/model';

/**
 * A message's own identification: BerichtIdentificatie, or of a retour IdentificatieRetour and
 * DagtekeningRetour. With the Header Afzender and the type it names one iJw message on both sides
 * of the chain (the portal's and the municipality's).
 */
export function eigenKenmerk(h: Kop): { identificatie: string; dagtekening: string } {
  return 'IdentificatieRetour' in h ? { identificatie: h.IdentificatieRetour, dagtekening: h.DagtekeningRetour } : { identificatie: h.BerichtIdentificatie.Identificatie, dagtekening: h.BerichtIdentificatie.Dagtekening };
}

/** Where a portal message is: uit: te_versturen → verstuurd | geweigerd; in: ontvangen. */
export type VecozoBerichtStatus = 'te_versturen' | 'verstuurd' | 'geweigerd' | 'ontvangen';
export const VECOZO_STATUSSEN: readonly VecozoBerichtStatus[] = ['te_versturen', 'verstuurd', 'geweigerd', 'ontvangen'];

/** The types a portal provider writes and pushes (issue 13): its heen messages. */
export const PORTAAL_SOORTEN = ['JW305', 'JW307', 'JW315', 'JW317', 'JW323'] as const;
export type PortaalSoort = (typeof PORTAAL_SOORTEN)[number];

/** `components.schemas.Relatie`. */
export interface Relatie {
  rol: string;
  code?: string;
}

/** `components.schemas.Berichtstroom`. */
export interface Berichtstroom {
  berichttype: string;
  berichtsubtype?: string;
  berichtversie: number;
  berichtsubversie: number;
  actie: string;
}

/** `components.schemas.Referentiegegevens`. */
export interface Referentiegegevens {
  conversatieId: string;
  traceerId: string;
  alsAntwoordOp?: string;
  referentieId?: string;
}

/** Push: `components.schemas.BerichtMetadata` (the multipart part `berichtMetadata`). */
export interface PushMetadata {
  routeringgegevens: { afzender: Relatie; geadresseerden: Relatie[]; berichtstroom: Berichtstroom };
  referentiegegevens: Referentiegegevens;
}

/** Pull: `components.schemas.BerichtMetadata`, one item of `GET /berichten`. */
export interface PullMetadata extends PushMetadata {
  basisgegevens: { ontvangenOp: string; payload: { url: string; grootte: number; checksum: { algoritme: string; waarde: string } } };
}

/** Berichtstatus V3: `components.schemas.Melding`. */
export interface Melding {
  code: string;
  omschrijving: string;
  toelichting?: string;
}

/** Berichtstatus V3: `components.schemas.BerichtstatusGegevens`. */
export interface BerichtstatusGegevens {
  referentiegegevens: Referentiegegevens;
  berichtstroom: Berichtstroom;
  berichtstatus: string;
  berichtstatusGewijzigdOp: string;
  berichtOntvangenOp: string;
  meldingen?: Melding[];
}

/** `components.schemas.ValidationProblemDetails`: VECOZO's answer to a refused request. */
export interface ValidationProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[]>;
  [k: string]: unknown;
}

/**
 * V3 states after which nothing changes for the sender (the documents name no final states: an
 * assumption). `AanbiedenMislukt` is not among them: VECOZO may offer the message again.
 */
export const DEFINITIEVE_STATUSSEN: ReadonlySet<string> = new Set(['Bezorgd', 'AfgekeurdDoorDienst', 'BezorgingAfgebroken', 'DeelberichtAanleveringAfgekeurd']);

/**
 * The berichtstroom of an iJw 3.2 message: the documents leave the values to the chain
 * (`berichttype` etc. are free text); the hub sends the message type, version 3.2 and `Verzenden`.
 */
export function berichtstroomVan(type: string): Berichtstroom {
  return { berichttype: type, berichtversie: 3, berichtsubversie: 2, actie: 'Verzenden' };
}

/** The roles of the parties in `routeringgegevens` (free text in the documents). */
export const ROL_AANBIEDER = 'Zorgaanbieder';
export const ROL_GEMEENTE = 'Gemeente';
