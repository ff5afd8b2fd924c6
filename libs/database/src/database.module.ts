import { PlatformConfig } from '@lib/config';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseSchema } from './database-schema';
import { dataSourceOptions, openDataSource } from './open-data-source';

/**
 * Connects an app to DATABASE_URL, creating the database and applying migrations first
 * (as DATABASE_MIGRATION_URL's role when it is set).
 */
@Module({})
export class DatabaseModule {
  static forRoot(schema: DatabaseSchema): DynamicModule {
    // Nest hands dataSourceFactory only what useFactory returned, which it calls first.
    let migrationUrl: string | null = null;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [PlatformConfig],
          useFactory: (config: PlatformConfig) => {
            migrationUrl = config.database.migrationUrl;
            return dataSourceOptions(config.database.url, schema);
          },
          dataSourceFactory: async (options) =>
            openDataSource(options as DataSourceOptions, migrationUrl),
        }),
      ],
    };
  }
}
