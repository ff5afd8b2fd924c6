/** What an app needs to be ready. */
export interface ReadinessRules {
  /**
   * True for an app that cannot work without Redis (the worker). The API and the
   * scheduler record jobs in Postgres and hand them over once Redis is back, so Redis
   * being down only makes them degraded: they answer 200 with `status: "degraded"`.
   */
  redisRequired: boolean;
}

export const READINESS_RULES = Symbol('READINESS_RULES');
