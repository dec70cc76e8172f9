/** Error codes of the iJw codec: what was wrong with the bytes or the structure. */
export enum CodecErrorCode {
  /** Larger than the configured limit. */
  TOO_LARGE = 'TOO_LARGE',
  /** Not well-formed XML, or not UTF-8. */
  NOT_XML = 'NOT_XML',
  /** A DOCTYPE or entity declaration: refused before parsing (XXE, billion laughs). */
  DOCTYPE_FORBIDDEN = 'DOCTYPE_FORBIDDEN',
  /** The root element's namespace is not one of the 14 iJw 3.2 messages. */
  UNKNOWN_NAMESPACE = 'UNKNOWN_NAMESPACE',
  /** The root element is not `Bericht`. */
  WRONG_ROOT = 'WRONG_ROOT',
  /** Element order, cardinality, type, length, pattern or code list (XSD level). */
  STRUCTURE = 'STRUCTURE',
}

/** One structural finding, with an XPath-like location. */
export interface CodecIssue {
  path: string;
  message: string;
}

/** The message could not be read at all (bytes, XML, root). Structure problems are issues, not this. */
export class CodecError extends Error {
  constructor(
    readonly code: CodecErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodecError';
  }
}
