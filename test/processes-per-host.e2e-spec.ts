import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { AppProcess, TestPlatform, freePort } from '@lib/testing';

describe('several workers and schedulers on one host', () => {
  const platform = new TestPlatform('processes_per_host');
  let squatter: Server;
  let taken: number;

  beforeAll(async () => {
    await platform.start('api');
    taken = await freePort();
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(taken, '0.0.0.0', resolve));
  });
  afterAll(async () => {
    await platform.stop();
    await new Promise((resolve) => squatter.close(resolve));
  });

  it('starts two workers and two schedulers with the defaults, each printing the port it got', async () => {
    // HEALTH_PORT empty is the default: 3001, or the next free port.
    const apps = [];
    for (const app of ['worker', 'scheduler', 'worker', 'scheduler'] as const) {
      apps.push(await platform.start(app, { HEALTH_PORT: '' }));
    }
    const ports = apps.map((app) => app.port());
    expect(new Set(ports).size).toBe(4);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(3001);
    }
    for (const app of apps) {
      expect((await app.get('/health')).status).toBe(200);
    }
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    expect((await platform.waitForStatus(id, ['completed'])).status).toBe('completed');
  });

  it('takes any free port with HEALTH_PORT=0', async () => {
    const worker = await platform.start('worker', { HEALTH_PORT: '0' });
    expect(worker.logs()).toMatch(/Worker health and metrics on http:\/\/localhost:\d+\/health/);
    expect((await worker.get('/health')).status).toBe(200);
  });

  it('stops with one line naming the port when an explicit HEALTH_PORT is taken', async () => {
    const worker = new AppProcess('worker', platform.envFor({ HEALTH_PORT: String(taken) }));
    expect((await worker.exited).code).toBe(1);
    const lines = worker.logs().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).msg).toBe(
      `Port ${taken} (HEALTH_PORT) is in use by another process. Set HEALTH_PORT to a free port, ` +
        'to 0 for any free port, or leave it unset to take the first free one from 3001.',
    );
  });

  it("starts each app whatever another app's own settings say, and the app that reads them refuses", async () => {
    // One environment for all three, with a worker setting gone wrong.
    const shared = { WORKER_CONCURRENCY: 'lots', HEALTH_PORT: '0' };
    const api = await platform.start('api', shared);
    expect((await api.get('/health')).status).toBe(200);
    const scheduler = await platform.start('scheduler', shared);
    expect((await scheduler.get('/health')).status).toBe(200);
    const worker = new AppProcess('worker', platform.envFor(shared));
    expect((await worker.exited).code).toBe(1);
    expect(worker.logs()).toContain('WORKER_CONCURRENCY');
  });
});
