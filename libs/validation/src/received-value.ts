const MAX_SHOWN_CHARS = 80;

export interface ReceivedValueOptions {
  /**
   * The value comes from text (a query string, the environment), where a parameter given
   * more than once (`?limit=5&limit=6`) arrives as an array of its values. Default false:
   * JSON, where an array is an array.
   */
  fromText?: boolean;
}

/**
 * How a message names the value a rule refused, as it was received: text quoted as JSON
 * (`"abc"`, cut at 80 characters), numbers and booleans as written, `nothing` when it is
 * missing, JSON for the rest; a repeated parameter as `it twice ("5", "6"): give it once`.
 */
export function receivedValue(value: unknown, { fromText = false }: ReceivedValueOptions = {}) {
  if (fromText && Array.isArray(value)) {
    const times = value.length === 2 ? 'twice' : `${value.length} times`;
    return `it ${times} (${value.map((item) => shown(item)).join(', ')}): give it once`;
  }
  return shown(value);
}

function shown(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  // Parsed JSON, query strings and the environment hold nothing JSON cannot write.
  const json = JSON.stringify(value) ?? typeof value;
  const cut = json.length > MAX_SHOWN_CHARS ? `${json.slice(0, MAX_SHOWN_CHARS)}…` : json;
  // class-validator replaces $property, $value and $constraint1 in a message, even in the
  // text a client sent: "$" is written as the JSON escape \u0024, which names it as well.
  return cut.replace(/\$/g, '\\u0024');
}
