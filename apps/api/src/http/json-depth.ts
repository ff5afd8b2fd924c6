/**
 * Deepest nesting of objects and arrays a request body may have. Bodies here are a job
 * and its payload, a few levels deep; 64 leaves room, and stays far below where
 * JSON.parse, class-transformer and class-validator (all recursive) exhaust the stack,
 * a few thousand levels.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`, read before it is
 * parsed: one pass over the characters, skipping strings, so a deep body costs no
 * recursion at all. Malformed text is left to JSON.parse.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) {
        i++;
      } else if (char === QUOTE) {
        inString = false;
      }
    } else if (char === QUOTE) {
      inString = true;
    } else if (OPENERS.has(char)) {
      if (++depth > maxDepth) {
        return true;
      }
    } else if (CLOSERS.has(char)) {
      depth--;
    }
  }
  return false;
}
