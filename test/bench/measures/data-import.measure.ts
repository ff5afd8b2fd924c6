import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAILY_IMPORTS_PAYLOAD } from '@lib/jobs';
import { FixtureServer, waitFor } from '@lib/testing';
import { copyThenUpsert } from '../anchors/copy-upsert';
import type { BenchPlatform } from '../bench-platform';
import { CSV_TABLE_COLUMNS, csvLines } from '../csv-rows';
import type { BenchContext, Measure } from '../measure';
import type { Figures } from '../median-of-runs';

// The nightly import's own table and mapping; the anchor loads a table of the same shape.
const TABLE = 'daily_imports';
const ANCHOR_TABLE = 'anchor_imports';

interface ImportJobRow {
  status: string;
  seconds: number | null;
  error: unknown;
}

/**
 * Creates a data_import of `url` with the nightly import's mapping and waits until it is
 * final. Answers the seconds from its start to its end as Postgres recorded them (no
 * worker start-up in them), or null when it failed.
 */
async function timedImport(context: BenchContext, platform: BenchPlatform, url: string) {
  const response = await fetch(`http://127.0.0.1:${platform.apiPort()}/create-jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'data_import',
      payload: { ...DAILY_IMPORTS_PAYLOAD, source: { url } },
    }),
  });
  if (response.status !== 202) {
    throw new Error(
      `POST /create-jobs of a data_import answered ${response.status}: ${await response.text()}`,
    );
  }
  const { job_id: id } = (await response.json()) as { job_id: string };
  const job = await waitFor(
    `data_import job ${id} to finish`,
    async () =>
      (
        await platform.database.query<ImportJobRow>(
          `SELECT status, error, extract(epoch FROM finished_at - started_at)::float8 AS seconds
             FROM job_statuses WHERE id = $1`,
          [id],
        )
      )[0],
    (row) => row.status === 'completed' || row.status === 'failed',
    { timeoutMs: 30 * 60_000, intervalMs: 200 },
  );
  if (job.status !== 'completed') {
    context.progress(`data_import failed: ${JSON.stringify(job.error)}`);
    return null;
  }
  return job.seconds;
}

/**
 * One run: the platform importing the CSV from a local HTTP server into an empty table;
 * then, the apps stopped, the anchor loading the same file into an empty table of the
 * same shape. Rows per second.
 */
const once = (context: BenchContext, url: string, csvFile: string) =>
  context.onPlatform('import', async (platform): Promise<Figures<'platform' | 'raw'>> => {
    const rows = context.settings.importRows;
    await platform.start('api');
    await platform.start('worker', {
      IMPORT_ALLOWED_TABLES: `public.${TABLE}`,
      // The source is on loopback, which the outbound guard refuses unless it is listed.
      OUTBOUND_ALLOWED_HOSTS: new URL(url).host,
    });
    await platform.database.query(`CREATE TABLE ${TABLE} ${CSV_TABLE_COLUMNS}`);
    const seconds = await timedImport(context, platform, url);
    await platform.stop('worker');
    await platform.stop('api');
    await platform.database.query(`CREATE TABLE ${ANCHOR_TABLE} ${CSV_TABLE_COLUMNS}`);
    const { url: databaseUrl } = platform.database;
    const anchorSeconds = await copyThenUpsert(
      databaseUrl,
      ANCHOR_TABLE,
      csvFile,
      context.scratchDir,
    );
    return { platform: seconds === null ? null : rows / seconds, raw: rows / anchorSeconds };
  });

export const dataImport: Measure = {
  names: ['import'],
  async run(context) {
    const rows = context.settings.importRows;
    const csv = [...csvLines(rows)].join('');
    const csvFile = join(context.scratchDir, 'rows.csv');
    writeFileSync(csvFile, csv);
    const source = await new FixtureServer().start();
    try {
      const url = source.serve('/rows.csv', csv);
      const figures = await context.repeat(`data_import: ${rows} rows`, () =>
        once(context, url, csvFile),
      );
      return [
        {
          measure: `data_import of ${rows} CSV rows (vs \\copy + INSERT … ON CONFLICT)`,
          platform: { value: figures.platform, unit: 'rows/s' },
          anchor: { value: figures.raw, unit: 'rows/s' },
          target: { atLeastRatio: 0.6 },
        },
      ];
    } finally {
      await source.stop();
    }
  },
};
