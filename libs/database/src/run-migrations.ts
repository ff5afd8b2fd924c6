import type { DataSource, Migration } from 'typeorm';

// Any fixed 64-bit key; only processes of this platform take it.
const MIGRATION_LOCK_KEY = '7285301944120173';

/**
 * Applies pending migrations while holding a Postgres advisory lock, so that an API,
 * workers and schedulers starting together apply each migration exactly once.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}
