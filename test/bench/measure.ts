import type { RedisServer } from '@lib/testing';
import type { RawBullmq } from './anchors/raw-bullmq';
import type { BenchPlatform, BenchPlatformOptions } from './bench-platform';
import type { BenchSettings } from './bench-settings';
import type { Figures } from './median-of-runs';
import type { ResultRow } from './result-row';

/** What every measure is given: the settings, the bench's own Redis, a place for files. */
export interface BenchContext {
  settings: BenchSettings;
  /** A private redis-server for the whole run: its counters see the bench's traffic only. */
  redis: RedisServer;
  /** A directory removed after the run. */
  scratchDir: string;
  /** Runs `body` on a fresh platform (database, prefix), destroyed afterwards. */
  onPlatform<T>(
    label: string,
    body: (platform: BenchPlatform) => Promise<T>,
    options?: BenchPlatformOptions,
  ): Promise<T>;
  /** Runs `body` with raw BullMQ on a fresh prefix, its processes ended afterwards. */
  onRawBullmq<T>(body: (raw: RawBullmq) => Promise<T>): Promise<T>;
  /**
   * Runs `once` BENCH_REPEATS times, saying so as `what, run i/n`; answers each figure's
   * median.
   */
  repeat<Name extends string>(
    what: string,
    once: () => Promise<Figures<Name>>,
  ): Promise<Figures<Name>>;
  /** Says what the bench is doing, on stderr, so that stdout holds only the results. */
  progress(line: string): void;
}

/** Side-by-side comparisons: the platform against an anchor doing the same work. */
export interface Measure {
  /**
   * What BENCH_ONLY selects it by: one name per comparison, several when one pass of the
   * platform serves several of them.
   */
  readonly names: readonly string[];
  /** @param selected those of `names` asked for */
  run(context: BenchContext, selected: readonly string[]): Promise<ResultRow[]>;
}
