// Standard Webhooks: a secret is `whsec_` then the base64 of the key; the specification asks
// for keys of 24 to 64 bytes.
const PREFIX = 'whsec_';
const MIN_BYTES = 24;
const MAX_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The rule a webhook secret follows, worded for error messages (which never show the value). */
export const WEBHOOK_SECRET_RULE =
  `must be "${PREFIX}" followed by the base64 of ${MIN_BYTES} to ${MAX_BYTES} random bytes ` +
  `(e.g. "${PREFIX}" + the output of \`openssl rand -base64 32\`)`;

/** Whether `value` is a Standard Webhooks secret: `whsec_` + canonical base64 of 24–64 bytes. */
export function isWebhookSecret(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) {
    return false;
  }
  const encoded = value.slice(PREFIX.length);
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) {
    return false;
  }
  const key = Buffer.from(encoded, 'base64');
  // Re-encoding catches padding bits Node would silently drop.
  return key.length >= MIN_BYTES && key.length <= MAX_BYTES && key.toString('base64') === encoded;
}
