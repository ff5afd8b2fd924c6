import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const TIMEOUT_MS = 1500;

/** Postgres answers and every migration this app knows has been applied. */
@Injectable()
export class PostgresHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  check() {
    return this.health
      .check('postgres')
      .attempt(async () => {
        if (await this.dataSource.showMigrations()) {
          throw new Error('migrations are pending (npm run migration:run)');
        }
        return { migrations: 'applied' };
      })
      .withTimeout(TIMEOUT_MS);
  }
}
