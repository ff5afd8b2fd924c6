import type { BaseJob } from './base-job';

/**
 * Injection token of the job types the platform creates itself (webhook deliveries): an
 * app that runs them provides this token globally, and JobsModule registers them beside
 * JOB_TYPES. The API provides none, so no request can create one.
 */
export const PLATFORM_JOB_TYPES = Symbol('PLATFORM_JOB_TYPES');

export type PlatformJobTypes = readonly BaseJob[];
