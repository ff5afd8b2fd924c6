import { AppProcess, TestPlatform } from '@lib/testing';

const ADMIN = { ADMIN_USER: 'admin', ADMIN_PASSWORD: 'correct horse battery' };
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const PAGES = ['/admin/queues', '/admin/queues/api/queues'];

describe('opening the dashboard', () => {
  const platform = new TestPlatform('dashboard-access', ADMIN);
  beforeAll(() => platform.start('api'));
  afterAll(() => platform.stop());

  const open = (path: string, headers: Record<string, string>) => platform.get(path, { headers });

  it('forbids framing its pages, answers and refusals alike', async () => {
    for (const headers of [basic('admin', ADMIN.ADMIN_PASSWORD), { authorization: '' }]) {
      for (const path of PAGES) {
        const answer = await open(path, headers);
        expect(answer.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
      }
    }
  });

  it('opens with an admin-scope key, as user api-key or as a Bearer token', async () => {
    const admin = await platform.createApiKey({ tenant: 'default', scopes: 'admin' });
    for (const path of PAGES) {
      expect((await open(path, basic('api-key', admin.token))).status).toBe(200);
      expect((await open(path, platform.authorization(admin.token))).status).toBe(200);
    }
  });

  it('refuses a key without the admin scope, and a revoked admin key', async () => {
    const plain = await platform.createApiKey({ tenant: 'default' });
    const revoked = await platform.createApiKey({ tenant: 'default', scopes: 'admin' });
    await platform.apiKeyCli(['revoke', revoked.id]);
    for (const token of [plain.token, revoked.token, 'jp_unknown']) {
      for (const path of PAGES) {
        const asUser = await open(path, basic('api-key', token));
        expect([path, asUser.status]).toEqual([path, 401]);
        expect(asUser.headers.get('www-authenticate')).toMatch(/^Basic /);
        expect((await open(path, platform.authorization(token))).status).toBe(401);
      }
    }
  });
});

describe('the dashboard password', () => {
  const platform = new TestPlatform('dashboard-password');
  afterAll(() => platform.stop());

  it('must be 12 characters at least: a shorter one stops the API, naming the rule, not the value', async () => {
    const api = new AppProcess(
      'api',
      platform.envFor({ ADMIN_USER: 'admin', ADMIN_PASSWORD: 'hunter2hunt' }),
    );
    expect((await api.exited).code).toBe(1);
    expect(api.logs()).toContain(
      'Invalid configuration: ADMIN_PASSWORD must be 12 to 200 characters long, its value is not shown.',
    );
    expect(api.logs()).not.toContain('hunter2hunt');
  });
});
