// A load generator in a process of its own: sends HTTP requests to the API or to an
// anchor as the parent asks (see http-load.plan.ts) and answers with what they achieved.
import { Agent } from 'node:http';
import { serveParent } from '../parent-channel';
import { httpCall } from './http-call';
import type { HttpLoadPlan } from './http-load.plan';
import { runLoad } from './load-shape';
import type { LoadResult } from './load-shape';

interface BulkAnswer {
  results: Array<{ result: string; error?: unknown }>;
}

/** Jobs a bulk answer created; a refused job is a failure, named by its error. */
function createdJobs(body: string): number {
  const { results } = JSON.parse(body) as BulkAnswer;
  const refused = results.find((entry) => entry.result === 'refused');
  if (refused) {
    throw new Error(`a bulk request refused a job: ${JSON.stringify(refused.error)}`);
  }
  return results.filter((entry) => entry.result === 'created').length;
}

async function run(plan: HttpLoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections });
  const call = async (index: number) => {
    const spec = plan.requests[index % plan.requests.length];
    const body = await httpCall(plan.port, agent, spec);
    return plan.counting === 'bulk-created' ? createdJobs(body) : 1;
  };
  try {
    if (plan.warmUp) {
      await runLoad({ ...plan.shape, ...plan.warmUp }, call);
    }
    return await runLoad(plan.shape, call);
  } finally {
    agent.destroy();
  }
}

serveParent(() => Promise.resolve(true), run);
