import { randomUUID } from 'node:crypto';
import { TestPlatform, eachQueueBackend, readEvents } from '@lib/testing';

/** Whether `seen` is `expected` with some entries left out, nothing reordered or added. */
function isInOrder(seen: string[], expected: string[]): boolean {
  let next = 0;
  for (const status of seen) {
    next = expected.indexOf(status, next);
    if (next === -1) {
      return false;
    }
    next += 1;
  }
  return true;
}

eachQueueBackend('following a job over Server-Sent Events, queues in $backend', ({ env }) => {
  const platform = new TestPlatform('job-events', env);

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
  });
  afterAll(() => platform.stop());

  const follow = async (id: string) =>
    (
      await readEvents(`${platform.url}/job-status/${id}/events`, 20_000, platform.authorization())
    ).map((event): Record<string, any> => ({ event: event.event, ...JSON.parse(event.data) }));

  it('streams status, attempts, progress and result in order, then closes', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1500, fail_attempts: 1 },
      backoff: { type: 'fixed', delay_ms: 500 },
      delay_ms: 300,
    });
    const events = await follow(id);

    expect(events.every((e) => e.event === 'status' && e.id === id)).toBe(true);
    const statuses = events.map((e) => e.status).filter((s, i, all) => s !== all[i - 1]);
    // Snapshots in order: states shorter than the feed's 200 ms may be merged into the next,
    // but those that last (the delay, the backoff, the second attempt) all show.
    const lifecycle = ['scheduled', 'queued', 'running', 'retrying', 'running', 'completed'];
    expect(isInOrder(statuses, lifecycle)).toBe(true);
    expect(statuses).toEqual(expect.arrayContaining(['scheduled', 'retrying', 'running']));
    expect(statuses.at(-1)).toBe('completed');
    const last = events.at(-1);
    expect(last).toMatchObject({
      attempts: 2,
      progress: 100,
      result: { slept_ms: 1500, attempt: 2 },
    });
    expect(events.find((e) => e.status === 'retrying')?.error).toMatchObject({ attempt: 1 });
    // Progress climbs while the second attempt runs.
    const progress = events
      .filter((e) => e.status === 'running' && e.attempts === 2 && typeof e.progress === 'number')
      .map((e) => e.progress as number);
    expect(progress.length).toBeGreaterThan(2);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('sends the final status at once and closes for a finished job', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 0 } });
    await platform.waitForStatus(id, ['completed']);
    const events = await follow(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: 'status', status: 'completed' });
  });

  it('ends the stream when the job is cancelled', async () => {
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 60_000 } });
    await platform.waitForStatus(id, ['running']);
    const following = follow(id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await platform.post(`/jobs/${id}/cancel`, {});
    expect((await following).at(-1)).toMatchObject({ status: 'cancelled' });
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    expect((await platform.get(`/job-status/${randomUUID()}/events`)).status).toBe(404);
    expect((await platform.get('/job-status/nope/events')).status).toBe(400);
  });
});
