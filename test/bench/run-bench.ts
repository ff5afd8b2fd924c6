// `npm run bench`: the platform side by side with anchors that do the same work without it
// (raw BullMQ, a bare node:http server, psql), each measure run BENCH_REPEATS times (3),
// then one table of medians and ratios. Figures only, nothing asserted: on a shared 2-core
// machine timings are too noisy to gate on. BENCH_ONLY=processing,create runs a subset;
// BENCH_ONLY=backends compares the queues in Postgres (QUEUE_BACKEND=postgres) with Redis.
import { BenchRun } from './bench-run';
import { readBenchSettings } from './bench-settings';
import { loadAverages } from './machine';
import type { Measure } from './measure';
import { bulkCreate } from './measures/bulk-create.measure';
import { createAndProcess } from './measures/create-and-process.measure';
import { dataImport } from './measures/data-import.measure';
import { jobHistoryRead } from './measures/job-history-read.measure';
import { jobStatusRead } from './measures/job-status-read.measure';
import { pickUpLatency } from './measures/pick-up-latency.measure';
import { queueBackends } from './measures/queue-backends.measure';
import { createThenDrain } from './measures/create-then-drain.measure';
import type { ResultRow } from './result-row';
import { resultsTable } from './results-table';

const MEASURES: readonly Measure[] = [
  createThenDrain,
  bulkCreate,
  createAndProcess,
  jobStatusRead,
  jobHistoryRead,
  dataImport,
  pickUpLatency,
  queueBackends,
];

/** Each measure that BENCH_ONLY asks for, with the names of it asked for (all when unset). */
function selected(only: readonly string[] | null): Array<[Measure, string[]]> {
  const known = MEASURES.flatMap((measure) => measure.names);
  const unknown = only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) {
    console.error(`Unknown measure "${unknown[0]}" in BENCH_ONLY. Known: ${known.join(', ')}.`);
    process.exit(1);
  }
  return MEASURES.map((measure): [Measure, string[]] => [
    measure,
    measure.names.filter((name) => only === null || only.includes(name)),
  ]).filter(([, names]) => names.length > 0);
}

// Before anything starts: a misspelt BENCH_ONLY should cost nothing.
const measures = selected(readBenchSettings().only);

BenchRun.main(async (run) => {
  const rows: ResultRow[] = [];
  const startedAt = Date.now();
  for (const [measure, names] of measures) {
    rows.push(...(await measure.run(run, names)));
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
  console.log(`\nmedians of ${run.settings.repeats} runs; ratio = platform / anchor\n`);
  console.log(resultsTable(rows));
  // Another process busy on the machine meanwhile shows here, and makes the figures suspect.
  console.log(`\nmeasured in ${seconds} s; load at the end: ${loadAverages()}`);
});
