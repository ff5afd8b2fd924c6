import { createHash, randomBytes } from 'node:crypto';

/** Every token starts so, which lets people and secret scanners recognise one. */
export const API_KEY_TOKEN_PREFIX = 'jp_';

// 32 random bytes: guessing is hopeless, so a plain SHA-256 (no salt, no stretching) is
// a safe digest to store, and one indexed lookup by digest finds the key.
const TOKEN_BYTES = 32;

/** A new secret token: the prefix and 32 random bytes in base64url (46 characters). */
export function newApiKeyToken(): string {
  return `${API_KEY_TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

/** The digest stored in place of the token (hex SHA-256). */
export function apiKeyTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
