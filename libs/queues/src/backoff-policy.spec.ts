import { backoffDelayMs } from './backoff-policy';

// The largest value Math.random can return, near enough.
const almostOne = () => 1 - 1e-12;

describe('backoffDelayMs', () => {
  it('waits the same delay every time with a fixed policy', () => {
    const policy = { type: 'fixed', delayMs: 500 } as const;
    expect([1, 2, 5].map((n) => backoffDelayMs(policy, n, () => 0.3))).toEqual([500, 500, 500]);
  });

  it('doubles exponential delays, jittered between half and all of the ceiling', () => {
    const policy = { type: 'exponential', delayMs: 1000 } as const;
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(500);
    expect(backoffDelayMs(policy, 1, almostOne)).toBe(1000);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(2000);
    expect(backoffDelayMs(policy, 3, almostOne)).toBe(4000);
  });

  it('never exceeds max_delay_ms, however many attempts failed', () => {
    const policy = { type: 'exponential', delayMs: 1000, maxDelayMs: 5000 } as const;
    expect(backoffDelayMs(policy, 60, almostOne)).toBe(5000);
  });

  it('caps exponential delays at one hour by default', () => {
    const policy = { type: 'exponential', delayMs: 1000 } as const;
    expect(backoffDelayMs(policy, 1000, almostOne)).toBe(3_600_000);
  });
});
