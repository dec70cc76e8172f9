import { GraphQLError } from 'graphql';
import { formatHubError, inputProblem } from './hub-error';

/** A driver error as TypeORM wraps it; its message quotes the caller's value. */
const dbError = (code: string) => Object.assign(new Error('invalid input syntax for type uuid: "ATTACKER"'), { driverError: { code } });

describe('formatHubError', () => {
  let logged: string[];
  const silent = process.env.HUB_SILENT;
  beforeEach(() => {
    logged = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => logged.push(String(c)) > 0);
    process.env.HUB_SILENT = '0';
  });
  afterEach(() => {
    jest.restoreAllMocks();
    if (silent === undefined) delete process.env.HUB_SILENT;
    else process.env.HUB_SILENT = silent;
  });

  it('turns a database refusal of a malformed value into BAD_USER_INPUT and logs only its SQLSTATE', () => {
    expect(inputProblem(dbError('22P02'))).toBe('22P02');
    expect(inputProblem(dbError('23505'))).toBeUndefined();
    const f = formatHubError({ message: 'x', path: ['gemeenten'] }, new GraphQLError('x', { originalError: dbError('22007') }));
    expect(f).toEqual({ message: 'Ongeldige invoer', path: ['gemeenten'], locations: undefined, extensions: { code: 'BAD_USER_INPUT' } });
    expect(logged.join('')).toContain('"sqlstate":"22007"');
    expect(logged.join('')).not.toContain('ATTACKER');
  });

  it('a statement timeout is REQUEST_TIMEOUT', () => {
    expect(formatHubError({ message: 'x' }, new GraphQLError('x', { originalError: dbError('57014') })).extensions).toEqual({ code: 'REQUEST_TIMEOUT' });
  });

  it('a document over the token limit is QUERY_TOO_COMPLEX, other syntax errors stay parse errors', () => {
    const tokens = 'Syntax Error: Document contains more that 3000 tokens. Parsing aborted.';
    expect(formatHubError({ message: tokens, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError(tokens)).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    const typo = 'Syntax Error: Expected Name, found <EOF>.';
    expect(formatHubError({ message: typo, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError(typo)).extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('a limit rule keeps its own code under Apollo’s validation wrapper', () => {
    const rule = new GraphQLError('De query is 12 niveaus diep; hoogstens 10 toegestaan', { extensions: { code: 'QUERY_TOO_COMPLEX' } });
    const wrapped = new GraphQLError(rule.message, { originalError: rule, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatHubError({ message: rule.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, wrapped).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
  });
});
