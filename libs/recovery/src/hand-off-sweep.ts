import { PlatformConfig } from '@lib/config';
import { JobHandOff } from '@lib/dispatch';
import { CREATOR_GRACE_MS, HandOffLedger } from '@lib/job-status';
import type { ClaimedRow } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';
import { RECOVERY_REASONS, RecoveryMetrics } from './recovery-metrics';

const BATCH = 500;

/**
 * Hands rows that Postgres has and Redis does not to Redis: rows announced by NOTIFY
 * (created in SQL), rows held back for their turn in a tenant's window (see FairShare),
 * rows whose own hand-off failed or never happened, and rows recovery marked lost. Any
 * number of processes may sweep at once: their claims take turns.
 */
@Injectable()
export class HandOffSweep {
  private readonly logger = new Logger('recovery');

  constructor(
    private readonly ledger: HandOffLedger,
    private readonly handOff: JobHandOff,
    private readonly metrics: RecoveryMetrics,
    private readonly config: PlatformConfig,
  ) {}

  /**
   * Sweeps until no claimable row is left.
   * @param announced ids to hand over whatever their age
   * @returns how many rows were handed over
   */
  async sweep(announced: readonly string[] = []): Promise<number> {
    const windows = this.config.limits.fairShare.windows();
    let handed = 0;
    let ids = announced;
    for (;;) {
      const batch = await this.ledger.claim(
        { graceMs: CREATOR_GRACE_MS, ids, limit: BATCH, windows },
        (rows) => this.handOver(rows),
      );
      // Held back for a turn is fair sharing at work, not a hand-off that went wrong.
      const late = batch.filter((row) => !row.heldBack && !ids.includes(row.id)).length;
      this.metrics.count(RECOVERY_REASONS.notHandedOff, late);
      if (late > 0) {
        this.logger.log(
          `Handed ${late} job(s) to Redis that had been recorded but not handed over.`,
        );
      }
      handed += batch.length;
      ids = [];
      if (batch.length < BATCH) {
        return handed;
      }
    }
  }

  /**
   * Gives claimed rows to Redis: a row held back since its creation is added at once; any
   * other may have left a copy there (a failed attempt's, or a crashed hand-off's), which
   * is removed first (see JobHandOff.replace).
   * @returns the ids handed over
   */
  private async handOver(rows: ClaimedRow[]): Promise<string[]> {
    const fresh = rows.filter((row) => row.heldBack);
    const [replaced] = await Promise.all([
      this.handOff.replace(rows.filter((row) => !row.heldBack)),
      this.handOff.place(fresh),
    ]);
    return [...fresh.map((row) => row.id), ...replaced];
  }

  /** Whether this process announced `id` as held back itself (see HandOffLedger.wasHeldBackHere). */
  wasHeldBackHere(id: string): boolean {
    return this.ledger.wasHeldBackHere(id);
  }

  /** Whether jobs wait in Postgres for their turn, so that a job leaving Redis makes room. */
  anyHeldBack(): Promise<boolean> {
    return this.ledger.anyHeldBack();
  }
}
