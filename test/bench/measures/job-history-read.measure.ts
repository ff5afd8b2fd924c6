import { HISTORY_FILTERS, seedHistory } from '../history-rows';
import type { BenchContext, Measure } from '../measure';
import type { Reading, ResultRow } from '../result-row';
import { percentile } from '../statistics';

// The retention window the rows are spread over (JOB_RETENTION_DAYS's default).
const HISTORY_DAYS = 7;
// Requests timed per route, one in flight per core of the bench machine: latency, not
// throughput, is measured here.
const REQUESTS = 2000;
const IN_FLIGHT = 2;
const WARM_UP = 200;
// The target: each read's p99 within this, in ms, with the rows in the table.
const P99_MS = 50;

/** Times `GET <path>` for each path in turn, IN_FLIGHT at a time; answers each call in ms. */
async function latenciesMs(port: number, paths: readonly string[], calls: number) {
  const timings: number[] = [];
  let next = 0;
  const loop = async () => {
    while (next < calls) {
      const path = paths[next++ % paths.length];
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      await response.arrayBuffer();
      if (response.status !== 200) {
        throw new Error(`GET ${path} answered ${response.status}.`);
      }
      timings.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
  return timings;
}

const ms = (value: number | null): Reading => ({ value, unit: 'ms', digits: 1 });

/**
 * `GET /jobs` under each of its filters and `GET /job-status/:id`, timed over HTTP against
 * the real API with BENCH_HISTORY_ROWS rows spread over the partitions of a week. One run,
 * not BENCH_REPEATS: seeding ten million rows takes far longer than the reads.
 */
export const jobHistoryRead: Measure = {
  names: ['history'],
  run: (context: BenchContext) =>
    context.onPlatform('history', async (platform): Promise<ResultRow[]> => {
      const rows = context.settings.historyRows;
      await platform.start('api');
      const seedMs = await seedHistory(platform.database, rows, HISTORY_DAYS, (line) =>
        context.progress(line),
      );
      context.progress(`history: ${rows} rows seeded in ${Math.round(seedMs / 1000)} s`);
      const [{ partitions }] = await platform.database.query<{ partitions: number }>(
        `SELECT count(*)::int AS partitions FROM pg_inherits
         WHERE inhparent = 'job_statuses'::regclass`,
      );
      const sample = await platform.database.query<{ id: string }>(
        `SELECT id FROM job_statuses TABLESAMPLE SYSTEM (1) LIMIT ${REQUESTS}`,
      );
      const routes: Array<[string, string[]]> = [
        ['GET /jobs', ['/jobs']],
        ...Object.entries(HISTORY_FILTERS).map(([name, value]): [string, string[]] => [
          `GET /jobs?${name}=${value}`,
          [`/jobs?${name}=${value}`],
        ]),
        ['GET /job-status/:id', sample.map(({ id }) => `/job-status/${id}`)],
      ];
      const port = platform.apiPort();
      const table: ResultRow[] = [];
      for (const [route, paths] of routes) {
        await latenciesMs(port, paths, WARM_UP);
        const timings = await latenciesMs(port, paths, REQUESTS);
        for (const p of [50, 99]) {
          table.push({
            measure: `${route} p${p}, ${rows} rows, ${partitions} partitions, ${IN_FLIGHT} in flight`,
            platform: ms(percentile(timings, p)),
            anchor: null,
            target: p === 99 ? { atMost: P99_MS } : null,
          });
        }
      }
      return table;
    }),
};
