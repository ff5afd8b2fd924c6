import { TestPlatform } from '@lib/testing';

describe('slots per queue (WORKER_QUEUE_CONCURRENCY)', () => {
  const platform = new TestPlatform('queue_slots');

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker', { WORKER_CONCURRENCY: '3', WORKER_QUEUE_CONCURRENCY: 'etl:1' });
  });
  afterAll(() => platform.stop());

  const sleep = (ms: number, queue: string) =>
    platform.createJob({ type: 'sleep', payload: { ms }, queue });

  it('keeps a capped queue to its slots while another queue takes the free ones', async () => {
    const long = [await sleep(1500, 'etl'), await sleep(1500, 'etl'), await sleep(1500, 'etl')];
    await platform.waitForStatus(long[0], ['running']);
    const urgent = await sleep(1, 'high');
    const done = [];
    for (const id of [urgent, ...long]) {
      done.push(await platform.waitForStatus(id, ['completed'], 30_000));
    }
    const [high, ...etl] = done;
    const spans = etl
      .map((job) => [Date.parse(job.started_at), Date.parse(job.finished_at)])
      .sort(([a], [b]) => a - b);
    // One etl job at a time: each starts once the one before it finished.
    for (let n = 1; n < spans.length; n += 1) {
      expect(spans[n][0]).toBeGreaterThanOrEqual(spans[n - 1][1]);
    }
    // The high job did not wait behind them.
    expect(Date.parse(high.finished_at)).toBeLessThan(spans[0][1]);
  });

  it('refuses a queue that does not exist with one line naming the variable', async () => {
    const worker = await platform.start('worker', { WORKER_QUEUE_CONCURRENCY: 'urgent:2' }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(worker).toContain(
      'Invalid configuration: WORKER_QUEUE_CONCURRENCY entry \\"urgent\\" is not a queue.',
    );
  });
});
