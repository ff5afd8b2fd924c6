import { PLATFORM_BACKOFF_TYPE, jobOptions } from './job-options';

describe('jobOptions', () => {
  const options = jobOptions({ jobId: 'a-b', priority: 7, delayMs: 250, attemptsLeft: 4 });

  it('uses the JobStatus id as the BullMQ job id', () => {
    expect(options.jobId).toBe('a-b');
  });

  it('passes priority, delay and attempts through unchanged', () => {
    expect(options).toMatchObject({ priority: 7, delay: 250, attempts: 4 });
  });

  it('gives BullMQ at least one attempt', () => {
    expect(jobOptions({ jobId: 'a', priority: 0, delayMs: 0, attemptsLeft: 0 }).attempts).toBe(1);
  });

  it('leaves retry delays to the worker and bounds what Redis keeps', () => {
    expect(options.backoff).toEqual({ type: PLATFORM_BACKOFF_TYPE });
    expect(options.removeOnComplete).toEqual({ age: 3600, count: 10_000 });
    expect(options.removeOnFail).toEqual({ age: 604_800, count: 50_000 });
  });
});
