import { checkJobOptions } from './check-job-options';
import { InvalidJobOptionsError } from './invalid-job-options.error';

describe('checkJobOptions', () => {
  const problem = (options: Record<string, unknown>) =>
    checkJobOptions(options, 86_400_000).then(
      () => 'accepted',
      (error: unknown) => {
        expect(error).toBeInstanceOf(InvalidJobOptionsError);
        return (error as InvalidJobOptionsError).message;
      },
    );

  it('accepts every option within its range', async () => {
    expect(
      await problem({
        queue: 'low',
        priority: 1_000_000,
        delay_ms: 0,
        max_attempts: 100,
        timeout_ms: 1,
        backoff: { type: 'exponential', delay_ms: 0, max_delay_ms: 86_400_000 },
        idempotency_key: 'k'.repeat(200),
      }),
    ).toBe('accepted');
    expect(await problem({ run_at: '2026-11-23T02:00:00.5+01:00' })).toBe('accepted');
  });

  it('treats an option given as null as not given', async () => {
    expect(await problem({ queue: null, delay_ms: null, run_at: '2026-11-23' })).toBe('accepted');
  });

  it('names a backoff field that does not exist and a missing one', async () => {
    expect(await problem({ backoff: { type: 'fixed', delay_ms: 1, jitter: 1 } })).toBe(
      'backoff.jitter is not a field of backoff. Fields: type, delay_ms, max_delay_ms.',
    );
    expect(await problem({ backoff: { type: 'fixed' } })).toBe(
      'backoff.delay_ms must be an integer from 0 to 86400000, got nothing.',
    );
  });

  it('refuses the ISO-8601 forms jobs_enqueue() does not read', async () => {
    expect(await problem({ run_at: '2026-W47' })).toBe(
      'run_at must be an ISO-8601 date-time, got "2026-W47".',
    );
  });

  it('refuses text Postgres cannot store, naming where it is', async () => {
    expect(await problem({ idempotency_key: 'a\ud800' })).toBe(
      'idempotency_key contains a NUL character (\\u0000) or a lone UTF-16 surrogate, which Postgres cannot store.',
    );
  });
});
