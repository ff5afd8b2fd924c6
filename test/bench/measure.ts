import type { RedisServer } from '@lib/testing';
import type { BenchPlatform, BenchPlatformOptions } from './bench-platform';
import type { BenchSettings } from './bench-settings';
import type { ResultRow } from './result-row';

/** What every measure is given: the settings, the bench's own Redis, a place for files. */
export interface BenchContext {
  settings: BenchSettings;
  /** A private redis-server for the whole run: its counters see the bench's traffic only. */
  redis: RedisServer;
  /** A directory removed after the run. */
  scratchDir: string;
  /** A fresh platform (database, prefix) on the bench's Redis; `destroy()` it after use. */
  platform(label: string, options?: BenchPlatformOptions): BenchPlatform;
  /** Says what the bench is doing, on stderr, so that stdout holds only the results. */
  progress(line: string): void;
}

/** One side-by-side comparison: the platform against an anchor doing the same work. */
export interface Measure {
  /** What BENCH_ONLY selects it by. */
  readonly name: string;
  run(context: BenchContext): Promise<ResultRow[]>;
}
