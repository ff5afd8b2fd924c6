/**
 * Settings that make recovery run often, so that fault suites stay short: the defaults
 * are a hand-off sweep every second and a Redis audit every ten.
 */
export const FAST_RECOVERY = { HANDOFF_SWEEP_MS: '200', REDIS_AUDIT_MS: '1000' } as const;
