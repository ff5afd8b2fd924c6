import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HAND_OFF } from './job-transitions';

/** How Redis's own marker is read and written; the caller owns the connection. */
export interface EpochMarker {
  read(): Promise<string | null>;
  write(epoch: string): Promise<void>;
}

export interface EpochCheck {
  /** The epoch Redis and Postgres agree on now. */
  epoch: string;
  /** Waiting rows that needed a new hand-off because Redis lost its data; null if it did not. */
  lost: number | null;
}

/**
 * Remembers which Redis data set this platform filled, as an epoch kept both in Postgres
 * and under a key in Redis. A Redis that restarted empty, was flushed, or failed over to
 * an empty replica no longer holds the marker: every waiting job then needs a new
 * hand-off, and the work is proportional to the unfinished jobs only.
 */
@Injectable()
export class RedisEpochLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Compares the marker with Postgres under an advisory lock (so processes checking at
   * once recover once), and after a loss marks every waiting row for a new hand-off
   * before writing a new marker.
   */
  async reconcile(prefix: string, marker: EpochMarker): Promise<EpochCheck> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`redis-epoch:${prefix}`]);
      const [stored] = await manager.query<Array<{ epoch: string }>>(
        'SELECT epoch FROM redis_epochs WHERE prefix = $1',
        [prefix],
      );
      const current = await marker.read();
      if (stored && current === stored.epoch) {
        return { epoch: current, lost: null };
      }
      let lost: number | null = null;
      if (stored) {
        const [, count] = await manager.query<[unknown[], number]>(HAND_OFF.allLost);
        lost = count;
      }
      // First start against this Redis: adopt a marker that is already there.
      const epoch = !stored && current ? current : randomUUID();
      if (epoch !== current) {
        await marker.write(epoch);
      }
      await manager.query(
        `INSERT INTO redis_epochs (prefix, epoch) VALUES ($1, $2)
         ON CONFLICT (prefix) DO UPDATE SET epoch = $2, set_at = now()`,
        [prefix, epoch],
      );
      return { epoch, lost };
    });
  }
}
