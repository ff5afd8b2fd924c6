import { HandOffLedger } from '@lib/job-status';
import { PlatformMetrics } from '@lib/metrics';
import { Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';

/** Why recovery gave a job to Redis again (the `reason` label). */
export const RECOVERY_REASONS = {
  /** Recorded but never handed over: a crash, Redis down, or a hand-off that timed out. */
  notHandedOff: 'not_handed_off',
  /** Redis lost its data (flushed, restarted empty, failed over to an empty replica). */
  redisDataLost: 'redis_data_lost',
  /** Redis no longer held this one job (its keys removed, or finished there but not here). */
  missingInRedis: 'missing_in_redis',
  /** It was running on a worker that died, and Redis had lost its copy. */
  workerLost: 'worker_lost',
} as const;
export type RecoveryReason = (typeof RECOVERY_REASONS)[keyof typeof RECOVERY_REASONS];

/** What recovery did and what waits for it, on this process's /metrics. */
@Injectable()
export class RecoveryMetrics implements OnModuleInit {
  private recovered!: Counter<'reason'>;

  constructor(
    private readonly metrics: PlatformMetrics,
    private readonly ledger: HandOffLedger,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    this.recovered = new Counter({
      name: 'jobs_recovered_total',
      help: 'Jobs recovery gave to Redis again, or rescued from a dead worker, by reason.',
      labelNames: ['reason'],
      registers,
    });
    // One indexed query at each scrape feeds both gauges.
    let backlog: Promise<{ waiting: number; oldestAgeSeconds: number }> | null = null;
    const read = () => (backlog ??= this.ledger.backlog().finally(() => (backlog = null)));
    new Gauge({
      name: 'jobs_awaiting_hand_off',
      help: 'Jobs recorded in Postgres and waiting for their hand-off to Redis.',
      registers,
      async collect() {
        this.set((await read()).waiting);
      },
    });
    new Gauge({
      name: 'jobs_awaiting_hand_off_oldest_seconds',
      help: 'Age of the oldest job waiting for its hand-off to Redis, in seconds (0: none).',
      registers,
      async collect() {
        this.set((await read()).oldestAgeSeconds);
      },
    });
  }

  count(reason: RecoveryReason, jobs: number): void {
    if (jobs > 0) {
      this.recovered.inc({ reason }, jobs);
    }
  }
}
