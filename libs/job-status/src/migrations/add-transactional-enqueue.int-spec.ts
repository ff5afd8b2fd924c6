import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { JOB_STATUS_SCHEMA } from '../job-status.schema';
import { AddTransactionalEnqueue1764400000000 } from './1764400000000-add-transactional-enqueue';

describe('migration AddTransactionalEnqueue1764400000000', () => {
  const database = new TestDatabase('enqueue_migration');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const objects = () =>
    database.query(
      `SELECT to_regclass('job_types') IS NOT NULL AS table,
              (SELECT array_agg(proname::text ORDER BY proname) FROM pg_proc
                 WHERE proname LIKE 'jobs_enqueue%') AS functions`,
    );

  it('removes the table and the functions on the way down, and adds them again on the way up', async () => {
    const migration = new AddTransactionalEnqueue1764400000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await objects()).toEqual([{ table: false, functions: null }]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await objects()).toEqual([
      {
        table: true,
        functions: ['jobs_enqueue', 'jobs_enqueue_integer', 'jobs_enqueue_options'],
      },
    ]);
  });
});
