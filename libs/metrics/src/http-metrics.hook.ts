import type { FastifyInstance } from 'fastify';
import type { PlatformMetrics } from './platform-metrics';

/**
 * Counts and times every HTTP answer by method, route pattern and status, in a Fastify
 * `onResponse` hook: it also sees the answers no route matched (404) and those of the
 * dashboard's plugin, and costs less than a Nest middleware run through middie.
 */
export function countHttpAnswers(fastify: FastifyInstance, metrics: PlatformMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      // The route pattern (/job-status/:id), never the raw path: ids would explode the labels.
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpSeconds.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
