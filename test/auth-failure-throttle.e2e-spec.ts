import { TestPlatform } from '@lib/testing';

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

const THROTTLED =
  /^Too many requests without valid credentials from \S+: at most 3 a minute \(AUTH_FAILURES_PER_MINUTE\); retry in \d+ s\.$/;

describe('throttling requests without a valid API key per client address', () => {
  const platform = new TestPlatform('auth-throttle-keys', { AUTH_FAILURES_PER_MINUTE: '3' });

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('refuses an address with 429 and Retry-After after its 401s, a valid key too', async () => {
    const unknown = { headers: { authorization: 'Bearer not-a-key' } };
    expect((await platform.get('/jobs', { headers: { authorization: '' } })).status).toBe(401);
    expect((await platform.get('/jobs', unknown)).status).toBe(401);
    expect((await platform.post('/create-jobs', {}, unknown)).status).toBe(401);
    const refused = await platform.get('/jobs', unknown);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(THROTTLED);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Keys are not looked at from that address until its minute is over.
    expect((await platform.get('/jobs')).status).toBe(429);
    // Without TRUST_PROXY, a forwarded-for header is anyone's to send: it changes nothing.
    const spoofed = { headers: { 'x-forwarded-for': '203.0.113.7' } };
    expect((await platform.get('/jobs', spoofed)).status).toBe(429);
  });

  it('still answers the health probe, metrics and docs from that address', async () => {
    expect((await platform.get('/health')).status).toBe(200);
    expect((await platform.get('/metrics')).status).toBe(200);
    expect((await platform.get('/docs-json')).status).toBe(200);
  });
});

describe('throttling failed dashboard logins per client address', () => {
  const platform = new TestPlatform('auth-throttle-dashboard', {
    ADMIN_USER: 'admin',
    ADMIN_PASSWORD: 'correct horse battery',
    AUTH_FAILURES_PER_MINUTE: '3',
  });

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('refuses an address with 429 and Retry-After after its failed dashboard logins', async () => {
    const wrong = { headers: basic('admin', 'guess') };
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await platform.get('/admin/queues', wrong)).status).toBe(401);
    }
    const refused = await platform.get('/admin/queues', wrong);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(THROTTLED);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Not even the right password is looked at until the minute is over.
    const right = await platform.get('/admin/queues', {
      headers: basic('admin', 'correct horse battery'),
    });
    expect(right.status).toBe(429);
  });
});

describe('throttling the clients behind a trusted reverse proxy (TRUST_PROXY)', () => {
  const platform = new TestPlatform('auth-throttle-proxy', {
    AUTH_FAILURES_PER_MINUTE: '2',
    TRUST_PROXY: '127.0.0.1,::1',
  });
  const from = (client: string) => ({
    headers: { authorization: 'Bearer not-a-key', 'x-forwarded-for': client },
  });

  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  it('counts each forwarded client apart, so one client never throttles the others', async () => {
    expect((await platform.get('/jobs', from('203.0.113.1'))).status).toBe(401);
    expect((await platform.get('/jobs', from('203.0.113.1'))).status).toBe(401);
    const refused = await platform.get('/jobs', from('203.0.113.1'));
    expect(refused.status).toBe(429);
    expect(refused.body.message).toContain('from 203.0.113.1:');
    expect((await platform.get('/jobs', from('203.0.113.2'))).status).toBe(401);
    expect(
      (await platform.get('/jobs', { headers: { 'x-forwarded-for': '203.0.113.2' } })).status,
    ).toBe(200);
  });
});
