import { EventEmitter } from 'node:events';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { documentLimits, VerdictCache, withDeadline } from './graphql-http';

/** Just enough of an express Response to see what was sent. */
class FakeRes extends EventEmitter {
  headersSent = false;
  statusCode = 200;
  sent: unknown;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  json(body: unknown): this {
    this.sent = body;
    this.headersSent = true;
    return this;
  }
}
const fakeRes = () => new FakeRes();

const run = (h: RequestHandler, req: Partial<Request>, res: FakeRes, next: NextFunction) => h(req as Request, res as unknown as Response, next);

describe('withDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers 503 REQUEST_TIMEOUT when the handler has not answered in time, and drops its late failure', async () => {
    let fail!: (e: Error) => void;
    const handler: RequestHandler = () => new Promise<void>((_r, reject) => (fail = reject));
    const res = fakeRes();
    const next = jest.fn();
    run(withDeadline(1000, handler), {}, res, next);
    jest.advanceTimersByTime(999);
    expect(res.sent).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(res.statusCode).toBe(503);
    expect(res.sent).toEqual({ errors: [{ message: 'Geen antwoord binnen 1000 ms', extensions: { code: 'REQUEST_TIMEOUT' } }] });
    fail(new Error('ERR_HTTP_HEADERS_SENT'));
    await Promise.resolve();
    await Promise.resolve();
    expect(next).not.toHaveBeenCalled();
  });

  it('leaves an answer in time alone and passes its errors on', async () => {
    const res = fakeRes();
    const next = jest.fn();
    run(withDeadline(1000, (_q, r) => void (r as unknown as FakeRes).status(200).json({ data: {} })), {}, res, next);
    res.emit('close');
    jest.advanceTimersByTime(5000);
    expect(res.sent).toEqual({ data: {} });
    const boom = new Error('boom');
    run(withDeadline(1000, () => Promise.reject(boom)), {}, fakeRes(), next);
    await Promise.resolve();
    await Promise.resolve();
    expect(next).toHaveBeenCalledWith(boom);
  });
});

describe('documentLimits', () => {
  const limits = documentLimits({ maxTokens: 100, maxSelections: 5, maxDirectives: 2 });

  it('refuses too many selections with 400 QUERY_TOO_COMPLEX before Apollo', () => {
    const res = fakeRes();
    const next = jest.fn();
    run(limits, { method: 'POST', body: { query: '{ a b c d e f }' } }, res, next);
    expect(next).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(400);
    expect(res.sent).toEqual({ errors: [{ message: 'De query heeft 6 selecties; hoogstens 5 toegestaan', extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  });

  it('reads GET from the URL; leaves what does not parse, batches and small documents to Apollo', () => {
    const res = fakeRes();
    run(limits, { method: 'GET', query: { query: '{ a @x @y @z }' } }, res, jest.fn());
    expect(res.statusCode).toBe(400);
    for (const req of [
      { method: 'POST', body: { query: '{ a' } },
      { method: 'POST', body: { query: `{ ${'a '.repeat(200)} }` } },
      { method: 'POST', body: [{ query: '{ a b c d e f }' }] },
      { method: 'POST', body: { query: '{ a b }' } },
      { method: 'GET', query: {} },
    ]) {
      const next = jest.fn();
      const r = fakeRes();
      run(limits, req as Partial<Request>, r, next);
      expect({ next: next.mock.calls.length, sent: r.sent }).toEqual({ next: 1, sent: undefined });
    }
  });
});

describe('VerdictCache', () => {
  it('judges a document text once, refusals included, and keeps at most max verdicts, the least recently used dropped', () => {
    const cache = new VerdictCache(2);
    const judge = jest.fn(() => null);
    const refusal = { limit: 'selections' as const, found: 6, message: 'De query heeft 6 selecties; hoogstens 5 toegestaan' };
    const refuse = jest.fn(() => refusal);
    expect(cache.verdict('{ a }', judge)).toBeNull();
    expect(cache.verdict('{ a }', judge)).toBeNull();
    expect(cache.verdict('{ a b c d e f }', refuse)).toBe(refusal);
    expect(cache.verdict('{ a b c d e f }', refuse)).toBe(refusal);
    expect([judge.mock.calls.length, refuse.mock.calls.length]).toEqual([1, 1]);
    // '{ a }' was used last before '{ b }' arrives: the refusal goes.
    cache.verdict('{ a }', judge);
    cache.verdict('{ b }', judge);
    expect(cache.size).toBe(2);
    cache.verdict('{ a }', judge);
    cache.verdict('{ a b c d e f }', refuse);
    expect([judge.mock.calls.length, refuse.mock.calls.length]).toEqual([2, 2]);
  });

  it('lets documentLimits refuse a known document again from its kept verdict', () => {
    const cache = new VerdictCache();
    const limits = documentLimits({ maxTokens: 100, maxSelections: 5, maxDirectives: 2 }, cache);
    for (let i = 0; i < 2; i++) {
      const res = fakeRes();
      run(limits, { method: 'POST', body: { query: '{ a b c d e f }' } }, res, jest.fn());
      expect(res.statusCode).toBe(400);
    }
    expect(cache.size).toBe(1);
  });
});
