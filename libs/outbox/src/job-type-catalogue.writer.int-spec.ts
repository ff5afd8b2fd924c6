import { PlatformConfig, PlatformConfigModule, loadPlatformConfig } from '@lib/config';
import { DatabaseModule } from '@lib/database';
import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { JobRegistry } from '@lib/jobs';
import { TestDatabase } from '@lib/testing';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JobTypeCatalogueWriter } from './job-type-catalogue.writer';
import { OutboxModule } from './outbox.module';

describe('JobTypeCatalogueWriter against Postgres', () => {
  const database = new TestDatabase('catalogue');
  const config = loadPlatformConfig({ DATABASE_URL: database.url });
  let app: TestingModule;

  beforeAll(async () => {
    app = await Test.createTestingModule({
      imports: [
        PlatformConfigModule.forApp('api'),
        DatabaseModule.forRoot(JOB_STATUS_SCHEMA),
        OutboxModule,
      ],
    })
      .overrideProvider(PlatformConfig)
      .useValue(config)
      .compile();
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const catalogue = () =>
    database.query<Record<string, unknown>>(
      'SELECT type, default_queue, max_attempts, backoff, timeout_ms FROM job_types ORDER BY type',
    );
  const writerWith = (settings: PlatformConfig) =>
    new JobTypeCatalogueWriter(
      app.get(JobRegistry),
      settings,
      app.get<DataSource>(getDataSourceToken()),
    );

  it('writes every registered job type with its defaults when the app starts', async () => {
    expect(app.get(JobRegistry).types()).toEqual([
      'data_import',
      'sleep',
      'sql_transform',
      'truncate_table',
    ]);
    const backoff = { type: 'exponential', delay_ms: 1000, max_delay_ms: 3_600_000 };
    expect(await catalogue()).toEqual([
      {
        type: 'data_import',
        default_queue: 'etl',
        max_attempts: 3,
        backoff,
        timeout_ms: 7_200_000,
      },
      { type: 'sleep', default_queue: 'default', max_attempts: 3, backoff, timeout_ms: 900_000 },
      {
        type: 'sql_transform',
        default_queue: 'etl',
        max_attempts: 3,
        backoff,
        timeout_ms: 3_600_000,
      },
      {
        type: 'truncate_table',
        default_queue: 'default',
        max_attempts: 3,
        backoff,
        timeout_ms: 900_000,
      },
    ]);
  });

  it('caps each default timeout at JOB_MAX_TIMEOUT_MS, as the dispatcher does', async () => {
    await writerWith(loadPlatformConfig({ JOB_MAX_TIMEOUT_MS: '60000' })).write();
    expect((await catalogue()).map((entry) => entry.timeout_ms)).toEqual([
      60_000, 60_000, 60_000, 60_000,
    ]);
    await writerWith(config).write();
  });

  it('rewrites a changed default and leaves rows already up to date untouched', async () => {
    const old = new Date('2000-01-01T00:00:00Z');
    await database.query(`UPDATE job_types SET updated_at = $1`, [old]);
    await database.query(`UPDATE job_types SET max_attempts = 9 WHERE type = 'sleep'`);

    await writerWith(config).write();

    const rows = await database.query<{ type: string; max_attempts: number; updated_at: Date }>(
      'SELECT type, max_attempts, updated_at FROM job_types ORDER BY type',
    );
    expect(rows.map((row) => [row.type, row.max_attempts, row.updated_at > old])).toEqual([
      ['data_import', 3, false],
      ['sleep', 3, true],
      ['sql_transform', 3, false],
      ['truncate_table', 3, false],
    ]);
  });

  it('keeps a type that is no longer registered', async () => {
    await database.query(
      `INSERT INTO job_types (type, default_queue, max_attempts, backoff, timeout_ms)
       VALUES ('retired', 'low', 1, '{"type": "fixed", "delay_ms": 0}', 1000)`,
    );
    await writerWith(config).write();
    expect((await catalogue()).map((entry) => entry.type)).toContain('retired');
  });
});
