/** The refusal of text Postgres cannot store, at `path` (see findUnstorableText). */
export const unstorableTextProblem = (path: string): string =>
  `${path} contains a NUL character (\\u0000) or a lone UTF-16 surrogate, which Postgres cannot store.`;
