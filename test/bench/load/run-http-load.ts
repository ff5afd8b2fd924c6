import { ChildTask } from '../child-task';
import type { HttpLoadPlan } from './http-load.plan';
import { warnOfFailures } from './load-shape';
import type { LoadResult } from './load-shape';

/** Runs one plan on a load generator process of its own; timed inside it. */
export async function runHttpLoad(plan: HttpLoadPlan): Promise<LoadResult> {
  const result = await ChildTask.answerOnce<LoadResult>('load/http-load', {}, plan);
  const { method, path } = plan.requests[0];
  return warnOfFailures(`${method} ${path.replace(/[0-9a-f-]{36}$/, ':id')}`, result);
}
