import { progressText } from './progress-text.js';

describe('progressText', () => {
  it('shows a number as a percentage and nothing for no progress', () => {
    expect(progressText(42)).toBe('42%');
    expect(progressText(0)).toBe('0%');
    expect(progressText(null)).toBe('');
  });

  it('shows a job type’s counters as key=value pairs, in their order', () => {
    expect(progressText({ rows_read: 10, rows_loaded: 9, phase: 'copy', last: { id: 3 } })).toBe(
      'rows_read=10 rows_loaded=9 phase=copy last={"id":3}',
    );
  });
});
