import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { dataSourceOptions, openDataSource } from './open-data-source';

describe('openDataSource against Postgres', () => {
  const database = new TestDatabase('open_data_source');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource(
      dataSourceOptions(`${database.url}?application_name=ops`, { migrations: [] }),
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('plans each statement once per connection, keeping what the URL asked for', async () => {
    const connections = await Promise.all(
      [1, 2, 3].map(() =>
        dataSource.query<Array<{ mode: string; name: string }>>(
          "SELECT current_setting('plan_cache_mode') AS mode, current_setting('application_name') AS name",
        ),
      ),
    );
    for (const [row] of connections) {
      expect(row).toEqual({ mode: 'force_generic_plan', name: 'ops' });
    }
  });
});
