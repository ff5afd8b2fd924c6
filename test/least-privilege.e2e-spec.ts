import { randomBytes } from 'node:crypto';
import { TestPlatform } from '@lib/testing';
import { Client, escapeIdentifier } from 'pg';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const suffix = randomBytes(4).toString('hex');
const OWNER = `jobs_test_owner_${suffix}`;
const APP = `jobs_test_app_${suffix}`;

const asRole = (role: string, database: string) =>
  SERVER.replace(/^(postgres(?:ql)?:\/\/)[^@/]*@?/, `$1${role}@`) + `/${database}`;

async function run(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('running the apps with data rights only', () => {
  const platform = new TestPlatform('least-privilege');
  const database = platform.database.name;

  beforeAll(async () => {
    // The README's recipe: an owner that may create the database, an app role granted
    // data rights on whatever the owner creates in it.
    await run(`${SERVER}/postgres`, `CREATE ROLE ${OWNER} LOGIN CREATEDB`);
    await run(`${SERVER}/postgres`, `CREATE ROLE ${APP} LOGIN`);
    await run(asRole(OWNER, 'postgres'), `CREATE DATABASE ${escapeIdentifier(database)}`);
    await run(
      asRole(OWNER, database),
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public
         GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP};
       ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP}`,
    );
  });

  afterAll(async () => {
    await platform.stop();
    await run(`${SERVER}/postgres`, `DROP ROLE IF EXISTS ${APP}`);
    await run(`${SERVER}/postgres`, `DROP ROLE IF EXISTS ${OWNER}`);
  });

  it('migrates as DATABASE_MIGRATION_URL and creates jobs as a role that cannot create a table', async () => {
    await platform.start('api', {
      API_AUTH: 'off',
      DATABASE_URL: asRole(APP, database),
      DATABASE_MIGRATION_URL: asRole(OWNER, database),
    });
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    const [row] = await platform.database.query<{ owner: string; status: string }>(
      `SELECT tableowner AS owner, (SELECT status FROM job_statuses WHERE id = $1) AS status
         FROM pg_tables WHERE tablename = 'job_statuses'`,
      [id],
    );
    expect(row).toEqual({ owner: OWNER, status: 'queued' });
    await expect(run(asRole(APP, database), 'CREATE TABLE intruder (id int)')).rejects.toThrow(
      'permission denied for schema public',
    );
  });
});
