// Names whose values are credentials: passwords, secrets, tokens, keys. Matched on the
// last word of the variable's name, so ADMIN_PASSWORD and WEBHOOK_SECRET are, QUEUE_PREFIX is not.
const SECRET_NAME = /(^|_)(PASSWORD|PASSPHRASE|SECRET|TOKEN|KEY|CREDENTIALS)$/;
// Variables whose value holds secrets although their name does not say so.
const HOLDS_SECRETS = new Set(['TENANT_WEBHOOKS']);
// URLs carry credentials in their user info (postgres://user:password@host) and, for some
// services, in their query string (?password=…, ?sslkey=…).
const URL_NAME = /(^|_)URL$/;

/**
 * How an invalid value is quoted in a start-up error without printing a secret: a secret's
 * value is never shown (only its length); a URL's user info and query string are
 * replaced by `***`, even when the URL is malformed; any other value is quoted as it is.
 * @param variable the environment variable's name, e.g. `DATABASE_URL`
 */
export function shownValue(variable: string, value: unknown): string {
  if (typeof value !== 'string') {
    return JSON.stringify(value) ?? String(value);
  }
  if (SECRET_NAME.test(variable) || HOLDS_SECRETS.has(variable)) {
    return `a value of ${value.length} characters (not shown: ${variable} is a secret)`;
  }
  if (URL_NAME.test(variable)) {
    return JSON.stringify(redactUrlText(value));
  }
  return JSON.stringify(value);
}

// Text, not new URL(): the value is being refused, so it may not parse. Everything before
// the last "@" of the authority is user info; everything after "?" is the query.
const redactUrlText = (text: string): string =>
  text.replace(/^([^:/?#]*:\/\/)?[^/?#]*@/, '$1***@').replace(/\?.*$/s, '?***');
