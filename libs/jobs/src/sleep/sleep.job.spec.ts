import { TransientJobError } from '../errors/transient-job.error';
import type { JobContext } from '../job-context';
import { SleepJob } from './sleep.job';

function context(attempt: number, signal = new AbortController().signal) {
  const progress: unknown[] = [];
  const ctx: JobContext = {
    jobId: 'job-1',
    attempt,
    maxAttempts: 3,
    signal,
    logger: {
      log: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
    },
    progress: (value) => {
      progress.push(value);
      return Promise.resolve();
    },
    dependencies: () =>
      Promise.resolve([{ id: 'job-0', type: 'sleep', status: 'completed', result: { n: 1 } }]),
  };
  return { ctx, progress };
}

describe('SleepJob', () => {
  const job = new SleepJob();

  it('waits, reports progress up to 100, then answers', async () => {
    const { ctx, progress } = context(1);
    const result = await job.perform({ ms: 120, message: 'hi' }, ctx);
    expect(result).toEqual({ slept_ms: 120, message: 'hi', attempt: 1 });
    expect(progress[progress.length - 1]).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => Number(a) - Number(b)));
  });

  it('reports what its dependencies returned when asked to', async () => {
    const result = await job.perform({ ms: 0, report_dependencies: true }, context(1).ctx);
    expect(result.dependencies).toEqual([{ id: 'job-0', type: 'sleep', result: { n: 1 } }]);
  });

  it('fails with a transient error while the attempt is within fail_attempts', async () => {
    await expect(job.perform({ ms: 0, fail_attempts: 2 }, context(2).ctx)).rejects.toThrow(
      TransientJobError,
    );
    await expect(job.perform({ ms: 0, fail_attempts: 2 }, context(3).ctx)).resolves.toMatchObject({
      attempt: 3,
    });
  });

  it('stops early when its signal aborts', async () => {
    const controller = new AbortController();
    const { ctx } = context(1, controller.signal);
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(job.perform({ ms: 10_000 }, ctx)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
