import { JobHandOff } from '@lib/dispatch';
import { HandOffLedger } from '@lib/job-status';
import { Injectable, Logger } from '@nestjs/common';
import { RECOVERY_REASONS, RecoveryMetrics } from './recovery-metrics';

// The API's own hand-off gives up after 1.5 s: rows younger than this are still its own.
const GRACE_MS = 2000;
const BATCH = 500;

/**
 * Hands rows that Postgres has and Redis does not to Redis: rows announced by NOTIFY
 * (created in SQL), rows whose own hand-off failed or never happened, and rows recovery
 * marked lost. Any number of processes may sweep at once: each claims different rows.
 */
@Injectable()
export class HandOffSweep {
  private readonly logger = new Logger('recovery');

  constructor(
    private readonly ledger: HandOffLedger,
    private readonly handOff: JobHandOff,
    private readonly metrics: RecoveryMetrics,
  ) {}

  /**
   * Sweeps until no claimable row is left.
   * @param announced ids to hand over whatever their age
   * @returns how many rows were handed over
   */
  async sweep(announced: readonly string[] = []): Promise<number> {
    let handed = 0;
    let ids = announced;
    for (;;) {
      const batch = await this.ledger.claim({ graceMs: GRACE_MS, ids, limit: BATCH }, (rows) =>
        this.handOff.replace(rows),
      );
      const late = batch.filter((id) => !ids.includes(id)).length;
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
}
