interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while an operation is in flight wait and go together
 * in the next one, so under load one statement (or one Redis round trip) serves many
 * callers; when idle, an item goes on the next turn of the event loop. `run` answers
 * one result per item, in order; its failure rejects every item of that group.
 */
export class GroupCommit<Item, Result> {
  private pending: Pending<Item, Result>[] = [];
  private flushing: Promise<void> | null = null;

  /** @param maxItems most items one `run` gets; a bigger backlog runs in several */
  constructor(
    private readonly run: (items: Item[]) => Promise<Result[]>,
    private readonly maxItems: number,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.flushing ??= new Promise<void>((next) => setImmediate(next)).then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      await this.flush(this.pending.splice(0, this.maxItems));
    }
    this.flushing = null;
  }

  private async flush(group: Pending<Item, Result>[]): Promise<void> {
    try {
      const results = await this.run(group.map((entry) => entry.item));
      group.forEach((entry, index) => entry.resolve(results[index]));
    } catch (error) {
      for (const entry of group) {
        entry.reject(error);
      }
    }
  }
}
