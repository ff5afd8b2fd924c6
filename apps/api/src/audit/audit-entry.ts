/** What the audit log records; the same strings are stored and served by GET /audit-log. */
export const AUDIT_ACTIONS = {
  jobsCreated: 'jobs.create',
  jobCancelled: 'job.cancel',
  jobRetried: 'job.retry',
  scheduleTriggered: 'schedule.trigger',
  queuePaused: 'queue.pause',
  queueResumed: 'queue.resume',
  /** An action in the dashboard; `detail.route` says which. */
  dashboard: 'dashboard.action',
} as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/**
 * Who acted: an API key (its id), the dashboard (its basic-auth user), or anyone at all
 * when API_AUTH=off (no id).
 */
export const ACTOR_TYPES = { apiKey: 'api_key', dashboard: 'dashboard', open: 'open' } as const;
export type ActorType = (typeof ACTOR_TYPES)[keyof typeof ACTOR_TYPES];

export interface Actor {
  readonly type: ActorType;
  readonly id: string | null;
}

/** One acknowledged action, before it is stored. */
export interface AuditEntry {
  readonly actor: Actor;
  readonly tenant: string;
  readonly action: AuditAction;
  /** The jobs acted on; all those a batch created, in one entry. */
  readonly jobIds: readonly string[];
  readonly detail?: Record<string, unknown>;
}
