/**
 * An opaque page cursor over a table's bigint `seq`, for pages read newest first: the
 * last `seq` of a page, as `<label>:<seq>` in base64url, so that a client passes it back
 * without reading meaning into it.
 */
export class SeqCursor {
  private readonly pattern: RegExp;

  /**
   * @param label tells one table's cursors from another's (only letters)
   * @param invalid the error for a cursor this codec did not make
   */
  constructor(
    private readonly label: string,
    private readonly invalid: (cursor: string) => Error,
  ) {
    this.pattern = new RegExp(`^${label}:(\\d{1,19})$`);
  }

  encode(seq: string): string {
    return Buffer.from(`${this.label}:${seq}`).toString('base64url');
  }

  /** The `seq` a cursor stands for. @throws the `invalid` error */
  decode(cursor: string): string {
    const match = this.pattern.exec(Buffer.from(cursor, 'base64url').toString());
    if (!match) {
      throw this.invalid(cursor);
    }
    return match[1];
  }
}
