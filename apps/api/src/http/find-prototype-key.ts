/** Keys that alter an object's prototype when copied by `obj[key] = value` or a merge. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const isPrototypeKey = (key: string): boolean =>
  (PROTOTYPE_KEYS as readonly string[]).includes(key);

/**
 * Where in a parsed JSON value a prototype key is, e.g. `body.payload.__proto__`, or
 * null when there is none. JSON.parse keeps `"__proto__"` as an own property, so
 * Object.keys sees it. Recursive: callers bound the depth first (see jsonDepthExceeds).
 * @param path the value's own name, prefixed to what is found
 */
export function findPrototypeKey(value: unknown, path: string): string | null {
  if (value === null || typeof value !== 'object') {
    return null;
  }
  const isArray = Array.isArray(value);
  for (const key of Object.keys(value)) {
    const childPath = isArray ? `${path}[${key}]` : `${path}.${key}`;
    if (!isArray && isPrototypeKey(key)) {
      return childPath;
    }
    const found = findPrototypeKey((value as Record<string, unknown>)[key], childPath);
    if (found) {
      return found;
    }
  }
  return null;
}
