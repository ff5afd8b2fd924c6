import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateQueuePauses1764840000000 implements MigrationInterface {
  name = 'CreateQueuePauses1764840000000';

  // BullMQ keeps a queue's pause flag in Redis only: a Redis that lost its data would run
  // a paused queue again. Postgres keeps it too, and recovery puts it back (see QueuePauseSync).
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE queue_pauses (
        prefix text NOT NULL,
        queue text NOT NULL,
        paused_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (prefix, queue)
      )`);
    await runner.query(
      `COMMENT ON TABLE queue_pauses IS 'Queues paused with POST /queues/:name/pause, by ` +
        `QUEUE_PREFIX; recovery pauses them again in a Redis that forgot it.'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE queue_pauses');
  }
}
