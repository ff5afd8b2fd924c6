/** What one bench run does, read once from the BENCH_* environment variables. */
export interface BenchSettings {
  /** Jobs (or requests) per throughput measure (BENCH_JOBS, default 20 000). */
  jobs: number;
  /** Runs of each measure; the table shows their median (BENCH_REPEATS, default 3). */
  repeats: number;
  /** Names of the measures to run (BENCH_ONLY, comma-separated); all when unset. */
  only: readonly string[] | null;
  /** Rows of the CSV that data_import loads (BENCH_IMPORT_ROWS, default 200 000). */
  importRows: number;
  /** How long create + process runs, in ms (BENCH_STEADY_MS, default 10 000). */
  steadyMs: number;
  /** Jobs created per second while pick-up latency is measured (BENCH_PICKUP_RATE, 200). */
  pickUpRate: number;
  /** How long pick-up latency is measured, in ms (BENCH_PICKUP_MS, default 10 000). */
  pickUpMs: number;
  /** Jobs the memory soak pushes through (BENCH_SOAK_JOBS, default 1 000 000). */
  soakJobs: number;
  /** Rows seeded for the history reads (BENCH_HISTORY_ROWS, default 1 000 000). */
  historyRows: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${text}".`);
  }
  return value;
}

export function readBenchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const only = env.BENCH_ONLY?.trim();
  return {
    jobs: positiveInteger(env, 'BENCH_JOBS', 20_000),
    repeats: positiveInteger(env, 'BENCH_REPEATS', 3),
    only: only ? only.split(',').map((name) => name.trim()) : null,
    importRows: positiveInteger(env, 'BENCH_IMPORT_ROWS', 200_000),
    steadyMs: positiveInteger(env, 'BENCH_STEADY_MS', 10_000),
    pickUpRate: positiveInteger(env, 'BENCH_PICKUP_RATE', 200),
    pickUpMs: positiveInteger(env, 'BENCH_PICKUP_MS', 10_000),
    soakJobs: positiveInteger(env, 'BENCH_SOAK_JOBS', 1_000_000),
    historyRows: positiveInteger(env, 'BENCH_HISTORY_ROWS', 1_000_000),
  };
}
