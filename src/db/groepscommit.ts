/**
 * Group commit: work items of one key that arrive while an earlier write of that key is under way
 * are written together, by one call of `schrijf` (one transaction), in the order they arrived;
 * each item is answered only after that call returned (its transaction committed). When a batch
 * fails as a whole, each of its items is written alone, so one bad item never fails the others.
 * `schrijf` answers per item: its result, or an Error that is that item's rejection.
 */
export class Groepscommit<T, R> {
  private readonly wachtend = new Map<string, { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[]>();
  private readonly bezig = new Set<string>();

  constructor(
    private readonly schrijf: (sleutel: string, items: T[]) => Promise<(R | Error)[]>,
    private readonly max = 500,
    /** Told how many items wait for a batch (all keys), after every change. */
    private readonly peil?: (wachtend: number) => void,
  ) {}

  /** Items waiting for a batch, not yet being written. */
  get aantalWachtend(): number {
    let n = 0;
    for (const rij of this.wachtend.values()) n += rij.length;
    return n;
  }

  voegToe(sleutel: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const rij = this.wachtend.get(sleutel);
      if (rij) rij.push({ item, resolve, reject });
      else this.wachtend.set(sleutel, [{ item, resolve, reject }]);
      this.peil?.(this.aantalWachtend);
      if (!this.bezig.has(sleutel)) void this.loop(sleutel);
    });
  }

  private async loop(sleutel: string): Promise<void> {
    this.bezig.add(sleutel);
    try {
      for (;;) {
        const rij = this.wachtend.get(sleutel);
        if (!rij?.length) break;
        const batch = rij.splice(0, this.max);
        if (!rij.length) this.wachtend.delete(sleutel);
        this.peil?.(this.aantalWachtend);
        try {
          const uit = await this.schrijf(
            sleutel,
            batch.map((b) => b.item),
          );
          batch.forEach((b, i) => {
            const u = uit[i];
            if (u instanceof Error) b.reject(u);
            else b.resolve(u);
          });
        } catch (e) {
          if (batch.length === 1) batch[0].reject(e);
          // Each alone: only the item at fault fails.
          else {
            for (const b of batch) {
              await this.schrijf(sleutel, [b.item]).then(([u]) => (u instanceof Error ? b.reject(u) : b.resolve(u)), b.reject);
            }
          }
        }
      }
    } finally {
      this.bezig.delete(sleutel);
    }
  }
}
