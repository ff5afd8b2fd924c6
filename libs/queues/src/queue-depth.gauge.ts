import { PlatformMetrics } from '@lib/metrics';
import { Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { JobQueues } from './job-queues';

const STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'] as const;

/** `queue_jobs{queue,state}`: how many jobs each queue holds, read from Redis at each scrape. */
@Injectable()
export class QueueDepthGauge implements OnModuleInit {
  constructor(
    private readonly metrics: PlatformMetrics,
    private readonly queues: JobQueues,
  ) {}

  onModuleInit(): void {
    const queues = this.queues;
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs held by each queue in Redis, by state.',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        for (const queue of queues.all()) {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) {
            this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        }
      },
    });
  }
}
