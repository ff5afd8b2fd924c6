import type { CastValue } from './column-cast';
import { copyTextRow } from './copy-text-row';

/**
 * The rows of one batch, held as COPY text, one per key: one statement may not touch a
 * row twice, so a later row with a key already in the batch replaces the earlier one
 * (in its place), and the last of them wins.
 */
export class ImportBatch {
  private readonly rowsByKey = new Map<unknown, string>();
  private added = 0;

  /** @param keyIndexes positions of the key columns among a row's values */
  constructor(private readonly keyIndexes: readonly number[]) {}

  /** Rows added, including those a later row of the same key replaced. */
  get rows(): number {
    return this.added;
  }

  /** Encodes the row at once: `values` may be reused by the caller afterwards. */
  add(values: readonly CastValue[]): void {
    this.rowsByKey.set(this.keyOf(values), copyTextRow(values));
    this.added += 1;
  }

  /** The rows to send, one line each, in the order their keys first came. */
  copyText(): string {
    return [...this.rowsByKey.values()].join('');
  }

  private keyOf(values: readonly CastValue[]): unknown {
    // One key column, the commonest case, is its own value: no string to build per row.
    return this.keyIndexes.length === 1
      ? values[this.keyIndexes[0]]
      : JSON.stringify(this.keyIndexes.map((i) => values[i]));
  }
}
