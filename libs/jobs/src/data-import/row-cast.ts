import { BadValueError, castValue } from './column-cast';
import type { CastValue, ColumnType } from './column-cast';

/** Casts a source row's fields to the import's columns, in column order. */
export class RowCast {
  /** Positions of the key columns among the values. */
  readonly keyIndexes: readonly number[];
  private readonly sourceFields: readonly string[];
  private readonly isKey: readonly boolean[];
  private readonly values: CastValue[];

  constructor(
    private readonly columns: readonly { name: string; from?: string; type: ColumnType }[],
    key: readonly string[],
  ) {
    this.sourceFields = columns.map((column) => column.from ?? column.name);
    this.isKey = columns.map((column) => key.includes(column.name));
    this.keyIndexes = key.map((name) => columns.findIndex((column) => column.name === name));
    this.values = new Array<CastValue>(columns.length).fill(null);
  }

  /**
   * The row's values in column order, or why the row is bad. The array is this
   * instance's own, overwritten by the next call: a million rows, no array each.
   */
  cast(fields: Record<string, unknown>): readonly CastValue[] | string {
    for (let i = 0; i < this.columns.length; i += 1) {
      const { name, type } = this.columns[i];
      try {
        this.values[i] = castValue(fields[this.sourceFields[i]], type);
      } catch (error) {
        if (error instanceof BadValueError) {
          return `${name}: ${error.message}`;
        }
        throw error;
      }
      if (this.values[i] === null && this.isKey[i]) {
        return `${name}: a key column is empty`;
      }
    }
    return this.values;
  }
}
