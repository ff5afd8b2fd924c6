import type { HookContext } from '@bull-board/api/typings/app';

/**
 * The routes of Bull Board 9.10.1's API that change something
 * (node_modules/@bull-board/api/dist/routes.js), as `METHOD path`: one path can carry two
 * methods (GET reads a queue's rate limit, PUT sets it). Bull Board has no DELETE route:
 * the board's "remove job" button is `PUT …/:jobId/clean`.
 */
export const BOARD_ROUTES = {
  add: 'POST /api/queues/:queueName/add',
  retryOne: 'PUT /api/queues/:queueName/:jobId/retry',
  retryAll: 'PUT /api/queues/:queueName/retry/:queueStatus',
  promoteOne: 'PUT /api/queues/:queueName/:jobId/promote',
  promoteAll: 'PUT /api/queues/:queueName/promote',
  cleanOne: 'PUT /api/queues/:queueName/:jobId/clean',
  cleanAll: 'PUT /api/queues/:queueName/clean/:queueStatus',
  empty: 'PUT /api/queues/:queueName/empty',
  obliterate: 'PUT /api/queues/:queueName/obliterate',
  updateData: 'PATCH /api/queues/:queueName/:jobId/update-data',
  changeDelay: 'PATCH /api/queues/:queueName/:jobId/delay',
  changePriority: 'PATCH /api/queues/:queueName/:jobId/priority',
  removeChildren: 'PUT /api/queues/:queueName/:jobId/remove-unprocessed-children',
  pause: 'PUT /api/queues/:queueName/pause',
  resume: 'PUT /api/queues/:queueName/resume',
  pauseAll: 'PUT /api/queues/pause',
  resumeAll: 'PUT /api/queues/resume',
  concurrency: 'PUT /api/queues/:queueName/concurrency',
  rateLimit: 'PUT /api/queues/:queueName/rate-limit',
  releaseRateLimit: 'PUT /api/queues/:queueName/rate-limit/release',
  removeScheduler: 'PUT /api/queues/:queueName/job-schedulers/:schedulerId/remove',
  updateScheduler: 'PATCH /api/queues/:queueName/job-schedulers/:schedulerId',
  runScheduler: 'PUT /api/queues/:queueName/job-schedulers/:schedulerId/run',
} as const;
export type BoardRoute = (typeof BOARD_ROUTES)[keyof typeof BOARD_ROUTES];

/** The route a hook was called for, in the form of BOARD_ROUTES. */
export const boardRouteOf = (context: HookContext): string =>
  `${context.method.toUpperCase()} ${context.route}`;

type RouteParams = Partial<Record<'queueName' | 'jobId' | 'queueStatus', string>>;

/** The route's path parameters (Bull Board types them as `any`). */
export const paramsOf = (context: HookContext): RouteParams =>
  (context.request.params ?? {}) as RouteParams;
