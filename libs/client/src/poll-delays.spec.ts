import { pollDelays } from './poll-delays.js';

describe('pollDelays', () => {
  it('doubles up to the cap, each wait between half and all of its step', () => {
    const delays = pollDelays({ initialMs: 100, maxMs: 1000 });
    const steps = [100, 200, 400, 800, 1000, 1000, 1000];
    for (const step of steps) {
      const delay = delays.next().value as number;
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    }
  });

  it('spreads the waits of clients that start together', () => {
    const firsts = Array.from(
      { length: 50 },
      () => pollDelays({ initialMs: 1000, maxMs: 1000 }).next().value,
    );
    expect(new Set(firsts).size).toBeGreaterThan(10);
  });
});
