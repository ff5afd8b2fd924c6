import { quotedIdentifier } from '@lib/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// What a delivery gets when no worker has written the webhook_delivery row of job_types yet
// (WEBHOOK_RETRY_BASE_MS's default): 8 attempts, 15 min doubling, capped at a day.
const FALLBACK_BACKOFF = '{"type": "exponential", "delay_ms": 900000, "max_delay_ms": 86400000}';

/**
 * Webhooks: a job may carry an endpoint and a Standard Webhooks secret. When it reaches a
 * final status, a trigger creates its delivery (a `webhook_delivery` job on the `webhooks`
 * queue) in the same transaction, so no crash can lose it, and notifies `jobs_enqueued` at
 * commit so that the hand-off sweep queues it at once. Each attempt is kept in
 * webhook_deliveries.
 */
export class AddWebhooks1764810000000 implements MigrationInterface {
  name = 'AddWebhooks1764810000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE job_statuses ADD COLUMN webhook_url text, ADD COLUMN webhook_secret text,
        ADD CONSTRAINT job_statuses_webhook_check
          CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))`);
    await runner.query(`
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES job_statuses (id) ON DELETE CASCADE,
        delivery_id uuid NOT NULL,
        webhook_id text NOT NULL,
        attempt int NOT NULL,
        url text NOT NULL,
        attempted_at timestamptz NOT NULL,
        duration_ms int NOT NULL,
        status_code int,
        error text
      )`);
    await runner.query(
      'CREATE INDEX webhook_deliveries_job_idx ON webhook_deliveries (job_id, id)',
    );
    await runner.query(
      `COMMENT ON TABLE webhook_deliveries IS 'Every attempt to deliver a job''s webhook: ` +
        `when, to where (redacted), the HTTP status or the error, and how long it took.'`,
    );
    const [{ schema }] = (await runner.query('SELECT current_schema() AS schema')) as [
      { schema: string },
    ];
    await runner.query(`
      CREATE FUNCTION job_statuses_webhook_delivery() RETURNS trigger
      LANGUAGE plpgsql SET search_path = ${quotedIdentifier(schema)}, pg_temp AS $fn$
      DECLARE
        delivery_id uuid := gen_random_uuid();
      BEGIN
        -- The defaults come from the webhook_delivery row every worker writes at start-up.
        INSERT INTO job_statuses (id, tenant_id, type, queue, priority, status, payload,
          attempts, max_attempts, backoff, timeout_ms)
        SELECT delivery_id, NEW.tenant_id, 'webhook_delivery',
          coalesce(t.default_queue, 'webhooks'), 0, 'queued',
          jsonb_build_object('job_id', NEW.id), 0, coalesce(t.max_attempts, 8),
          coalesce(t.backoff, '${FALLBACK_BACKOFF}'), coalesce(t.timeout_ms, 60000)
        FROM (SELECT 1) AS one LEFT JOIN job_types AS t ON t.type = 'webhook_delivery';
        -- Delivered at commit only, with the status that caused it.
        PERFORM pg_notify('jobs_enqueued', delivery_id::text);
        RETURN NULL;
      END
      $fn$`);
    // The WHEN clause keeps jobs without a webhook (deliveries among them) free of any cost.
    await runner.query(`
      CREATE TRIGGER job_statuses_webhook AFTER UPDATE OF status ON job_statuses
        FOR EACH ROW
        WHEN (NEW.webhook_url IS NOT NULL AND OLD.status IS DISTINCT FROM NEW.status
              AND NEW.status IN ('completed', 'failed', 'cancelled'))
        EXECUTE FUNCTION job_statuses_webhook_delivery()`);
    await this.replaceQueues(runner, "'etl']", "'etl', 'webhooks']");
  }

  async down(runner: QueryRunner): Promise<void> {
    await this.replaceQueues(runner, "'etl', 'webhooks']", "'etl']");
    await runner.query('DROP TRIGGER job_statuses_webhook ON job_statuses');
    await runner.query('DROP FUNCTION job_statuses_webhook_delivery()');
    await runner.query('DROP TABLE webhook_deliveries');
    await runner.query(`
      ALTER TABLE job_statuses DROP CONSTRAINT job_statuses_webhook_check,
        DROP COLUMN webhook_url, DROP COLUMN webhook_secret`);
  }

  // jobs_enqueue_options() lists the queues it accepts. Its definition is edited in place
  // rather than written out again: only the list changes, and a copy could drift from it.
  private async replaceQueues(runner: QueryRunner, from: string, to: string): Promise<void> {
    await runner.query(`
      DO $do$
      DECLARE
        definition text := pg_get_functiondef('jobs_enqueue_options(jsonb)'::regprocedure);
      BEGIN
        IF position(${literal(from)} IN definition) = 0 THEN
          RAISE EXCEPTION 'jobs_enqueue_options() does not list its queues as expected';
        END IF;
        EXECUTE replace(definition, ${literal(from)}, ${literal(to)});
      END
      $do$`);
  }
}

// Our own constants only: DO blocks take no parameters.
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;
