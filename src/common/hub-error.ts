import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { log } from '../observability/logger';

/** Error codes shared by every module; each is returned as `extensions.code`. */
export enum HubErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
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

const PASSTHROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'QUERY_TOO_COMPLEX',
]);

/**
 * The one mapper from thrown errors to GraphQL errors: coded errors keep their code and
 * message; argument validation becomes VALIDATION_FAILED with the fields; anything else is
 * masked, so no SQL or stack reaches a caller.
 */
export function formatHubError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original: unknown = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof HubError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...original.details },
    };
  }
  if (original instanceof AuthorizationError || original instanceof AuthenticationError) {
    const code = original instanceof AuthorizationError ? HubErrorCode.FORBIDDEN : HubErrorCode.UNAUTHENTICATED;
    return { message: 'Geen toegang tot deze bewerking', locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (original instanceof ArgumentValidationError) {
    const errors = (original.extensions.validationErrors ?? []) as { property: string; constraints?: Record<string, string> }[];
    const velden = errors.map((v) => ({
      veld: v.property,
      meldingen: Object.values(v.constraints ?? {}),
    }));
    return {
      message: 'Ongeldige invoer',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: HubErrorCode.VALIDATION_FAILED, velden },
    };
  }
  const code = formatted.extensions?.code;
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
