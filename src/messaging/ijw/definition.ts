/**
 * The iJw 3.2 standard as data: one definition per message drives parsing, writing and
 * structural validation. Generated from the official XSDs by `npm run ijw:definitions`
 * (see generate-definitions.ts) and committed; the codec never reads an XSD at run time.
 */

/** A restriction on text content (XSD simpleType), after following its base chain. */
export interface SimpleType {
  base: 'string' | 'integer' | 'date' | 'time';
  patterns?: string[];
  minLength?: number;
  maxLength?: number;
  minInclusive?: number;
  maxInclusive?: number;
  enumeration?: string[];
}

/** One element of a sequence. `type` names a simple or complex type ('ijw:…' or 'jwNNN:…'). */
export interface ElementDef {
  name: string;
  type: string;
  min: number;
  /** Maximum occurrences; Infinity for unbounded. */
  max: number;
}

/** A complex type: its namespace (where its child elements live) and its sequence. */
export interface ComplexType {
  ns: string;
  sequence: ElementDef[];
}

export interface TypeTable {
  simple: Record<string, SimpleType>;
  complex: Record<string, ComplexType>;
}

export type MessageType =
  | 'JW301' | 'JW302' | 'JW305' | 'JW306' | 'JW307' | 'JW308' | 'JW315'
  | 'JW316' | 'JW317' | 'JW318' | 'JW319' | 'JW320' | 'JW323' | 'JW325';

export const MESSAGE_TYPES: MessageType[] = [
  'JW301', 'JW302', 'JW305', 'JW306', 'JW307', 'JW308', 'JW315',
  'JW316', 'JW317', 'JW318', 'JW319', 'JW320', 'JW323', 'JW325',
];

export interface MessageDefinition {
  type: MessageType;
  /** BerichtCode (COD002), e.g. 436 for JW301. */
  berichtCode: string;
  namespace: string;
  /** The complex type of the root element `Bericht`. */
  root: string;
  /** The message's own types; shared ones come from the basisschema table. */
  types: TypeTable;
}

export const BASIS_NS = 'http://www.istandaarden.nl/ijw/3_2/basisschema/schema';

/** Namespace of a message type, e.g. http://www.istandaarden.nl/ijw/3_2/jw301/schema. */
export function messageNamespace(type: MessageType): string {
  return `http://www.istandaarden.nl/ijw/3_2/${type.toLowerCase()}/schema`;
}
