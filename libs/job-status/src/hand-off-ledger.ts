import type { TenantWindows } from '@lib/config';
import { GroupCommit, preparedQuery } from '@lib/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobState } from './job-state';
import { FAIR_HAND_OFF_LOCK } from './fair-hand-off.sql';
import { HAND_OFF } from './job-transitions';

/** A row that waits to be handed to Redis, with what BullMQ needs to place it. */
export interface AwaitingHandOff {
  id: string;
  type: string;
  queue: string;
  priority: number;
  status: JobState;
  runAt: Date | null;
  attempts: number;
  maxAttempts: number;
}

/** A row a claim found awaiting its hand-off. */
export interface ClaimedRow extends AwaitingHandOff {
  /** Held back for its turn since its creation: Redis never had a copy of it. */
  heldBack: boolean;
}

/** A row a claim handed over. */
export interface HandedOff {
  id: string;
  /** It had been held back for its turn (not left behind by a failed hand-off). */
  heldBack: boolean;
}

interface AwaitingRow {
  id: string;
  type: string;
  queue: string;
  priority: number;
  status: JobState;
  run_at: Date | null;
  attempts: number;
  max_attempts: number;
  held_back: boolean;
  turn: number;
  seq: string;
}

export interface ClaimOptions {
  /** Rows younger than this (ms since their last change) are left to whoever wrote them. */
  graceMs: number;
  /** Rows to claim whatever their age (e.g. announced by NOTIFY). */
  ids: readonly string[];
  limit: number;
  /** How many jobs of each tenant each queue may hold in Redis (see FairShare). */
  windows: TenantWindows;
}

/** The channel on which new rows are announced to every app's sweep (as `jobs_enqueue()` does). */
const ENQUEUED_CHANNEL = 'jobs_enqueued';
const ANNOUNCED = 'SELECT pg_notify($1, id) FROM unnest($2::text[]) AS id';
const MAX_IDS_PER_ANNOUNCEMENT = 1000;
// Held-back announcements whose NOTIFY never came back (the LISTEN was down) are forgotten past this.
const MAX_REMEMBERED_HELD_BACK = 10_000;

/** The rows Postgres has and Redis does not yet: what the hand-off sweep works through. */
@Injectable()
export class HandOffLedger {
  // Announcements made at the same time (concurrent creates) share one statement.
  private readonly announcements = new GroupCommit<string, void>(async (ids) => {
    await preparedQuery(this.dataSource, 'job_statuses_announced', ANNOUNCED, [
      ENQUEUED_CHANNEL,
      ids,
    ]);
    return ids.map(() => undefined);
  }, MAX_IDS_PER_ANNOUNCEMENT);

  // Rows this process announced as held back, until their NOTIFY comes back to it.
  private readonly heldBackHere = new Set<string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims rows awaiting a hand-off, each tenant within its windows (see HAND_OFF.claim),
   * marked dispatched, and lets `handOff` give them to Redis; the rows it does not answer
   * are unmarked in the same transaction, and stay waiting. Claims run one at a time across processes:
   * each counts what the one before it handed over.
   * @returns the rows handed off
   */
  async claim(
    options: ClaimOptions,
    handOff: (rows: ClaimedRow[]) => Promise<string[]>,
  ): Promise<HandedOff[]> {
    const { windows } = options;
    return this.dataSource.transaction(async (manager) => {
      // A statement of its own: the claim's snapshot then sees what the last holder committed.
      await manager.query(FAIR_HAND_OFF_LOCK);
      const rows = await preparedQuery<AwaitingRow>(
        manager,
        'job_statuses_claimed',
        HAND_OFF.claim,
        [
          options.graceMs,
          options.ids,
          options.limit,
          windows.otherTenants,
          windows.tenants,
          windows.sizes,
        ],
      );
      if (rows.length === 0) {
        return [];
      }
      // The statement answers in no order: the lines' turns decide what Redis gets first.
      rows.sort((a, b) => a.turn - b.turn || Number(BigInt(a.seq) - BigInt(b.seq)));
      const handed = new Set(
        await handOff(rows.map((row) => ({ ...awaitingHandOff(row), heldBack: row.held_back }))),
      );
      const refused = rows.filter((row) => !handed.has(row.id));
      if (refused.length > 0) {
        await preparedQuery(manager, 'job_statuses_unhanded', HAND_OFF.unhanded, [
          refused.map((row) => row.id),
          refused.map((row) => row.held_back),
        ]);
      }
      return rows
        .filter((row) => handed.has(row.id))
        .map((row) => ({ id: row.id, heldBack: row.held_back }));
    });
  }

  /** Whether any job waits in Postgres for its turn in a tenant's window. */
  async anyHeldBack(): Promise<boolean> {
    const [row] = await preparedQuery<{ any: boolean }>(
      this.dataSource,
      'job_statuses_held_back',
      HAND_OFF.heldBack,
      [],
    );
    return row.any;
  }

  /**
   * Tells every app's sweep that these rows are held back for their turn, as `announce`
   * does, and remembers that this process said so (see wasHeldBackHere).
   */
  async announceHeldBack(ids: readonly string[]): Promise<void> {
    if (this.heldBackHere.size >= MAX_REMEMBERED_HELD_BACK) {
      this.heldBackHere.clear();
    }
    ids.forEach((id) => this.heldBackHere.add(id));
    await this.announce(ids);
  }

  /**
   * Whether this process announced `id` as held back (answered once, as its NOTIFY comes
   * back): it held the row back for want of room, so its own sweep has nothing to hand over
   * yet; the sweeps of the processes whose jobs end let the row in.
   */
  wasHeldBackHere(id: string): boolean {
    return this.heldBackHere.delete(id);
  }

  /** Tells every app's sweep of these rows now (delivered once the caller's writes committed). */
  async announce(ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.announcements.submit(id)));
  }

  /** How many rows wait for a hand-off, and the age of the oldest in seconds (0 when none). */
  async backlog(): Promise<{ waiting: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query<Array<{ waiting: number; oldest: Date | null }>>(
      HAND_OFF.backlog,
    );
    const oldestAgeSeconds = row.oldest ? (Date.now() - row.oldest.getTime()) / 1000 : 0;
    return { waiting: row.waiting, oldestAgeSeconds: Math.max(0, oldestAgeSeconds) };
  }
}

function awaitingHandOff(row: AwaitingRow): AwaitingHandOff {
  return {
    id: row.id,
    type: row.type,
    queue: row.queue,
    priority: row.priority,
    status: row.status,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
}
