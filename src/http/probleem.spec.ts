import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { HubError, HubErrorCode } from '../common/hub-error';
import { setLogDestination } from '../observability/logger';
import { jsonFouten, wrap } from './bearer';
import { PROBLEEM_MEDIA_TYPE, probleemDetails, probleemType, probleemVan, statusVanCode, vereisMediatype } from './probleem';

const logged: string[] = [];
beforeAll(() => setLogDestination({ write: (l: string) => void logged.push(l) }));
afterAll(() => setLogDestination(undefined));

describe('probleemVan', () => {
  it('a coded error keeps its code and message; its field becomes invalidParams, other details extension members', () => {
    const p = probleemVan(new HubError(HubErrorCode.VALIDATION_FAILED, 'Jaar moet tussen 2015 en 2100 liggen', { veld: 'jaar', codes: ['x'] }), 'test');
    expect(p).toEqual({ status: 400, code: 'VALIDATION_FAILED', detail: 'Jaar moet tussen 2015 en 2100 liggen', invalidParams: [{ name: 'jaar', reason: 'Jaar moet tussen 2015 en 2100 liggen' }], extra: { codes: ['x'] } });
  });

  it.each([
    [HubErrorCode.UNAUTHENTICATED, 401],
    [HubErrorCode.TOKEN_EXPIRED, 401],
    [HubErrorCode.FORBIDDEN, 403],
    [HubErrorCode.NOT_FOUND, 404],
    ['UNSUPPORTED_CONTENT_TYPE', 415],
    ['UNKNOWN_RECEIVER', 422],
    ['TOO_LARGE', 413],
    ['EEN_REGEL_VAN_EEN_MODULE', 400],
  ])('%s is %i', (code, status) => {
    expect(statusVanCode(code)).toBe(status);
  });

  it('the body reader’s refusals get their own status', () => {
    expect(probleemVan(Object.assign(new Error('x'), { type: 'entity.too.large', status: 413 }), 'test')).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(probleemVan(Object.assign(new Error('x'), { type: 'entity.parse.failed', status: 400 }), 'test')).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(probleemVan(Object.assign(new Error('x'), { type: 'encoding.unsupported', status: 415 }), 'test')).toMatchObject({ status: 415, code: 'UNSUPPORTED_CONTENT_ENCODING' });
  });

  it('a malformed value the database refused is 400 and logs only its SQLSTATE; anything else a masked, logged 500', () => {
    logged.length = 0;
    const db = Object.assign(new Error('invalid input syntax for type uuid: "ATTACKER"'), { driverError: { code: '22P02' } });
    expect(probleemVan(db, 'test')).toEqual({ status: 400, code: 'BAD_USER_INPUT', detail: 'Ongeldige invoer' });
    const p = probleemVan(new Error('relation "geheim" does not exist'), 'test');
    expect(p).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' });
    expect(p.detail).not.toContain('geheim');
    expect(logged.join('')).toContain('"sqlstate":"22P02"');
    expect(logged.join('')).not.toContain('ATTACKER');
    expect(logged.join('')).toContain('relation \\"geheim\\" does not exist');
  });
});

describe('probleemDetails', () => {
  it('RFC 9457 members, the code as an extension, instance without the query; details cannot overwrite them', () => {
    const d = probleemDetails({ url: '/x', originalUrl: '/export/afrekeningen.csv?gemeente=1' }, { status: 404, code: 'NOT_FOUND', detail: 'Niet hier', extra: { status: 200, type: 'x', partij: '0796' } });
    expect(d).toEqual({ type: probleemType('NOT_FOUND'), title: 'Niet gevonden', status: 404, detail: 'Niet hier', instance: '/export/afrekeningen.csv', code: 'NOT_FOUND', partij: '0796' });
    expect(probleemType('UNSUPPORTED_CONTENT_TYPE')).toBe('/problemen/unsupported-content-type');
  });
});

describe('over HTTP', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    const app = express();
    app.post('/inhoud', vereisMediatype('application/json'), express.json(), (_req, res) => void res.json({ ok: true }));
    app.get('/kapot', wrap(() => Promise.reject(new Error('stuk'))));
    app.get('/verboden', wrap(() => Promise.reject(new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot dit overzicht'))));
    app.use(jsonFouten('test'));
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });

  it.each([
    ['a 500', () => fetch(`${url}/kapot`), 500, 'INTERNAL_SERVER_ERROR'],
    ['a 403', () => fetch(`${url}/verboden`), 403, 'FORBIDDEN'],
    ['a wrong content type', () => fetch(`${url}/inhoud`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['JSON that does not parse', () => fetch(`${url}/inhoud`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400, 'BAD_REQUEST'],
  ])('%s is application/problem+json', async (_l, doe, status, code) => {
    const res = await doe();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(`${PROBLEEM_MEDIA_TYPE}; charset=utf-8`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status, code, type: probleemType(code) });
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
    expect(typeof body.instance).toBe('string');
  });
});
