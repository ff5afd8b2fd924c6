import { PlatformConfig } from '@lib/config';
import { Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { EnqueueListener } from './enqueue-listener';
import { HandOffSweep } from './hand-off-sweep';
import { QueuePauseSync } from './queue-pause-sync';
import { QueueAudit } from './queue-audit';
import { RedisLossDetector } from './redis-loss-detector';

/** A sweep with the checks of Redis before it, or the hand-off alone. */
type SweepKind = 'full' | 'hand-off only';

/**
 * Keeps Redis in line with Postgres, in every app: every HANDOFF_SWEEP_MS it checks that
 * Redis kept its data and its paused queues, and hands waiting rows over; every
 * REDIS_AUDIT_MS it checks each unfinished job and each queue's pause against Redis; and a NOTIFY from `jobs_enqueue()` starts a sweep at
 * once. Each part runs one at a time per process; several processes may run them together.
 */
@Injectable()
export class RecoveryLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('recovery');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly announced = new Set<string>();
  private sweeping: Promise<void> | null = null;
  private sweepAgain: SweepKind | null = null;
  // Jobs wait in Postgres for their turn: each job leaving Redis should let the next in.
  private heldBack = false;
  private auditing: Promise<void> | null = null;
  private readonly failing = new Set<string>();

  constructor(
    private readonly config: PlatformConfig,
    private readonly detector: RedisLossDetector,
    private readonly sweep: HandOffSweep,
    private readonly audit: QueueAudit,
    private readonly listener: EnqueueListener,
    private readonly pauses: QueuePauseSync,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { handOffSweepMs, redisAuditMs } = this.config.recovery;
    await this.listener.start({
      enqueued: (id) => {
        if (this.sweep.wasHeldBackHere(id)) {
          // This process held it back for want of room: nothing to hand over yet.
          this.heldBack = true;
          return;
        }
        this.announced.add(id);
        this.requestSweep();
      },
      listening: () => this.requestSweep(),
    });
    this.timers.push(setInterval(() => this.requestSweep(), handOffSweepMs));
    this.timers.push(setInterval(() => this.runAudit(), redisAuditMs));
    this.requestSweep();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.listener.stop();
    await Promise.all([this.sweeping, this.auditing]);
  }

  /**
   * A job of this process left Redis (it ended): when jobs are held back for their turn,
   * hand the next in line over soon; otherwise this costs nothing. Only the hand-off runs:
   * the checks of Redis keep their own pace (every sweep of the loop).
   */
  handOffSoon(): void {
    if (this.heldBack) {
      this.requestSweep('hand-off only');
    }
  }

  /** Sweeps soon; a request during a sweep runs one more right after it (a full one if any asked). */
  private requestSweep(kind: SweepKind = 'full'): void {
    if (this.sweeping) {
      this.sweepAgain = this.sweepAgain === 'full' || kind === 'full' ? 'full' : kind;
      return;
    }
    this.sweeping = this.sweepOnce(kind).finally(() => {
      this.sweeping = null;
      const again = this.sweepAgain;
      this.sweepAgain = null;
      if (again) {
        this.requestSweep(again);
      }
    });
  }

  private async sweepOnce(kind: SweepKind): Promise<void> {
    const ids = [...this.announced];
    this.announced.clear();
    if (kind === 'full') {
      await this.guarded('loss check', () => this.detector.check());
      // Before the sweep: jobs handed to a Redis that forgot a pause must wait in it.
      await this.guarded('pause check', () => this.pauses.repause());
    }
    await this.guarded('hand-off sweep', async () => {
      await this.sweep.sweep(ids);
      this.heldBack = await this.sweep.anyHeldBack();
    });
  }

  private runAudit(): void {
    this.auditing ??= Promise.all([
      this.guarded('queue audit', () => this.audit.audit()),
      this.guarded('pause audit', () => this.pauses.alignAll()),
    ])
      .then(() => undefined)
      .finally(() => {
        this.auditing = null;
      });
  }

  // Redis or Postgres being down is expected here: say so once, and when it works again.
  private async guarded(part: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
      if (this.failing.delete(part)) {
        this.logger.log(`Recovery: the ${part} works again.`);
      }
    } catch (error) {
      if (!this.failing.has(part)) {
        this.failing.add(part);
        this.logger.warn(`Recovery: the ${part} failed (${(error as Error).message}); retrying.`);
      }
    }
  }
}
