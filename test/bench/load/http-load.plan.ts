import type { HttpRequestSpec } from './http-call';
import type { LoadShape } from './load-shape';

/** What the HTTP load generator (http-load.ts) is asked to do. */
export interface HttpLoadPlan {
  /** The port of the API or anchor on 127.0.0.1. */
  port: number;
  /** Keep-alive connections at most. */
  connections: number;
  /** Requests to send, taken in turn. */
  requests: HttpRequestSpec[];
  /** The timed part. */
  shape: LoadShape;
  /** Sent first and not timed, so that the server's JIT is warm when timing starts. */
  warmUp?: Pick<LoadShape, 'until'>;
  /** What one answer counts for: one job, or the jobs a bulk answer says it created. */
  counting: 'requests' | 'bulk-created';
}
