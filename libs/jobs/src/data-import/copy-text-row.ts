import type { CastValue } from './column-cast';

// COPY's text format: fields end at a tab, rows at a newline, and a backslash starts an
// escape, so these four are written as escapes; every other character (unicode, form
// feed, "\." once its backslash is escaped) is data as it stands.
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escape = (character: string): string => ESCAPES[character];

/** One value as a field of COPY's text format: `\N` for NULL, `t`/`f` for booleans. */
export function copyTextField(value: CastValue): string {
  if (value === null) {
    return '\\N';
  }
  if (typeof value === 'boolean') {
    return value ? 't' : 'f';
  }
  return SPECIAL.test(value) ? value.replace(SPECIALS, escape) : value;
}

/**
 * One row of `COPY … FROM STDIN` in text format (the default), newline included: the
 * values are the casts' output, so Postgres reads back exactly what the cast gave.
 */
export function copyTextRow(values: readonly CastValue[]): string {
  let row = copyTextField(values[0]);
  for (let i = 1; i < values.length; i += 1) {
    row += `\t${copyTextField(values[i])}`;
  }
  return `${row}\n`;
}
