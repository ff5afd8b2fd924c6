import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobState } from './job-state';
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

interface AwaitingRow {
  id: string;
  type: string;
  queue: string;
  priority: number;
  status: JobState;
  run_at: Date | null;
  attempts: number;
  max_attempts: number;
}

export interface ClaimOptions {
  /** Rows younger than this (ms since their last change) are left to whoever wrote them. */
  graceMs: number;
  /** Rows to claim whatever their age (e.g. announced by NOTIFY). */
  ids: readonly string[];
  limit: number;
}

/** The rows Postgres has and Redis does not yet: what the hand-off sweep works through. */
@Injectable()
export class HandOffLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims rows awaiting a hand-off and lets `handOff` give them to Redis; the ids it
   * answers are marked dispatched in the same transaction, the others stay waiting.
   * @returns the ids handed off
   */
  async claim(
    options: ClaimOptions,
    handOff: (rows: AwaitingHandOff[]) => Promise<string[]>,
  ): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<AwaitingRow[]>(HAND_OFF.claim, [
        options.graceMs,
        options.ids,
        options.limit,
      ]);
      if (rows.length === 0) {
        return [];
      }
      const handed = await handOff(rows.map(awaitingHandOff));
      if (handed.length > 0) {
        await manager.query(HAND_OFF.handed, [handed]);
      }
      return handed;
    });
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
