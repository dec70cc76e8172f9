import { GraphQLError, GraphQLScalarType, type GraphQLSchema } from 'graphql';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAGEN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `v` is a calendar date as 'YYYY-MM-DD': the same answer as graphql-scalars' LocalDate
 * check, without building a Date and an ISO string for every value.
 */
export function isLocalDate(v: unknown): v is string {
  if (typeof v !== 'string' || !LOCAL_DATE.test(v)) return false;
  const jaar = Number(v.slice(0, 4));
  const maand = Number(v.slice(5, 7));
  const dag = Number(v.slice(8, 10));
  if (maand < 1 || maand > 12 || dag < 1) return false;
  const schrikkel = jaar % 4 === 0 && (jaar % 100 !== 0 || jaar % 400 === 0);
  return dag <= (maand === 2 && schrikkel ? 29 : DAGEN[maand - 1]);
}

function serializeLocalDate(v: unknown): string {
  if (isLocalDate(v)) return v;
  throw new GraphQLError(typeof v === 'string' ? `Value is not a valid LocalDate: ${v}` : `Value is not string: ${String(v)}`);
}

/**
 * Output of LocalDate without a Date per value: a page of contracts serialises hundreds of dates
 * (measured with `npm run bench`, contracts: the library's check was the largest single function).
 * The scalar is the one graphql-scalars instance every module's fields name, so its `serialize`
 * is replaced in place; input (parseValue, parseLiteral) keeps the library's check.
 */
export function cheapScalars(schema: GraphQLSchema): GraphQLSchema {
  const localDate = schema.getType('LocalDate');
  if (localDate instanceof GraphQLScalarType) localDate.serialize = serializeLocalDate;
  return schema;
}
