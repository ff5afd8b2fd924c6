import { IsUUID } from 'class-validator';

/** What a delivery job carries: the job whose status it delivers. */
export class WebhookDeliveryPayload {
  @IsUUID('all', { message: 'job_id must be the UUID of a job' })
  job_id!: string;
}
