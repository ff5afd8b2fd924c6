import { jobsPerSecond } from './load-shape';
import type { LoadResult } from './load-shape';
import { apiCreatesInBulk, bulkCreatePlan, singleCreatePlan } from './api-loads';
import { runHttpLoad } from './run-http-load';

/**
 * Creates `jobs` no-op jobs through the API, untimed, in bulk when the API can; fails
 * when the API refused any, since the measure that needs them would then be wrong.
 */
export async function createThroughApi(port: number, jobs: number): Promise<LoadResult> {
  const plan = (await apiCreatesInBulk(port))
    ? bulkCreatePlan(port, jobs, false)
    : singleCreatePlan(port, '/create-jobs', { until: { calls: jobs } }, 0);
  const result = await runHttpLoad(plan);
  if (result.failures > 0 || result.jobs < jobs) {
    throw new Error(
      `Creating ${jobs} jobs through the API created ${result.jobs} ` +
        `(${jobsPerSecond(result).toFixed(0)} jobs/s); first failure: ${result.firstFailure}`,
    );
  }
  return result;
}
