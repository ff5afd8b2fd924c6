import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WebhookAttempt } from './webhook-attempt';

interface AttemptRow {
  job_id: string;
  delivery_id: string;
  webhook_id: string;
  attempt: number;
  url: string;
  attempted_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}

/** Reads the delivery attempts of one job, oldest first. */
@Injectable()
export class WebhookAttemptsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every attempt for `jobId`; the caller checks first that the job is the tenant's. */
  async list(jobId: string): Promise<WebhookAttempt[]> {
    const rows = await this.dataSource.query<AttemptRow[]>(
      `SELECT job_id, delivery_id, webhook_id, attempt, url, attempted_at, duration_ms,
              status_code, error
       FROM webhook_deliveries WHERE job_id = $1 ORDER BY id`,
      [jobId],
    );
    return rows.map((row) => ({
      jobId: row.job_id,
      deliveryId: row.delivery_id,
      webhookId: row.webhook_id,
      attempt: row.attempt,
      url: row.url,
      attemptedAt: row.attempted_at,
      durationMs: row.duration_ms,
      statusCode: row.status_code,
      error: row.error,
    }));
  }
}
