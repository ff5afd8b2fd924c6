import { randomUUID } from 'node:crypto';
import type { NewJobStatus } from './job-status.entity';

/** For the lib's own tests: a queued `sleep` job of tenant `default`, with `fields` over it. */
export const newJobStatus = (fields: Partial<NewJobStatus> = {}): NewJobStatus => ({
  id: randomUUID(),
  tenantId: 'default',
  type: 'sleep',
  queue: 'default',
  priority: 0,
  status: 'queued',
  payload: { ms: 1 },
  attempts: 0,
  maxAttempts: 3,
  timeoutMs: 60_000,
  backoff: { type: 'fixed', delay_ms: 10 },
  runAt: null,
  idempotencyKey: null,
  requestHash: null,
  scheduleName: null,
  scheduledFor: null,
  dependsOn: null,
  onDependencyFailure: 'cancel',
  webhookUrl: null,
  webhookSecret: null,
  ...fields,
});
