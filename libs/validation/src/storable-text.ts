// Postgres text and jsonb refuse NUL, and UTF-8 has no encoding for a lone surrogate.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is being looked for.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether Postgres can store the string as text. */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);
