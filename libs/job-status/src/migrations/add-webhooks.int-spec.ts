import { randomUUID } from 'node:crypto';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { NotificationRecorder, TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { JOB_STATUS_SCHEMA } from '../job-status.schema';
import { AddWebhooks1764810000000 } from './1764810000000-add-webhooks';
import { PartitionJobStatuses1764850000000 } from './1764850000000-partition-job-statuses';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('migration AddWebhooks1764810000000: the delivery trigger', () => {
  const database = new TestDatabase('webhooks_migration');
  let dataSource: DataSource;
  let listener: NotificationRecorder;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    listener = await NotificationRecorder.listen(database.url, 'jobs_enqueued');
  });
  afterAll(async () => {
    await listener.close();
    await dataSource.destroy();
    await database.drop();
  });

  const insertJob = async (webhook: boolean) => {
    const id = randomUUID();
    await database.query(
      `INSERT INTO job_statuses (id, tenant_id, type, queue, status, payload, max_attempts,
                                 backoff, timeout_ms, webhook_url, webhook_secret)
       VALUES ($1, 'acme', 'sleep', 'default', 'running', '{}', 3, '{"type": "fixed", "delay_ms": 1}',
               1000, $2, $3)`,
      [id, webhook ? 'https://example.com/hooks' : null, webhook ? SECRET : null],
    );
    return id;
  };
  const deliveriesOf = (jobId: string) =>
    database.query<{
      id: string;
      tenant_id: string;
      queue: string;
      status: string;
      max_attempts: number;
      webhook_url: string | null;
    }>(
      `SELECT id, tenant_id, queue, status, max_attempts, webhook_url FROM job_statuses
       WHERE type = 'webhook_delivery' AND payload->>'job_id' = $1`,
      [jobId],
    );

  it('creates one delivery in the transaction that makes the job final, and tells at commit', async () => {
    const jobId = await insertJob(true);
    await database.query("UPDATE job_statuses SET status = 'completed' WHERE id = $1", [jobId]);
    const [delivery, ...others] = await deliveriesOf(jobId);
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({
      tenant_id: 'acme',
      queue: 'webhooks',
      status: 'queued',
      max_attempts: 8,
      // A delivery never has a webhook of its own.
      webhook_url: null,
    });
    expect(await listener.until(delivery.id)).toContain(delivery.id);

    // Later writes of the final row (no change of status) deliver nothing more.
    await database.query("UPDATE job_statuses SET progress = '100' WHERE id = $1", [jobId]);
    expect(await deliveriesOf(jobId)).toHaveLength(1);
  });

  it('creates nothing when the transaction rolls back, nor for a job without a webhook', async () => {
    const rolledBack = await insertJob(true);
    await dataSource
      .transaction(async (manager) => {
        await manager.query("UPDATE job_statuses SET status = 'failed' WHERE id = $1", [
          rolledBack,
        ]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await deliveriesOf(rolledBack)).toEqual([]);

    const plain = await insertJob(false);
    await database.query("UPDATE job_statuses SET status = 'cancelled' WHERE id = $1", [plain]);
    expect(await deliveriesOf(plain)).toEqual([]);
  });

  it('refuses a URL without a secret, and takes webhooks in jobs_enqueue()', async () => {
    await expect(
      database.query(`UPDATE job_statuses SET webhook_url = 'https://example.com' WHERE id = $1`, [
        await insertJob(false),
      ]),
    ).rejects.toThrow('job_statuses_webhook_check');
    await dataSource.query(
      'INSERT INTO job_types VALUES (\'sleep\', \'default\', 3, \'{"type": "fixed", "delay_ms": 1}\', 1000)',
    );
    const [{ id }] = await database.query<{ id: string }>(
      `SELECT jobs_enqueue('sleep', '{}', '{"queue": "webhooks"}') AS id`,
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('removes its objects on the way down, and adds them again on the way up', async () => {
    const migration = new AddWebhooks1764810000000();
    // The partitioning that came later refers to webhook_deliveries: undone first, redone
    // last, each in a transaction of its own, as the migrations run (it locks the table).
    const later = new PartitionJobStatuses1764850000000();
    const runner = dataSource.createQueryRunner();
    const inTransaction = async (step: () => Promise<void>) => {
      await runner.startTransaction();
      await step();
      await runner.commitTransaction();
    };
    try {
      await inTransaction(() => later.down(runner));
      await migration.down(runner);
      await expect(
        database.query(`SELECT jobs_enqueue('sleep', '{}', '{"queue": "webhooks"}')`),
      ).rejects.toThrow('queue "webhooks" is not a queue');
      await migration.up(runner);
      await inTransaction(() => later.up(runner));
    } finally {
      await runner.release();
    }
    expect(
      await database.query("SELECT to_regclass('webhook_deliveries') IS NOT NULL AS t"),
    ).toEqual([{ t: true }]);
  });
});
