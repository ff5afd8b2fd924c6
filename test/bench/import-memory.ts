// `npm run bench:import`: streams a generated CSV of BENCH_IMPORT_ROWS rows (default one
// million) through data_import and prints rows per second and the worker's peak memory,
// to show that memory stays flat however large the source. Prints figures; asserts nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { DAILY_IMPORTS_PAYLOAD } from '@lib/jobs';
import { TestPlatform } from '@lib/testing';
import { CSV_TABLE_COLUMNS, csvChunks } from './csv-rows';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

async function main(): Promise<void> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/csv' });
    Readable.from(csvChunks(ROWS)).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rows.csv`;

  const platform = new TestPlatform('bench-import');
  try {
    await platform.start('api');
    const worker = await platform.start('worker', {
      WORKER_QUEUES: 'etl',
      // The source is on loopback, which the outbound guard refuses unless it is listed.
      OUTBOUND_ALLOWED_HOSTS: new URL(url).host,
    });
    await platform.database.query(`CREATE TABLE daily_imports ${CSV_TABLE_COLUMNS}`);
    const startRss = worker.rssMb();
    let peakRss = startRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, worker.rssMb())), 200);
    const startedAt = Date.now();
    const id = await platform.createJob({
      type: 'data_import',
      // The nightly import's own mapping, reading the generated source.
      payload: { ...DAILY_IMPORTS_PAYLOAD, source: { url }, batch_size: 5000 },
    });
    const job = (await platform.waitForStatus(id, ['completed', 'failed'], 30 * 60_000)) as {
      status: string;
      result: unknown;
      error: unknown;
    };
    clearInterval(sampler);
    const seconds = (Date.now() - startedAt) / 1000;
    console.log(`rows:               ${ROWS}`);
    console.log(`status:             ${job.status} ${JSON.stringify(job.result ?? job.error)}`);
    console.log(
      `import:             ${(ROWS / seconds).toFixed(0)} rows/s (${seconds.toFixed(1)} s)`,
    );
    console.log(
      `worker RSS:         ${startRss.toFixed(0)} MB before, ${peakRss.toFixed(0)} MB peak`,
    );
  } finally {
    await platform.stop();
    server.close();
  }
}

void main();
