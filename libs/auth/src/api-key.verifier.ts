import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeyRejectedError } from './api-key-rejected.error';
import { ApiKeyRequiredError } from './api-key-required.error';
import { ApiKeyStore } from './api-key.store';
import type { Caller } from './caller';

/**
 * How long a verified key is trusted without asking Postgres again, in ms. A revoked key
 * is refused by every API process at most this long after the revocation (the promise
 * is 5 s); unknown tokens are never cached, so a new key works at once.
 */
export const VERIFIED_KEY_TTL_MS = 2000;

// Past this many cached keys the cache starts afresh: a bound, not an LRU, is enough.
const MAX_CACHED_KEYS = 10_000;

/** Turns an Authorization header into the Caller of its API key. */
@Injectable()
export class ApiKeyVerifier {
  private readonly store: ApiKeyStore;
  private readonly verified = new Map<string, { caller: Caller; until: number }>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.store = new ApiKeyStore(dataSource);
  }

  /**
   * @param authorization the request's Authorization header, `Bearer <token>`
   * @throws ApiKeyRequiredError without a bearer token
   * @throws ApiKeyRejectedError for an unknown or revoked token
   */
  async callerOf(authorization: string | undefined): Promise<Caller> {
    const token = bearerToken(authorization);
    if (token === undefined) {
      throw new ApiKeyRequiredError();
    }
    return this.callerOfToken(token);
  }

  /** @throws ApiKeyRejectedError for an unknown or revoked token */
  async callerOfToken(token: string): Promise<Caller> {
    const now = Date.now();
    const cached = this.verified.get(token);
    if (cached && cached.until > now) {
      return cached.caller;
    }
    const caller = await this.store.callerOf(token);
    if (!caller) {
      this.verified.delete(token);
      throw new ApiKeyRejectedError();
    }
    if (this.verified.size >= MAX_CACHED_KEYS) {
      this.verified.clear();
    }
    this.verified.set(token, { caller, until: now + VERIFIED_KEY_TTL_MS });
    return caller;
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match?.[1];
}
