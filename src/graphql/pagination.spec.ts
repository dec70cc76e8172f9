import 'reflect-metadata';
import { connectionOf, mapConnection, pageWindow } from './pagination';

describe('mapConnection', () => {
  const rij = (n: number) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, n });

  it('maps the items and keeps cursors and page information', () => {
    const c = connectionOf([rij(1), rij(2), rij(3)], pageWindow({ first: 2 }), (r) => String(r.n), () => Promise.resolve(3));
    const m = mapConnection(c, (r) => ({ dubbel: r.n * 2 }));
    expect(m.edges).toEqual([
      { cursor: '1', node: { dubbel: 2 } },
      { cursor: '2', node: { dubbel: 4 } },
    ]);
    expect(m.pageInfo).toBe(c.pageInfo);
  });

  it('counts only when totalCount is read, and once', async () => {
    const count = jest.fn(() => Promise.resolve(7));
    const m = mapConnection(
      connectionOf([rij(1)], pageWindow({ first: 5 }), (r) => String(r.n), count),
      (r) => r.n,
    );
    expect(count).not.toHaveBeenCalled();
    expect(await m.totalCount).toBe(7);
    expect(await m.totalCount).toBe(7);
    expect(count).toHaveBeenCalledTimes(1);
  });
});
