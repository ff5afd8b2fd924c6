import { JobRegistry } from './job-registry';
import { SleepJob } from './sleep/sleep.job';

describe('JobRegistry', () => {
  const registry = new JobRegistry([new SleepJob()]);

  it('finds a job type by its wire name', () => {
    expect(registry.get('sleep')).toBeInstanceOf(SleepJob);
  });

  it('refuses an unknown or missing type, listing the known ones', () => {
    expect(() => registry.get('nope')).toThrow('Unknown job type "nope". Known types: sleep.');
    expect(() => registry.get(undefined)).toThrow(
      'Unknown job type undefined. Known types: sleep.',
    );
  });
});
