import { BodyTooDeepError } from './body-too-deep.error';
import { findPrototypeKey } from './find-prototype-key';
import { InvalidJsonError } from './invalid-json.error';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';
import { PrototypeKeyError } from './prototype-key.error';

/**
 * A JSON request body, read as the API accepts it: at most MAX_JSON_DEPTH levels deep
 * (checked on the text, before anything recurses), valid JSON, and without a prototype
 * key at any depth. Fastify's own parser refuses `__proto__` only as "not valid JSON",
 * lets `constructor` through, and overflows the stack on deep bodies (a 500).
 * @throws BodyTooDeepError, InvalidJsonError or PrototypeKeyError
 */
export function parseJsonBody(text: string): unknown {
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new BodyTooDeepError(MAX_JSON_DEPTH);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonError((error as Error).message);
  }
  const key = findPrototypeKey(body, 'body');
  if (key) {
    throw new PrototypeKeyError(key);
  }
  return body;
}
