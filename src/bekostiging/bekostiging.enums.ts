import { registerEnumType } from 'type-graphql';

/** How a lumpsum is split over the municipalities of its contract. */
export enum LumpsumVerdeling {
  /** Explicit shares given by the contract manager. */
  aandelen = 'aandelen',
  /** By number of inhabitants on 1 January of the year. */
  inwoners = 'inwoners',
}

/** Status of a year-end settlement. */
export enum VaststellingStatus {
  concept = 'concept',
  goedgekeurd = 'goedgekeurd',
}

/** The key of a regional budget line (begrotingspost) over the municipalities. */
export enum Verdeelsleutel {
  /** By number of inhabitants. */
  inwoners = 'inwoners',
  /** By actual use: distinct clients with a toewijzing in the period and product categories. */
  gebruik = 'gebruik',
  /** A given percentage by inhabitants, the rest by use. */
  gemengd = 'gemengd',
}

registerEnumType(LumpsumVerdeling, { name: 'LumpsumVerdeling', description: 'How a lumpsum is split over municipalities: explicit shares or inhabitants.' });
registerEnumType(VaststellingStatus, { name: 'VaststellingStatus', description: 'Status of a year-end lumpsum settlement: concept or approved (goedgekeurd).' });
registerEnumType(Verdeelsleutel, { name: 'Verdeelsleutel', description: 'Cost-sharing key of a budget line: inhabitants, actual use, or a weighted mix.' });
