import { BULK_IN_FLIGHT, HTTP_CONNECTIONS, WARM_UP_CALLS } from '../load-levels';
import { BULK_SIZE, SINGLE_CREATE_BODY, bulkCreateBody } from '../no-op-job';
import type { HttpLoadPlan } from './http-load.plan';
import type { LoadShape } from './load-shape';

/**
 * No-op jobs created one per `POST <path>` (the API's /create-jobs, or an anchor's), with
 * HTTP_CONNECTIONS requests in flight unless `shape` says otherwise, after `warmUpCalls`
 * untimed ones (sent the way `shape` says too).
 */
export function singleCreatePlan(
  port: number,
  path: string,
  shape: Partial<LoadShape> & Pick<LoadShape, 'until'>,
  warmUpCalls = WARM_UP_CALLS,
): HttpLoadPlan {
  return {
    port,
    connections: HTTP_CONNECTIONS,
    requests: [{ method: 'POST', path, body: SINGLE_CREATE_BODY, expectedStatus: 202 }],
    shape: { inFlight: HTTP_CONNECTIONS, ...shape },
    warmUp: warmUpCalls > 0 ? { until: { calls: warmUpCalls } } : undefined,
    counting: 'requests',
  };
}

/** `jobs` no-op jobs created BULK_SIZE per `POST /create-jobs`, BULK_IN_FLIGHT at a time. */
export function bulkCreatePlan(port: number, jobs: number, warmUp = true): HttpLoadPlan {
  return {
    port,
    connections: BULK_IN_FLIGHT,
    requests: [
      { method: 'POST', path: '/create-jobs', body: bulkCreateBody(), expectedStatus: 200 },
    ],
    shape: { until: { calls: Math.ceil(jobs / BULK_SIZE) }, inFlight: BULK_IN_FLIGHT },
    warmUp: warmUp ? { until: { calls: 2 * BULK_IN_FLIGHT } } : undefined,
    counting: 'bulk-created',
  };
}

/** `GET <path>` for each path in turn, HTTP_CONNECTIONS in flight, `calls` in all. */
export function readPlan(port: number, paths: readonly string[], calls: number): HttpLoadPlan {
  return {
    port,
    connections: HTTP_CONNECTIONS,
    requests: paths.map((path) => ({ method: 'GET', path, expectedStatus: 200 })),
    shape: { until: { calls }, inFlight: HTTP_CONNECTIONS },
    warmUp: { until: { calls: WARM_UP_CALLS } },
    counting: 'requests',
  };
}

/**
 * Whether this API creates jobs in bulk (`{"jobs": […]}` answered 200): an API without
 * the endpoint refuses the unknown field with a 400.
 */
export async function apiCreatesInBulk(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/create-jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bulkCreateBody(1),
  });
  await response.text();
  return response.status === 200;
}
