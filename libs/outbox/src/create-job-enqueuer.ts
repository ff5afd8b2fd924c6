import { PlatformConfig, loadPlatformConfig } from '@lib/config';
import { JobRegistry, JobsModule } from '@lib/jobs';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobEnqueuer } from './job-enqueuer';

export interface CreateJobEnqueuerOptions {
  /**
   * The platform's settings; default: read from the environment like the apps do. The
   * payload checks read TRUNCATE_ALLOWED_TABLES, IMPORT_ALLOWED_TABLES and IMPORT_DIR, and
   * JOB_MAX_TIMEOUT_MS bounds `timeout_ms`: give them the API's values.
   */
  config?: PlatformConfig;
  /** Handed to the job types; checking a payload never uses it, so by default none is connected. */
  dataSource?: DataSource;
}

/** JobsModule with what its job types are constructed with, outside an app. */
@Module({})
class StandaloneJobsModule {
  static of(config: PlatformConfig, dataSource: DataSource): DynamicModule {
    const providers = [
      { provide: PlatformConfig, useValue: config },
      { provide: getDataSourceToken(), useValue: dataSource },
    ];
    // Global, so that JobsModule's job types can inject them as they inject the app's.
    return {
      module: StandaloneJobsModule,
      global: true,
      imports: [JobsModule],
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}

/**
 * A JobEnqueuer for a Node service that is not a Nest app of the platform: the job types of
 * `JOB_TYPES` are built by Nest exactly as in the apps, with nothing started.
 * @throws InvalidConfigError when the environment's settings are invalid
 */
export async function createJobEnqueuer(
  options: CreateJobEnqueuerOptions = {},
): Promise<JobEnqueuer> {
  const config = options.config ?? loadPlatformConfig();
  const dataSource = options.dataSource ?? new DataSource({ type: 'postgres' });
  const context = await NestFactory.createApplicationContext(
    StandaloneJobsModule.of(config, dataSource),
    { logger: false, abortOnError: false },
  );
  const registry = context.get(JobRegistry);
  await context.close();
  return new JobEnqueuer(registry, { maxTimeoutMs: config.jobs.maxTimeoutMs });
}
