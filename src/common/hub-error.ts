import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { log } from '../observability/logger';

/** Error codes shared by every module; each is returned as `extensions.code`. */
export enum HubErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The bearer token was valid but has expired: the caller should get a new one. */
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  /** A malformed argument (a cursor, an id, a date) the database could not read. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** A document over one of the GraphQL limits (size, depth, aliases, cost). */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  CONFLICT = 'CONFLICT',
  INTERNAL = 'INTERNAL_SERVER_ERROR',
}

/** A coded, expected error with a Dutch message fit for the caller. */
export class HubError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** One failing input field (NL API Design Rules `invalidParams`): the one field-name member, in REST problems and GraphQL extensions alike. */
export interface InvalidParam {
  /** The input field, as the caller named it. */
  name: string;
  /** Dutch: what is wrong with it. */
  reason: string;
}

/**
 * The failing field of a coded error: modules name it in `details.veld`; callers see it only as
 * `invalidParams`. Undefined when the error names no field.
 */
export function invalidParams(details: Record<string, unknown>, reason: string): InvalidParam[] | undefined {
  return typeof details.veld === 'string' ? [{ name: details.veld, reason }] : undefined;
}

/** The extensions of a coded error: its code, its failing field as `invalidParams`, and its other details. */
function hubExtensions(e: HubError): Record<string, unknown> {
  const { veld, ...rest } = e.details;
  void veld;
  const params = invalidParams(e.details, e.message);
  return { code: e.code, ...rest, ...(params && { invalidParams: params }) };
}

const PASSTHROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'QUERY_TOO_COMPLEX',
  'TOKEN_EXPIRED',
  'REQUEST_TIMEOUT',
]);

/**
 * PostgreSQL data exceptions caused by a value the caller sent (an id that is no UUID, a date
 * that is no date, a number out of range). Their messages quote the value, so they are never logged.
 */
const INPUT_SQLSTATES = new Set(['22P02', '22007', '22008', '22003', '22001', '22021']);

/** The SQLSTATE when `e` is a database refusal of a malformed input value; undefined otherwise. */
export function inputProblem(e: unknown): string | undefined {
  const code = sqlstate(e);
  return code !== undefined && INPUT_SQLSTATES.has(code) ? code : undefined;
}

/** The SQLSTATE of a driver error, wrapped by TypeORM or not. */
function sqlstate(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** graphql-js refuses a document over `maxTokens` with a syntax error; it is a limit, not a typo. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/;

/**
 * The one mapper from thrown errors to GraphQL errors: coded errors keep their code and
 * message; argument validation becomes VALIDATION_FAILED with the fields (`invalidParams`); anything else is
 * masked, so no SQL or stack reaches a caller.
 */
export function formatHubError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original: unknown = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof HubError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: hubExtensions(original),
    };
  }
  if (original instanceof AuthorizationError || original instanceof AuthenticationError) {
    const code = original instanceof AuthorizationError ? HubErrorCode.FORBIDDEN : HubErrorCode.UNAUTHENTICATED;
    return { message: 'Geen toegang tot deze bewerking', locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (original instanceof ArgumentValidationError) {
    const errors = (original.extensions.validationErrors ?? []) as { property: string; constraints?: Record<string, string> }[];
    const params: InvalidParam[] = errors.flatMap((v) => Object.values(v.constraints ?? {}).map((reason) => ({ name: v.property, reason })));
    return {
      message: 'Ongeldige invoer',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: HubErrorCode.VALIDATION_FAILED, invalidParams: params },
    };
  }
  const invoer = inputProblem(original);
  if (invoer) {
    log.warn('refused input', { path: formatted.path, sqlstate: invoer });
    return { message: 'Ongeldige invoer', locations: formatted.locations, path: formatted.path, extensions: { code: HubErrorCode.BAD_USER_INPUT } };
  }
  if (sqlstate(original) === '57014') {
    // statement_timeout (API_STATEMENT_TIMEOUT_MS): the database stopped the work, not a bug.
    log.warn('statement timed out', { path: formatted.path });
    return { message: 'De database gaf niet op tijd antwoord', locations: formatted.locations, path: formatted.path, extensions: { code: 'REQUEST_TIMEOUT' } };
  }
  // Apollo files a limit rule's refusal under GRAPHQL_VALIDATION_FAILED; the rule's own code is the precise one.
  if (original instanceof GraphQLError && original.extensions.code === HubErrorCode.QUERY_TOO_COMPLEX) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: HubErrorCode.QUERY_TOO_COMPLEX } };
  }
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(formatted.message)) {
    log.warn('graphql request refused', { limit: 'tokens' });
    return { message: formatted.message, extensions: { code: HubErrorCode.QUERY_TOO_COMPLEX } };
  }
  if (typeof code === 'string' && PASSTHROUGH.has(code)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code } };
  }
  if (typeof code === 'string' && (code === String(HubErrorCode.UNAUTHENTICATED) || code === String(HubErrorCode.FORBIDDEN))) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  // Logged for operators, masked for the caller. Messages are ours or the driver's: no client data.
  log.error('unexpected error', { path: formatted.path, error: original instanceof Error ? `${original.name}: ${original.message}` : String(original) });
  return { message: 'Interne fout', locations: formatted.locations, path: formatted.path, extensions: { code: HubErrorCode.INTERNAL } };
}

/** Maps PostgreSQL constraint violations that a rule check could not foresee (races) to coded errors. */
export function fromDatabaseError(e: unknown, byConstraint: Record<string, HubError>): never {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const constraint = err.constraint ?? err.driverError?.constraint;
  if (constraint && byConstraint[constraint]) throw byConstraint[constraint];
  throw e;
}
