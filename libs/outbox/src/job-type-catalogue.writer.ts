import { PlatformConfig } from '@lib/config';
import { JobRegistry } from '@lib/jobs';
import { Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { jobTypeEntry } from './job-type-entry';

// Rows go in type order: apps starting together then lock them in the same order and cannot
// deadlock. A row already up to date is not rewritten, so updated_at says when it last changed.
const UPSERT = `
  INSERT INTO job_types (type, default_queue, max_attempts, backoff, timeout_ms)
  SELECT entry.type, entry.default_queue, entry.max_attempts, entry.backoff, entry.timeout_ms
  FROM jsonb_to_recordset($1::jsonb)
    AS entry(type text, default_queue text, max_attempts int, backoff jsonb, timeout_ms int)
  ORDER BY entry.type
  ON CONFLICT (type) DO UPDATE SET
    default_queue = EXCLUDED.default_queue,
    max_attempts = EXCLUDED.max_attempts,
    backoff = EXCLUDED.backoff,
    timeout_ms = EXCLUDED.timeout_ms,
    updated_at = now()
  WHERE (job_types.default_queue, job_types.max_attempts, job_types.backoff, job_types.timeout_ms)
    IS DISTINCT FROM
    (EXCLUDED.default_queue, EXCLUDED.max_attempts, EXCLUDED.backoff, EXCLUDED.timeout_ms)`;

/**
 * Writes every registered job type and its defaults to `job_types` when the app starts, so
 * that jobs_enqueue() knows the same types and applies the same defaults as the API. Types
 * no longer registered are kept: during a rolling deploy older apps may still run them.
 */
@Injectable()
export class JobTypeCatalogueWriter implements OnApplicationBootstrap {
  constructor(
    private readonly registry: JobRegistry,
    private readonly config: PlatformConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.write();
  }

  /** Upserts one row per registered job type. */
  async write(): Promise<void> {
    const entries = this.registry
      .types()
      .map((type) => jobTypeEntry(this.registry.get(type), this.config.jobs.maxTimeoutMs));
    await this.dataSource.query(UPSERT, [JSON.stringify(entries)]);
  }
}
