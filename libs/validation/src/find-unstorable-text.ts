import { isStorableText } from './storable-text';

/**
 * Where in a JSON-like value (keys included) is text Postgres cannot store, e.g.
 * `payload.lines[2]`, or null when there is none.
 * @param path the value's own name, prefixed to what is found
 */
export function findUnstorableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    return isStorableText(value) ? null : path;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
      const found = isStorableText(key) ? findUnstorableText(child, childPath) : childPath;
      if (found) {
        return found;
      }
    }
  }
  return null;
}
