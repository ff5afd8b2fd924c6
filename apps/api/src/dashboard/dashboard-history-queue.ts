import { QUEUE_NAMES, isQueueName } from '@lib/queues';
import type { HookContext } from '@bull-board/api/typings/app';
import { boardRouteOf } from './dashboard-routes';

const HISTORY_ROUTES: readonly string[] = ['GET /api/metrics/history', 'GET /api/metrics/latency'];

/**
 * Why a history request names a queue the platform does not have, or undefined. Bull Board
 * checks the other query parameters (metric, granularity, range) against their allowed
 * values; the queue it passes through as any string.
 */
export function unknownHistoryQueue(context: HookContext): string | undefined {
  if (!HISTORY_ROUTES.includes(boardRouteOf(context))) {
    return undefined;
  }
  const queue: unknown = (context.request.query as Record<string, unknown>).queue;
  if (queue === undefined || queue === '' || (typeof queue === 'string' && isQueueName(queue))) {
    return undefined;
  }
  return `Unknown queue ${JSON.stringify(queue)}. Queues: ${QUEUE_NAMES.join(', ')}; omit queue for all of them.`;
}
