import type { AppProcess } from '@lib/testing';
import { TestPlatform, waitFor } from '@lib/testing';

/** The sum of a counter's samples in a process's /metrics, by its labels. */
async function counted(app: AppProcess, name: string): Promise<Record<string, number>> {
  const { text } = await app.get('/metrics');
  const samples: Record<string, number> = {};
  for (const [, labels, value] of text.matchAll(new RegExp(`^${name}\\{(.*)\\} (\\S+)$`, 'gm'))) {
    samples[labels] = Number(value);
  }
  return samples;
}

const total = (samples: Record<string, number>) =>
  Object.values(samples).reduce((sum, value) => sum + value, 0);

describe('jobs_cancelled_total', () => {
  const platform = new TestPlatform('cancellation-metrics');
  let api: AppProcess;
  let worker: AppProcess;

  beforeAll(async () => {
    api = await platform.start('api');
    worker = await platform.start('worker');
  });
  afterAll(() => platform.stop());

  it('counts each cancellation once, in the process that commits it', async () => {
    // Cancelled by the API while it waits, and by its worker while it runs.
    const waiting = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1 },
      delay_ms: 3_600_000,
    });
    expect((await platform.post(`/jobs/${waiting}/cancel`, {})).body.status).toBe('cancelled');
    const running = await platform.createJob({ type: 'sleep', payload: { ms: 60_000 } });
    await platform.waitForStatus(running, ['running']);
    expect((await platform.post(`/jobs/${running}/cancel`, {})).status).toBe(202);
    await platform.waitForStatus(running, ['cancelled']);

    const cancelled = (await platform.rows()).filter((row) => row.status === 'cancelled');
    expect(cancelled).toHaveLength(2);
    const counts = await waitFor(
      'both cancellations to be counted',
      async () => ({
        api: await counted(api, 'jobs_cancelled_total'),
        worker: await counted(worker, 'jobs_cancelled_total'),
      }),
      (seen) => total(seen.api) + total(seen.worker) >= cancelled.length,
    );
    expect(counts).toEqual({
      api: { 'type="sleep",queue="default"': 1 },
      worker: { 'type="sleep",queue="default"': 1 },
    });
  });
});
