import { WorkerRegistry } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';
import { WorkerIdentity } from './worker-identity';

// Bounds how long a lost cancel message delays a cancel (the promise is 2 s).
const BEAT_MS = 1000;

/**
 * Tells Postgres every second that this worker is alive, and learns from the same
 * statement which of its running jobs were cancelled there: a cancel whose Redis
 * message was lost still reaches the attempt.
 */
@Injectable()
export class WorkerHeartbeat {
  private readonly logger = new Logger('worker');
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly identity: WorkerIdentity,
  ) {}

  /** Starts beating; `onCancelled` gets the ids among `running()` whose cancel was accepted. */
  start(running: () => string[], onCancelled: (jobId: string) => void): void {
    const beat = async () => {
      try {
        for (const id of await this.registry.beat(this.identity.id, running())) {
          onCancelled(id);
        }
        this.failing = false;
      } catch (error) {
        if (!this.failing) {
          this.failing = true;
          this.logger.warn(`Heartbeat to Postgres failed: ${(error as Error).message}`);
        }
      }
    };
    void beat();
    this.timer = setInterval(() => void beat(), BEAT_MS);
  }

  /** Stops beating and leaves the registry, so that recovery no longer waits on this worker. */
  async stop(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.registry.leave(this.identity.id).catch(() => undefined);
  }
}
