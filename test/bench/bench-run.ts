import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisServer } from '@lib/testing';
import { RawBullmq } from './anchors/raw-bullmq';
import { BenchPlatform } from './bench-platform';
import type { BenchPlatformOptions } from './bench-platform';
import type { BenchSettings } from './bench-settings';
import { readBenchSettings } from './bench-settings';
import { describeMachine } from './machine';
import type { BenchContext } from './measure';
import type { Figures } from './median-of-runs';
import { medianOfRuns } from './median-of-runs';

/**
 * Everything one bench invocation owns: its private Redis, a scratch directory, and the
 * platforms it starts. `end()` removes them all, also when the run is interrupted.
 */
export class BenchRun implements BenchContext {
  private readonly platforms = new Set<BenchPlatform>();
  readonly scratchDir = mkdtempSync(join(tmpdir(), 'jobs-bench-'));

  private constructor(
    readonly settings: BenchSettings,
    readonly redis: RedisServer,
  ) {}

  /**
   * A bench entry point: begins a run with the BENCH_* settings, prints the machine, runs
   * `body`, ends the run, and exits 0, or 1 with the error.
   */
  static main(body: (run: BenchRun) => Promise<void>): void {
    const whole = async () => {
      const run = await BenchRun.begin(readBenchSettings());
      try {
        console.log(await describeMachine(run.redis));
        await body(run);
      } finally {
        await run.end();
      }
    };
    whole().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  }

  /** Starts the private Redis; Ctrl-C or SIGTERM then ends the run cleanly. */
  static async begin(settings: BenchSettings): Promise<BenchRun> {
    const run = new BenchRun(settings, await RedisServer.start());
    // The private Redis and the apps are processes of their own: a bench that dies
    // without ending its run would leave them running.
    const endThenExit = (code: number, why: unknown) => {
      console.error(why, "\nStopping the bench's processes and removing its databases.");
      void run.end().finally(() => process.exit(code));
    };
    process.once('SIGINT', (signal) => endThenExit(130, signal));
    process.once('SIGTERM', (signal) => endThenExit(143, signal));
    process.once('uncaughtException', (error) => endThenExit(1, error));
    return run;
  }

  async onPlatform<T>(
    label: string,
    body: (platform: BenchPlatform) => Promise<T>,
    options?: BenchPlatformOptions,
  ): Promise<T> {
    const platform = new BenchPlatform(label, this.redis.url, this.scratchDir, options);
    // Kept to the end too: destroying a platform twice is harmless, forgetting one is not.
    this.platforms.add(platform);
    try {
      return await body(platform);
    } finally {
      await platform.destroy();
    }
  }

  async onRawBullmq<T>(body: (raw: RawBullmq) => Promise<T>): Promise<T> {
    const raw = new RawBullmq(this.redis.url);
    try {
      return await body(raw);
    } finally {
      await raw.destroy();
    }
  }

  repeat<Name extends string>(
    what: string,
    once: () => Promise<Figures<Name>>,
  ): Promise<Figures<Name>> {
    const { repeats } = this.settings;
    return medianOfRuns(repeats, async (run) => {
      this.progress(`${what}, run ${run}/${repeats}`);
      const figures = await once();
      // Each run's figures, so that the spread behind a median can be seen.
      const shown = (value: number | null) =>
        value === null ? 'n/a' : value.toFixed(Math.abs(value) >= 100 ? 0 : 2);
      const each = Object.entries<number | null>(figures).map(
        ([name, value]) => `${name} ${shown(value)}`,
      );
      this.progress(`${what}, run ${run}/${repeats}: ${each.join(', ')}`);
      return figures;
    });
  }

  progress(line: string): void {
    console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  }

  async end(): Promise<void> {
    await Promise.allSettled([...this.platforms].map((platform) => platform.destroy()));
    await this.redis.kill();
    rmSync(this.scratchDir, { recursive: true, force: true });
  }
}
