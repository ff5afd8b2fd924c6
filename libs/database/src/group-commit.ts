interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while an operation is in flight wait and go together
 * in the next one, so under load one statement (or one Redis round trip) serves many
 * callers; when idle, an item goes on the next turn of the event loop, or after
 * `lingerMs` for writes that may wait (and that a later statement often makes
 * redundant). `run` answers one result per item, in order; its failure rejects every
 * item of that group.
 */
export class GroupCommit<Item, Result> {
  private pending: Pending<Item, Result>[] = [];
  private flushing: Promise<void> | null = null;
  private endLinger: (() => void) | null = null;

  /**
   * @param maxItems most items one `run` gets; a bigger backlog runs in several
   * @param lingerMs how long the first item of a group waits for others (default 0)
   */
  constructor(
    private readonly run: (items: Item[]) => Promise<Result[]>,
    private readonly maxItems: number,
    private readonly lingerMs = 0,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.flushing ??= this.linger().then(() => this.drain());
    });
  }

  /** Runs what waits without lingering further; resolves once all submitted so far ran. */
  async flushNow(): Promise<void> {
    this.endLinger?.();
    await this.flushing;
  }

  private linger(): Promise<void> {
    return new Promise<void>((next) => {
      const timer = this.lingerMs > 0 ? setTimeout(next, this.lingerMs) : undefined;
      this.endLinger = () => {
        clearTimeout(timer);
        next();
      };
      if (timer === undefined) {
        setImmediate(next);
      }
    });
  }

  private async drain(): Promise<void> {
    this.endLinger = null;
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
