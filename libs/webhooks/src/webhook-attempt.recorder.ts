import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WebhookAttempt } from './webhook-attempt';

const INSERT = `
  INSERT INTO webhook_deliveries (job_id, delivery_id, webhook_id, attempt, url, attempted_at,
                                  duration_ms, status_code, error)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/** Keeps every delivery attempt, for `GET /job-status/:id/deliveries`. */
@Injectable()
export class WebhookAttemptRecorder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(attempt: WebhookAttempt): Promise<void> {
    await this.dataSource.query(INSERT, [
      attempt.jobId,
      attempt.deliveryId,
      attempt.webhookId,
      attempt.attempt,
      attempt.url,
      attempt.attemptedAt,
      attempt.durationMs,
      attempt.statusCode,
      attempt.error,
    ]);
  }
}
