import { cronBoundsProblem } from './cron-bounds';

describe('cronBoundsProblem', () => {
  it.each([
    '0 2 * * *',
    '0 1 * * 1-5',
    '*/5 * * * * *',
    '0 0 1,15 jan-jun sun',
    '0 0 L * *',
    '0 0 * * 7',
  ])('passes %s on to node-cron', (expression) => {
    expect(cronBoundsProblem(expression)).toBeNull();
  });

  it.each([
    ['0-30000000 * * * *', 'minute 30000000 is outside 0-59'],
    ['* 24 * * *', 'hour 24 is outside 0-23'],
    ['0 0 0 * *', 'day of month 0 is outside 1-31'],
    ['0 0 * 13 *', 'month 13 is outside 1-12'],
    ['0 0 * * 1-8', 'day of week 8 is outside 0-7'],
    ['60 * * * * *', 'second 60 is outside 0-59'],
    ['*/0 * * * *', 'minute step 0 is outside 1-60'],
    ['* * *', 'has 3 fields; give 5 (minute hour day month weekday) or 6 (seconds first)'],
  ])('refuses %s: %s', (expression, problem) => {
    expect(cronBoundsProblem(expression)).toBe(problem);
  });
});
