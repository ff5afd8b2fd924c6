import type { DataSource } from 'typeorm';
import { ApiKeyVerifier, VERIFIED_KEY_TTL_MS } from './api-key.verifier';

const ROW = {
  id: 'a1',
  tenant_id: 'acme',
  name: null,
  scopes: ['jobs:read'],
  job_types: null,
  created_at: new Date(),
  revoked_at: null,
};

describe('ApiKeyVerifier', () => {
  let rows: unknown[];
  let verifier: ApiKeyVerifier;
  const query = jest.fn(() => Promise.resolve(rows));

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    rows = [ROW];
    query.mockClear();
    verifier = new ApiKeyVerifier({ query } as unknown as DataSource);
  });
  afterEach(() => jest.useRealTimers());

  it('reads the caller of a Bearer token once, then from its cache', async () => {
    const caller = await verifier.callerOf('Bearer jp_token');
    expect(caller).toEqual({
      keyId: 'a1',
      tenant: 'acme',
      scopes: new Set(['jobs:read']),
      jobTypes: null,
    });
    await verifier.callerOf('bearer  jp_token');
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('refuses a revoked key once its cache entry is older than the TTL', async () => {
    await verifier.callerOf('Bearer jp_token');
    rows = [];
    jest.setSystemTime(1_000_000 + VERIFIED_KEY_TTL_MS + 1);
    await expect(verifier.callerOf('Bearer jp_token')).rejects.toThrow('unknown or revoked');
    expect(VERIFIED_KEY_TTL_MS).toBeLessThan(5000);
  });

  it('asks for a key when the header is missing or not a Bearer token', async () => {
    for (const header of [undefined, '', 'jp_token', 'Basic eDp5', 'Bearer']) {
      await expect(verifier.callerOf(header)).rejects.toThrow('This endpoint needs an API key');
    }
    expect(query).not.toHaveBeenCalled();
  });

  it('never caches an unknown token, so a key created later works at once', async () => {
    rows = [];
    await expect(verifier.callerOf('Bearer jp_new')).rejects.toThrow('unknown or revoked');
    rows = [ROW];
    await expect(verifier.callerOf('Bearer jp_new')).resolves.toMatchObject({ keyId: 'a1' });
  });
});
